"""Golden corpus: every page under tests/fixtures/pages/ against its expected fields.

Each NAME.html is the page as served (bytes, some in EUC-KR/CP949) and NAME.json gives the
URL, the optional HTTP charset and site file, and the exact expected fields.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pipelines.extract.core import extract_article
from pipelines.siteconfig import resolve_site, site_from_dict

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
NAMES = sorted(p.stem for p in PAGES.glob("*.html"))
#: The corpus is judged as of this moment (pages newer than it would be "future").
NOW = datetime(2025, 12, 10, 12, 0, tzinfo=timezone.utc)


def load(name: str):
    meta = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    site = meta.get("site")
    if isinstance(site, dict):
        site = site_from_dict(site, source=f"{name}.json")
    elif isinstance(site, str):
        site = resolve_site(site)
    return (PAGES / f"{name}.html").read_bytes(), meta, site


def test_corpus_is_big_enough():
    assert len(NAMES) >= 25


@pytest.mark.parametrize("name", NAMES)
def test_golden_page(name):
    data, meta, site = load(name)
    exp = meta["expected"]
    art = extract_article(data, meta["url"], site, http_charset=meta.get("http_charset"), now=NOW)
    got = {
        "title": art.title,
        "subtitle": art.subtitle,
        "section": art.section,
        "authors": [{"name": a.name, "role": a.role, "email": a.email} for a in art.authors],
        "published_at": art.published_at.isoformat() if art.published_at else None,
        "modified_at": art.modified_at.isoformat() if art.modified_at else None,
    }
    want = {k: exp[k] for k in got}
    assert got == want
    assert art.body.startswith(exp["body_start"]), art.body[:200]
    assert art.body.endswith(exp["body_end"]), art.body[-200:]
    for text in exp.get("body_contains", []):
        assert text in art.body
    for text in exp["body_not_contains"]:
        assert text not in art.body, text
    assert "\n\n\n" not in art.body
    assert len(art.teasers) >= exp["teasers_min"], [t.title for t in art.teasers]
    teasers = {t.url: t for t in art.teasers}
    for t in exp["teasers_contains"]:
        assert t["url"] in teasers, (t, list(teasers))
        assert teasers[t["url"]].title == t["title"]
        assert teasers[t["url"]].section == t["section"]
    assert art.url not in teasers
    assert len(teasers) == len(art.teasers), "teasers are deduplicated by URL"
    for t in art.teasers:
        assert t.url.startswith(("http://", "https://")) and t.title
        # a box's own heading (a link to its section page) is no teaser, and a card's
        # headline is no box's name
        assert t.title != t.section, t
    if "language" in exp:
        assert art.language == exp["language"]
    if "canonical_url" in exp:
        assert art.canonical_url == exp["canonical_url"]
    for field, rule in exp.get("sources", {}).items():
        assert art.sources[field] == rule
    for field in ("published_at", "modified_at"):
        value = getattr(art, field)
        assert value is None or value.tzinfo is not None
