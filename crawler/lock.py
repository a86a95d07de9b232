"""An advisory lock beside the archive, so cron never runs two crawls into one archive.

`flock` is released by the kernel when the process dies, even by SIGKILL, so a crashed
run never leaves a stale lock behind for the next cron tick.
"""
from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from pipelines.errors import ArchiveError


class ArchiveLockedError(ArchiveError):
    """Another crawl holds the archive's lock."""


def _read_holder(fd: int) -> str:
    """The pid written by the lock's holder; it writes just after locking, so a run that
    loses a near-simultaneous start may look before it is there and waits a moment."""
    for _ in range(20):
        holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
        if holder:
            return holder
        time.sleep(0.025)
    return "another process"


class ArchiveLock:
    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(f"{db_path}.lock")
        self._fd: int | None = None

    def acquire(self) -> "ArchiveLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise ArchiveLockedError(
                f"another crawl (pid {holder}) is writing to this archive; lock file {self.path}"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "ArchiveLock":
        return self.acquire()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
