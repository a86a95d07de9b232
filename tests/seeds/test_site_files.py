"""The bundled site files in seeds/ and the saved pages that stand for each real outlet.

Every site file must load, and every outlet must have at least one saved article page
(tests/fixtures/pages/site_<name>_<n>.html + .json) whose URL the site's own article
patterns accept: a pattern that misses the outlet's real article URLs means the crawler
silently archives nothing from it, which no other test would notice.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pipelines.siteconfig import SiteConfig, load_site_file, seeds_dir

SEEDS = sorted(seeds_dir().glob("*.yaml"))
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"

#: Which CMS family each Korean outlet runs on (from its URLs and markup).
KOREAN_CMS = {
    "tvseoul": "article_no", "kgnews": "article_no", "hellot": "article_no",
    "theguru": "article_no", "pigpeople": "article_no", "foodtvnews": "article_no",
    "sisajournal": "ndsoft", "jejunews": "ndsoft", "kyosu": "ndsoft", "mediatoday": "ndsoft",
}
ENGLISH = ("theguardian", "npr", "koreaherald")
FIXTURE_NAME = re.compile(r"^site_(?P<site>[a-z0-9_.-]+?)_(?P<n>\d+)$")
#: Saved outlet pages; other corpus files (e.g. site_selectors.json) are not named site_<name>_<n>.
FIXTURES = sorted(p for p in PAGES.glob("site_*.json") if FIXTURE_NAME.match(p.stem))


def site_of(name: str) -> SiteConfig:
    return load_site_file(seeds_dir() / f"{name}.yaml")


def fixture(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def on_allowed_domain(site: SiteConfig, url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return any(host == d or host.endswith("." + d) for d in site.allowed_domains)


def test_seeds_hold_the_known_outlets():
    names = {p.stem for p in SEEDS}
    assert set(KOREAN_CMS) | set(ENGLISH) <= names


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_site_file_loads_and_is_named_after_its_file(path):
    site = load_site_file(path)
    assert site.name == path.stem
    assert site.article_patterns, "a site with no article patterns can never archive anything"
    assert on_allowed_domain(site, site.base_url)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_site_has_a_saved_page_it_accepts(path):
    site = load_site_file(path)
    pages = [fixture(p) for p in FIXTURES if FIXTURE_NAME.match(p.stem)["site"] == site.name]
    assert pages, f"no tests/fixtures/pages/site_{site.name}_<n>.json"
    accepted = [p["url"] for p in pages if site.is_article_url(p["url"]) and on_allowed_domain(site, p["url"])]
    assert accepted, f"{site.name}: no saved page URL matches {site.article_patterns}"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_saved_page_url_and_teasers_fit_the_site_file(path):
    meta = fixture(path)
    match = FIXTURE_NAME.match(path.stem)
    assert match and meta["site"] == match["site"]
    site = site_of(meta["site"])
    url = meta["url"]
    assert on_allowed_domain(site, url), (url, site.allowed_domains)
    assert site.is_article_url(url), f"{url} is not matched by {site.article_patterns}"
    for teaser in meta["expected"]["teasers_contains"]:
        assert teaser["url"].startswith("https://") and teaser["url"] != url
        assert on_allowed_domain(site, teaser["url"]), teaser
        assert site.is_article_url(teaser["url"]), f"teaser {teaser['url']} not matched by {site.article_patterns}"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_saved_page_is_a_full_page_in_its_declared_charset(path):
    meta = fixture(path)
    data = path.with_suffix(".html").read_bytes()
    assert 15_000 <= len(data) <= 80_000, len(data)
    charset = meta["http_charset"]
    if charset:
        assert charset == "euc-kr"
        text = data.decode("cp949")
        assert re.search(r"charset=euc-kr", text[:2000], re.I)
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    else:
        text = data.decode("utf-8")
    exp = meta["expected"]
    assert exp["title"] and exp["body_start"] and exp["body_end"]
    # The expected values are on the page (entities aside), so the test data is not made up.
    flat = re.sub(r"&quot;", '"', re.sub(r"&amp;", "&", text))
    assert exp["body_start"][:20] in flat and exp["body_end"][-20:] in flat
    for teaser in exp["teasers_contains"]:
        assert urlsplit(teaser["url"]).path in flat


def test_one_saved_page_needs_cp949_beyond_euc_kr():
    """똠 and friends exist only in CP949: a strict EUC-KR decoder garbles such a page."""
    euc_pages = [p for p in FIXTURES if fixture(p)["http_charset"] == "euc-kr"]
    assert len(euc_pages) >= 2
    needs_cp949 = []
    for p in euc_pages:
        data = p.with_suffix(".html").read_bytes()
        try:
            data.decode("euc-kr")
        except UnicodeDecodeError:
            needs_cp949.append(p.stem)
    assert needs_cp949


@pytest.mark.parametrize("name,cms", sorted(KOREAN_CMS.items()))
def test_korean_outlets_use_their_cms_profile(name, cms):
    site = site_of(name)
    assert site.cms == cms
    assert site.language == "ko" and site.timezone == "Asia/Seoul"
    expected_feed = "/data/rss/news.xml" if cms == "article_no" else "/rss/allArticle.xml"
    assert expected_feed in site.feeds


@pytest.mark.parametrize("name", ENGLISH)
def test_english_outlets_declare_sitemaps(name):
    site = site_of(name)
    assert site.language == "en"
    assert site.sitemaps and all(s.startswith("/") or s.startswith("https://") for s in site.sitemaps)
