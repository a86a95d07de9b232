"""General main-content extractor: the article body of a page whose layout we do not know.

The CMS-specific rules in `core.py` handle the site families we know; everything else ends
here. The approach is readability's (score paragraphs, credit their ancestors, pick the
best container, gather its high-scoring siblings) on plain lxml, with three changes that
matter for news pages:

* each paragraph's score is scaled by its own non-link share, so menus and "more stories"
  lists never lift their container, whatever their comma count;
* strong structural hints (itemprop=articleBody, body-like class/id, <article>) add to a
  container's score instead of overriding it, so an empty or teaser-only `<article>` loses
  to the container that really holds the text;
* `node_paragraphs` filters inside the chosen node (teaser boxes, captions, credit and
  copyright lines), because on real pages the article container is never clean.

Per-element text and link lengths are measured in one bottom-up pass (`_measure`) and reused,
so the whole extractor stays linear in the size of the page.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

import lxml.html
from lxml import etree

from pipelines.extract.content_boilerplate import (
    BLOCK_TAGS,
    BODY_HINTS,
    BYLINE_RE,
    CAPTION_CLASS_RE,
    DROP_TAGS,
    HEADING_TAGS,
    INFO_LINE_RE,
    KOREAN_CHROME_RE,
    NEGATIVE_WORDS,
    PAGE_LINE_RE,
    POSITIVE_WORDS,
    RELATED_HEADING_RE,
    RELATED_LINE_RE,
    SHORTCODE_LINE_RE,
    STRONG_NEGATIVE_RE,
    STRONG_NEGATIVE_WORDS,
    is_boilerplate_line,
    is_credit_line,
    is_share_bar,
    is_ui_line,
)
from pipelines.extract.page import element_text

__all__ = ["clean_tree", "find_main_content", "node_paragraphs", "extract_body"]

_ANY_WS_RE = re.compile(r"\s+")
_PARA_SPLIT_RE = re.compile(r" ?\n ?\n[\n ]*")
_WORD_RE = re.compile(r"\w")
_CAMEL_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_COMMA_RE = re.compile(r"[,，、،]")

#: Minimum text length (characters) of a block to count as a paragraph when scoring.
MIN_PARAGRAPH_CHARS = 25
#: A container whose non-link text is above this share of the page's is never removed as
#: boilerplate: it is (or holds) the article itself whatever its class says.
PROTECT_SHARE = 0.5
#: Containers with less text than this get only part of their class/id bonus.
POSITIVE_FULL_CHARS = 500
#: A sibling of the best container joins it when it holds this share of the container's
#: paragraph score (an article split by figures or ad slots into several blocks) ...
SIBLING_CONTENT_SHARE = 0.15
#: ... and is not mostly links (a "more stories" row next to the article).
SIBLING_MAX_LINK_DENSITY = 0.3
#: ... and holds more than a lone short paragraph (an address line, a disclaimer).
SIBLING_MIN_CONTENT = 8

#: element -> text length | link text length << 32 | number of links << 64, one int per
#: element: summing children is one addition, and an int (unlike a tuple) is no object
#: for the cyclic GC, which otherwise traverses thousands of them per page.
Stats = dict
_M32 = (1 << 32) - 1


def _unpack(v: int) -> tuple[int, int, int]:
    """(text length, link text length, number of links) of a packed statistic."""
    return v & _M32, (v >> 32) & _M32, v >> 64


# --------------------------------------------------------------------------- measuring


@lru_cache(maxsize=8192)
def _words(attr: str) -> frozenset[str]:
    """class/id value -> lower-case words, split on separators and camelCase."""
    return frozenset(w.lower() for w in _CAMEL_RE.findall(attr))


def _class_id(el: etree._Element) -> str:
    cls, ident = el.get("class"), el.get("id")
    if cls and ident:
        return f"{cls} {ident}"
    return cls or ident or ""


def _measure(root: etree._Element) -> Stats:
    """Text length, link-text length and link count of every element, in one pass.

    Reverse document order visits every descendant before its ancestor, so each element
    sums its children's already computed figures: linear, no repeated text_content().
    (The hot loop of the extractor: locals, one tag read, no child loop for leaves.)
    """
    stats: Stats = {}
    get = stats.get
    for el in reversed(list(root.iter())):
        tag = el.tag
        if tag.__class__ is not str:
            continue
        text = el.text
        v = len(text.strip()) if text else 0
        if len(el):
            for ch in el:
                cs = get(ch)
                if cs is not None:
                    v += cs  # all three fields at once
                tail = ch.tail
                if tail:
                    v += len(tail.strip())
        if tag == "a":
            t = v & _M32
            v = t | t << 32 | ((v >> 64) + 1) << 64
        stats[el] = v
    return stats


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE_RE.search(style))


_EMBED_WORDS = frozenset({"social", "socials"})


#: A page's side column, by a class or id that is nothing else ('aside', 'sidebar',
#: 'r_side', 'right_area', 'col_right', id="right"): not a name that merely holds the
#: word ('theiaStickySidebar' around the story, 'side-by-side', 'l-side-margins').
_SIDE_COLUMN = re.compile(
    r"(?i)(?:a?side|side[_-]?bar|(?:r|right)[_-]?side|right|"
    r"(?:side|right)[_-]?(?:area|wrap|col|column|box|cont|content|zone|section)|"
    r"(?:col|sub|column)[_-]?(?:right|side))")


@lru_cache(maxsize=8192)
def _widget_kind(attr: str) -> int:
    """0: not a widget; 1: a widget; 2: a "social" box (a widget unless it holds a quoted
    post); 3: a side column, removed even when it holds most of the page's text (a short
    video or photo story beside a column of teasers with blurbs). Cached per class/id
    string: pages repeat the same few hundred values."""
    if not attr:
        return 0
    if any(_SIDE_COLUMN.fullmatch(token) for token in attr.split()):
        return 3
    words = _words(attr)
    negative = words & STRONG_NEGATIVE_WORDS
    if negative <= _EMBED_WORDS and STRONG_NEGATIVE_RE.search(attr.lower()) is None:
        return 2 if negative else 0
    return 1


def _is_widget(el: etree._Element) -> bool:
    """class/id says share/ad/related/comment/... box (see content_boilerplate)."""
    kind = _widget_kind(_class_id(el))
    if kind == 3:
        return True
    if kind == 2:
        # A "social embed" box holding a quoted post (the standard tweet/Instagram embed
        # markup is a blockquote) is quoted content; share bars never hold a blockquote.
        return el.find(".//blockquote") is None
    return kind == 1


def remove_keeping_tail(el: etree._Element) -> None:
    """Remove an element but keep its tail text (it belongs to the parent's flow)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# --------------------------------------------------------------------------- clean_tree

#: Dropped like DROP_TAGS, but their size is checked first (an ASP.NET <form> or an
#: over-eager <header> can wrap the whole page).
_PAGE_FURNITURE = frozenset({"form", "header", "footer"})
_DOOMED_TAGS = DROP_TAGS | _PAGE_FURNITURE
#: ... except these, which go whatever they hold, unless they hold the page's headline (a
#: left-menu layout's content column named 'right'): a sidebar's teasers with their
#: blurbs outweigh the two lines of a video or photo story.
_NEVER_PROTECTED = frozenset({"aside", "nav"})


def clean_tree(doc: lxml.html.HtmlElement) -> Stats:
    """Remove in place what is never article text anywhere on the page.

    Scripts, styles, frames, forms, buttons, navigation, comments, hidden elements and
    share/ad/related/comment/newsletter widgets (by class/id words). A candidate that holds
    most of the page's non-link text is kept whatever its class or tag says: ASP.NET pages
    wrap everything in one <form>, some CMSs call the body "article-body-related", and a
    page can mark its body hidden until a script runs.

    Returns the text statistics of the cleaned tree (see `_measure`): they are measured
    once before cleaning and corrected for each removed subtree, so the content finder
    does not walk the page again.
    """
    for el in list(doc.iter(etree.Comment, etree.ProcessingInstruction)):
        remove_keeping_tail(el)
    for el in list(doc.iter("script", "style", "noscript", "template", "link", "meta")):
        if el.tag != "meta" or el.getparent() is not None and el.getparent().tag != "head":
            remove_keeping_tail(el)

    body = doc.find("body")
    root = body if body is not None else doc
    stats = _measure(root)
    total = _unpack(stats.get(root, 0))
    protect = PROTECT_SHARE * max(total[0] - total[1], 1)

    # Depth-first walk that does not enter a doomed element: its children go with it.
    doomed = []
    stack = list(reversed(root))
    pop, extend = stack.pop, stack.extend
    get = stats.get
    while stack:
        el = pop()
        tag = el.tag
        if tag.__class__ is not str:
            continue
        if tag in _DOOMED_TAGS:
            doom, kind = True, 0
        else:
            # _is_widget and _is_hidden inlined: this runs for every element of the page
            cls = el.get("class")
            ident = el.get("id")
            kind = _widget_kind(f"{cls} {ident}" if cls and ident else cls or ident) if (
                cls or ident) else 0
            doom = (kind == 1 or kind == 3 or (kind == 2 and el.find(".//blockquote") is None)
                    or _is_hidden(el))
        if doom:
            s = get(el)
            if (s is None or (s & _M32) - ((s >> 32) & _M32) <= protect
                    or (tag in _NEVER_PROTECTED or kind == 3) and el.find(".//h1") is None):
                doomed.append(el)
                continue
        if len(el):
            extend(reversed(el))
    for el in doomed:
        _discount(el, stats)
        remove_keeping_tail(el)
    return stats


def _discount(el: etree._Element, stats: Stats) -> None:
    """Subtract a subtree about to be removed from its ancestors' statistics."""
    s = stats.get(el)
    if not s:
        return
    t, ln, nl = _unpack(s)
    for anc in el.iterancestors():
        a = stats.get(anc)
        if a is None:
            continue
        if anc.tag == "a" and ln != t:
            ln = t  # above a link, all of the removed text was link text
            s = t | ln << 32 | nl << 64
        stats[anc] = a - s


# --------------------------------------------------------------------------- scoring


def _direct_text(el: etree._Element) -> str:
    """Text of el that is not inside a block child (a div's own inline text)."""
    parts = [el.text or ""]
    for ch in el:
        tag = ch.tag
        if isinstance(tag, str) and tag not in BLOCK_TAGS and tag not in DROP_TAGS:
            parts.append(element_text(ch))
        parts.append(ch.tail or "")
    return "".join(parts)


@lru_cache(maxsize=8192)
def _attr_weights(attr: str) -> tuple[float, float]:
    """(fixed part, part scaled by text) of the class/id weight; cached per value."""
    fixed = scaled = 0.0
    lowered = attr.lower()
    words = _words(attr)
    if words & NEGATIVE_WORDS or STRONG_NEGATIVE_RE.search(lowered):
        fixed -= 25
    if words & POSITIVE_WORDS:
        scaled += 25
    if _ANY_WS_RE.sub("", lowered.replace("-", "_")) in BODY_HINTS or any(
        tok.replace("-", "_") in BODY_HINTS for tok in lowered.split()
    ):
        scaled += 25
    return fixed, scaled


def _class_weight(el: etree._Element, positive_scale: float = 1.0) -> float:
    """+25 for article-like class/id words, -25 for widget-like ones, more for strong body
    hints. `positive_scale` (0..1) shrinks the bonuses for containers with little text, so
    a "content-wrapper title" box cannot outscore the body on its class name alone."""
    weight = 0.0
    attr = _class_id(el)
    if attr:
        fixed, scaled = _attr_weights(attr)
        weight = fixed + scaled * positive_scale
    if el.get("itemprop", "").lower() == "articlebody":
        weight += 50 * positive_scale
    return weight


_TAG_BASE = {
    "div": 5, "article": 10, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
    "address": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}


def _score_candidates(root: etree._Element, stats: Stats, content: dict | None = None) -> dict:
    """Readability scoring: each paragraph credits its parent (1), grandparent (1/2) and
    great-grandparent (1/6); containers start from tag and class/id weights and are
    finally scaled by their non-link share.

    If `content` is given it receives, for every ancestor of a paragraph, the undecayed sum
    of the paragraph scores below it (how much article-like text a subtree holds).
    """
    scores: dict = {}

    def init(el: etree._Element) -> None:
        if el not in scores:
            t = stats.get(el, 0) & _M32
            scale = min(1.0, t / POSITIVE_FULL_CHARS)
            scores[el] = _TAG_BASE.get(el.tag, 0) + _class_weight(el, scale)

    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str) or tag not in BLOCK_TAGS or tag in HEADING_TAGS:
            continue
        s = stats.get(el)
        if s is None or s & _M32 < MIN_PARAGRAPH_CHARS:
            continue
        # the paragraph's own text: its length minus its block children's
        own = s & _M32
        own_links = (s >> 32) & _M32
        for ch in el:
            if isinstance(ch.tag, str) and ch.tag in BLOCK_TAGS:
                cs = stats.get(ch)
                if cs:
                    own -= cs & _M32
                    own_links -= (cs >> 32) & _M32
        if own < MIN_PARAGRAPH_CHARS:
            continue
        text = _direct_text(el) if tag not in ("p", "pre", "td") else "".join(el.itertext())
        non_link = max(0.0, 1.0 - own_links / own) if own else 0.0
        if non_link < 0.25:
            continue
        score = (1 + len(_COMMA_RE.findall(text)) + min(own / 100, 3)) * non_link
        if content is not None:
            content[el] = content.get(el, 0) + score
            for anc in el.iterancestors():
                content[anc] = content.get(anc, 0) + score
        parent = el.getparent()
        # a <p>'s container is its parent; a div with its own text counts for itself too
        if tag not in ("p", "pre", "td", "li"):
            init(el)
            scores[el] += score
        level = 0
        for anc in (parent, parent.getparent() if parent is not None else None):
            if anc is None or not isinstance(anc.tag, str):
                break
            init(anc)
            scores[anc] += score / (1, 2)[level]
            level += 1
        if parent is not None and level == 2:
            ggp = parent.getparent().getparent() if parent.getparent() is not None else None
            if ggp is not None and isinstance(ggp.tag, str):
                init(ggp)
                scores[ggp] += score / 6

    for el in scores:
        t, ln, _ = _unpack(stats.get(el, 0))
        scores[el] *= 1 - (ln / t if t else 0)
    return scores


def _best_candidate(root: etree._Element, stats: Stats, scores: dict) -> etree._Element | None:
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    top, top_score = ranked[0]
    if top_score <= 0:
        return None
    # Several strong candidates under one ancestor: the article is split into blocks.
    strong = [el for el, sc in ranked[1:5] if sc >= 0.75 * top_score]
    if len(strong) >= 2:
        top_anc = set(top.iterancestors())
        for anc in [top, *top.iterancestors()]:
            if anc is root:
                break
            inside = sum(1 for el in strong if anc in set(el.iterancestors()) or el is anc)
            if inside >= 2 and anc in top_anc | {top}:
                top = anc
                break
    # Walk up while the parent scores better (readability's "lastScore" rule).
    last = scores.get(top, 0)
    threshold = last / 3
    parent = top.getparent()
    while parent is not None and parent is not root and isinstance(parent.tag, str):
        if parent not in scores:
            parent = parent.getparent()
            continue
        ps = scores[parent]
        if ps < threshold:
            break
        if ps > last:
            top = parent
            break
        last = ps
        parent = parent.getparent()
    # An only child says nothing about the layout: use the wrapper.
    parent = top.getparent()
    while parent is not None and parent is not root and len(parent) == 1:
        top = parent
        parent = top.getparent()
    return top


def find_main_content(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element that most likely holds the article body, or None if nothing scores.

    Readability-style paragraph scoring (text length, commas, link density) with
    structural hints (itemprop=articleBody, <article>, body-like class/id) as score
    bonuses: a hint wins when it holds the text, and loses when it is an empty shell.
    """
    body = doc.find("body")
    root = body if body is not None else doc
    stats = _measure(root)
    scores = _score_candidates(root, stats)
    return _best_candidate(root, stats, scores)


def _main_with_siblings(doc: lxml.html.HtmlElement, stats: Stats | None = None) -> list[etree._Element]:
    """The best container plus its siblings that look like more of the same article.

    `stats` are the statistics `clean_tree` returned for this tree, measured if absent."""
    body = doc.find("body")
    root = body if body is not None else doc
    if stats is None:
        stats = _measure(root)
    content: dict = {}
    scores = _score_candidates(root, stats, content)
    top = _best_candidate(root, stats, scores)
    if top is None:
        return []
    parent = top.getparent()
    if parent is None or top is root:
        return [top]
    top_score = scores.get(top, 0)
    threshold = max(10.0, top_score * 0.2)
    top_class = top.get("class")
    top_content = max(content.get(top, 0), 1)
    picked = []
    for sib in parent:
        if sib is top:
            picked.append(sib)
            continue
        if not isinstance(sib.tag, str):
            continue
        t, ln, _ = _unpack(stats.get(sib, 0))
        ld = ln / t if t else 1
        bonus = top_score * 0.2 if top_class and sib.get("class") == top_class else 0
        if _is_widget(sib):
            continue
        if scores.get(sib, -1e9) + bonus >= threshold and ld < SIBLING_MAX_LINK_DENSITY:
            picked.append(sib)
            continue
        if (
            content.get(sib, 0) >= max(SIBLING_CONTENT_SHARE * top_content, SIBLING_MIN_CONTENT)
            and ld < SIBLING_MAX_LINK_DENSITY
        ):
            picked.append(sib)
            continue
        if sib.tag == "p":
            t, ln, _ = _unpack(stats.get(sib, 0))
            ld = ln / t if t else 1
            if t > 80 and ld < 0.25:
                picked.append(sib)
            elif 0 < t <= 80 and ld == 0 and re.search(r"\.( |$)", element_text(sib)):
                picked.append(sib)
    if top_class:
        picked = _add_same_class_blocks(root, top, picked, stats, content)
    return picked


def _add_same_class_blocks(
    root: etree._Element, top: etree._Element, picked: list, stats: Stats, content: dict
) -> list:
    """Blocks elsewhere on the page with the very same tag and class as the best container:
    layouts that cut the body into several containers (around ads, pull quotes or
    figures) repeat the body class on each part. Returned in document order."""
    cls = top.get("class")
    extra = []
    for el in root.iter(top.tag):
        if el is top or el.get("class") != cls or el in picked:
            continue
        t, ln, _ = _unpack(stats.get(el, 0))
        if not t or ln / t >= SIBLING_MAX_LINK_DENSITY or content.get(el, 0) < 3:
            continue
        if any(anc in picked or anc in extra for anc in el.iterancestors()):
            continue
        if any(el in set(p.iterancestors()) for p in picked):
            continue
        extra.append(el)
    if not extra:
        return picked
    order = {el: i for i, el in enumerate(root.iter())}
    return sorted(picked + extra, key=lambda el: order.get(el, 0))


# --------------------------------------------------------------------------- paragraphs

_CAPTION_WORDS = frozenset({"caption", "captions", "credit", "credits", "figcaption"})
_BOX_TAGS = frozenset({
    "div", "ul", "ol", "section", "aside", "table", "dl", "header", "footer", "nav",
    "article", "figure", "span", "center",
})


_RELATED_BOX_TAGS = frozenset({"div", "p", "section", "aside", "ul", "dl", "table"})


#: A caption-like class on a bigger element is a layout name ('photo_txt_wrap' around the
#: whole story on some CMSs), not a caption.
MAX_CAPTION_CHARS = 300


@lru_cache(maxsize=8192)
def _caption_class(attr: str) -> bool:
    return CAPTION_CLASS_RE.search(attr.lower()) is not None


#: The class or id of a photo's wrapper: 'articlePhotoC', 'img_box', 'photo-layout'.
_PHOTO_CLASS_RE = re.compile(r"photo|image|img|pic(?:ture)?(?:$|[\s_-])|thumb|figure")


@lru_cache(maxsize=8192)
def _photo_class(attr: str) -> bool:
    return _PHOTO_CLASS_RE.search(attr.lower()) is not None


def in_photo_box(el: etree._Element, levels: int = 3) -> bool:
    """Inside a photo's wrapper (a class naming a photo, holding an image), within a few
    levels: a caption named 'sub_tit' there is no subtitle."""
    for x in itertools.islice(el.iterancestors(), levels):
        attr = _class_id(x)
        if attr and _photo_class(attr) and x.find(".//img") is not None:
            return True
    return False


def _teaser_items(node: etree._Element) -> list:
    """Nested <article> elements that have <article> siblings: inside an article container,
    several articles side by side are teasers of other articles ("you may also like").

    (A wider rule - any run of same-shaped, link-heavy items - was measured and rejected:
    in-article shopping lists and source lists look exactly like teaser lists.)"""
    found = []
    for parent in node.iter():
        if not isinstance(parent.tag, str) or len(parent) < 2:
            continue
        items = [ch for ch in parent if ch.tag == "article"]
        if len(items) >= 2:
            found.extend(items)
    return found


def _has_own_text(el: etree._Element) -> bool:
    """Text directly in el, not in a child, or right beside it: an inline span carrying
    sentence text, or standing inside a sentence ('done, and <span><a>the results are
    in</a></span>. The new ...'), is part of the sentence, however many links it holds."""
    if el.text and el.text.strip():
        return True
    if any(ch.tail and ch.tail.strip() for ch in el):
        return True
    if el.tail and el.tail.strip():
        return True
    prev = el.getprevious()
    before = prev.tail if prev is not None else el.getparent().text
    return bool(before and before.strip())


def _all_items_linked(lst: etree._Element) -> bool:
    """A list of at least 3 items each holding a link: "more stories" headlines."""
    items = [ch for ch in lst if ch.tag == "li"]
    if len(items) < 3:
        return False
    return all(li.find(".//a") is not None for li in items)


def _skip_in_body(el: etree._Element, stats: Stats, node_text: int) -> bool:
    """Inside a content node: is this element a caption, a widget or a teaser box?"""
    tag = el.tag
    if tag in DROP_TAGS or tag in ("figcaption", "h1", "form"):
        return True
    s = _unpack(stats.get(el, 0))
    protected = (s[0] - s[1]) > PROTECT_SHARE * node_text
    if protected:
        return False
    if _is_hidden(el):
        return True
    attr = _class_id(el)
    if attr:
        words = _words(attr)
        if words & _CAPTION_WORDS or _is_widget(el):
            return True
        if s[0] < MAX_CAPTION_CHARS and (
                _caption_class(attr)
                or (tag in _BOX_TAGS and _photo_class(attr) and el.find(".//img") is not None)):
            return True  # a caption, or a photo with its caption ('div.articlePhotoC')
    t, ln, nl = s
    if nl and t < 300 and ln * 2 >= t and tag in _RELATED_BOX_TAGS and RELATED_HEADING_RE.match(
            element_text(el)):
        return True  # '<div><strong>함께 보면 좋은 기사</strong><a>…</a></div>' in the text
    if t and tag in _BOX_TAGS and (tag != "span" or not _has_own_text(el)):
        # a box of links to other articles embedded in the body
        if nl >= 2 and ln / t > 0.5:
            return True
        if nl == 1 and ln / t > 0.8 and t < 200:
            return True
        if tag in ("ul", "ol") and ln / t >= 0.35 and _all_items_linked(el):
            return True
    elif t and tag in ("p", "li", "dd", "dt", "blockquote"):
        if ln / t > 0.8 and nl >= 1 and t < 300:
            return True
    return False


def _keep_paragraph(text: str) -> bool:
    if not _WORD_RE.search(text):
        return False
    if len(text) < 200 and (
        is_boilerplate_line(text) or is_credit_line(text)
        or RELATED_LINE_RE.match(text) or SHORTCODE_LINE_RE.fullmatch(text)
        or PAGE_LINE_RE.match(text) or is_share_bar(text) or is_ui_line(text)
        or KOREAN_CHROME_RE.match(text)
        or (len(text) < 100 and BYLINE_RE.match(text)) or INFO_LINE_RE.match(text)
    ):
        return False
    return True


#: Stands for a <br> while a paragraph's pieces are gathered; whitespace in the text itself
#: (newlines included) collapses to one space, the marker becomes a newline. libxml2 never
#: hands NUL characters to Python, so it cannot clash with page text.
_BR = "\x00"
_BR_SPACE_RE = re.compile(r" ?\n ?")
_MULTI_SPACE_RE = re.compile(r"[^\S\n]{2,}")


def _paragraph_texts(node: etree._Element, stats: Stats) -> list[tuple[str, bool]]:
    """(text, is_heading) of each paragraph of node, in document order."""
    node_s = _unpack(stats.get(node, 0))
    teasers = set(_teaser_items(node)) if node.find('.//article') is not None else set()
    walker = _ParagraphWalker(stats, max(node_s[0] - node_s[1], 1), teasers)
    walker.walk(node, True)
    walker.flush()
    return walker.out


class _ParagraphWalker:
    """A plain recursive walk appending to a list (generators nested as deep as the tree
    cost more than the walk); text pieces are normalised once per paragraph, not per
    piece. A class rather than nested closures: a recursive closure is a reference cycle
    that would keep the page's tree (and `stats`) alive until the cyclic GC runs."""

    __slots__ = ("stats", "node_text", "teasers", "out", "buf", "heading")

    def __init__(self, stats: Stats, node_text: int, teasers: set) -> None:
        self.stats = stats
        self.node_text = node_text
        self.teasers = teasers
        self.out: list[tuple[str, bool]] = []
        self.buf: list[str] = []
        self.heading = False

    def flush(self) -> None:
        buf = self.buf
        if not buf:
            return
        raw = " ".join("".join(buf).split())  # split/join: faster than a \s+ regex
        buf.clear()
        if _BR in raw:
            raw = raw.replace(_BR, "\n")
        for part in _PARA_SPLIT_RE.split(raw):
            text = part.strip(" \n")
            if text:
                if "\n" in text:
                    text = _BR_SPACE_RE.sub("\n", text)
                self.out.append((text, self.heading))

    def walk(self, el: etree._Element, is_root: bool) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        if not is_root and (el in self.teasers or _skip_in_body(el, self.stats, self.node_text)):
            out = self.out
            if (out and len(out[-1][0]) <= 30 and not "".join(self.buf).strip()
                    and RELATED_HEADING_RE.match(out[-1][0])
                    and next(el.iter("a"), None) is not None):
                out.pop()  # '<h4>함께 보면 좋은 기사</h4>' headed the box of links just left out
            return
        buf = self.buf
        if tag == "br":
            buf.append(_BR)
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
            if tag in HEADING_TAGS:
                self.heading = True
        if el.text:
            buf.append(el.text)
        for ch in el:
            self.walk(ch, False)
            if ch.tail:
                buf.append(ch.tail)
        if block:
            self.flush()
            self.heading = False
        elif tag in ("td", "th"):
            buf.append(" ")


def node_paragraphs(node: etree._Element, base_url: str | None = None,
                    stats: Stats | None = None) -> list[str]:
    """Text paragraphs of a content node, in document order.

    Block elements become paragraphs (h2-h6 kept as subheadings, h1 = the title dropped),
    `<br><br>` splits paragraphs, inline text keeps HTML spacing, and boilerplate is dropped:
    captions and credit lines, copyright/"read more"/"advertisement" lines, and boxes of
    links to other articles embedded in the body. `base_url` is accepted for callers that
    resolve links; the text itself does not depend on it. `stats` may be the statistics
    of an enclosing tree (an element's figures depend only on its own subtree).
    """
    if stats is None or node not in stats:
        stats = _measure(node)
    out: list[tuple[str, bool]] = []
    for text, is_heading in _paragraph_texts(node, stats):
        text = text.replace("\xa0", " ").replace("\u200b", "")
        text = _MULTI_SPACE_RE.sub(" ", text).strip()
        if not text or not _keep_paragraph(text):
            continue
        # a long paragraph twice in a row is a responsive duplicate; short repeats ("1" in
        # adjacent table cells) and repeats elsewhere are real text
        if out and len(text) > 30 and out[-1][0] == text:
            continue
        out.append((text, is_heading))
    while out and out[-1][1]:  # a heading with nothing after it introduced a removed box
        out.pop()
    return [text for text, _ in out]


# --------------------------------------------------------------------------- extract_body


def extract_body(doc: lxml.html.HtmlElement, base_url: str | None = None) -> list[str]:
    """The general fallback for unknown layouts: clean the page, find the main container
    (with its article-like siblings) and return its paragraphs. If that yields almost
    nothing, fall back to the whole page's paragraphs rather than an empty body."""
    stats = clean_tree(doc)
    nodes = _main_with_siblings(doc, stats)
    paragraphs: list[str] = []
    for node in nodes:
        paragraphs.extend(node_paragraphs(node, base_url, stats))
    if sum(len(p) for p in paragraphs) < 100:
        body = doc.find("body")
        fallback = node_paragraphs(body if body is not None else doc, base_url, stats)
        if sum(len(p) for p in fallback) > sum(len(p) for p in paragraphs):
            paragraphs = fallback
    return paragraphs
