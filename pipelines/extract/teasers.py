"""Teasers: previews of other articles embedded in a page.

Related-article lists, `많이 본 뉴스` rankings, section boxes (`정치 더보기`), ND소프트's
`article.relation`, inline `Read more` / `관련기사` boxes. They are worth keeping (they link
the archive's articles to each other and show what the outlet promoted) and they must
never leak into the body. Known CMS widgets come from cms.py; on unknown layouts a link
counts as a teaser when it points to the same site with the same URL shape as the page
itself (same path with another id, or /YYYY/MM/DD/slug), sits in a box outside the main
text and has headline-like text. Menus, pagination, tags and share links fail one of those.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterable

from lxml import etree

from pipelines.extract.teaser_labels import (
    _BOX_KIND,
    _INLINE_HEADING,
    _box_anchors,
    _box_label,
    _heading_of_box,
    _opening_label,
)
from pipelines.extract.page import collapse, element_text  # noqa: F401
from pipelines.extract.page import text_of as _text
from pipelines.record import Teaser
from pipelines.urls import cached_canonical_url as canonicalize_url
from pipelines.urls import join_url



_HEADLINE_ANCHORS = etree.XPath(
    "//a[@href][string-length(normalize-space(.)) >= 10 or string-length(@aria-label) >= 10"
    " or string-length(@title) >= 10]"
)
# Parts of a teaser card (see `_part_kinds`): by tag or by a substring of their class.
_TITLE_TAGS = frozenset({"h2", "h3", "h4", "h5", "strong", "b"})
_TITLE_CLASS = re.compile(r"tit|headline")
_HEADING_TAGS = ("h2", "h3", "h4", "h5")
_SNIPPET_TAGS = frozenset({"p", "dd"})
_SNIPPET_CLASS = re.compile(r"lead|summary|desc|txt|excerpt|sub")
_SECTION_TAGS = frozenset({"em"})
_SECTION_CLASS = re.compile(r"sec|cate|kicker|label")
_TITLE_PART, _SNIPPET_PART, _SECTION_PART = 1, 2, 4
_TAG_PARTS = {**{t: _TITLE_PART for t in _TITLE_TAGS}, **{t: _SNIPPET_PART for t in _SNIPPET_TAGS},
              **{t: _SECTION_PART for t in _SECTION_TAGS}}


@lru_cache(maxsize=4096)
def _class_parts(cls: str) -> int:
    return ((_TITLE_PART if _TITLE_CLASS.search(cls) else 0)
            | (_SNIPPET_PART if _SNIPPET_CLASS.search(cls) else 0)
            | (_SECTION_PART if _SECTION_CLASS.search(cls) else 0))


def _part_kinds(el: Any) -> int:
    """Which parts of a teaser card el can be (bit flags): a title, snippet or label by
    its tag or by a substring of its class (as XPath contains()), tested once per
    element for all three kinds; callers walk a card and stop at the first good one."""
    tag = el.tag
    if not isinstance(tag, str):
        return 0
    cls = el.get("class")
    return _TAG_PARTS.get(tag, 0) | (_class_parts(cls) if cls else 0)


_ITEM_TAGS = frozenset({"li", "article", "dd", "tr"})
_BOX_TAGS = frozenset({"ul", "ol", "section", "aside", "div", "dl", "table", "article", "nav",
                       "footer", "header", "p"})
_CHROME_WORDS = re.compile(
    r"(^|[\s_-])(gnb|lnb|snb|menu|nav|navbar|navigation|footer|foot|pagination|paging|pager|"
    r"page_?num|tags?|tag_?list|keywords?|share|sns|social|breadcrumbs?|util|top_?menu|"
    r"all_?menu|sitemap|copyright|comment|comments)($|[\s_-])"
)
_INLINE_BOX_WORDS = re.compile(
    r"relat|read[-_]?more|readmore|see[-_]?also|also[-_]?read|more[-_]?(news|stories)|"
    r"recommend|관련"
)
#: Link texts of buttons and hub links, not headlines ('More in Trump Impeachment
#: Inquiry', 'View all (23)', 'Subscribe to ...', '전체기사 보기').
_UI_LABEL = re.compile(
    r"(?i)\s*(?:more\s+(?:in|from|on)\s|(?:see|view|show|load)\s+(?:all|more)\b|read\s+more\b|"
    r"subscribe\b|sign\s+up\b|newsletters?\s*$|(?:next|previous)\s+(?:article|story)\s*$|"
    r"(?:전체\s*)?(?:기사\s*)?(?:더\s*보기|전체\s*보기)\s*$)"
)
#: The letters a _UI_LABEL starts with: a cheaper first test, run on every teaser.
_UI_FIRST = frozenset("MmSsVvLlRrNnPp전기더")
MIN_TITLE_CHARS = 10


def _cls(el: Any) -> str:
    """class and id, lower-cased (patterns here are case-sensitive: re.I is slow)."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def _host_key(host: str | None) -> str:
    host = (host or "").lower()
    for prefix in ("www.", "m.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host


_SEG_ID = re.compile(r"^(?=.*\d)[\w.-]{6,}$")
_SEG_SLUG = re.compile(r"^[\w%.]+(?:-[\w%.]+){2,}$|^[\w%.-]{25,}$")
_EXT = re.compile(r"\.(s?html?|php|aspx?|jsp)$", re.I)


def _segment_kind(seg: str) -> str:
    stem = _EXT.sub("", seg) if "." in seg else seg
    if stem.isdigit():
        return "N"
    if _SEG_SLUG.match(stem):
        return "S"
    if _SEG_ID.match(stem):
        return "X"
    return "=" + seg.lower()


@lru_cache(maxsize=8192)
def url_shape(url: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(site key, path segment kinds, id-like query keys) of a URL.

    Plain string splitting rather than urlsplit/parse_qsl: it runs for every link of
    every page.
    """
    rest = url.split("#", 1)[0]
    sep = rest.find("://")
    after = rest[sep + 3:] if sep >= 0 else rest
    host, _, pathq = after.partition("/")
    path, _, query = pathq.partition("?")
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    segs = tuple(_segment_kind(x) for x in path.split("/") if x)
    keys: tuple[str, ...] = ()
    if query:
        keys = tuple(sorted(k.lower() for k, _, v in (p.partition("=") for p in query.split("&")) if v.isdigit()))
    return _host_key(host), segs, keys


_KNOWN_ARTICLE = re.compile(
    r"/news/article\.html\?(?:[^#]*&)?no=\d+|/news/articleView\.html\?(?:[^#]*&)?idxno=\d+|"
    r"/mnews/article/\d+/\d+|/bbs/board\.php\?[^#]*wr_id=\d+|/view/[A-Z]{3}\d{6,}|"
    r"/article/[\w-]*\d{5,}|/(?:19|20)\d\d/\d\d/\d\d/[\w%-]{8,}", re.I,
)


@lru_cache(maxsize=8192)
def _known_article_url(url: str) -> bool:
    """A URL of a known article shape; cached like url_shape (the same links and the
    page's own URL are asked about again and again)."""
    return _KNOWN_ARTICLE.search(url) is not None


def looks_like_article(url: str, page_url: str) -> bool:
    """Same site and the same URL family as the page (another id, another slug)."""
    site, segs, keys = url_shape(url)
    psite, psegs, pkeys = url_shape(page_url)
    if site != psite or not site:
        return False
    if _known_article_url(url) and (_known_article_url(page_url) or not psegs):
        return True
    if keys != pkeys or len(segs) != len(psegs) or not segs:
        return False
    variable = 0
    literal_diffs = 0
    for a, b in zip(segs, psegs):
        if a[0] != "=" and b[0] != "=":
            variable += 1
        elif a != b:
            literal_diffs += 1
            if a[0] != "=" or b[0] != "=":
                return False
    if keys:
        variable += 1
    return variable >= 1 and literal_diffs <= 1


class _Memo:
    """Per-page caches: chrome ancestry and box headings are shared by many links."""

    def __init__(self) -> None:
        self.chrome: dict[Any, bool] = {}
        self.heading: dict[Any, str | None] = {}
        self.embedded: dict[Any, bool] = {}


def _embedded_in_text(box: Any) -> bool:
    """A card placed between the paragraphs of a text (its container holds paragraphs):
    such cards are "read more" links, not section boxes, so their headings are no section."""
    anc = box
    for _ in range(4):
        anc = anc.getparent()
        if anc is None or anc.tag in ("body", "html"):
            return False
        long_paragraphs = 0
        for p in anc.iterchildren("p"):
            if len(element_text(p)) > 80:
                long_paragraphs += 1
                if long_paragraphs >= 2:
                    return True
    return False


def _in_chrome(el: Any, memo: _Memo | None = None) -> bool:
    """Inside a menu, footer, pager, tag list or share bar (memoised per ancestor)."""
    path: list[Any] = []
    result = False
    for anc in el.iterancestors():
        if memo is not None and anc in memo.chrome:
            result = memo.chrome[anc]
            break
        path.append(anc)
        if anc.tag in ("nav", "footer", "header") and not _INLINE_BOX_WORDS.search(_cls(anc)):
            result = True
            break
        if _CHROME_WORDS.search(_cls(anc)):
            result = True
            break
    if memo is not None:
        # everything below a chrome element is chrome; above it we know nothing
        if result:
            for anc in path:
                memo.chrome[anc] = True
        else:
            for anc in path:
                memo.chrome[anc] = False
    return result


def _item_of(anchor: Any, box: Any) -> Any:
    """The list item / card holding an anchor (or the anchor itself)."""
    for anc in anchor.iterancestors():
        if anc is box:
            return anchor
        if anc.tag in _ITEM_TAGS:
            return anc
        if anc.tag == "dt":
            # '<dl><dt><a>headline</a></dt><dd>blurb</dd></dl>': a definition list per
            # card is the card; in a list of many cards the headline's own line is
            dl = anc.getparent()
            if dl is not None and dl.tag == "dl" and sum(
                    1 for _ in dl.iterchildren("dt")) == 1:
                return dl
            return anc
        cls = anc.get("class")
        if cls and ("art_box" in cls or "item" in cls.split()):
            return anc
    return anchor


_SKIP_IN_LINK = re.compile(r"(^|[\s_-])(num|number|rank|ranking|count|cnt|date|time|ico|icon|badge)($|[\s_-])", re.I)


def _anchor_text(anchor: Any, skip: Any = None) -> str:
    """Link text without rank numbers, dates and icons placed inside the link (nor the
    element `skip`)."""
    parts: list[str] = []
    _anchor_parts(anchor, anchor, parts, skip)
    return collapse(" ".join(parts))


#: Class words of a teaser's blurb where it shares the link with the headline.
_BLURB_CLASS = re.compile(r"blurb|(?:^|[\s_-])dek(?:$|[\s_-])|excerpt|summary", re.I)


def _blurb_in(anchor: Any) -> Any | None:
    for el in anchor.iterdescendants():
        cls = el.get("class") if isinstance(el.tag, str) else None
        if cls and _BLURB_CLASS.search(cls):
            return el
    return None


def _is_rank(el: Any, anchor: Any) -> bool:
    """A rank number opening a link in an element of its own, with no class to say so
    ('<a><strong>3</strong>대전시 트램 ...</a>')."""
    text = el.text
    if not text or len(text) > 12 or not text.strip().isdigit() or len(text.strip()) > 3:
        return False
    return (len(el) == 0 and el.getparent() is anchor and anchor.index(el) == 0
            and not (anchor.text or "").strip())


def _anchor_parts(el: Any, anchor: Any, parts: list[str], skip: Any = None) -> None:
    # A module-level recursion: a nested recursive closure is a reference cycle that
    # keeps the element, hence the page's whole tree, alive until the cyclic GC runs.
    if el is skip or (el is not anchor and isinstance(el.tag, str)
                      and (_SKIP_IN_LINK.search(el.get("class") or "") or _is_rank(el, anchor))):
        if el.tail:
            parts.append(el.tail)
        return
    if isinstance(el.tag, str) and el.tag in ("script", "style", "img"):
        if el.tail and el is not anchor:
            parts.append(el.tail)
        return
    if el.text:
        parts.append(el.text)
    for ch in el:
        _anchor_parts(ch, anchor, parts, skip)
    if el is not anchor and el.tail:
        parts.append(el.tail)


_DATE_LIKE = re.compile(r"\d{4}[.\-/]\d")
_LETTER = re.compile(r"[^\W\d_]")


def teaser_from_anchor(anchor: Any, box: Any, base_url: str, box_section: str | None) -> Teaser | None:
    return _card_teaser(anchor, _item_of(anchor, box), base_url, box_section)


#: A script link's address: 'location.href='/news/view.php?idx=3'', 'window.open("…")'.
_SCRIPT_TARGET = re.compile(
    r"""(?:location(?:\.href)?\s*=|location\.assign\(|window\.open\()\s*['"]([^'"]+)['"]""")


def link_target(anchor: Any) -> str:
    """Where a link goes: its href, or, for a script link ('href="#"' or 'javascript:'
    with 'onclick="location.href='/news/view.php?idx=3'"', as older Korean sites write
    their lists), the address the script opens."""
    href = (anchor.get("href") or "").strip()
    if href and href[0] != "#" and not href.startswith("javascript:"):
        return href
    for script in (href, anchor.get("onclick") or ""):
        if "location" in script or "open(" in script:
            found = _SCRIPT_TARGET.search(script)
            if found:
                return found.group(1).strip()
    return href


def _card_teaser(anchor: Any, item: Any, base_url: str, box_section: str | None) -> Teaser | None:
    """The teaser of a link in its card (`_item_of`): all it depends on besides the URLs."""
    href = link_target(anchor)
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    url = join_url(base_url, href)
    if not url.startswith(("http://", "https://")):
        return None
    url = canonicalize_url(url)  # no fragments or tracking tags in archived links
    titled = None
    tag_parts = _TAG_PARTS
    for el in anchor.iterdescendants():
        # _part_kinds(el) & _TITLE_PART, inlined: this loop and the card's below run for
        # every element of ~65 cards a page
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if not tag_parts.get(tag, 0) & _TITLE_PART:
            cls = el.get("class")
            if not cls or not _class_parts(cls) & _TITLE_PART:
                continue
            # named by its class, it may be a wrapper ('item__title-wrapper') around the
            # heading and the snippet: the heading inside is the title
            inner = next(el.iterdescendants(*_HEADING_TAGS), None)
            if inner is not None and _text(inner):
                el = inner
        titled = _text(el)
        if titled and len(titled) > 2 and not titled.isdigit():
            break
        titled = None  # a rank number in bold ('<strong>3</strong>') is no headline
    title = titled or _anchor_text(anchor)
    snippet = None
    if not titled and title:
        # a headline and its blurb side by side in one link, the blurb named by its class
        # ('c-rock-list__entry-blurb'): the blurb is no part of the title
        blurb = _blurb_in(anchor)
        if blurb is not None:
            t = _text(blurb)
            rest = _anchor_text(anchor, skip=blurb)
            if rest and len(t) >= 15:
                title, snippet = rest, t
    if not title and item is not anchor:
        # an image link: the card's headline names it, not a label such as 'Opens a new
        # window' on the link
        title = next((t for el in item.iterdescendants(*_HEADING_TAGS) if (t := _text(el))), "")
    if not title:
        title = collapse(anchor.get("aria-label") or anchor.get("title"))
    if title and title[-1] in ".…" and (full := anchor.get("title")):
        # a headline cut short to fit ('… 강남권이...') with the whole one in the title
        full = collapse(full)
        cut = title.rstrip(".… ")
        if len(full) > len(cut) and full.startswith(cut) and len(cut) >= 5:
            title = full
    section = None
    if item is not anchor:
        # one walk of the card for both parts: the first good snippet, the first good label
        wanted = _SNIPPET_PART | _SECTION_PART
        for el in item.iterdescendants():
            tag = el.tag  # _part_kinds(el), inlined
            if not isinstance(tag, str):
                continue
            cls = el.get("class")
            kinds = (tag_parts.get(tag, 0) | (_class_parts(cls) if cls else 0)) & wanted
            if not kinds:
                continue
            t = _text(el)
            if (kinds & _SNIPPET_PART and not snippet and t and t != title and len(t) >= 15
                    and title not in t):
                snippet = t
                wanted &= ~_SNIPPET_PART
            if (kinds & _SECTION_PART and t and t != title and len(t) <= 15
                    and not _DATE_LIKE.search(t) and _LETTER.search(t)):
                section = t
                wanted &= ~_SECTION_PART
            if not wanted:
                break
    elif titled:
        for el in anchor.iterdescendants():
            if _part_kinds(el) & _SNIPPET_PART:
                t = _text(el)
                if t and t != title and len(t) >= 15:
                    snippet = t
                    break
    if snippet and title and snippet.startswith(title):
        snippet = snippet[len(title):].strip() or None
    return Teaser(title=title, url=url, snippet=snippet, section=section or box_section)


def _headline_and_blurb(a: str, b: str) -> tuple[str, str] | None:
    """(headline, blurb) of two texts linking to one article, or None.

    A card that links its headline and its blurb separately gives two texts; the blurb
    is the one at least twice as long, when the shorter reads as a headline (four words
    or more, not shouted like a button: not 'News Cloud', 'SEE FULL GALLERY'). Two
    wordings of one headline, or one cut short ('Ten ways to get back…'), are no such
    pair.
    """
    short, long = sorted((a, b), key=len)
    cut = short.rstrip("…. ")
    if (len(long) < max(2 * len(short), _MIN_BLURB_CHARS) or long.startswith(cut)
            or len(short.split()) < 4 or short.isupper()):
        return None
    return short, long


#: A blurb is at least this long ('Use these 10 methods to get back on track after ...').
_MIN_BLURB_CHARS = 60


def _richness(t: Teaser) -> tuple[int, int]:
    return (2 * bool(t.snippet) + bool(t.section) + bool(t.title), len(t.title or "") + len(t.snippet or ""))


class TeaserCollector:
    """Collects teasers from boxes, dropping the page's own URLs and merging duplicates."""

    def __init__(self, page_url: str, base_url: str, own_urls: Iterable[str] = ()):
        self.page_url = page_url
        self.base_url = base_url
        self.own = {canonicalize_url(u) for u in (page_url, *own_urls) if u}
        self.by_url: dict[str, Teaser] = {}
        #: anchors a known box already turned into a teaser: the generic scan, which
        #: runs over the whole page afterwards, need not build them a second time
        self.done: set[Any] = set()
        #: add_anchor's answer per link, card, label and rule: CMS profiles name nested
        #: boxes (a widget and the list inside it), whose links would be built twice
        self._answers: dict[tuple, bool] = {}

    def add_box(self, box: Any, require_shape: bool = False, section: str | None = None,
                min_chars: int = 4) -> int:
        label = section if section is not None else _box_label(_heading_of_box(box))
        if label is None and section is None:
            label = _opening_label(box)
        added = 0
        for anchor in _box_anchors(box):
            if self.add_anchor(anchor, box, label, require_shape, min_chars):
                added += 1
        return added

    def add_anchor(self, anchor: Any, box: Any, label: str | None, require_shape: bool,
                   min_chars: int) -> bool:
        item = _item_of(anchor, box)
        key = (anchor, item, label, require_shape, min_chars)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self._add_card(anchor, item, label, require_shape,
                                                         min_chars)
        return answer

    def _add_card(self, anchor: Any, item: Any, label: str | None, require_shape: bool,
                  min_chars: int) -> bool:
        teaser = _card_teaser(anchor, item, self.base_url, label)
        if teaser is None or len(teaser.title) < min_chars:
            return False
        if label and teaser.title == label and not looks_like_article(teaser.url, self.page_url):
            return False  # the box's heading, linked to its section page ('정치 더보기')
        if canonicalize_url(teaser.url) in self.own:
            return False
        if require_shape and not looks_like_article(teaser.url, self.page_url):
            return False
        if not require_shape and not looks_like_article(teaser.url, self.page_url) and not (
            _known_article_url(teaser.url)
        ):
            # a known widget may still hold a section link or an ad; keep article links only
            if url_shape(teaser.url)[0] != url_shape(self.page_url)[0]:
                return False
            if not any(k[0] != "=" for k in url_shape(teaser.url)[1]) and not url_shape(teaser.url)[2]:
                return False
        self.add_teaser(teaser)
        self.done.add(anchor)
        return True

    def add_teaser(self, teaser: Teaser) -> None:
        key = canonicalize_url(teaser.url)
        title = teaser.title
        if key in self.own or (title and title[0] in _UI_FIRST and _UI_LABEL.match(title)):
            return
        old = self.by_url.get(key)
        if old is None:
            self.by_url[key] = teaser
            return
        base, other = (old, teaser) if _richness(old) >= _richness(teaser) else (teaser, old)
        title, snippet = base.title or other.title, base.snippet or other.snippet
        if not snippet and base.title and other.title:
            # one card, two links with different texts: its headline and its blurb
            title, snippet = _headline_and_blurb(base.title, other.title) or (title, None)
        self.by_url[key] = Teaser(title=title, url=old.url, snippet=snippet,
                                  section=base.section or other.section)

    def add_pending(self, pending: list[tuple[Any, Teaser]], main: Any,
                    allowed: Iterable[Any] = ()) -> None:
        """Add scanned links that are not inside `main`, or that are inside it in an
        allowed box or in a link-dominated block (an embedded "read more" card)."""
        allowed = list(allowed)
        for anchor, teaser in pending:
            if main is not None:
                ancestors = list(anchor.iterancestors())
                inside = any(a is main for a in ancestors)
                if inside and not any(a is b for a in ancestors for b in allowed):
                    if not _is_link_card(anchor, main):
                        continue
                    teaser = Teaser(teaser.title, teaser.url, teaser.snippet, None)
            self.add_teaser(teaser)

    def add_pending_outside(self, pending: list[tuple[Any, Teaser]], body: str) -> None:
        """Add scanned links whose text is not part of the extracted body.

        The body extractor keeps sentences and drops link cards, menus and lists, so a
        link whose headline is in the body sits in a sentence; every other article-shaped
        link is a teaser (a sidebar item, or a card embedded in the text).
        """
        flat = " ".join(body.split())
        for anchor, teaser in pending:
            if teaser.title and teaser.title in flat:
                continue
            self.add_teaser(teaser)

    def teasers(self) -> list[Teaser]:
        return list(self.by_url.values())


_CARD_TAGS = frozenset({"div", "figure", "aside", "section", "ul", "ol", "table", "dl"})


def _is_link_card(anchor: Any, main: Any) -> bool:
    """Inside the text, is this link a card of its own (a block mostly made of the link)
    rather than a link inside a sentence?"""
    for anc in anchor.iterancestors():
        if anc is main:
            return False
        if anc.tag in ("p", "li", "blockquote", "td") and anc.getparent() is not None:
            text = _text(anc)
            if len(text) > 1.5 * len(_text(anchor)) + 10:
                return False
            continue
        if anc.tag in _CARD_TAGS:
            text = _text(anc)
            links = sum(len(_text(a)) for a in _box_anchors(anc))
            return len(text) < 500 and links >= 0.5 * len(text)
    return False


def inline_boxes(main: Any) -> list[Any]:
    """Boxes inside the article text that preview other articles (관련기사, Read more)."""
    found: list[Any] = []
    if main is None:
        return found
    for el in main.iter(*_BOX_TAGS):  # a tag-filtered C walk
        if el is main:
            continue
        if any(f in el.iterancestors() for f in found):
            continue
        anchors = _box_anchors(el)
        if not anchors:
            continue
        text = _text(el)
        if len(text) > 800:
            continue
        if _INLINE_BOX_WORDS.search(_cls(el)) or _INLINE_HEADING.match(text):
            found.append(el)
    return found


def scan_generic(doc: Any, collector: TeaserCollector, skip: Any = None) -> list[tuple[Any, Teaser]]:
    """Unknown layouts: article-shaped links with headline text outside menus and chrome.

    Runs on the page before cleaning (menus and widgets are still there to tell chrome
    from boxes); whether a link sits inside the main text is decided later with
    `TeaserCollector.add_pending`, once the main text is known. `skip` is a container
    whose links are never teasers (the known body).
    """
    memo = _Memo()
    page_site = url_shape(collector.page_url)[0]
    pending: list[tuple[Any, Teaser]] = []
    site_tail = page_site.split(":")[0]
    done = collector.done
    for anchor in _HEADLINE_ANCHORS(doc):
        if anchor in done:
            continue
        href = link_target(anchor)
        if not href or href[0] == "#" or href.startswith(("javascript:", "mailto:", "tel:")):
            continue
        try:
            url = join_url(collector.base_url, href)
        except ValueError:
            continue
        netloc = url.split("/", 3)[2] if url.count("/") >= 2 else ""
        if site_tail not in netloc.lower():
            continue
        if url_shape(url)[0] != page_site or not looks_like_article(url, collector.page_url):
            continue
        if skip is not None and any(a is skip for a in anchor.iterancestors()):
            continue
        if _in_chrome(anchor, memo):
            continue
        box = anchor.getparent()
        while box is not None and box.tag not in ("ul", "ol", "section", "aside", "div", "table", "dl"):
            box = box.getparent()
        if box is None:
            continue
        if box not in memo.embedded:
            memo.embedded[box] = _embedded_in_text(box)
        label = _box_label(_heading_of_box(box, memo))
        if label and memo.embedded[box] and not _BOX_KIND.search(label):
            label = None  # a card between paragraphs: its heading names no section, only
            # a kind of box ('Related' over Jetpack's related posts) names it
        if label is None:
            label = _opening_label(anchor.getparent())
        teaser = teaser_from_anchor(anchor, box, collector.base_url, label)
        if teaser is not None and len(teaser.title) >= MIN_TITLE_CHARS and teaser.url not in collector.own:
            pending.append((anchor, teaser))
    return pending


def collect_teasers(doc: Any, page_url: str, base_url: str, *, boxes: Iterable[Any] = (),
                    main: Any = None, own_urls: Iterable[str] = ()) -> tuple[list[Teaser], list[Any]]:
    """All teasers of a page whose main text node is known, and the inline teaser boxes
    inside it (to be removed from the body).

    `boxes` are widgets a CMS profile knows to be teaser boxes; the generic rule runs too,
    so a widget the profile does not know is still found.
    """
    collector = TeaserCollector(page_url, base_url, own_urls)
    for box in boxes:
        collector.add_box(box)
    inline = inline_boxes(main)
    for box in inline:
        collector.add_box(box, require_shape=False, section=None, min_chars=MIN_TITLE_CHARS)
    collector.add_pending(scan_generic(doc, collector, skip=main), None)
    return collector.teasers(), inline
