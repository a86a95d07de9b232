"""Save a few demo pages as raw bytes, with their ground truth, for extraction tests.

Extraction tests should not need a server: they read ``NAME.html`` (the exact bytes the
server sends) and ``NAME.json`` (``url`` relative to the site, ``base_url`` the pages were
rendered with, ``http_charset`` from the Content-Type header, ``expected`` record with a
relative url). A fixed "today" keeps the header date, weather and footer stable, so the
saved files only change when the generator does.

    python -m crawler.demo.save_pages tests/fixtures/demo
"""
from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from crawler.demo.content import (
    ARTICLES, CMS_ARTICLE_NO, CMS_NDSOFT, KST, DemoArticle, article_path, expected_records,
)
from crawler.demo.routes import render

#: The base URL and "today" the fixtures are rendered with.
FIXTURE_BASE_URL = "http://127.0.0.1:8000/"
FIXTURE_TODAY = datetime(2025, 12, 10, 10, 47, 12, tzinfo=KST)


def cp949_only_chars(text: str) -> set[str]:
    """Characters CP949 encodes but EUC-KR proper (KS X 1001) does not, such as 똠."""
    out = set()
    for ch in set(text):
        try:
            ch.encode("cp949").decode("euc_kr")
        except UnicodeError:
            out.add(ch)
    return out


def _has_cp949_only(a: DemoArticle) -> bool:
    return bool(cp949_only_chars(a.title + "".join(a.body_paragraphs)))


def fixture_selection() -> list[tuple[str, DemoArticle]]:
    """(name, article): 3 UTF-8 article_no pages (one with two reporters and one with a
    subtitle when possible), 2 CP949 pages (one with a CP949-only syllable), 2 ndsoft."""
    utf8 = [a for a in ARTICLES if a.cms == CMS_ARTICLE_NO and a.encoding == "utf-8"]
    cp949 = [a for a in ARTICLES if a.encoding == "cp949"]
    nd = [a for a in ARTICLES if a.cms == CMS_NDSOFT]
    picks: list[DemoArticle] = []
    picks.append(next(a for a in utf8 if len(a.authors) > 1))
    picks.append(next(a for a in utf8 if a.subtitle and a.modified_at and a not in picks))
    picks.append(next(a for a in utf8 if a.section == "지방자치" and a.authors[0]["role"] != "기자"
                      and a not in picks))
    special = next(a for a in cp949 if _has_cp949_only(a))
    other = next(a for a in cp949 if a is not special)
    nd_sub = next((a for a in nd if a.subtitle), nd[0])
    nd_other = next(a for a in nd if a is not nd_sub)
    names = ["article_no_utf8_1", "article_no_utf8_2", "article_no_utf8_3",
             "article_no_cp949_only_syllable", "article_no_cp949", "ndsoft_1", "ndsoft_2"]
    return list(zip(names, [*picks, special, other, nd_sub, nd_other]))


def save_pages(dest_dir: str | Path) -> list[Path]:
    """Write NAME.html + NAME.json for each selected article; returns the .html paths."""
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    base = FIXTURE_BASE_URL.rstrip("/")
    records = {r["url"]: r for r in expected_records(FIXTURE_BASE_URL)}
    written = []
    for name, a in fixture_selection():
        path = article_path(a)
        resp = render(path, FIXTURE_BASE_URL, FIXTURE_TODAY)
        expected = dict(records[base + path], url=path)
        meta = {
            "url": path,
            "base_url": FIXTURE_BASE_URL,
            "http_charset": resp.content_type.split("charset=")[1],
            "cms": a.cms,
            "today": FIXTURE_TODAY.isoformat(),
            "expected": expected,
        }
        (dest / f"{name}.html").write_bytes(resp.body)
        (dest / f"{name}.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(dest / f"{name}.html")
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Save demo pages + ground truth as fixtures.")
    parser.add_argument("dest", help="destination directory, e.g. tests/fixtures/demo")
    args = parser.parse_args(argv)
    for p in save_pages(args.dest):
        print(p)


if __name__ == "__main__":
    main()
