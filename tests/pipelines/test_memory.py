"""Handing freed heap memory back to the OS (pipelines/memory.py) and where it is used."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scrapy.utils.test import get_crawler

from pipelines import extract_worker, item_pipelines, memory


def test_release_free_memory_works_on_linux_and_is_a_no_op_elsewhere(monkeypatch):
    assert memory.release_free_memory() is sys.platform.startswith("linux")
    memory._malloc_trim.cache_clear()
    monkeypatch.setattr(memory.sys, "platform", "darwin")
    try:
        assert memory.release_free_memory() is False
    finally:
        memory._malloc_trim.cache_clear()


def test_archive_writer_releases_memory_at_each_timed_commit(tmp_path, monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(item_pipelines, "release_free_memory", lambda: calls.append(1) or True)
    crawler = get_crawler(settings_dict={"NEWSARCHIVE_DB": str(tmp_path / "a.db")})
    pipeline = item_pipelines.ArchivePipeline.from_crawler(crawler)
    pipeline._open(None, "news")
    try:
        pipeline._commit()
        pipeline._commit()
    finally:
        pipeline.archive.close()
    assert calls == [1, 1]


def test_extraction_releases_memory_every_few_hundred_pages(monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(extract_worker, "release_free_memory", lambda: calls.append(1) or True)
    monkeypatch.setattr(extract_worker, "TRIM_EVERY_PAGES", 3)
    monkeypatch.setattr(extract_worker, "_extracted", 0)
    html = "<html><head><title>t</title></head><body><p>본문입니다.</p></body></html>".encode()
    for _ in range(7):
        extract_worker.extract_page(html, "http://127.0.0.1/a/1", None, "text/html", None)
    assert calls == [1, 1]


def test_extraction_workers_do_not_import_scrapy():
    """Each spawned worker imports the module of what it runs; Scrapy and Twisted there
    cost ~30 MB a worker for nothing."""
    assert item_pipelines.extract_page is extract_worker.extract_page
    code = ("import sys, pipelines.worker_process, pipelines.extract_worker, "
            "pipelines.extract.core, "
            "pipelines.store.bodies; "
            "print(sorted(m for m in ('scrapy', 'twisted') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parents[2])
    assert out.stdout.strip() == "[]"
