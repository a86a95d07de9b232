"""`extract_article`: page bytes + URL (+ site file) -> `Article` record.

The assembly of the extraction engine. Each field is taken from the first layer that has
it, and `article.sources[field]` names the rule that produced it:

1. site rules (`site.selectors`, `site.encoding`, `site.timezone`, `site.language`);
2. CMS profiles recognised by URL and markup (cms.py: `article_no`, `ndsoft`);
3. structured data (structured.py: JSON-LD, OpenGraph, meta, itemprop, <time>, rel);
4. general heuristics (content.py's body finder, h1 titles, byline classes, labelled dates
   near the headline).

The function is pure: no network, no global state, one HTML parse per page. Bad input
never raises except `NotHTMLError` for bodies that are not HTML at all (empty, binary,
JSON, PDF); a broken page gives whatever could be found.
"""
from __future__ import annotations

import gc
import html as html_mod
import re
import sys
from datetime import datetime, tzinfo
from typing import Any, Callable, Iterable
from urllib.parse import urljoin, urlsplit

from lxml import etree

from pipelines.errors import NotHTMLError  # noqa: F401  (raised by decode_input, re-exported)
from pipelines.extract import cms as cms_mod
from pipelines.extract.content import in_photo_box, remove_keeping_tail
from pipelines.extract.header import (
    heading_after,
    with_mailto,
    header_byline,
    in_comments,
    lines_text,
    section_label_before,
    short_texts,
    standalone_dates_of,
    text_between,
    within,
)
from pipelines.extract import structured as sd_mod
from pipelines.extract.menus import current_menu_item
from pipelines.extract.paragraphs import (
    caption_paragraphs, is_date_line, split_bylines, tidy_paragraphs, without_author_bio,
)
from pipelines.extract import teasers as teasers_mod
from pipelines.extract import title as title_mod
from pipelines.extract.language import language_code, script_language
from pipelines.extract.page import (  # noqa: F401
    compose_jamo_sequences, decode_input, element_text, html_bytes, page_bytes, parse_html,
    line_text, parse_html_bytes,
)
from pipelines.extract.page import collapse as _collapse
from pipelines.extract.page import text_of as _text
from pipelines.extract.selectors import select, select_texts
from pipelines.record import Article, Author
from pipelines.siteconfig import SiteConfig
from pipelines.urls import canonicalize_url

#: Bump when extraction rules change, so stored records can be re-parsed selectively.
EXTRACTOR_VERSION = "2026.12.4"

_SCRIPT_TAGS = ("script", "style", "noscript", "iframe", "ins")


# ------------------------------------------------------------------ helpers

_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
#: Values a CMS puts in section fields that name no section.
_NOT_SECTIONS = frozenset({
    "post", "posts", "article", "articles", "news", "all", "uncategorized", "uncategorised",
    "blog", "home", "main", "default", "general", "story", "stories", "page", "기사", "뉴스",
    "전체", "기사본문", "홈", "homepage", "home page", "front page", "frontpage",
})
#: The outlet's name inside a byline, in an element of its own.
_OUTLET_PARTS = etree.XPath(
    ".//*[contains(@class, 'publication') or contains(@class, 'outlet') "
    "or contains(@class, 'affiliation')]")
#: Where a headline's subtitle may be: the elements just after it.
_AFTER_HEADLINE = etree.XPath("following::*[position() <= 100]")
#: ... with at most this much text between them (a byline, a date, share buttons)
_SUBTITLE_GAP = 300
#: A host name ('gizmodo.com'): what some themes put in articleSection, not a section.
_HOST_LIKE = re.compile(r"(?i)(?:[a-z0-9-]+\.)+[a-z]{2,}")
#: Account names of publishing systems, not people.
_NOT_AUTHORS = frozenset({
    "admin", "administrator", "webmaster", "root", "editor", "staff", "guest", "unknown",
    "anonymous", "관리자", "운영자", "최고관리자",
})


def _is_dateline(text: str) -> bool:
    from pipelines.extract.dates import find_labelled_dates

    found = find_labelled_dates(text, "UTC")
    return found.published is not None or found.modified is not None


def _structured_section(value: str) -> str | None:
    """The section a structured value names, or None. A comma list ('game,news,slider':
    a theme's categories in one string) names its first real section."""
    for item in _collapse(_unescape(value)).split(","):
        item = item.strip()
        if (item and len(item) <= 40 and item.lower() not in _NOT_SECTIONS
                and not _HOST_LIKE.fullmatch(item)):
            return item
    return None


#: A publishing system's account name with 'admin' in it ('jdadmin', 'site_admin2').
_ACCOUNT = re.compile(r"(?i)[a-z0-9_.-]*admin[a-z0-9_.-]*")


def _unescape(text: str | None) -> str | None:
    """Entities left in metadata escaped twice by the CMS ('&#8216;Title&#8217;')."""
    if text and "&" in text and _ENTITY.search(text):
        return html_mod.unescape(text)
    return text


def _safe(fn: Callable[..., Any], *args: Any, default: Any = None, **kwargs: Any) -> Any:
    """Call a helper module; a bug in one rule must not lose the whole page."""
    try:
        return fn(*args, **kwargs)
    except RecursionError:
        return default
    except Exception:  # noqa: BLE001
        return default


def _parse_byline(text: str) -> list[Author]:
    from pipelines.extract.bylines import parse_byline

    text = _collapse(text)
    if not text or len(text) > 300:
        return []
    return _safe(parse_byline, text, default=[]) or []


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _host_key(host: str) -> str:
    for prefix in ("www.", "m.", "mobile."):
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def _person_name(a: Author | None, outlet_names: list[str], brands: list[str]) -> str | None:
    """The author's name, cleaned, or None when it names no person: empty, a publishing
    system's account, or the outlet itself."""
    if not a or not a.name or not _collapse(a.name):
        return None
    name = _collapse(_unescape(a.name))
    if name.lower() in _NOT_AUTHORS or _ACCOUNT.fullmatch(name):
        return None
    if title_mod.is_brand(name, outlet_names, brands) and (
        any(title_mod.norm(name) == title_mod.norm(n) for n in outlet_names)
        or title_mod.norm(name) in brands
    ):
        return None
    return name


def merge_authors(groups: Iterable[tuple[str, list[Author]]], outlet_names: Iterable[str],
                  brands: Iterable[str]) -> tuple[list[Author], str | None]:
    """Authors of the first non-empty group, enriched (email/role) from later groups.

    Names are compared without spaces and titles; an outlet's own name is not an author.
    """
    outlet_names = [n for n in outlet_names if n]
    brands = list(brands)
    primary: list[Author] = []
    source: str | None = None
    by_key: dict[str, Author] = {}
    for src, authors in groups:
        clean = []
        for a in authors or []:
            name = _person_name(a, outlet_names, brands)
            if name:
                clean.append(Author(name, a.role or None, a.email or None))
        if not clean:
            continue
        keys = {title_mod.norm(a.name) for a in clean}
        if source is not None and set(by_key) < keys and len(keys) <= 8:
            # a later source names the same people and more (a JSON-LD list cut to one)
            for a in clean:
                if title_mod.norm(a.name) not in by_key:
                    by_key[title_mod.norm(a.name)] = a
                    primary.append(a)
        if source is None:
            source = src
            for a in clean:
                key = title_mod.norm(a.name)
                if key in by_key:
                    old = by_key[key]
                    old.role = old.role or a.role
                    old.email = old.email or a.email
                    continue
                by_key[key] = a
                primary.append(a)
        else:
            for a in clean:
                old = by_key.get(title_mod.norm(a.name))
                if old is not None:
                    old.role = old.role or a.role
                    old.email = old.email or a.email
    return primary, source


# ------------------------------------------------------------------ dates

def _pick_date(cms_dt: datetime | None, structured: list[tuple[str, datetime]],
               visible: datetime | None) -> tuple[datetime | None, str | None]:
    """CMS date first (a structured date of the same minute when it adds the seconds);
    else the structured date agreeing with the visible one (the visible one when it adds
    seconds); else the first structured; else the visible date."""
    if cms_dt is not None:
        if cms_dt.second == 0:
            # the CMS shows minutes only: a structured date of the same minute adds seconds
            for src, dt in structured:
                if dt.second and dt.replace(second=0, microsecond=0) == cms_dt.replace(microsecond=0):
                    return dt, src
        return cms_dt, None
    if visible is not None:
        for src, dt in structured:
            if abs((dt - visible).total_seconds()) < 120:
                if dt.second == 0 and visible.second != 0 and dt.replace(second=0) == visible.replace(second=0):
                    return visible, "heuristic"
                return dt, src
    if structured:
        return structured[0][1], structured[0][0]
    if visible is not None:
        return visible, "heuristic"
    return None, None


# ------------------------------------------------------------------ main

def extract_article(html: bytes | str, url: str, site: SiteConfig | None = None, *,
                    http_charset: str | None = None, fetched_at: datetime | None = None,
                    now: datetime | None = None) -> Article:
    """Parse one article page into an `Article` record (see the module docstring).

    The cyclic garbage collector is paused for the call (and restored, also on errors):
    a page makes tens of thousands of short-lived objects (element proxies, per-element
    statistics) and no reference cycles, all freed by reference counting when the call
    ends, so collections during the call only traverse live objects (measured: 5-8% of the
    extraction time). An application that disabled the GC keeps it disabled.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    limit = sys.getrecursionlimit()
    if limit < _RECURSION_LIMIT:
        sys.setrecursionlimit(_RECURSION_LIMIT)
    try:
        return _extract_article(html, url, site, http_charset=http_charset,
                                fetched_at=fetched_at, now=now)
    finally:
        if limit < _RECURSION_LIMIT:
            sys.setrecursionlimit(limit)
        if was_enabled:
            gc.enable()


#: The tree walks recurse once per level, and libxml2 (huge_tree) builds trees up to
#: 2,048 levels deep: old pages that never close their <font> or <div> tags nest that
#: deep, and Python's default limit of 1,000 would lose their text. Python-to-Python
#: calls do not grow the C stack (3.11+), so the higher limit is safe for the call.
_RECURSION_LIMIT = 2048 + 1000


def _extract_article(html: bytes | str, url: str, site: SiteConfig | None, *,
                     http_charset: str | None, fetched_at: datetime | None,
                     now: datetime | None) -> Article:
    from pipelines.extract.content import extract_body, node_paragraphs
    from pipelines.extract.dates import (
        date_in_url, find_labelled_dates, only_date, parse_date, standalone_date,
    )

    url = url or ""
    data = page_bytes(html, http_charset, site.encoding if site and site.encoding else None)
    doc = parse_html_bytes(data)
    sources: dict[str, str] = {}

    base_url = url
    for base in doc.iter("base"):
        href = base.get("href")
        if href is not None:
            base_url = urljoin(url, href.strip())
            break
    host = _host(url)
    brands = title_mod.host_brands(host)

    index = _safe(sd_mod.index_page, doc, data, default=None) or sd_mod.PageIndex()
    sd = _safe(sd_mod.read_structured, doc, index, default=None) or sd_mod.Structured()
    title_el = next(doc.iter("title"), None)
    raw_title = _text(title_el) if title_el is not None else ""
    outlet_names = list(dict.fromkeys(sd.site_names))
    if raw_title:
        # the outlet named by its home link, to tell the title's tail (or bracketed head,
        # or the whole of it) from its headline, also in og:title
        home = title_mod.home_link_name(doc, url)
        if home and home not in outlet_names:
            outlet_names.append(home)
    cms_hint = site.cms if site is not None and site.cms in cms_mod.PROFILES else None
    cms = _safe(cms_mod.detect_cms, url, doc, cms_hint, raw_title, index.elements, default=None)
    cms_src = f"cms:{cms.name}" if cms else None
    selectors = dict(site.selectors) if site is not None and site.selectors else {}

    # 1. site rules: remove first
    if selectors.get("remove"):
        for el in select(doc, selectors["remove"]):
            if isinstance(el, etree._Element) and el.getparent() is not None:
                remove_keeping_tail(el)

    def site_text(field: str) -> str | None:
        if field not in selectors:
            return None
        texts = select_texts(doc, selectors[field])
        return texts[0] if texts else None

    # ---------------- title
    title = None
    t = site_text("title")
    if t:
        title, sources["title"] = t, "site:selectors"
    elif cms and cms.title:
        title, sources["title"] = cms.title, cms_src
    title_node = None
    if title is None:
        for src, value in sd.titles:
            cleaned = title_mod.clean_title(value, outlet_names, url)
            if cleaned and len(cleaned) >= 2:
                title, sources["title"] = cleaned, src
                break
        main_part = title_mod.clean_title(raw_title, outlet_names, url)
        if title and (title.endswith(("…", "...")) or len(title) < 8):
            h = title_mod.matching_heading(doc, title.rstrip("….").strip())
            if h is not None:
                title, sources["title"] = _text(h), "heuristic"
        if title is None:
            h = title_mod.matching_heading(doc, main_part) if main_part else None
            if h is not None:
                title, sources["title"] = _text(h), "heuristic"
            elif main_part:
                title, sources["title"] = main_part, "heuristic"
            else:
                h1 = title_mod.title_from_headings(doc)
                if h1:
                    title, sources["title"] = h1, "heuristic"
    if title:
        title_node = title_mod.matching_heading(doc, title, ("h1", "h2", "h3"))
        if sources.get("title") not in ("site:selectors", cms_src):
            if title_node is None:
                labelled = title_mod.heading_beside_label(doc, title)
                if labelled is not None:
                    title_node, title = labelled
                else:  # the shown headline, for the header area only
                    title_node = title_mod.similar_heading(doc, title)
            else:
                title = title_mod.without_trailing_label(title, _text(title_node)) or title

    # ---------------- subtitle
    subtitle = None
    t = site_text("subtitle")
    if t:
        subtitle, sources["subtitle"] = t, "site:selectors"
    elif cms and cms.subtitle:
        subtitle, sources["subtitle"] = cms.subtitle, cms_src

    # ---------------- body node (site / cms / itemprop) and teasers
    body_node = None
    body_src = None
    if selectors.get("body"):
        found = [x for x in select(doc, selectors["body"]) if isinstance(x, etree._Element)]
        if found:
            body_node, body_src = found[0], "site:selectors"
    if body_node is None and cms and cms.body is not None:
        body_node, body_src = cms.body, cms_src
    # a cheap hint of where the text is, before any cleaning: the known body or itemprop
    hint = body_node
    if hint is None:
        nodes = [n for n in sd.body_nodes[:3] if len(_text(n)) > 200]
        hint = nodes[0] if nodes else None

    if not subtitle and title_node is not None and index.subtitles:
        # a subtitle follows its headline closely: elements named like one elsewhere are
        # the subheads of widgets, video players, paywall and sign-in bars, other stories
        near = set(_AFTER_HEADLINE(title_node))
        for el in index.subtitles[:30]:
            if (el not in near or "widget" in (el.get("class") or "").lower()
                    or in_photo_box(el)):
                continue  # a widget's 'with-subtitle' title heads a box, not the story
            st = line_text(el)
            if (10 <= len(st) <= 300 and not within(el, hint) and st != title
                    and len(text_between(doc, title_node, el, _SUBTITLE_GAP + 1))
                    <= _SUBTITLE_GAP
                    and not _is_dateline(st)):  # a byline's 'Updated: <date>'
                subtitle, sources["subtitle"] = st, "heuristic"
                break
    if not subtitle and title_node is not None:
        deck = _safe(heading_after, title_node)
        st = line_text(deck) if deck is not None else ""
        if (10 <= len(st) <= 300 and st != title and not _is_dateline(st)
                and not is_date_line(st)):
            subtitle, sources["subtitle"] = st, "heuristic"

    boxes: list[Any] = list(cms.teaser_boxes) if cms else []
    if selectors.get("teasers"):
        boxes.extend(x for x in select(doc, selectors["teasers"]) if isinstance(x, etree._Element))
    own_urls = [c[1] for c in sd.canonical if c[1]]
    collector = teasers_mod.TeaserCollector(url, base_url, own_urls)
    for box in boxes:
        _safe(collector.add_box, box)
    inline = (_safe(teasers_mod.inline_boxes, body_node, default=[]) or []) if body_node is not None else []
    for box in inline:
        _safe(collector.add_box, box, require_shape=False, section=None,
              min_chars=teasers_mod.MIN_TITLE_CHARS)
    pending = _safe(teasers_mod.scan_generic, doc, collector, default=[]) or []

    # ---------------- header area (for visible dates and bylines of unknown layouts)
    header_text = ""
    start = title_node
    stop = hint if hint is not None and not within(start, hint) else None
    if not (cms and cms.date_text):
        header_text = _safe(text_between, doc.find("body") if doc.find("body") is not None else doc,
                            start, stop, default="") or ""
    # for the last-resort date, read before the body's clean-up can remove its element
    header_pieces: list[str] = []
    if start is not None and not sd.published and not (cms and cms.date_text):
        header_pieces = _safe(short_texts, start, stop, default=[]) or []

    byline_heur: list[Author] = []
    byline_more: list[Author] = []
    byline_text = ""  # the byline element's text, for a date it carries
    if not (cms and cms.byline_texts) and "authors" not in selectors:
        for el in index.bylines[:12]:
            t = lines_text(el)
            if not t or len(t) > 150:
                continue
            if any(within(el, b) for b in boxes) or any(within(el, b) for b in inline):
                continue
            if in_comments(el):  # a commenter's name is no byline
                continue
            for outlet in _OUTLET_PARTS(el):
                # '<span class="author">Jane Doe</span> <span class="publication">Florida
                # Today</span>': the outlet's name would run on into the author's
                t = _collapse(t.replace(_text(outlet), " "))
            if byline_heur:
                # a later byline element can only add an e-mail to a name already found
                # (the header names the reporter, the body's end adds the address)
                if "@" in t:
                    byline_more.extend(_parse_byline(t))
                continue
            found = with_mailto(_parse_byline(t), el)
            if found:
                byline_heur, byline_text = found, t
    # (structured data that names only the outlet, '<meta name="author" content="뉴스원">',
    # names no author)
    if (not byline_heur and start is not None and not cms and "authors" not in selectors
            and not any(_person_name(a, outlet_names, list(brands))
                        for _, group in sd.authors for a in group)):
        byline_heur, byline_text = _safe(header_byline, start, stop, [*boxes, *inline],
                                         _parse_byline, default=None) or ([], "")

    # the menu's current item, read before the body's clean-up removes the menu: the last
    # resort for the section, looked for only when nothing named is there
    menu_section = None
    if not (cms and cms.section) and not sd.sections and not index.breadcrumbs:
        menu_section = _safe(current_menu_item, doc)

    # ---------------- body
    for el in inline:
        remove_keeping_tail(el)
    paragraphs: list[str] = []
    if body_node is not None:
        # a photo story ('[포토] …'): its pictures' captions, which the clean-up removes,
        # are all its text (read first, when the body holds little text)
        photo_captions: list[str] = []
        if ((index.captions or next(body_node.iter("figcaption"), None) is not None)
                and len(element_text(body_node)) < 600):
            photo_captions = _safe(caption_paragraphs, body_node, index.captions, default=[])
        strip = list(cms.strip) if cms else []
        for el in strip:
            if el is not body_node and not within(body_node, el):
                remove_keeping_tail(el)
        for el in [x for x in body_node.iter(*_SCRIPT_TAGS) if x is not body_node]:
            remove_keeping_tail(el)
        for el in index.promos:
            if within(el, body_node) and el is not body_node and len(_text(el)) < 1000:
                remove_keeping_tail(el)
        paragraphs = _safe(node_paragraphs, body_node, base_url, default=[]) or []
        if not paragraphs:
            paragraphs = photo_captions or []
        sources["body"] = body_src or "heuristic"
    if not paragraphs:
        # an unknown layout's photo story: the captions right after its headline
        captions = [*doc.iter("figcaption"), *index.captions]
        after_title: list[str] = []
        if captions and title_node is not None:
            near = set(_AFTER_HEADLINE(title_node))
            after_title = [line_text(el) for el in captions if el in near]
        for el in index.captions:
            if len(_text(el)) < 300:
                remove_keeping_tail(el)
        for el in index.promos:
            if len(_text(el)) < 1000:
                remove_keeping_tail(el)
        paragraphs = _safe(extract_body, doc, base_url, default=[]) or []
        if sum(map(len, paragraphs)) < 100 and any(len(t) >= 15 for t in after_title):
            paragraphs = list(dict.fromkeys(t for t in after_title if len(t) >= 15))
        sources["body"] = "heuristic"

    paragraphs, body_authors, body_emails = split_bylines(paragraphs)
    paragraphs = tidy_paragraphs(paragraphs, title, subtitle)
    body = "\n\n".join(paragraphs)
    if not body:
        sources.pop("body", None)
    # a scanned link whose text made it into the body is a link in a sentence, not a teaser
    _safe(collector.add_pending_outside, pending, body)
    teasers = collector.teasers()
    if teasers:
        sources["teasers"] = ("site:selectors" if selectors.get("teasers") else
                              cms_src if cms and cms.teaser_boxes else "heuristic")

    # ---------------- authors
    groups: list[tuple[str, list[Author]]] = []
    if "authors" in selectors:
        site_authors: list[Author] = []
        for t in select_texts(doc, selectors["authors"]):
            site_authors.extend(_parse_byline(t))
        groups.append(("site:selectors", site_authors))
    if cms:
        cms_authors: list[Author] = []
        for t in cms.byline_texts:
            cms_authors.extend(_parse_byline(t))
        groups.append((cms_src, cms_authors))
    groups.append(("body:byline", body_authors))
    if cms:
        box: list[Author] = []
        for a in cms.box_authors:
            parsed = _parse_byline(a.name) or [Author(a.name)]
            if len(parsed) == 1:
                parsed[0].email = parsed[0].email or a.email
            box.extend(parsed)
        groups.append((cms_src, box))
    structured_authors = {src: a for src, a in sd.authors}
    for src in ("jsonld", "itemprop", "rel"):
        if src in structured_authors:
            groups.append((src, structured_authors[src]))
    groups.append(("heuristic", byline_heur))
    if "meta" in structured_authors:
        groups.append(("meta", structured_authors["meta"]))
    named = {title_mod.norm(a.name) for a in byline_heur}
    groups.append(("heuristic", [a for a in byline_more if title_mod.norm(a.name) in named]))
    authors, src = merge_authors(groups, outlet_names, brands)
    if src:
        sources["authors"] = src
    if authors and teasers:
        # links to reporter pages look like article links on some sites
        names = {title_mod.norm(a.name) for a in authors}
        teasers = [t for t in teasers if title_mod.norm_cached(t.title) not in names]
        if not teasers:
            sources.pop("teasers", None)
    missing = [a for a in authors if not a.email]
    if len(missing) == 1 and len(body_emails) == 1 and len(authors) == 1:
        missing[0].email = body_emails[0]
    if authors and body:
        kept = without_author_bio(paragraphs, authors)
        if len(kept) < len(paragraphs):
            paragraphs = kept
            body = "\n\n".join(paragraphs)

    # ---------------- language and time zone
    language = None
    if site is not None and site.language:
        language, sources["language"] = language_code(site.language), "site"
    if not language:
        for src, value in sd.languages:
            code = language_code(value)
            if code:
                language, sources["language"] = code, src
                break
    if not language:
        language = script_language(f"{title or ''} {body[:3000]}")
        if language:
            sources["language"] = "heuristic"
    if site is not None and site.timezone:
        tz: str | tzinfo = site.timezone
    elif host.endswith(".kr") or language == "ko" or cms is not None:
        tz = "Asia/Seoul"
    else:
        tz = "UTC"

    # ---------------- dates
    def parse(value: str | None) -> datetime | None:
        if not value:
            return None
        return _safe(parse_date, value, tz, now, default=None)

    def labelled(value: str, allow_unlabelled: bool = False) -> Any:
        return _safe(find_labelled_dates, value, tz, now, allow_unlabelled=allow_unlabelled,
                     default=None)

    published = modified = None
    for field in ("published_at", "modified_at"):
        t = site_text(field)
        if t:
            dt = parse(t)
            if dt is None:
                found = labelled(t, True)
                dt = found and (found.published if field == "published_at" else found.modified or found.published)
            if dt is not None:
                if field == "published_at":
                    published = dt
                else:
                    modified = dt
                sources[field] = "site:selectors"
    cms_pub = cms_mod_pub = None
    if cms and cms.date_text:
        found = labelled(cms.date_text, True)
        if found is not None:
            cms_pub, cms_mod_pub = found.published, found.modified
    vis_pub = vis_mod = None
    if header_text and cms_pub is None:
        found = labelled(header_text)
        if found is not None:
            vis_pub, vis_mod = found.published, found.modified
    s_pub = [(src, dt) for src, dt in ((s, parse(v)) for s, v in sd.published) if dt]
    s_mod = [(src, dt) for src, dt in ((s, parse(v)) for s, v in sd.modified) if dt]
    if vis_pub is None and not s_pub and header_text and cms_pub is None:
        found = labelled(header_text[:400], True)
        if found is not None:
            vis_pub = found.published
    if vis_pub is None and not s_pub and cms_pub is None and header_pieces:
        vis_pub, alone_mod = _safe(standalone_dates_of, header_pieces,
                                   lambda t: standalone_date(t, tz, now), default=None) or (None, None)
        if vis_pub is not None and vis_mod is not None and vis_pub.date() == vis_mod.date():
            vis_pub = None  # the date of an 'Updated' label, standing apart from it
        vis_mod = vis_mod or alone_mod
    if vis_pub is None and not s_pub and cms_pub is None and byline_text:
        vis_pub = _safe(only_date, byline_text, tz, now, default=None)
    if published is None:
        dt, src = _pick_date(cms_pub, s_pub, vis_pub)
        if dt is not None:
            published, sources["published_at"] = dt, src or cms_src
    if modified is None:
        dt, src = _pick_date(cms_mod_pub, s_mod, vis_mod)
        if dt is not None:
            modified, sources["modified_at"] = dt, src or cms_src
    if published is None:
        dt = _safe(date_in_url, url, tz, now)
        if dt is not None:
            published, sources["published_at"] = dt, "url"
    if published and modified and modified < published:
        modified = None
        sources.pop("modified_at", None)

    # ---------------- section
    section = None
    t = site_text("section")
    if t:
        section, sources["section"] = t, "site:selectors"
    elif cms and cms.section:
        section, sources["section"] = cms.section, cms_src
    else:
        order = {"meta": 0, "itemprop": 1, "jsonld": 2}
        for src, value in sorted(sd.sections, key=lambda c: order.get(c[0], 9)):
            value = _structured_section(value)
            if value:
                section, sources["section"] = value, src
                break
    if section is None:
        crumbs = sd.meta.get("_jsonld_breadcrumbs") or _safe(sd_mod.html_breadcrumbs, doc, index.breadcrumbs, default=[]) or []
        crumbs = [c for c in crumbs if title_mod.norm(c) != title_mod.norm(title)
                  and c.lower() not in _NOT_SECTIONS and c.lower() != "메인"]
        if crumbs and len(crumbs[-1]) <= 30:
            section, sources["section"] = crumbs[-1], "breadcrumb"
    if section is None:
        # WordPress lists a post's categories alphabetically: a breadcrumb, which names
        # the primary one, comes first
        section = next(filter(None, map(_structured_section, sd.categories)), None)
        if section is not None:
            sources["section"] = "rel"
    if section is None and title_node is not None:
        label = _safe(section_label_before, title_node, default=None)
        if (label and label.lower() not in _NOT_SECTIONS
                and title_mod.norm(label) != title_mod.norm(title)
                and not title_mod.is_brand(label, outlet_names, brands)):
            section, sources["section"] = label, "heuristic"
    if section is None:
        label = menu_section
        if (label and label.lower() not in _NOT_SECTIONS
                and title_mod.norm(label) != title_mod.norm(title)
                and not title_mod.is_brand(label, outlet_names, brands)):
            section, sources["section"] = label, "menu"

    # ---------------- canonical URL
    canonical = None
    page_key = _host_key(host)
    for src, value in sd.canonical:
        try:
            absolute = urljoin(url, value.strip())
            parts = urlsplit(absolute)
        except ValueError:
            continue
        if parts.scheme not in ("http", "https") or _host_key((parts.hostname or "").lower()) != page_key:
            continue
        if parts.path in ("", "/") and not parts.query:
            continue
        canonical, sources["canonical_url"] = canonicalize_url(absolute), src
        break
    if canonical is None and url:
        canonical = _safe(canonicalize_url, url, default=url)
        sources["canonical_url"] = "url"

    return Article(
        url=url,
        canonical_url=canonical,
        site=site.name if site is not None else (host or None),
        section=_unescape(section),
        title=_unescape(title) or None,
        subtitle=_unescape(subtitle) or None,
        authors=authors,
        published_at=published,
        modified_at=modified,
        body=body,
        teasers=teasers,
        language=language,
        fetched_at=fetched_at,
        sources=sources,
        extractor_version=EXTRACTOR_VERSION,
    )
