"""Handing freed heap memory back to the OS (pipelines/memory.py) and where it is used."""
from __future__ import annotations

import sys

from scrapy.utils.test import get_crawler

from pipelines import item_pipelines, memory


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
    monkeypatch.setattr(item_pipelines, "release_free_memory", lambda: calls.append(1) or True)
    monkeypatch.setattr(item_pipelines, "TRIM_EVERY_PAGES", 3)
    monkeypatch.setattr(item_pipelines, "_extracted", 0)
    html = "<html><head><title>t</title></head><body><p>본문입니다.</p></body></html>".encode()
    for _ in range(7):
        item_pipelines.extract_page(html, "http://127.0.0.1/a/1", None, "text/html", None)
    assert calls == [1, 1]
