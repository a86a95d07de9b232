"""A pool of extraction worker processes driven by the crawl's own asyncio event loop.

Why: the crawl is bound by the CPU it spends a page over both cores, and the standard
ProcessPoolExecutor spent 0.79-0.84 ms of it on each hand-over, this pool 0.37-0.41
(`benchmarks/handover.py`: a feeder thread pickling the page into a call item, a result
thread unpickling the answer and waking the loop, semaphores around every queue).
Here the loop writes each page's bytes straight into a worker's pipe (widened so that a
worker's queued pages fit, so the write does not wait) and reads answers when its
selector says they are there: no helper threads, no GIL hand-offs between them.

A worker that dies (the OOM killer, a crash in C code) fails only the pages it held,
with WorkerDied, and is replaced at once; the pool goes on. Pages are spread over the
workers with at most 1 + `queued` in each, the rest wait in the pool.
"""
from __future__ import annotations

import asyncio
import collections
import itertools
import logging
import os
import pickle
import subprocess
import sys
from typing import Any, Callable

from pipelines.worker_process import FRAME_IN, FRAME_OUT, target_name, widen_pipe

logger = logging.getLogger(__name__)


class WorkerDied(Exception):
    """The worker process running this task exited before answering."""


class _Worker:
    """One process, its two pipes, and the tasks it holds (task id -> future)."""

    def __init__(self, pool: "WorkerPool") -> None:
        self.pool = pool
        to_worker_r, self.to_worker = os.pipe()
        self.from_worker, from_worker_w = os.pipe()
        for fd in (self.to_worker, self.from_worker):
            widen_pipe(fd)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c", "import sys; from pipelines.worker_process import main; "
                 "main(sys.argv[1:])", str(to_worker_r), str(from_worker_w), pool.target,
                 str(pool.sticky_arg)],
                pass_fds=(to_worker_r, from_worker_w), env=pool.env, stdin=subprocess.DEVNULL)
        except BaseException:
            for fd in (self.to_worker, self.from_worker):
                os.close(fd)
            raise
        finally:
            os.close(to_worker_r)
            os.close(from_worker_w)
        os.set_blocking(self.to_worker, False)
        os.set_blocking(self.from_worker, False)
        self.held: dict[int, asyncio.Future] = {}
        self.sticky_sent: Any = _NOTHING
        self.outbox: collections.deque[memoryview] = collections.deque()
        self.inbox = bytearray()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.alive = True

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """Watch this worker's answers on loop (the loop that submits to it)."""
        if self.loop is loop:
            return
        self.detach()
        self.loop = loop
        loop.add_reader(self.from_worker, self._readable)
        if self.outbox:
            loop.add_writer(self.to_worker, self._writable)

    def detach(self) -> None:
        if self.loop is not None and not self.loop.is_closed():
            self.loop.remove_reader(self.from_worker)
            self.loop.remove_writer(self.to_worker)
        self.loop = None

    def send(self, parts: list[bytes]) -> None:
        parts = [p for p in parts if len(p)]  # an empty view would never be written out
        if not self.outbox:
            try:
                written = os.writev(self.to_worker, parts)
            except BlockingIOError:
                written = 0
            except BrokenPipeError:  # it died; its reader sees the end and says so
                return
            for part in parts:
                if written >= len(part):
                    written -= len(part)
                    continue
                self.outbox.append(memoryview(part)[written:])
                written = 0
            if self.outbox and self.loop is not None:
                self.loop.add_writer(self.to_worker, self._writable)
        else:
            self.outbox.extend(memoryview(p) for p in parts)

    def _writable(self) -> None:
        try:
            while self.outbox:
                written = os.writev(self.to_worker, list(itertools.islice(self.outbox, 64)))
                while written and written >= len(self.outbox[0]):
                    written -= len(self.outbox.popleft())
                if written:
                    self.outbox[0] = self.outbox[0][written:]
        except BlockingIOError:
            return
        except BrokenPipeError:
            self.outbox.clear()
        if self.loop is not None:
            self.loop.remove_writer(self.to_worker)

    def _readable(self) -> None:
        try:
            data = os.read(self.from_worker, 1 << 20)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.pool._died(self)
            return
        inbox = self.inbox
        inbox += data
        header = FRAME_OUT.size
        done = 0
        while len(inbox) - done >= header:
            task_id, returned, size = FRAME_OUT.unpack_from(inbox, done)
            end = done + header + size
            if len(inbox) < end:
                break
            try:
                with memoryview(inbox) as view:
                    value = pickle.loads(view[done + header:end])
            except Exception as exc:  # this page fails; the frames after it are still read
                value, returned = RuntimeError(f"the worker's answer could not be read: "
                                               f"{type(exc).__name__}: {exc}"), 0
            done = end
            future = self.held.pop(task_id, None)
            if future is not None and not future.done():
                if returned:
                    future.set_result(value)
                else:
                    future.set_exception(value)
            self.pool._freed(self)
        if done:
            del inbox[:done]

    def close(self) -> None:
        """End the worker: it exits when it reads the end of its task pipe."""
        self.alive = False
        self.detach()
        for fd in (self.to_worker, self.from_worker):
            try:
                os.close(fd)
            except OSError:
                pass
        self.outbox.clear()

    def reap(self, timeout: float | None) -> None:
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class _Nothing:
    pass


_NOTHING = _Nothing()


class WorkerPool:
    """`await pool.run(blob, *args)` runs target(blob, *args) in a worker process.

    blob (bytes) is sent as it is, the other arguments pickled; args[sticky_arg] (the
    crawl's site) only when it is not the object last sent to that worker. target must
    be a module-level function (the worker imports it). on_death(exit code) is called
    when a worker dies, before its tasks fail with WorkerDied.
    """

    def __init__(self, target: Callable[..., Any], workers: int, queued: int = 6,
                 sticky_arg: int = -1,
                 on_death: Callable[[int | None], None] | None = None) -> None:
        if workers < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.target = target_name(target)
        self.sticky_arg = sticky_arg
        self.per_worker = 1 + max(0, queued)
        self.on_death = on_death
        # the worker imports what the crawl imports, wherever it was started from
        self.env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        self._ids = itertools.count()
        #: (task, blob) of pages no worker has room for yet, oldest first
        self._waiting: collections.deque[tuple[tuple, bytes]] = collections.deque()
        self._closed = False
        self._start_error = ""
        self.workers = [_Worker(self) for _ in range(workers)]

    async def run(self, blob: bytes, *args: Any) -> Any:
        if self._closed:
            raise RuntimeError("the worker pool is shut down")
        if not self.workers:
            raise self._no_workers()
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        task = (next(self._ids), args, future)
        worker = min(self.workers, key=lambda w: len(w.held))
        worker.attach(loop)
        if len(worker.held) < self.per_worker and not self._waiting:
            self._send(worker, task, blob)
        else:
            self._waiting.append((task, blob))
        return await future

    def _send(self, worker: _Worker, task: tuple, blob: bytes) -> None:
        task_id, args, future = task
        has_sticky = 0
        if self.sticky_arg >= 0:
            sticky = args[self.sticky_arg]
            if sticky is worker.sticky_sent:
                args = args[:self.sticky_arg] + args[self.sticky_arg + 1:]
            else:
                worker.sticky_sent, has_sticky = sticky, 1
        packed = pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)
        worker.held[task_id] = future
        worker.send([FRAME_IN.pack(task_id, len(packed), len(blob), has_sticky), packed, blob])

    def _freed(self, worker: _Worker) -> None:
        """A worker answered: give it the longest-waiting page."""
        while self._waiting and worker.alive and len(worker.held) < self.per_worker:
            task, blob = self._waiting.popleft()
            if task[2].done():  # its crawl gave up on it
                continue
            self._send(worker, task, blob)

    def _died(self, worker: _Worker) -> None:
        held = list(worker.held.values())
        worker.held.clear()
        loop = worker.loop
        worker.close()
        code = worker.proc.poll()
        if code is None:
            worker.reap(5)
            code = worker.proc.returncode
        replacement: _Worker | None = None
        if not self._closed:
            index = self.workers.index(worker)
            try:
                self.workers[index] = replacement = _Worker(self)
            except (OSError, subprocess.SubprocessError) as exc:  # out of processes or files
                del self.workers[index]
                self._start_error = f"{type(exc).__name__}: {exc}"
                logger.error("could not start an extraction worker in place of a dead "
                             "one (%s); %d left", self._start_error, len(self.workers))
            if replacement is not None and loop is not None:
                replacement.attach(loop)
            if self.on_death is not None:
                self.on_death(code)
        for future in held:
            if not future.done():
                future.set_exception(WorkerDied(f"the extraction worker exited (code {code}) "
                                                "while it held this page"))
        if replacement is not None:
            self._freed(replacement)
        elif not self.workers:  # nothing left to run the waiting pages
            while self._waiting:
                future = self._waiting.popleft()[0][2]
                if not future.done():
                    future.set_exception(self._no_workers())
        else:
            self._freed(min(self.workers, key=lambda w: len(w.held)))

    def _no_workers(self) -> WorkerDied:
        return WorkerDied(f"no extraction worker could be started ({self._start_error})")

    def shutdown(self, wait: bool = True, timeout: float = 60.0) -> None:
        """Close every worker's pipes (each exits after its current page) and, with wait,
        wait for them; a worker that does not exit within timeout is killed."""
        if self._closed:
            return
        self._closed = True
        for worker in self.workers:
            worker.close()
        for (_, _, future), _ in self._waiting:
            if not future.done() and not future.get_loop().is_closed():
                future.cancel()
        self._waiting.clear()
        for worker in self.workers:
            if wait:
                worker.reap(timeout)
            for future in worker.held.values():
                if not future.done() and not future.get_loop().is_closed():
                    future.cancel()
            worker.held.clear()
