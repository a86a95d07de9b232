"""Extraction cost in CPU instructions a page, counted by callgrind: this tree against a git
revision, on the crawl benchmark's pages.

Why instructions and not seconds: this machine is shared and its speed drifts by a
quarter within minutes, so two timed runs of the same code can differ more than the
change being measured. callgrind counts the instructions of the extraction loop alone
(start-up and imports are not counted) and gives the same count to within ~0.3% run
after run. Instructions are not time (cache misses and libxml2's memory traffic weigh
differently), so a change that counts fewer is then confirmed with benchmarks/crawl.py.

    .venv/bin/python benchmarks/extraction_cost.py --base HEAD~3
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def _child(root: str, pages: int) -> None:
    """Runs under callgrind in the tree at root: warm up, then count `pages` pages."""
    sys.path.insert(0, root)
    from benchmarks import crawl_site as cs
    from pipelines.extract_worker import extract_and_pack

    articles = cs.make_articles(max(300, pages))
    base = "http://127.0.0.1:8080"
    site = cs.bench_site_config(base)
    latest = articles[:10]
    bodies = [(cs.render_article(a, articles, latest, base).encode(), base + cs.article_path(a))
              for a in articles[:pages]]
    for body, url in bodies[:10]:  # caches, lazy imports and compiled patterns
        extract_and_pack(body, url, site, "text/html; charset=utf-8", None)
    pid = str(os.getpid())
    subprocess.run(["callgrind_control", "--instr=on", pid], capture_output=True, check=False)
    time.sleep(0.5)  # the switch takes effect at valgrind's next check
    for body, url in bodies:
        extract_and_pack(body, url, site, "text/html; charset=utf-8", None)
    subprocess.run(["callgrind_control", "--instr=off", pid], capture_output=True, check=False)
    time.sleep(0.5)


def count(root: Path, pages: int) -> float:
    """Million instructions a page of extract_and_pack in the tree at root."""
    with tempfile.TemporaryDirectory(prefix="extraction-cost-") as tmp:
        out = Path(tmp) / "callgrind.out"
        cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
               f"--callgrind-out-file={out}", sys.executable, __file__,
               "--child", str(root), "--pages", str(pages)]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=root, check=False)
        text = out.read_text() if out.exists() else ""
        m = re.search(r"^totals:\s+(\d+)", text, re.M)
        if proc.returncode != 0 or not m or int(m.group(1)) == 0:
            raise RuntimeError(f"callgrind run failed in {root}:\n{proc.stderr[-2000:]}")
        return int(m.group(1)) / pages / 1e6


def _build_extensions(tree: Path) -> None:
    """Compile the base's C extensions in its worktree: a fresh checkout has none, and
    without them it runs their Python fallbacks, which counts more than the base costs."""
    proc = subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=tree,
                          capture_output=True, text=True)
    if proc.returncode != 0 or not list(tree.glob("pipelines/store/*.so")):
        raise RuntimeError(f"could not build the C extensions in {tree}:\n{proc.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", help="git revision to compare with (checked out in a "
                                       "temporary worktree)")
    parser.add_argument("--pages", type=int, default=40, help="pages counted (default 40)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.pages)
        return 0
    if not shutil.which("valgrind") or not shutil.which("callgrind_control"):
        print("Error: valgrind is not installed (Debian: apt-get install valgrind)",
              file=sys.stderr)
        return 2
    rows = []
    if args.base:
        with tempfile.TemporaryDirectory(prefix="extraction-cost-base-") as tmp:
            tree = Path(tmp) / "tree"
            subprocess.run(["git", "-C", str(REPO_ROOT), "worktree", "add", "--detach",
                            str(tree), args.base], check=True, capture_output=True)
            try:
                _build_extensions(tree)
                rows.append((args.base, count(tree, args.pages)))
            finally:
                subprocess.run(["git", "-C", str(REPO_ROOT), "worktree", "remove", "--force",
                                str(tree)], check=False, capture_output=True)
    rows.append(("this tree", count(REPO_ROOT, args.pages)))
    print(f"extraction of {args.pages} crawl-benchmark pages, million instructions a page")
    for name, value in rows:
        ratio = f"  {value / rows[0][1]:.3f}x {rows[0][0]}" if len(rows) > 1 else ""
        print(f"{name:<24} {value:8.2f}{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
