"""Crawl benchmark: pages/s, ratios and memory of a full newsarchive crawl vs its peers.

Usage::

    .venv/bin/python benchmarks/crawl.py [--pages 5000] [--workers 0,1] [--runs bare,...]
                                         [--follow-teasers true|false] [--python-server]
                                         [--cache-dir DIR] [--repeat N] [--trace DIR] [--json]

A local site of ``--pages`` article pages (60-90 KB each, the demo site's chrome around
generated Korean text, ~50 teaser links per page), paginated all-articles and section
lists, a sitemap and a feed (`benchmarks.crawl_site`) is written once (cached by page
count, port and generator version) and served by nginx on 127.0.0.1. Each crawl runs in
its own process (`benchmarks.crawl_peer`) with the politeness delays off
(``AUTOTHROTTLE_ENABLED=False``, ``DOWNLOAD_DELAY=0``, 64 concurrent requests; robots.txt
still obeyed), one after the other:

* ``bare``: the ceiling, a Scrapy spider that only fetches the same pages;
* ``trafilatura``: the same spider + ``trafilatura.bare_extraction`` + a plain
  sqlite-utils table with FTS on title/body;
* ``ours-wN``: ``crawler.runner.run_crawl`` (fetch, extract, store with every index
  and FTS trigger) with ``NEWSARCHIVE_EXTRACT_WORKERS=N``.

pages/s counts every response (articles, lists, sitemap, feed, robots.txt) over the
time from engine start to spider close (the last batch committed, workers joined).
RSS is the crawl process's resident memory (plus its extraction workers') sampled at
10%, 50% and 100% of the expected responses; peak is the processes' ``VmHWM`` (not
``ru_maxrss``, which a child inherits from this process: `benchmarks.proc_memory`).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.crawl_site import SiteServer, build_site, free_port  # noqa: E402

DEFAULT_RUNS = ("bare", "trafilatura", "ours")
_PEER_MAIN = "import sys; from benchmarks.crawl_peer import main; sys.exit(main(sys.argv[1:]))"


def run_one(kind: str, base_url: str, workdir: Path, expected: int, workers: int = 0,
            follow: str | None = None, timeout: float | None = None,
            trace: Path | None = None) -> dict[str, Any]:
    """One crawl in a fresh Python process; its figures (trace: where to write its time
    line, `benchmarks.crawl_trace`)."""
    # started with -c, not -m: a spawned extraction worker imports its parent's __main__
    # module, and crawl_peer imports Scrapy (~30 MB a worker) where the newsarchive
    # command's entry point imports almost nothing
    cmd = [sys.executable, "-c", _PEER_MAIN, kind, base_url, str(workdir),
           str(expected), str(workers), follow or "-"]
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.pop("BENCH_TRACE", None)
    if trace is not None:
        env["BENCH_TRACE"] = str(trace)
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO_ROOT, env=env,
                          timeout=timeout)
    wall = time.monotonic() - started
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("BENCH-RESULT "):
            out = json.loads(line[len("BENCH-RESULT "):])
            out["wall"] = round(wall, 2)
            return out
    raise RuntimeError(f"{kind} crawl failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")


def label(r: dict[str, Any]) -> str:
    if r["kind"] != "ours":
        return r["kind"]
    return f"ours-w{r['workers']}" + ("" if r.get("follow") in (None, "-") else
                                      f" (teasers {r['follow']})")


def pages_per_s(r: dict[str, Any]) -> float:
    return r["responses"] / r["elapsed"] if r.get("elapsed") else 0.0


def _rss(r: dict[str, Any], mark: float) -> str:
    for s in r.get("samples", []):
        if s["mark"] == mark:
            extra = f"+{s['children_rss_mb']:.0f}" if s["children_rss_mb"] else ""
            return f"{s['rss_mb']:.0f}{extra}"
    return "-"


def _peak(r: dict[str, Any]) -> str:
    workers = max((s.get("children_peak_mb", 0) for s in r.get("samples", [])), default=0)
    return f"{r['peak_rss_mb']:.0f}" + (f"+{workers:.0f}" if workers else "")


def report(results: list[dict[str, Any]], site: Any, server: str) -> str:
    bare = next((r for r in results if r["kind"] == "bare"), None)
    peer = next((r for r in results if r["kind"] == "trafilatura"), None)
    lines = [
        f"site: {site.articles:,} articles + {site.list_pages:,} list pages + sitemap, feed, "
        f"robots.txt ({site.total_pages:,} pages, 60-90 KB articles), served by {server}; "
        f"{os.cpu_count()} CPUs",
        "",
        f"{'crawl':<24}{'pages':>7}{'stored':>8}{'secs':>8}{'pages/s':>9}{'/ceiling':>10}"
        f"{'/trafil.':>10}{'CPU ms/page':>13}{'RSS MB 10%':>12}{'50%':>9}{'100%':>9}{'peak':>9}",
    ]
    for r in results:
        rate = pages_per_s(r)
        vs_bare = f"{rate / pages_per_s(bare):.2f}" if bare and r is not bare else "-"
        vs_peer = f"{rate / pages_per_s(peer):.2f}" if peer and r is not peer else "-"
        stored = r.get("stored", "-")
        cpu = f"{1000 * r['cpu_s'] / r['responses']:.1f}"
        if r["workers"]:
            cpu += f"+{1000 * r['children_cpu_s'] / r['responses']:.1f}"
        lines.append(
            f"{label(r):<24}{r['responses']:>7}{stored!s:>8}{r['elapsed']:>8.1f}{rate:>9.1f}"
            f"{vs_bare:>10}{vs_peer:>10}{cpu:>13}{_rss(r, 0.1):>12}{_rss(r, 0.5):>9}"
            f"{_rss(r, 1.0):>9}{_peak(r):>9}")
    lines += ["", "CPU ms/page: CPU time of the crawl process (+ its extraction workers), "
              "start-up included, per page fetched; pages/s is wall time, so on a busy "
              "machine the CPU figure is the steadier one.",
              "RSS MB: the crawl process (+ extraction workers) at 10/50/100% of the pages; "
              "peak: the crawl process's peak (VmHWM; + its workers' at 100%), "
              "see benchmarks/proc_memory.py."]
    for r in results:
        marks = [(x["mark"], x["peak_mb"]) for x in r.get("samples", []) if "peak_mb" in x]
        if marks and r["peak_rss_mb"] > max(p for _, p in marks) + 20:
            lines.append(f"peak of {label(r)} reached after the last page (at 100%: "
                         f"{marks[-1][1]:.0f} MB, at the end: {r['peak_rss_mb']:.0f} MB)")
        elif marks:
            first = next(m for m, p in marks if p >= r["peak_rss_mb"] - 20)
            lines.append(f"peak of {label(r)} within 20 MB by {first:.0%} of the pages "
                         f"(peak so far at " + ", ".join(f"{m:.0%}: {p:.0f}" for m, p in marks)
                         + " MB)")
    for r in results:
        threads = r.get("thread_cpu_s")
        if threads and r["kind"] == "ours":
            busy = sorted(threads.items(), key=lambda kv: -kv[1])[:5]
            lines.append(f"threads of {label(r)}, CPU ms/page: " + ", ".join(
                f"{name} {1000 * cpu / r['responses']:.2f}" for name, cpu in busy if cpu))
        if "gc_cpu_s" in r:
            lines.append(f"garbage collections in {label(r)}'s crawl process: "
                         f"{r['gc_collections']}, {r['gc_cpu_s']:.2f} s of CPU "
                         f"({1000 * r['gc_cpu_s'] / r['responses']:.2f} ms/page)")
    for r in results:
        if r["kind"] == "ours" and (r.get("status") != "ok" or r.get("errors")):
            lines.append(f"{label(r)}: status {r.get('status')}, errors {r.get('errors')}")
    return "\n".join(lines)


def median_summary(rounds: list[list[dict[str, Any]]]) -> str:
    """Each run's ratios to the ceiling and to trafilatura, per round and their median.

    A ratio is taken within one round (runs minutes apart), so a machine that is slower
    in one round than another moves both sides of it."""
    lines = ["", f"median over {len(rounds)} rounds (per-round ratios in brackets):"]
    labels = list(dict.fromkeys(label(r) for rnd in rounds for r in rnd))
    for name in labels:
        rates, vs_bare, vs_peer = [], [], []
        for rnd in rounds:
            r = next((x for x in rnd if label(x) == name), None)
            if r is None:
                continue
            rates.append(pages_per_s(r))
            bare = next((x for x in rnd if x["kind"] == "bare"), None)
            peer = next((x for x in rnd if x["kind"] == "trafilatura"), None)
            if bare is not None and bare is not r:
                vs_bare.append(pages_per_s(r) / pages_per_s(bare))
            if peer is not None and peer is not r:
                vs_peer.append(pages_per_s(r) / pages_per_s(peer))
        parts = [f"{name:<24}{statistics.median(rates):>8.1f} pages/s"]
        for title, values in (("/ceiling", vs_bare), ("/trafilatura", vs_peer)):
            if values:
                parts.append(f"{title} {statistics.median(values):.2f} "
                             f"[{', '.join(f'{v:.2f}' for v in values)}]")
        lines.append("   ".join(parts))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000, help="article pages (default 5000)")
    parser.add_argument("--runs", default=",".join(DEFAULT_RUNS),
                        help="comma-separated: bare, trafilatura, ours")
    parser.add_argument("--workers", default="1,2",
                        help="NEWSARCHIVE_EXTRACT_WORKERS values for 'ours' "
                             "(default 1,2: one worker and the default two)")
    parser.add_argument("--follow-teasers", default=None, choices=("true", "false"),
                        help="set NEWSARCHIVE_FOLLOW_TEASERS for 'ours' (default: the setting's)")
    parser.add_argument("--python-server", action="store_true",
                        help="serve with the threaded Python server instead of nginx")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="where the generated site is kept between runs")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of all the runs, interleaved; the summary gives each "
                             "ratio's median over the rounds (a shared machine drifts)")
    parser.add_argument("--trace", type=Path, default=None, metavar="DIR",
                        help="write each crawl's time line (memory and queues every 0.1 s) "
                             "to DIR/<crawl>-r<round>.tsv (benchmarks/crawl_trace.py)")
    parser.add_argument("--json", action="store_true", help="print raw figures as JSON too")
    args = parser.parse_args(argv)

    port = free_port()
    t0 = time.monotonic()
    site = build_site(args.pages, port, args.cache_dir)
    print(f"site ready in {time.monotonic() - t0:.1f}s: {site.root}", file=sys.stderr)
    runs = [r.strip() for r in args.runs.split(",") if r.strip()]
    workers = [int(w) for w in args.workers.split(",") if w.strip()]
    results: list[dict[str, Any]] = []
    with SiteServer(site, prefer_nginx=not args.python_server) as server, \
            tempfile.TemporaryDirectory(prefix="crawl-bench-") as tmp:
        if server.kind != "nginx":
            print("nginx not found: serving with the threaded Python server "
                  "(slower; the ceiling is lower)", file=sys.stderr)
        rounds: list[list[dict[str, Any]]] = []
        for n in range(max(1, args.repeat)):
            this_round: list[dict[str, Any]] = []
            for kind in runs:
                for w in (workers if kind == "ours" else [0]):
                    print(f"round {n + 1}: running {kind}{f' w{w}' if kind == 'ours' else ''} ...",
                          file=sys.stderr)
                    trace = None
                    if args.trace is not None:
                        args.trace.mkdir(parents=True, exist_ok=True)
                        name = kind + (f"-w{w}" if kind == "ours" else "")
                        trace = args.trace / f"{name}-r{n + 1}.tsv"
                    r = run_one(kind, site.base_url, Path(tmp), site.total_pages, w,
                                args.follow_teasers if kind == "ours" else None, trace=trace)
                    r["follow"] = args.follow_teasers if kind == "ours" else None
                    r["round"] = n + 1
                    this_round.append(r)
            rounds.append(this_round)
            results.extend(this_round)
            if args.repeat > 1:
                print(f"round {n + 1}:")
            print(report(this_round, site, server.kind), flush=True)
        if len(rounds) > 1:
            print(median_summary(rounds))
    if args.json:
        print(json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
