"""Headline cleaning: the story's title without the outlet's branding.

`<title>` and og:title usually carry the outlet as a tail (`제목 - 사이트명`,
`Title | Outlet`, ND소프트's `제목 < 섹션 < 기사본문 - 사이트명`), and sometimes are only
the outlet's name. A tail is removed only when it is recognisably the brand (equal to
og:site_name, the host's name, or the name of the page's link to its home page), so a
headline that itself contains ` - ` or `: ` is not cut.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import urlsplit

from lxml import etree

from pipelines.extract.page import collapse, element_text  # noqa: F401  (collapse re-exported)


_SEP = re.compile(r"(\s+(?:\||-|–|—|::|:|·|•|»|<|>|/)\s+|\s*[|｜]\s*)")
_NORM = re.compile(r"[^0-9a-z\uac00-\ud7a3\u3131-\u318e\u4e00-\u9fff]+")
_GENERIC_TAILS = {"기사본문", "뉴스", "news", "home", "홈"}
_HOST_NOISE = {"www", "m", "mobile", "news", "com", "co", "kr", "net", "org", "or", "go",
               "ne", "re", "ac", "uk", "jp", "io", "info", "biz", "tv", "html"}


def norm(text: str | None) -> str:
    """Comparison key: NFKC, lower case, letters and digits only."""
    if not text:
        return ""
    return _NORM.sub("", unicodedata.normalize("NFKC", text).lower())


#: norm() of short texts met on page after page (teaser headlines, names): a crawl's
#: pages repeat the same "latest" and "most read" boxes, and norm costs ~7 us a headline.
norm_cached = lru_cache(maxsize=4096)(norm)


def host_brands(url_or_host: str | None) -> set[str]:
    """Brand-like labels of a host: `www.sisajournal.com` -> {"sisajournal"}."""
    if not url_or_host:
        return set()
    host = urlsplit(url_or_host).hostname if "//" in url_or_host else url_or_host
    labels = [x for x in (host or "").lower().split(".") if x and x not in _HOST_NOISE]
    return {norm(x) for x in labels if len(x) >= 3}


def is_brand(part: str, site_names: Iterable[str] = (), brands: Iterable[str] = ()) -> bool:
    """True when part of a title is the outlet's name rather than the story's."""
    key = norm(part)
    if not key:
        return True
    if len(part) > 60:
        return False
    if key in _GENERIC_TAILS:
        return True
    for name in site_names:
        n = norm(name)
        if n and (key == n or (len(n) >= 3 and (n in key or key in n) and len(key) <= len(n) + 12)):
            return True
    for brand in brands:
        if brand and (key == brand or (len(brand) >= 4 and brand in key and len(key) <= len(brand) + 12)):
            return True
    return False


_BRACKET_HEAD = re.compile(r"[\[【]\s*([^\]】]{1,30}?)\s*[\]】]\s*")


def clean_title(raw: str | None, site_names: Iterable[str] = (), url: str | None = None) -> str:
    """The headline part of a page title; "" when the title is only the outlet's name."""
    title = collapse(raw)
    if not title:
        return ""
    names = [n for n in site_names if n]
    brands = host_brands(url)
    # the outlet's name in brackets before the headline: '[뉴스원] 제목' (a '[단독]' stays)
    bracketed = _BRACKET_HEAD.match(title)
    if bracketed and bracketed.end() < len(title) and (
            any(norm(bracketed.group(1)) == norm(n) for n in names)
            or norm(bracketed.group(1)) in brands):
        title = title[bracketed.end():]
    # ND소프트: "제목 < 섹션 < 기사본문 - 사이트명"
    if "기사본문" in title and " < " in title:
        title = title.split(" < ")[0].strip()
        return "" if is_brand(title, names, brands) and len(title) < 15 else title
    pieces = _SEP.split(title)
    # pieces alternate: text, sep, text, sep, ...
    texts = pieces[0::2]
    seps = pieces[1::2]
    changed = True
    while changed and len(texts) > 1:
        changed = False
        if is_brand(texts[-1], names, brands) or _latin_tail(texts, seps[-1]):
            texts.pop()
            sep = seps.pop()
            changed = True
            if len(texts) > 1 and seps[-1] == sep and _is_section_tail(texts[-1]):
                # '제목 | 사회 | 사이트명': the section between headline and brand goes too
                texts.pop()
                seps.pop()
        elif is_brand(texts[0], names, brands):
            texts.pop(0)
            seps.pop(0)
            changed = True
    out = texts[0]
    for sep, text in zip(seps, texts[1:]):
        out += sep + text
    out = out.strip()
    if len(texts) == 1 and is_brand(out, names, brands) and len(out) <= 30:
        # the whole title is the outlet's name
        if any(norm(out) == norm(n) for n in names) or norm(out) in brands:
            return ""
    return out


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z.&' ]{1,24}")


def _latin_tail(texts: list[str], sep: str) -> bool:
    """A Korean headline's tail in Latin letters alone after a bar ('제목 | NewsKorea'):
    the outlet's name in its Latin spelling, which a page without og:site_name names
    nowhere else. (Not after a dash: '현대차 - GM' is a headline.)"""
    tail = texts[-1].strip()
    return ("|" in sep or "｜" in sep) and len(tail) >= 4 and len(tail.split()) <= 3 and (
            _LATIN_NAME.fullmatch(tail) is not None
            and _HANGUL.search(texts[0]) is not None and _HANGUL.search(tail) is None)


def _is_section_tail(text: str) -> bool:
    """A section's name between a headline and its brand: short, a word or two, no
    digits ('사회', 'World News')."""
    text = text.strip()
    return (0 < len(text) <= 12 and len(text.split()) <= 2
            and not any(c.isdigit() for c in text))


def has_tail(title: str) -> bool:
    """True when the title has a separator that a tail (or a head) could follow."""
    return _SEP.search(title) is not None


#: A link to the site's home page: its root, or an index page there.
_HOME_PATH = re.compile(r"/?(?:(?:index|main|default)\.(?:html?|php|aspx?|jsp))?", re.I)


def _hostname(url: str | None) -> str | None:
    """The URL's host name, or None (also for one urlsplit rejects: '//[bad')."""
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:
        return None


def home_link_name(doc: Any, url: str | None, limit: int = 80) -> str | None:
    """What the page calls its own home page: the text or logo alt of the first link
    to the site's root that names it (not 'Home').

    Why: many pages carry no og:site_name, and a host name in Latin letters does not
    match a Korean outlet name ('| 뉴스코리아' on newskorea.example), but pages link
    their logo to the home page, named. Only the first such link counts, among the first
    `limit` links: the logo sits in the header, while an author box further down may
    link its writer's name to the home page too.
    """
    host = (_hostname(url) or "").removeprefix("www.")
    for n, a in enumerate(doc.iter("a")):
        if n >= limit:
            break
        href = (a.get("href") or "").strip()
        if not href or "?" in href or "#" in href:
            continue
        if "//" in href:
            try:
                parts = urlsplit(href)
                if (parts.hostname or "").removeprefix("www.") != host:
                    continue
            except ValueError:  # '//[bad': no link to anywhere
                continue
            href = parts.path
        if not _HOME_PATH.fullmatch(href):
            continue
        for text in (element_text(a), *(img.get("alt") for img in a.iter("img"))):
            text = collapse(text)
            if 2 <= len(text) <= 40 and norm(text) not in _GENERIC_TAILS:
                return text
    return None


def matching_heading(doc: Any, title: str, tags: tuple[str, ...] = ("h1",)) -> Any | None:
    """The h1 (or other heading) whose text is the headline the title starts with."""
    key = norm(title)
    if not key:
        return None
    best = None
    for el in doc.iter(*tags):  # a tag-filtered C walk: faster than an XPath
        text = norm(element_text(el))
        if not text or len(text) < 4:
            continue
        if text == key:
            return el
        if best is None and (key.startswith(text) and len(text) >= 0.5 * len(key)
                             or text.startswith(key) and len(key) >= 10):
            best = el
    return best


#: What joins a label to a headline in a page title ('The Space Review: Seeking ...').
_JOINT = r"\s*(?:[:|｜\-–—»·]|::)\s*"
_LABEL_JOINT = re.compile(_JOINT + "$")
_LEADING_JOINT = re.compile("^" + _JOINT)


def _is_label(name: str) -> bool:
    """A site, section or series name, not part of a headline: up to four words, no
    comma ('Opinion', 'The Space Review'; not '... shoots for the moon, lands ...')."""
    return bool(norm(name)) and len(name) <= 40 and len(name.split()) <= 4 and "," not in name


def heading_beside_label(doc: Any, title: str) -> tuple[Any, str] | None:
    """The h1 that is the title less a short label before or after it, and its text.

    'The Space Review: Seeking a bigger role for a big rocket' with the h1 'Seeking a
    bigger role for a big rocket', or 'About bugs – Vortex Cannon Entertainment' with the
    h1 'About bugs': the label (a site, section or series name: up to four words, no
    comma) joined by a colon, bar or dash is not part of the headline.
    """
    for el in doc.iter("h1"):
        text = collapse(element_text(el))
        if len(text) < 8 or len(title) == len(text):
            continue
        if title.endswith(text):
            label = title[:-len(text)]
            joint = _LABEL_JOINT.search(label)
            if joint is not None and _is_label(label[:joint.start()]):
                return el, text
        elif without_trailing_label(title, text) is not None:
            return el, text
    return None


_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(unicodedata.normalize("NFKC", text).lower()))


def similar_heading(doc: Any, title: str, least: float = 0.75) -> Any | None:
    """The h1 that says nearly what the title says: most words shared both ways.

    Why: the title of a page's metadata is often a search-engine rewrite of the headline
    it shows ('15 Tips to Overcome Binge Eating' over the h1 '15 Helpful Tips to
    Overcome Binge Eating'). The byline and date rules read the area after the shown
    headline, so they need that element even when the two texts differ.
    """
    words = _words(title)
    if len(words) < 4:
        return None
    best, best_score = None, least
    for el in doc.iter("h1"):
        other = _words(element_text(el))
        if not other:
            continue
        score = len(words & other) / max(len(words), len(other))
        if score >= best_score and (best is None or score > best_score):
            best, best_score = el, score
    return best


def without_trailing_label(title: str, heading: str) -> str | None:
    """The heading, when the title is the heading plus a short label after it.

    'The Guardian view on Hong Kong: a city on the brink | Editorial' with that h1: the
    label (a section or site name: up to four words, no comma) joined by a bar, colon or
    dash is not part of the headline. None when the title is anything else.
    """
    if len(heading) < 8 or len(title) <= len(heading) or not title.startswith(heading):
        return None
    rest = title[len(heading):]
    joint = _LEADING_JOINT.match(rest)
    return heading if joint is not None and _is_label(rest[joint.end():]) else None


#: Elements named like a headline ('view_title', 'art_subject', 'headline'), not links
#: and holding none (a teaser's title is a link), outside the page's chrome.
_NAMED_HEADLINES = etree.XPath(
    "//body//*[contains(@class, 'tit') or contains(@class, 'subject') "
    "or contains(@class, 'headline')][not(ancestor-or-self::a)][not(.//a)]"
    "[not(ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside)]")


def title_from_headings(doc: Any) -> str | None:
    """The first non-empty h1, else the first element named like a headline: the last
    resort for a headline, when the page's title is only the outlet's name."""
    for el in doc.iter("h1"):
        text = collapse(element_text(el))
        if 4 <= len(text) <= 300:
            return text
    for el in _NAMED_HEADLINES(doc)[:20]:
        text = collapse(element_text(el))
        if 8 <= len(text) <= 200 and len(text.split()) >= 2:
            return text
    return None
