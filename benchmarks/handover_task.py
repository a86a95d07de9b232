"""The worker side of benchmarks/handover.py: a page's answer looked up, not extracted, so
that what a worker spends is the hand-over alone."""
from __future__ import annotations

import os
import pickle
from typing import Any

_answers: dict[str, Any] | None = None


def answer(body: bytes, url: str, *args: Any) -> Any:
    global _answers
    if _answers is None:
        with open(os.environ["HANDOVER_ANSWERS"], "rb") as f:
            _answers = pickle.load(f)
    return _answers[url]
