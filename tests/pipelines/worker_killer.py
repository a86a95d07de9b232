"""An extraction function for worker processes that dies on a marked page (the way the
OOM killer or a crash in C code ends a worker), for the pool-recovery tests."""
from __future__ import annotations

import os
import signal
from typing import Any

from pipelines.extract_worker import extract_and_pack

MARK = b"<!-- kill the worker -->"


def extract_or_die(body: bytes, *args: Any) -> Any:
    if MARK in body:
        os.kill(os.getpid(), signal.SIGKILL)
    return extract_and_pack(body, *args)
