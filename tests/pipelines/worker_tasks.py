"""Module-level functions for the worker-pool tests to run in worker processes."""
from __future__ import annotations

import hashlib
import os
import signal
import sys
import time
from typing import Any

#: how many times the sticky argument arrived with a task (not reused from an earlier one)
_sticky_seen: list[int] = []


def echo(blob: bytes, *args: Any) -> tuple:
    """What the worker got: the blob's size and digest, the other arguments, its pid."""
    return len(blob), hashlib.sha256(blob).hexdigest(), args, os.getpid()


def modules(blob: bytes) -> list[str]:
    return sorted(m for m in ("scrapy", "twisted", "asyncio") if m in sys.modules)


def fail(blob: bytes, message: str) -> None:
    raise ValueError(message)


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("not picklable")


def fail_unpicklably(blob: bytes) -> None:
    raise Unpicklable("a lock inside")


def die_on(blob: bytes, marker: bytes, delay: float = 0.0) -> int:
    """Sleeps delay, then dies by SIGKILL if the blob is the marker."""
    time.sleep(delay)
    if blob == marker:
        os.kill(os.getpid(), signal.SIGKILL)
    return os.getpid()


def _explode() -> None:
    raise ValueError("cannot be rebuilt here")


class Unreadable:
    """Pickles fine in the worker; unpickling it in the crawl raises."""

    def __reduce__(self):
        return _explode, ()


def unreadable_answer(blob: bytes) -> Any:
    return Unreadable() if blob == b"bad" else len(blob)
