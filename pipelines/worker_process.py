"""The loop an extraction worker process runs: framed tasks in on one pipe, results out
on another.

Why a process of our own making rather than ProcessPoolExecutor's: see
`pipelines.worker_pool`. The page's bytes travel as they are, the site (the same for
every page of a crawl) only when it changes.

Frames, both ways, start with a fixed header (FRAME_IN / FRAME_OUT): to the worker the
task id, the pickled arguments' length, the raw blob's length and whether the sticky
argument is in the arguments (else the worker reuses the last one it was sent); back, the
task id, whether the call returned (1) or raised (0), and the pickled value's length.

This module imports neither Scrapy nor asyncio: a worker holds only the extractor.
"""
from __future__ import annotations

import importlib
import os
import pickle
import signal
import struct
import sys
import traceback
from typing import Any, Callable

FRAME_IN = struct.Struct("<QIIB")
FRAME_OUT = struct.Struct("<QBI")
#: Pipe capacity asked for (Linux's unprivileged limit is 1 MiB): a worker's queued pages
#: then fit in the pipe, so the crawl's event loop never waits to hand one over.
PIPE_SIZE = 1 << 20
_F_SETPIPE_SZ = 1031
#: True in a worker process (a raised exception's traceback is lost on the way back, so
#: the code it ran adds it as a note).
IN_WORKER = False


def widen_pipe(fd: int) -> None:
    """Ask for PIPE_SIZE bytes of pipe buffer; where that is refused, the default stays
    (writes then go out in more pieces, nothing else changes)."""
    try:
        import fcntl

        fcntl.fcntl(fd, _F_SETPIPE_SZ, PIPE_SIZE)
    except (ImportError, OSError):
        pass


def target_name(fn: Callable[..., Any]) -> str:
    """'module:qualname' of a module-level function, what a worker imports to run it."""
    module, name = getattr(fn, "__module__", None), getattr(fn, "__qualname__", "")
    if not module or "<" in name or module == "__main__":
        raise ValueError(f"a worker can only run a module-level function, not {fn!r}")
    return f"{module}:{name}"


def resolve(name: str) -> Callable[..., Any]:
    module, _, qualname = name.partition(":")
    obj: Any = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def write_all(fd: int, parts: list[bytes]) -> None:
    """os.writev until every byte of parts is written (a pipe takes what fits)."""
    views = [memoryview(p) for p in parts if len(p)]
    while views:
        written = os.writev(fd, views)
        while views and written >= len(views[0]):
            written -= len(views[0])
            views.pop(0)
        if views and written:
            views[0] = views[0][written:]


def read_exactly(stream: Any, size: int) -> bytes | None:
    """size bytes from a buffered stream, or None at end of file (the crawl has gone)."""
    data = stream.read(size)
    if data is None or len(data) < size:
        return None
    return data


def _failure(exc: BaseException) -> bytes:
    """A raised exception, pickled; one that cannot be pickled becomes a RuntimeError
    with its text, so the crawl still learns what went wrong."""
    exc.add_note("in the extraction worker:\n" + traceback.format_exc())
    try:
        return pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"),
                            protocol=pickle.HIGHEST_PROTOCOL)


def serve(read_fd: int, write_fd: int, target: str, sticky_arg: int = -1) -> None:
    """Run target on every task read from read_fd until the crawl closes the pipe (or
    dies: its end of the pipe closes with it, so no worker outlives a killed crawl).

    A task's call is target(blob, *args), with args[sticky_arg] replaced by the last
    sticky value sent when the frame says it was left out.
    """
    # Ctrl-C reaches the whole process group: the crawl decides, and closes our pipe
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global IN_WORKER
    IN_WORKER = True
    fn = resolve(target)
    sticky: Any = None
    dumps, loads = pickle.dumps, pickle.loads
    with os.fdopen(read_fd, "rb", buffering=1 << 16) as tasks:
        while True:
            header = read_exactly(tasks, FRAME_IN.size)
            if header is None:
                return
            task_id, args_len, blob_len, has_sticky = FRAME_IN.unpack(header)
            packed_args = read_exactly(tasks, args_len)
            blob = read_exactly(tasks, blob_len) if blob_len else b""
            if packed_args is None or blob is None:
                return
            try:
                args = loads(packed_args)
                if sticky_arg >= 0:
                    if has_sticky:
                        sticky = args[sticky_arg]
                    else:
                        args = args[:sticky_arg] + (sticky,) + args[sticky_arg:]
                value, returned = dumps(fn(blob, *args), protocol=pickle.HIGHEST_PROTOCOL), 1
            except Exception as exc:
                value, returned = _failure(exc), 0
            del blob, packed_args
            write_all(write_fd, [FRAME_OUT.pack(task_id, returned, len(value)), value])


def main(argv: list[str]) -> None:
    """Entry point: worker_process READ_FD WRITE_FD MODULE:FUNCTION STICKY_ARG."""
    read_fd, write_fd = int(argv[0]), int(argv[1])
    try:
        serve(read_fd, write_fd, argv[2], int(argv[3]))
    except BrokenPipeError:  # the crawl went away while we answered
        pass


if __name__ == "__main__":
    main(sys.argv[1:])
