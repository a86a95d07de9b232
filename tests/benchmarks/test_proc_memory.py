"""The benchmarks' memory figures: a child's peak is its own, not its parent's."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from benchmarks.proc_memory import peak_rss_mb, rss_mb

REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(),
                                reason="reads /proc (Linux); CI runs on Linux")


def test_rss_and_peak_of_this_process() -> None:
    now, peak = rss_mb(), peak_rss_mb()
    assert 5 < now <= peak


def test_peak_grows_with_memory_touched() -> None:
    block = bytearray(200 * 2**20)
    block[::4096] = b"x" * len(range(0, len(block), 4096))
    assert peak_rss_mb() >= rss_mb() > 200
    del block


def test_child_started_after_a_large_parent_reports_its_own_peak() -> None:
    """ru_maxrss survives exec, so a subprocess started by a parent that once held
    300 MB would report 300 MB; VmHWM starts again with the child's program."""
    script = textwrap.dedent(f"""
        import json, resource, subprocess, sys
        sys.path.insert(0, {str(REPO_ROOT)!r})
        block = bytearray(300 * 2**20)
        block[::4096] = b"x" * len(range(0, len(block), 4096))
        del block
        child = ("import json, resource, sys; sys.path.insert(0, {str(REPO_ROOT)!r}); "
                 "from benchmarks.proc_memory import peak_rss_mb; "
                 "print(json.dumps([peak_rss_mb(), "
                 "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))")
        print(subprocess.run([sys.executable, "-c", child], capture_output=True,
                             text=True, check=True).stdout)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    ours, maxrss = json.loads(out)
    assert ours < 100, f"the child's own peak should be small, got {ours:.0f} MB"
    # the artefact this module exists for (if a kernel stops carrying it, this says so)
    assert maxrss > 250


def test_another_process_peak_and_a_missing_one() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        assert 0 < peak_rss_mb(proc.pid) < 100
    finally:
        proc.kill()
        proc.wait()
    assert peak_rss_mb(proc.pid) == 0.0
    assert rss_mb(proc.pid) == 0.0
