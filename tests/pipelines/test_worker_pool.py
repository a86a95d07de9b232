"""The extraction worker pool: pages in over pipes, answers read by the event loop."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipelines.worker_pool import WorkerDied, WorkerPool
from tests.pipelines import worker_tasks


@pytest.fixture
def pools():
    made: list[WorkerPool] = []

    def make(*args, **kwargs) -> WorkerPool:
        made.append(WorkerPool(*args, **kwargs))
        return made[-1]

    yield make
    for pool in made:
        pool.shutdown(wait=True)


@pytest.mark.parametrize("size", [0, 1, 70_000, 5_000_000])
def test_blob_and_arguments_arrive_intact(pools, size):
    """Blobs larger than a pipe's buffer go out in pieces as the worker reads."""
    import hashlib

    pool = pools(worker_tasks.echo, 1)
    blob = os.urandom(size)
    got = asyncio.run(pool.run(blob, "http://x/1", {"a": [1, 2]}, None))
    assert got[:3] == (size, hashlib.sha256(blob).hexdigest(), ("http://x/1", {"a": [1, 2]}, None))
    assert got[3] != os.getpid()


def test_many_pages_spread_over_the_workers_each_answered_once(pools):
    pool = pools(worker_tasks.echo, 2, queued=2)

    async def crawl():
        return await asyncio.gather(*(pool.run(str(n).encode() * 3000, n) for n in range(200)))

    answers = asyncio.run(crawl())
    assert [a[2] for a in answers] == [(n,) for n in range(200)]
    assert [a[0] for a in answers] == [len(str(n)) * 3000 for n in range(200)]
    assert len({a[3] for a in answers}) == 2  # both workers took pages


def test_the_sticky_argument_is_sent_when_it_changes_and_reused_otherwise(pools):
    from pipelines.worker_process import FRAME_IN

    pool = pools(worker_tasks.echo, 1, sticky_arg=1)
    site_a, site_b = {"name": "a"}, {"name": "b"}
    worker = pool.workers[0]
    flags: list[int] = []
    real_send = worker.send

    def send(parts):
        flags.append(FRAME_IN.unpack(parts[0])[3])
        real_send(parts)

    worker.send = send

    async def crawl():
        out = []
        for site in (site_a, site_a, site_b, site_b, site_a):
            out.append(await pool.run(b"x", "url", site, "tail"))
        return out

    answers = asyncio.run(crawl())
    assert [a[2] for a in answers] == [("url", s, "tail") for s in
                                       (site_a, site_a, site_b, site_b, site_a)]
    assert flags == [1, 0, 1, 0, 1]  # sent with the pages that changed it, not each page


def test_an_exception_in_the_worker_reaches_the_caller_with_its_traceback(pools):
    pool = pools(worker_tasks.fail, 1)
    with pytest.raises(ValueError, match="bad page") as caught:
        asyncio.run(pool.run(b"", "bad page"))
    assert any("in the extraction worker" in note and "worker_tasks.py" in note
               for note in caught.value.__notes__)
    # the worker lives on: the next page goes to the same process
    pid = pool.workers[0].proc.pid
    with pytest.raises(ValueError, match="again"):
        asyncio.run(pool.run(b"", "again"))
    assert pool.workers[0].proc.pid == pid and pool.workers[0].proc.poll() is None


def test_an_unpicklable_exception_becomes_a_runtime_error_with_its_text(pools):
    pool = pools(worker_tasks.fail_unpicklably, 1)
    with pytest.raises(RuntimeError, match="Unpicklable: a lock inside"):
        asyncio.run(pool.run(b""))


def test_a_dying_worker_fails_only_the_pages_it_held_and_is_replaced(pools):
    deaths: list = []
    pool = pools(worker_tasks.die_on, 2, queued=1, on_death=deaths.append)
    first_pids = {w.proc.pid for w in pool.workers}

    async def crawl():
        pages = [b"ok"] * 3 + [b"die"] + [b"ok"] * 8
        return await asyncio.gather(*(pool.run(p, b"die", 0.05) for p in pages),
                                    return_exceptions=True)

    results = asyncio.run(crawl())
    died = [r for r in results if isinstance(r, WorkerDied)]
    # the marked page and at most the one queued behind it on the same worker
    assert isinstance(results[3], WorkerDied) and 1 <= len(died) <= 2
    assert len(deaths) == 1 and deaths[0] == -signal.SIGKILL
    assert all(isinstance(r, int) for r in results if not isinstance(r, WorkerDied))
    # the pool goes on with a new worker in place of the dead one
    later = asyncio.run(pool.run(b"ok", b"die"))
    assert len({w.proc.pid for w in pool.workers} - first_pids) == 1
    assert isinstance(later, int)


def test_workers_import_neither_scrapy_nor_asyncio(pools):
    """Scrapy and Twisted in a worker cost ~30 MB each for nothing."""
    pool = pools(worker_tasks.modules, 1)
    assert asyncio.run(pool.run(b"")) == []


def test_only_module_level_functions_can_be_run():
    with pytest.raises(ValueError, match="module-level"):
        WorkerPool(lambda blob: blob, 1)
    with pytest.raises(ValueError, match="at least one"):
        WorkerPool(worker_tasks.echo, 0)


def test_shutdown_ends_the_workers_and_refuses_new_pages():
    pool = WorkerPool(worker_tasks.echo, 2)
    procs = [w.proc for w in pool.workers]
    asyncio.run(pool.run(b"x"))
    pool.shutdown(wait=True)
    assert all(p.returncode == 0 for p in procs)
    with pytest.raises(RuntimeError, match="shut down"):
        asyncio.run(pool.run(b"x"))


def test_workers_exit_when_the_crawl_process_is_killed(tmp_path):
    """A cron run killed with SIGKILL leaves no worker behind: its pipes close with it."""
    script = textwrap.dedent("""
        import asyncio, sys, time
        from pipelines.worker_pool import WorkerPool
        from tests.pipelines import worker_tasks
        pool = WorkerPool(worker_tasks.echo, 2)
        asyncio.run(pool.run(b"x"))
        print(" ".join(str(w.proc.pid) for w in pool.workers), flush=True)
        time.sleep(60)
    """)
    crawl = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).parents[2])
    try:
        pids = [int(p) for p in crawl.stdout.readline().split()]
        assert len(pids) == 2
        crawl.kill()
        crawl.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(p) for p in pids):
            time.sleep(0.05)
        assert not any(_alive(p) for p in pids)
    finally:
        crawl.kill()
        crawl.stdout.close()


def _alive(pid: int) -> bool:
    """True while pid runs (a zombie whose parent is gone counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.timeout(60, method="thread")  # a spinning loop swallows the signal
def test_empty_pages_queued_behind_a_large_one_are_sent(pools):
    """An empty body (a 200 with no content) waiting behind a page larger than the pipe
    once left an empty piece in the outbox that the loop tried to write forever."""
    pool = pools(worker_tasks.echo, 1, queued=8)

    async def crawl():
        pages = [os.urandom(3_000_000)] + [b""] * 5 + [b"x" * 10] + [b""]
        return await asyncio.wait_for(asyncio.gather(*(pool.run(p) for p in pages)), 60)

    answers = asyncio.run(crawl())
    assert [a[0] for a in answers] == [3_000_000, 0, 0, 0, 0, 0, 10, 0]


@pytest.mark.timeout(60, method="thread")  # before the fix the pages waited forever
def test_when_no_new_worker_can_start_the_pages_fail_clearly(pools, monkeypatch):
    """Out of processes or file descriptors: the dead worker's pages, the waiting ones and
    later ones fail with WorkerDied saying why, instead of being sent to a closed pipe."""
    from pipelines import worker_pool

    pool = pools(worker_tasks.die_on, 1, queued=0)

    class CannotStart(worker_pool._Worker):
        def __init__(self, pool):
            raise OSError(24, "Too many open files")

    async def crawl():
        monkeypatch.setattr(worker_pool, "_Worker", CannotStart)
        pages = [b"die", b"ok", b"ok"]
        return await asyncio.gather(*(pool.run(p, b"die") for p in pages),
                                    return_exceptions=True)

    results = asyncio.run(crawl())
    assert all(isinstance(r, WorkerDied) for r in results)
    assert "Too many open files" in str(results[1]) and "Too many open files" in str(results[2])
    with pytest.raises(WorkerDied, match="no extraction worker could be started"):
        asyncio.run(pool.run(b"ok", b"die"))


@pytest.mark.timeout(60, method="thread")  # an unread answer used to leave its page waiting
def test_an_answer_that_cannot_be_unpickled_fails_its_page_only(pools):
    pool = pools(worker_tasks.unreadable_answer, 1, queued=4)

    async def crawl():
        return await asyncio.gather(*(pool.run(p) for p in (b"a", b"bad", b"ccc")),
                                    return_exceptions=True)

    first, bad, last = asyncio.run(crawl())
    assert (first, last) == (1, 3)
    assert isinstance(bad, RuntimeError) and "cannot be rebuilt here" in str(bad)
