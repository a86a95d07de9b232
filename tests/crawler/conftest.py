"""Fixtures for the end-to-end crawl tests: local news sites on 127.0.0.1 and site files.

Each fixture starts a fresh server (fresh request log, fresh error-case counters) and
stops it afterwards; crawl runners and archive readers are in
`tests.crawler.webserver.harness`.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.crawler.webserver import EnglishSite, KoreanSite, NdsoftSite, SiteServer


def _serve(site: Any) -> Iterator[SiteServer]:
    server = SiteServer(site).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def korean_server() -> Iterator[SiteServer]:
    yield from _serve(KoreanSite())


@pytest.fixture
def ndsoft_server() -> Iterator[SiteServer]:
    yield from _serve(NdsoftSite())


@pytest.fixture
def english_server() -> Iterator[SiteServer]:
    yield from _serve(EnglishSite())


@pytest.fixture
def write_site_file(tmp_path: Path) -> Any:
    """Write a site YAML for a server into tmp_path: its name, CMS, base URL, plus `keys`."""

    def write(server: SiteServer, filename: str | None = None, **keys: Any) -> Path:
        data = {"name": server.site.name, "base_url": server.base_url, "cms": server.site.cms,
                **keys}
        path = tmp_path / (filename or f"{server.site.name}.yaml")
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return path

    return write


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"
