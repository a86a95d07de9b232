"""Saved demo pages: the right mix of layouts and charsets, and up to date with the generator."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.demo.content import ARTICLES, expected_records
from crawler.demo.routes import render
from crawler.demo.save_pages import (
    FIXTURE_BASE_URL, FIXTURE_TODAY, cp949_only_chars, fixture_selection, save_pages,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "demo"


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    dest = tmp_path_factory.mktemp("demo_pages")
    save_pages(dest)
    return dest


def test_selection_mix():
    picks = [a for _, a in fixture_selection()]
    assert len(picks) == 7 and len({a.id for a in picks}) == 7
    kinds = [(a.cms, a.encoding) for a in picks]
    assert kinds.count(("article_no", "utf-8")) == 3
    assert kinds.count(("article_no", "cp949")) == 2
    assert sum(1 for c, _ in kinds if c == "ndsoft") == 2
    assert any(cp949_only_chars(a.title + a.body) for a in picks if a.encoding == "cp949")
    assert any(len(a.authors) == 2 for a in picks)


def test_saved_files(saved):
    records = {r["url"]: r for r in expected_records(FIXTURE_BASE_URL)}
    names = sorted(p.stem for p in saved.glob("*.html"))
    assert names == sorted(n for n, _ in fixture_selection())
    for name in names:
        meta = json.loads((saved / f"{name}.json").read_text(encoding="utf-8"))
        assert meta["url"].startswith("/news/")
        assert meta["base_url"] == FIXTURE_BASE_URL
        resp = render(meta["url"], FIXTURE_BASE_URL, FIXTURE_TODAY)
        assert (saved / f"{name}.html").read_bytes() == resp.body
        assert meta["http_charset"] in ("utf-8", "euc-kr")
        assert resp.content_type.endswith(meta["http_charset"])
        full = records[FIXTURE_BASE_URL.rstrip("/") + meta["url"]]
        assert meta["expected"] == dict(full, url=meta["url"])


def test_committed_fixtures_are_up_to_date(saved):
    """If this fails, the generator changed: run `python -m crawler.demo.save_pages tests/fixtures/demo`."""
    fresh = {p.name: p.read_bytes() for p in saved.iterdir()}
    committed = {p.name: p.read_bytes() for p in FIXTURES.iterdir() if p.suffix in (".html", ".json")}
    assert committed == fresh


def test_cp949_fixture_bytes():
    meta = json.loads((FIXTURES / "article_no_cp949_only_syllable.json").read_text(encoding="utf-8"))
    raw = (FIXTURES / "article_no_cp949_only_syllable.html").read_bytes()
    assert meta["http_charset"] == "euc-kr"
    assert meta["expected"]["title"] in raw.decode("cp949").replace("&#x27;", "'")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("euc_kr")
    assert any(a.title == meta["expected"]["title"] for a in ARTICLES)
