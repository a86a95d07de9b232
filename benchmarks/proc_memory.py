"""Resident memory of a benchmark's own processes, read from /proc.

Why not ``resource.getrusage().ru_maxrss``: Linux carries it across ``exec``. A child
that Python's ``subprocess`` starts (vfork, then exec) begins with its parent's whole
lifetime peak: ``benchmarks/crawl.py`` builds a 50,000-page site in memory (~370 MB)
and then starts each crawl, so the first crawl after a build reported a 366 MB peak
that was the builder's, not the crawl's. ``VmHWM`` is the peak of the process's current
memory map, which exec replaces, so it counts only what the program itself touched.
"""
from __future__ import annotations

import os
import resource


def _status_mb(field: str, pid: int | str) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def rss_mb(pid: int | str = "self") -> float:
    """Resident set size of a process, MB (0.0 when it cannot be read)."""
    return _status_mb("VmRSS:", pid) or 0.0


def peak_rss_mb(pid: int | str = "self") -> float:
    """Peak resident set size of a process since it started its program, MB.

    Without /proc (not Linux) this process's ``ru_maxrss`` is the fallback, with the
    caveat above; another process's peak is then 0.0.
    """
    peak = _status_mb("VmHWM:", pid)
    if peak is not None:
        return peak
    if pid == "self":
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return 0.0


def child_pids(pid: int | str = "self") -> list[int]:
    """The direct children of a process (the crawl's extraction workers)."""
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out.extend(int(x) for x in f.read().split())
    except OSError:
        pass
    return out
