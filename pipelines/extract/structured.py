"""Structured metadata of a page: JSON-LD, OpenGraph, meta tags, itemprop, <time>, rel.

Publishers put their own idea of the headline, dates and authors into these machine
readable places; they are more reliable than layout heuristics when present, but they
are often broken (trailing commas, control characters, lists and `@graph` wrappers), so
everything here is tolerant and nothing raises. Values are returned raw, with the name of
the place they came from, and the assembly in core.py decides between them.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml import etree

from pipelines.extract.fastselect import DocIndex
from pipelines.extract.header import in_comments
from pipelines.extract.page import element_text
from pipelines.record import Author

ARTICLE_TYPES = frozenset(
    t.lower()
    for t in (
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
        "LiveBlogPosting", "TechArticle", "ScholarlyArticle", "Report", "SatiricalArticle",
        "SocialMediaPosting", "AdvertiserContentArticle", "AskPublicNewsArticle",
    )
)

# Elements of one tag are found with `iter(tag)` (a C walk that builds nothing for the
# other elements), several times faster than the equivalent `//tag[...]` XPath in lxml.
_ITEMPROP = etree.XPath("//*[@itemprop]")
#: Portal markup keeps the exact time (with seconds) in data attributes next to the
#: display text (Naver: data-date-time / data-modify-date-time).
_DATA_TIME = etree.XPath("//*[@data-date-time or @data-modify-date-time][position() <= 4]")
_HTML_LANG = etree.XPath("/html/@lang | /html/@xml:lang",
                         namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
_BREADCRUMB = etree.XPath(
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' breadcrumb ') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' breadcrumbs ') or "
    "contains(@itemtype, 'BreadcrumbList') or "
    "@aria-label='breadcrumb' or @id='breadcrumb' or @id='breadcrumbs']"
)
_BREADCRUMB_ITEMS = etree.XPath(".//a | .//li[not(.//a)] | .//span[@itemprop='name']")

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

#: meta keys (lower-cased name/property) that hold each field, in order of trust.
META_PUBLISHED = ("article:published_time", "og:article:published_time", "datepublished",
                  "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
                  "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
                  "content_published_time", "nv:date")
META_MODIFIED = ("article:modified_time", "og:article:modified_time", "og:updated_time",
                 "datemodified", "dcterms.modified", "article.updated", "last-modified",
                 "content_modified_time")
META_AUTHOR = ("author", "article:author", "dc.creator", "byl", "sailthru.author",
               "parsely-author", "dable:author", "citation_author")
META_SECTION = ("article:section", "section", "og:article:section", "parsely-section",
                "dable:item_section", "category")


def clean_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    return " ".join(str(value).split())


@dataclass
class Structured:
    """Candidate values, each list ordered by trust: (source name, raw value)."""

    titles: list[tuple[str, str]] = field(default_factory=list)
    descriptions: list[tuple[str, str]] = field(default_factory=list)
    published: list[tuple[str, str]] = field(default_factory=list)
    modified: list[tuple[str, str]] = field(default_factory=list)
    authors: list[tuple[str, list[Author]]] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)
    canonical: list[tuple[str, str]] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    #: the post's categories by WordPress's rel="category tag" links, in page order
    categories: list[str] = field(default_factory=list)
    languages: list[tuple[str, str]] = field(default_factory=list)
    body_text: str | None = None
    body_nodes: list[Any] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)

    def first(self, name: str) -> tuple[str, str] | None:
        values = getattr(self, name)
        return values[0] if values else None


# ---------------------------------------------------------------- JSON-LD

def load_json_tolerant(text: str) -> Any:
    """json.loads that survives what CMS templates emit: comments, CDATA, trailing
    commas, raw control characters and several objects in one script."""
    text = text.strip()
    if not text:
        return None
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    text = text.replace("<!--", "").replace("-->", "")
    text = re.sub(r"^\s*/\*\s*<!\[CDATA\[\s*\*/|/\*\s*\]\]>\s*\*/\s*$", "", text)
    text = text.replace("<![CDATA[", "").replace("]]>", "")
    text = _CONTROL.sub(" ", text)
    text = _TRAILING_COMMA.sub(r"\1", text).strip().rstrip(";")
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    # several objects back to back, or garbage after the first one
    decoder = json.JSONDecoder(strict=False)
    items: list[Any] = []
    pos = 0
    while pos < len(text):
        start = min((i for i in (text.find("{", pos), text.find("[", pos)) if i >= 0),
                    default=-1)
        if start < 0:
            break
        try:
            obj, end = decoder.raw_decode(text, start)
        except ValueError:
            pos = start + 1
            continue
        items.append(obj)
        pos = end
    return items or None


def iter_jsonld_items(data: Any, depth: int = 0) -> list[dict]:
    """Every dict in a JSON-LD payload, flattening lists and @graph wrappers."""
    out: list[dict] = []
    if depth > 6:
        return out
    if isinstance(data, list):
        for item in data:
            out.extend(iter_jsonld_items(item, depth + 1))
    elif isinstance(data, dict):
        out.append(data)
        graph = data.get("@graph")
        if graph is not None:
            out.extend(iter_jsonld_items(graph, depth + 1))
        for key in ("mainEntity", "mainEntityOfPage"):
            inner = data.get(key)
            if isinstance(inner, (dict, list)) and not (
                isinstance(inner, dict) and set(inner) <= {"@type", "@id"}
            ):
                out.extend(iter_jsonld_items(inner, depth + 1))
    return out


def _types(item: dict) -> set[str]:
    t = item.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {str(x).lower() for x in t}
    return set()


def jsonld_authors(value: Any) -> list[Author]:
    """Person/Organization objects, plain strings and lists of both."""
    from pipelines.extract.bylines import parse_byline

    out: list[Author] = []
    items = value if isinstance(value, list) else [value]
    expanded: list[Any] = []
    for item in items[:20]:
        # {"@type": "Person", "name": ["A", "B"]} is seen in the wild: one Person per name
        if isinstance(item, dict) and isinstance(item.get("name"), list):
            expanded.extend({**item, "name": n} for n in item["name"] if isinstance(n, str))
        else:
            expanded.append(item)
    for item in expanded[:20]:
        email = None
        if isinstance(item, dict):
            name = clean_text(item.get("name"))
            if not name:
                given = clean_text(item.get("givenName"))
                family = clean_text(item.get("familyName"))
                name = " ".join(x for x in (given, family) if x)
            email = clean_text(item.get("email")) or None
            if email and email.lower().startswith("mailto:"):
                email = email[7:]
            role = clean_text(item.get("jobTitle")) or None
        else:
            name = clean_text(item)
            role = None
        if not name or len(name) > 120:
            continue
        parsed = []
        try:
            parsed = parse_byline(name)
        except Exception:  # noqa: BLE001 - a byline parser bug must not lose the page
            parsed = []
        if parsed:
            for a in parsed:
                out.append(Author(a.name, a.role or role, a.email or email))
        elif len(name) <= 60:
            # what the byline parser turned down is kept as given, less a 'By ' or a
            # one-word credit label ('Text: ', 'Текст: ', '글: ') before it
            out.append(Author(_BY_PREFIX.sub("", name) or name, role, email))
    return out


_BY_PREFIX = re.compile(r"^(?:(?i:by)\s*:?|[^\W\d_]{1,12}\s*:)\s+")


def _resolve(value: Any, nodes: dict[str, dict]) -> Any:
    """A reference ({"@id": ...} and nothing else to read) replaced by the node it names.

    Why: Yoast SEO and other graph-style JSON-LD name the article's author and publisher
    by reference only ("author": {"@id": ".../#/schema/person/..."}), with the Person
    and Organization as separate nodes of the @graph.
    """
    if isinstance(value, list):
        return [_resolve(v, nodes) for v in value[:20]]
    if isinstance(value, dict) and "name" not in value:
        ref = value.get("@id")
        if isinstance(ref, str) and ref in nodes:
            return nodes[ref]
    return value


def _read_jsonld(doc: Any, sd: Structured) -> None:
    article: dict | None = None
    crumbs: list[tuple[int, str, str]] = []
    nodes: dict[str, dict] = {}  # every node with an @id, for references to it
    for script in doc.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        data = load_json_tolerant(script.text or "")
        if data is None:
            continue
        for item in iter_jsonld_items(data):
            ref = item.get("@id")
            if isinstance(ref, str) and "name" in item:
                nodes.setdefault(ref, item)
            types = _types(item)
            if types & ARTICLE_TYPES and article is None:
                article = item
            elif "breadcrumblist" in types:
                for el in item.get("itemListElement") or []:
                    if not isinstance(el, dict):
                        continue
                    thing = el.get("item")
                    name = clean_text(el.get("name") or (thing.get("name") if isinstance(thing, dict) else None))
                    url = thing.get("@id") if isinstance(thing, dict) else thing
                    try:
                        pos = int(el.get("position") or 0)
                    except (TypeError, ValueError):
                        pos = 0
                    if name:
                        crumbs.append((pos, name, clean_text(url)))
            elif types & {"website", "organization", "newsmediaorganization"}:
                name = clean_text(item.get("name"))
                if name:
                    sd.site_names.append(name)
    if article is not None:
        for key in ("headline", "name", "alternativeHeadline"):
            value = clean_text(article.get(key))
            if value:
                sd.titles.append(("jsonld", value))
                break
        desc = clean_text(article.get("description"))
        if desc:
            sd.descriptions.append(("jsonld", desc))
        for key in ("datePublished", "dateCreated", "uploadDate"):
            value = clean_text(article.get(key))
            if value:
                sd.published.append(("jsonld", value))
                break
        value = clean_text(article.get("dateModified"))
        if value:
            sd.modified.append(("jsonld", value))
        authors = jsonld_authors(_resolve(article.get("author") or article.get("creator"), nodes))
        if authors:
            sd.authors.append(("jsonld", authors))
        section = article.get("articleSection")
        if isinstance(section, list):
            section = next((s for s in section if isinstance(s, str) and s.strip()), None)
        section = clean_text(section)
        if section:
            sd.sections.append(("jsonld", section))
        publisher = _resolve(article.get("publisher"), nodes)
        if isinstance(publisher, dict) and clean_text(publisher.get("name")):
            sd.site_names.insert(0, clean_text(publisher.get("name")))
        url = article.get("url")
        if not url:
            mep = article.get("mainEntityOfPage")
            url = mep.get("@id") if isinstance(mep, dict) else mep
        if isinstance(url, str) and url.strip():
            sd.canonical.append(("jsonld", url.strip()))
        lang = clean_text(article.get("inLanguage"))
        if lang:
            sd.languages.append(("jsonld", lang))
        body = article.get("articleBody")
        if isinstance(body, str) and body.strip():
            sd.body_text = body.strip()
    if crumbs:
        crumbs.sort(key=lambda c: c[0])
        sd.meta.setdefault("_jsonld_breadcrumbs", []).extend(c[1] for c in crumbs)


# ---------------------------------------------------------------- meta / itemprop / rel

def _read_meta(doc: Any, sd: Structured) -> None:
    meta: dict[str, list[str]] = sd.meta
    for el in doc.iter("meta"):
        if el.get("content") is None:
            continue
        key = (el.get("property") or el.get("name") or el.get("itemprop")
               or el.get("http-equiv") or "").strip().lower()
        value = " ".join((el.get("content") or "").split())
        if key and value:
            meta.setdefault(key, []).append(value)

    def get(*keys: str) -> str | None:  # noqa: E306
        for k in keys:
            if meta.get(k):
                return meta[k][0]
        return None

    if get("og:title"):
        sd.titles.append(("og", get("og:title")))
    if get("twitter:title"):
        sd.titles.append(("meta", get("twitter:title")))
    for key, src in (("og:description", "og"), ("description", "meta")):
        if get(key):
            sd.descriptions.append((src, get(key)))
    for key in META_PUBLISHED:
        if get(key):
            sd.published.append(("meta", get(key)))
            break
    for key in META_MODIFIED:
        if get(key):
            sd.modified.append(("meta", get(key)))
            break
    for key in META_SECTION:
        if get(key):
            sd.sections.append(("meta", get(key)))
            break
    if get("og:url"):
        sd.canonical.append(("og", get("og:url")))
    for key in ("og:site_name", "application-name", "twitter:site", "publisher"):
        if get(key):
            sd.site_names.append(get(key).lstrip("@"))
    if get("og:locale"):
        sd.languages.append(("og", get("og:locale")))
    for key in ("content-language", "language", "dc.language"):
        if get(key):
            sd.languages.append(("meta", get(key)))
            break
    for key in META_AUTHOR:
        values = [v for v in meta.get(key, [])[:10] if not v.lower().startswith(("http://", "https://"))]
        authors = []
        for value in values:
            found = jsonld_authors(value)
            authors.extend(found)
        if authors:
            sd.authors.append(("meta", authors))
            break


def _itemprop_value(el: Any) -> str:
    for attr in ("content", "datetime", "value"):
        if el.get(attr):
            return " ".join(el.get(attr).split())
    return " ".join(element_text(el).split())


#: An <article> with less text than this, on a page with several, is a teaser card.
_CARD_CHARS = 600


class _ArticleAuthors:
    """Which author links and microdata name the page's own authors.

    Why: a comment's author (WordPress marks comments up as schema.org Comments with
    ``itemprop="author"``) and the byline of a related story's card (``rel="author"``
    in an ``<article>`` of a 'most popular' list) use the same markup as the byline.
    Taken with it, they made commenters and other stories' writers the authors.
    """

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._several: bool | None = None

    def __call__(self, el: Any) -> bool:
        if in_comments(el):
            return False
        for anc in el.iterancestors("article"):
            if self._several is None:
                self._several = sum(1 for _ in zip(range(2), self.doc.iter("article"))) > 1
            return not (self._several and len(element_text(anc)) < _CARD_CHARS)
        return True


def _read_itemprop(doc: Any, sd: Structured, elements: list[Any] | None = None) -> None:
    seen: set[str] = set()
    authors: list[Author] = []
    own = _ArticleAuthors(doc)
    for el in (elements if elements is not None else _ITEMPROP(doc)):
        if el.tag == "meta":
            props = (el.get("itemprop") or "").split()
        else:
            props = (el.get("itemprop") or "").split()
        for prop in props:
            if prop == "headline" and "headline" not in seen:
                value = _itemprop_value(el)
                if value:
                    sd.titles.append(("itemprop", value))
                    seen.add(prop)
            elif prop in ("datePublished", "dateModified") and prop not in seen:
                value = _itemprop_value(el)
                if value:
                    (sd.published if prop == "datePublished" else sd.modified).append(
                        ("itemprop", value))
                    seen.add(prop)
            elif prop == "author" and len(authors) < 10 and own(el):
                names = [n for n in el.iter() if n is not el and "name" in (n.get("itemprop") or "").split()]
                value = _itemprop_value(names[0]) if names else _itemprop_value(el)
                if value and len(value) <= 80:
                    authors.extend(jsonld_authors(value))
            elif prop == "articleBody":
                sd.body_nodes.append(el)
            elif prop == "articleSection" and "articleSection" not in seen:
                value = _itemprop_value(el)
                if value and len(value) <= 40:
                    sd.sections.append(("itemprop", value))
                    seen.add(prop)
    if authors:
        sd.authors.append(("itemprop", authors))


def _read_time(doc: Any, sd: Structured, data_times: list[Any] | None = None) -> None:
    pub = mod = None
    times = [el for el in doc.iter("time") if el.get("datetime") is not None]
    for el in times[:20]:
        value = el.get("datetime", "").strip()
        if not value:
            continue
        hint = " ".join((el.get("class") or "", el.get("itemprop") or "", el.get("pubdate") or "",
                         (el.getparent().get("class") or "") if el.getparent() is not None else ""))
        hint = hint.lower()
        if any(h in hint for h in ("modif", "updat")):
            mod = mod or value
        elif pub is None:
            pub = value
    for el in (data_times if data_times is not None else _DATA_TIME(doc)):
        if el.get("data-modify-date-time"):
            mod = mod or el.get("data-modify-date-time").strip()
        elif el.get("data-date-time"):
            value = el.get("data-date-time").strip()
            label = " ".join((element_text(el.getparent()) if el.getparent() is not None else "").split())
            if "수정" in label[:10] or "modif" in (el.get("class") or "").lower():
                mod = mod or value
            else:
                pub = pub or value
    if pub:
        sd.published.append(("time", pub))
    if mod:
        sd.modified.append(("time", mod))


def _read_rel(doc: Any, sd: Structured) -> None:
    names: list[Author] = []
    own = _ArticleAuthors(doc)
    rel_authors: list[Any] = []
    categories: list[Any] = []
    for a in doc.iter("a"):
        rel = a.get("rel")
        if not rel:
            continue
        words = rel.split()
        if "author" in words:
            rel_authors.append(a)
        elif "category" in words and len(categories) < 4:
            # WordPress's own links to the post's categories (rel="category tag")
            categories.append(a)
    for el in rel_authors[:10]:
        if not own(el):
            continue
        text = " ".join(element_text(el).split())
        if text and len(text) <= 60:
            names.extend(jsonld_authors(text))
    if names:
        sd.authors.append(("rel", names))
    for el in categories:
        text = " ".join(element_text(el).split())
        if text and len(text) <= 40 and own(el):
            sd.categories.append(text)
    for link in doc.iter("link"):
        href = link.get("href")
        if href is not None and (link.get("rel") or "").lower() == "canonical":
            sd.canonical.insert(0, ("canonical", href.strip()))
            break


_BYLINE_WORDS = re.compile(r"byline|author|writer|reporter|journalist")
_SUBTITLE_WORDS = re.compile(
    r"sub[_-]?tit|subhead|sub-head|sub_head|standfirst|title_sub|title-sub|"
    r"(?:^|[\s_-])(?:dek|deck)(?:$|[\s_-])"
)
_CAPTION_WORDS = re.compile(r"caption|img_desc|photo_desc|photo_txt|img_txt")
#: Breadcrumbs by name; Korean and Japanese sites call the trail a 'location' or a
#: 'page_path' ('<div class="location">홈 > 사회 > 행정</div>'), which html_breadcrumbs takes only
#: when it starts at the home page (a weather box's 'location' is no trail).
_CRUMB_WORDS = re.compile(
    r"(?:^|\s)breadcrumbs?(?:$|\s)"
    r"|(?:^|[\s_-])(?:location|loc_?nav|nav_?path|page_?path|path|crumbs?)(?:$|[\s_-])")
_HOME_CRUMBS = frozenset({"홈", "home", "메인", "처음", "首页", "ホーム", "top"})


@dataclass
class PageIndex:
    """Elements of interest found in one pass over the page (instead of one XPath scan
    of the whole tree per question, which dominated the cost on big pages)."""

    #: every element with a class or id, by class token and id (for CMS selectors)
    elements: DocIndex | None = None
    bylines: list[Any] = field(default_factory=list)
    subtitles: list[Any] = field(default_factory=list)
    captions: list[Any] = field(default_factory=list)
    breadcrumbs: list[Any] = field(default_factory=list)
    #: newsletter sign-ups and ad slots marked only by data-*/aria attributes
    promos: list[Any] = field(default_factory=list)
    #: portal date stamps with exact times in data attributes
    data_times: list[Any] = field(default_factory=list)
    #: elements with an itemprop (microdata), in document order; None: not collected
    itemprops: list[Any] | None = None


_CLASS_ID = etree.XPath("//@class | //@id | //figcaption")
_DATA_ATTR_NAMES = ("itemprop", "itemtype", "aria-label", "data-component", "data-gu-name",
                    "data-spacefinder-type", "data-testid", "data-date-time",
                    "data-modify-date-time")
#: (name, its bytes, whether it is a data-* name found by _DATA_NAME)
_DATA_ATTR_BYTES = tuple((n, n.encode("ascii"), n.startswith("data-")) for n in _DATA_ATTR_NAMES)
#: a data-* attribute name as it stands in lower-cased page bytes
_DATA_NAME = re.compile(rb"data-[a-z0-9_.:-]+")

@lru_cache(maxsize=512)
def _data_attrs_scan(names: tuple[str, ...]) -> etree.XPath:
    return etree.XPath(" | ".join(f"//@{name}" for name in names))


def _data_attr_values(doc: Any, source: str | bytes | None) -> list[Any]:
    """The data-*/aria/microdata attribute values of the page, in document order.

    Each name is a walk of the whole tree; with the page's source at hand only the names
    that occur in it (an attribute name cannot be in the tree without being in the
    source, in some letter case) are walked: usually one or none on a Korean CMS page.
    The names are ASCII, so the source is searched as bytes in an ASCII-compatible
    encoding (the extractor passes the UTF-8 bytes it parsed): ``str.lower()`` looks up
    every Hangul syllable of the page (~0.45 ms for a 70 KB page), ``bytes.lower()``
    takes ~0.03 ms.
    """
    if source is None:
        return _data_attrs_scan(_DATA_ATTR_NAMES)(doc)
    if isinstance(source, str):
        source = source.encode("utf-8", "surrogatepass")
    low = source.lower()
    # one scan finds every data-* name; the others are a substring test each
    data_names = set(_DATA_NAME.findall(low)) if b"data-" in low else ()
    names = tuple(n for n, b, is_data in _DATA_ATTR_BYTES
                  if (b in data_names if is_data else b in low))
    return _data_attrs_scan(names)(doc) if names else []
_INTERESTING = re.compile(
    r"byline|author|writer|reporter|journalist|sub[_-]?tit|subhead|sub-head|"
    r"sub_head|standfirst|"
    r"title_sub|title-sub|dek|deck|caption|img_desc|photo_desc|photo_txt|img_txt|breadcrumb|"
    r"newsletter|signup|sign-up|subscribe|advert|location|loc_nav|locnav|nav_path|navpath|"
    r"page_path|pagepath|path|crumb"
)
_PROMO_WORDS = re.compile(r"newsletter|signup|sign-up|subscribe|advertisement|advert(?:$|[\s_-])")


_BYLINE_F, _SUBTITLE_F, _CAPTION_F, _CRUMB_F = 1, 2, 4, 8
_NO_BYLINE_TAGS = frozenset({"meta", "link", "body", "html", "script", "style"})
_SUBTITLE_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "div", "span"})


@lru_cache(maxsize=16384)
def _key_flags(key: str) -> int:
    """What a lower-cased class/id (or data-*) value marks, as bit flags. Cached: a page
    repeats the same few hundred values over thousands of elements."""
    if not key.strip() or not _INTERESTING.search(key):
        return 0
    return ((_BYLINE_F if _BYLINE_WORDS.search(key) else 0)
            | (_SUBTITLE_F if _SUBTITLE_WORDS.search(key) else 0)
            | (_CAPTION_F if _CAPTION_WORDS.search(key) else 0)
            | (_CRUMB_F if _CRUMB_WORDS.search(key) else 0))


@lru_cache(maxsize=16384)
def _class_flags(cls: str, ident: str) -> int:
    # lower() + a case-sensitive pattern: an re.I alternation is ~20x slower here
    return _key_flags((f"{cls} {ident}" if ident else cls).lower())


def index_page(doc: Any, source: str | bytes | None = None) -> PageIndex:
    """Two XPath scans of the page, then cheap (cached) checks per element found.

    The scans select the *attributes* of interest rather than elements with a predicate
    per element: lxml evaluates a many-armed `[@a or @b ...]` predicate on every element
    (slower than the rest of the index), while a union of attribute paths is a plain walk
    whose values come grouped by element in document order. class/id and the data-*/aria
    markers are two scans, not one union: merging the two node sets into document order
    cost more than the rare merge of their results done here.
    """
    elements = DocIndex(doc)
    idx = PageIndex(elements=elements)
    # Elements with class and/or id, once each (their attributes come one after the other)
    # and figcaptions; grouped here, judged by `_index_element`. Only elements whose
    # class/id can mean something (flags) or that have an id cost a call.
    group: Any = None
    cls = ident = ""
    for value in _CLASS_ID(doc):
        if isinstance(value, str):
            el = value.getparent()
            name = value.attrname
        else:  # a <figcaption> without class or id
            el, name = value, None
        if el is not group:
            if group is not None:
                if cls or ident:
                    elements.add(group, cls, ident)
                if ident or _class_flags(cls, "") or group.tag == "figcaption":
                    _index_element(idx, group, cls, ident)
            group, cls, ident = el, "", ""
        if name == "class":
            cls = str(value)  # a plain str: the result object keeps the whole tree alive
        elif name == "id":
            ident = str(value)
    if group is not None:
        if cls or ident:
            elements.add(group, cls, ident)
        _index_element(idx, group, cls, ident)

    extra = PageIndex()
    itemprops: list[Any] = []
    group = None
    has_data = False
    for value in _data_attr_values(doc, source):
        el = value.getparent()
        if el is not group:
            if has_data and group.tag != "figcaption":
                _index_data(extra, group, group.tag, group.attrib)
            group, has_data = el, False
        if value.attrname == "itemprop":
            itemprops.append(el)  # for read_structured: one scan fewer
        else:
            has_data = True
    if has_data and group.tag != "figcaption":
        _index_data(extra, group, group.tag, group.attrib)
    idx.itemprops = itemprops
    idx.data_times = extra.data_times
    idx.promos = extra.promos
    order: dict[Any, int] | None = None
    for name in ("bylines", "subtitles", "captions", "breadcrumbs"):
        more = getattr(extra, name)
        if not more:
            continue
        mine = getattr(idx, name)
        if not mine:
            setattr(idx, name, more)
            continue
        if order is None:
            order = {el: i for i, el in enumerate(doc.iter())}
        # stable: for one element the class/id entry stays before the data-* one
        setattr(idx, name, sorted(mine + more, key=lambda el: order.get(el, 0)))
    return idx


def _index_element(idx: PageIndex, el: Any, cls: str, ident: str) -> None:
    tag = el.tag
    if tag == "figcaption":
        idx.captions.append(el)
        return
    flags = _class_flags(cls, ident) if cls or ident else 0
    if flags:
        _classify(idx, el, tag, flags)


def _index_data(idx: PageIndex, el: Any, tag: str, attrs: Any) -> None:
    """Elements marked by data-*/aria/itemtype attributes rather than class or id."""
    if "data-date-time" in attrs or "data-modify-date-time" in attrs:
        if len(idx.data_times) < 4:
            idx.data_times.append(el)
        return
    if "BreadcrumbList" in (attrs.get("itemtype") or "") or attrs.get("aria-label") == "breadcrumb":
        idx.breadcrumbs.append(el)
        return
    data = " ".join(attrs.get(k) or "" for k in ("data-component", "data-gu-name",
                                                "data-spacefinder-type", "data-testid",
                                                "aria-label")).lower()
    if not data.strip():
        return
    if tag in ("figure", "aside", "div", "section") and _PROMO_WORDS.search(data):
        idx.promos.append(el)
    else:
        flags = _key_flags(data)
        if flags:
            _classify(idx, el, tag, flags)


def _classify(idx: PageIndex, el: Any, tag: str, flags: int) -> None:
    if flags & _BYLINE_F and tag not in _NO_BYLINE_TAGS:
        idx.bylines.append(el)
    if flags & _SUBTITLE_F and tag in _SUBTITLE_TAGS:
        idx.subtitles.append(el)
    if flags & _CAPTION_F:
        idx.captions.append(el)
    if flags & _CRUMB_F:
        idx.breadcrumbs.append(el)


def html_breadcrumbs(doc: Any, boxes: list[Any] | None = None) -> list[str]:
    """Texts of the first breadcrumb trail on the page (not links of menus)."""
    for box in (boxes if boxes is not None else _BREADCRUMB(doc))[:8]:
        if box.tag in ("html", "body"):
            continue
        items = [" ".join(element_text(x).split()) for x in _BREADCRUMB_ITEMS(box)]
        if not items and "breadcrumb" not in (box.get("class") or "").lower():
            # a plain-text trail: 'HOME > 사회 > 행정'
            items = re.split(r"[>›»]", element_text(box))
        items = [x.strip(">›»/ ") for x in items]
        items = [x for x in items if x and len(x) <= 40]
        named = "breadcrumb" in f"{box.get('class') or ''} {box.get('id') or ''}".lower()
        if not named and (not items or items[0].lower() not in _HOME_CRUMBS):
            continue  # a 'location' or 'path' that is no trail from the home page
        if 1 <= len(items) <= 8:
            return items
    return []


def read_structured(doc: Any, index: PageIndex | None = None) -> Structured:
    """All structured candidates of a parsed page. Never raises on malformed input.

    `index` (from index_page) saves scans of the page for microdata and portal date
    stamps.
    """
    sd = Structured()
    for reader in (_read_jsonld, _read_meta, _read_itemprop, _read_time, _read_rel):
        try:
            if reader is _read_time and index is not None:
                _read_time(doc, sd, index.data_times)
            elif reader is _read_itemprop and index is not None and index.itemprops is not None:
                _read_itemprop(doc, sd, index.itemprops)
            else:
                reader(doc, sd)
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
            continue
    for lang in _HTML_LANG(doc)[:1]:
        if lang.strip():
            sd.languages.insert(0, ("html", lang.strip()))
    return sd
