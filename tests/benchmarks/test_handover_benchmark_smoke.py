"""A tiny run of the hand-over benchmark: both pools, real answers, the report. Figures
only, no timing assertions (the machine's load decides those)."""
from __future__ import annotations

import re

from benchmarks.handover import main


def test_both_pools_hand_every_page_over_and_the_report_compares_them(capsys):
    assert main(["--pages", "4", "--tasks", "40", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    rows = re.findall(r"^1\s+(ProcessPoolExecutor|WorkerPool)\s+(\d+)\s+([\d.]+)\s+([\d.]+)",
                      out, re.M)
    assert sorted(r[0] for r in rows) == ["ProcessPoolExecutor", "WorkerPool"]
    assert all(int(r[1]) > 0 and float(r[2]) > 0 and float(r[3]) > 0 for r in rows)
    assert re.search(r"best total: WorkerPool [\d.]+ against ProcessPoolExecutor [\d.]+", out)
