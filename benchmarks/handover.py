"""Hand-over cost: CPU a page spent moving pages to extraction workers and answers back.

The crawl is bound by the CPU it spends a page over both cores, so the hand-over counts
as much as extraction does. This runs the crawl's real hand-over with the extraction
taken out: the crawl benchmark's pages are extracted once in this process, then sent
through a pool whose worker function only looks the answer up (`benchmarks.handover_task`),
so what the processes spend is the hand-over alone. Peer: the standard library's
ProcessPoolExecutor (the crawl's pool until 2026-12-04) driven the same way from an
asyncio loop with 64 pages in flight, as Scrapy's item pipeline does.

    .venv/bin/python benchmarks/handover.py [--pages 300] [--tasks 6000] [--repeat 2]

Prints pages/s and CPU ms a page for each pool: the submitting process and its workers
(worker start-up included, ~0.02 ms a page at 6,000 tasks).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

IN_FLIGHT = 64


def make_pages(n: int, results_path: Path) -> list[tuple]:
    """n crawl-benchmark pages as the crawl hands them over, their answers saved for the
    workers (keyed by URL)."""
    from datetime import datetime, timezone

    from benchmarks import crawl_site as cs
    from pipelines.extract_worker import extract_and_pack

    articles = cs.make_articles(max(300, n))
    base = "http://127.0.0.1:8080"
    site = cs.bench_site_config(base)
    pages, answers = [], {}
    for a in articles[:n]:
        url = base + cs.article_path(a)
        args = (cs.render_article(a, articles, articles[:10], base).encode(), url, site,
                "text/html; charset=utf-8", datetime.now(timezone.utc))
        pages.append(args)
        answers[url] = extract_and_pack(*args)
    results_path.write_bytes(pickle.dumps(answers))
    return pages


async def _drive(run: object, pages: list[tuple], tasks: int) -> None:
    gate = asyncio.Semaphore(IN_FLIGHT)

    async def one(args: tuple) -> None:
        async with gate:
            answer = await run(*args)  # type: ignore[operator]
            assert answer[2][1], "no compressed body in the answer"

    await asyncio.gather(*(one(pages[i % len(pages)]) for i in range(tasks)))


def measure(kind: str, pages: list[tuple], tasks: int) -> dict[str, float]:
    """One pool kind over `tasks` pages: wall rate and CPU of both sides."""
    from benchmarks.handover_task import answer

    sys.setswitchinterval(0.0005)  # as in a crawl (NEWSARCHIVE_SWITCH_INTERVAL)
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu0, wall0 = time.process_time(), time.monotonic()
    if kind == "ProcessPoolExecutor":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"))

        async def run(*args: object) -> object:
            return await asyncio.wrap_future(pool.submit(answer, *args))

        asyncio.run(_drive(run, pages, tasks))
        pool.shutdown(wait=True)
    else:
        from pipelines.item_pipelines import SITE_ARG, QUEUED_PAGES
        from pipelines.worker_pool import WorkerPool

        ours = WorkerPool(answer, 2, QUEUED_PAGES, sticky_arg=SITE_ARG)
        asyncio.run(_drive(ours.run, pages, tasks))
        ours.shutdown(wait=True)
    wall, cpu = time.monotonic() - wall0, time.process_time() - cpu0
    children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = (children1.ru_utime + children1.ru_stime) - (children0.ru_utime + children0.ru_stime)
    return {"pages_per_s": tasks / wall, "crawl_ms": 1000 * cpu / tasks,
            "workers_ms": 1000 * workers / tasks}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="distinct pages (default 300)")
    parser.add_argument("--tasks", type=int, default=6000, help="pages handed over (default 6000)")
    parser.add_argument("--repeat", type=int, default=2, help="rounds, alternating the pools")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "PAGES", "TASKS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # one pool in a fresh process, so neither inherits the other's workers
        kind, pages_file, tasks = args.child
        pages = pickle.loads(Path(pages_file).read_bytes())
        print(json.dumps(measure(kind, pages, int(tasks))))
        return 0
    with tempfile.TemporaryDirectory(prefix="handover-") as tmp:
        results = Path(tmp) / "answers.pickle"
        pages_file = Path(tmp) / "pages.pickle"
        pages_file.write_bytes(pickle.dumps(make_pages(args.pages, results)))
        env = dict(os.environ, HANDOVER_ANSWERS=str(results),
                   PYTHONPATH=str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        kinds = ["ProcessPoolExecutor", "WorkerPool"]
        print(f"{args.tasks:,} pages of {args.pages} distinct crawl-benchmark pages, 2 workers, "
              f"{IN_FLIGHT} in flight; CPU ms a page", flush=True)
        print(f"{'round':<6} {'pool':<20} {'pages/s':>8} {'crawl':>7} {'workers':>8} {'total':>7}")
        totals: dict[str, list[float]] = {k: [] for k in kinds}
        for n in range(args.repeat):
            for kind in (kinds if n % 2 == 0 else kinds[::-1]):
                out = subprocess.run(
                    [sys.executable, str(Path(__file__).resolve()), "--child", kind,
                     str(pages_file), str(args.tasks)],
                    capture_output=True, text=True, env=env, cwd=REPO_ROOT, check=True)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                total = r["crawl_ms"] + r["workers_ms"]
                totals[kind].append(total)
                print(f"{n + 1:<6} {kind:<20} {r['pages_per_s']:>8.0f} {r['crawl_ms']:>7.3f} "
                      f"{r['workers_ms']:>8.3f} {total:>7.3f}", flush=True)
        peer, ours = (min(totals[k]) for k in kinds)
        print(f"best total: WorkerPool {ours:.3f} against ProcessPoolExecutor {peer:.3f} ms a page "
              f"({ours / peer:.2f} of it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
