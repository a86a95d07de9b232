"""crawler.gc_tuning: a crawl raises the collection threshold and freezes the heap it
starts with, and gives Python's settings back when the last crawl stops."""
from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.extension import ExtensionManager
from scrapy.utils.test import get_crawler

from crawler import gc_tuning
from crawler import settings as project_settings
from crawler.gc_tuning import DEFAULT_THRESHOLD, GCTuningExtension


@pytest.fixture(autouse=True)
def python_gc() -> Iterator[tuple[int, ...]]:
    """Python's own settings for the test; whatever the test leaves is put back."""
    before = gc.get_threshold()
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    yield (700, 10, 10)
    gc.unfreeze()
    gc.set_threshold(*before)
    gc_tuning._active, gc_tuning._saved = 0, None
    _KEEP.clear()


_KEEP: list = []  # the signals hold receivers weakly; Scrapy's ExtensionManager keeps them


def _crawler(**settings):
    return get_crawler(settings_dict={"MEMUSAGE_ENABLED": False, **settings})


def _install(crawler) -> GCTuningExtension:
    ext = GCTuningExtension.from_crawler(crawler)
    _KEEP.append(ext)
    return ext


def _start(crawler) -> None:
    crawler.signals.send_catch_log(signals.engine_started)


def _stop(crawler) -> None:
    crawler.signals.send_catch_log(signals.engine_stopped)


def test_shipped_settings_install_it():
    crawler = _crawler(EXTENSIONS=project_settings.EXTENSIONS,
                       NEWSARCHIVE_GC_THRESHOLD=project_settings.NEWSARCHIVE_GC_THRESHOLD)
    manager = ExtensionManager.from_crawler(crawler)
    assert any(isinstance(m, GCTuningExtension) for m in manager.middlewares)
    assert project_settings.NEWSARCHIVE_GC_THRESHOLD == DEFAULT_THRESHOLD


def test_crawl_raises_threshold_and_freezes_then_restores(python_gc):
    crawler = _crawler()
    _install(crawler)
    _start(crawler)
    assert gc.get_threshold() == (DEFAULT_THRESHOLD, *python_gc[1:])
    assert gc.get_freeze_count() > 0
    _stop(crawler)
    assert gc.get_threshold() == python_gc
    assert gc.get_freeze_count() == 0


class _Node:
    pass


def test_garbage_is_collected_before_the_heap_is_frozen():
    """A frozen cycle would never be freed: the start collects first."""
    crawler = _crawler()
    _install(crawler)
    gc.disable()
    try:
        node = _Node()
        node.self = node
        ref = weakref.ref(node)
        del node
        assert ref() is not None  # only the cyclic collector can free it
        _start(crawler)
        assert ref() is None
        _stop(crawler)
    finally:
        gc.enable()


@pytest.mark.parametrize("value", [0, -1])
def test_zero_leaves_the_collector_alone(value):
    with pytest.raises(NotConfigured):
        GCTuningExtension.from_crawler(_crawler(NEWSARCHIVE_GC_THRESHOLD=value))


def test_a_higher_threshold_already_set_is_kept():
    gc.set_threshold(200_000, 10, 10)
    crawler = _crawler(NEWSARCHIVE_GC_THRESHOLD=1000)
    _install(crawler)
    _start(crawler)
    assert gc.get_threshold()[0] == 200_000
    _stop(crawler)
    assert gc.get_threshold() == (200_000, 10, 10)


def test_settings_restored_only_when_the_last_of_two_crawls_stops(python_gc):
    first, second = _crawler(), _crawler()
    _install(first)
    _install(second)
    _start(first)
    _start(second)
    _stop(first)
    assert gc.get_threshold()[0] == DEFAULT_THRESHOLD
    assert gc.get_freeze_count() > 0
    _stop(second)
    assert gc.get_threshold() == python_gc
    assert gc.get_freeze_count() == 0


def test_stop_without_start_and_double_signals_change_nothing(python_gc):
    crawler = _crawler()
    _install(crawler)
    _stop(crawler)
    assert gc.get_threshold() == python_gc
    _start(crawler)
    _start(crawler)
    _stop(crawler)
    assert gc.get_threshold() == python_gc
    _stop(crawler)
    assert gc.get_threshold() == python_gc and gc_tuning._active == 0


def test_a_heap_frozen_by_the_application_stays_frozen():
    gc.freeze()
    frozen = gc.get_freeze_count()
    crawler = _crawler()
    _install(crawler)
    _start(crawler)
    _stop(crawler)
    assert gc.get_freeze_count() >= frozen > 0
