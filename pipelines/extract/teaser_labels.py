"""What names a box of teasers: its heading, its tab, the label that opens it, its kind.

Why a module of its own: the label is what tells an analyst where a page showed a teaser
(a section box such as `정치`, or `많이 본 뉴스`, `Related`), and finding it is a search of
its own (headings of the box and of its frame, tabs pointing at its panel, a label line
in the text) with rules that must never take a teaser's headline or a byline for it.
Also here: the link helpers that search shares with `teasers`.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from pipelines.extract.content_boilerplate import RELATED_HEADING_RE as _INLINE_HEADING
from pipelines.extract.page import element_text
from pipelines.extract.page import text_of as _text


def _box_anchors(box: Any) -> list[Any]:
    """Links with an href below box (a tag-filtered walk: faster than './/a[@href]')."""
    return [a for a in box.iter("a") if a.get("href") is not None and a is not box]


_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _headline_length(el: Any, minimum: int = 10) -> bool:
    """XPath `string-length(normalize-space(.)) >= minimum`, mostly without the regex:
    normalising only removes whitespace, so a text shorter than minimum fails and one
    with that many non-space characters passes (a link holding a 300-character card
    passes at once)."""
    text = element_text(el)
    if len(text) < minimum:
        return False
    spaces = text.count(" ") + text.count("\n") + text.count("\t") + text.count("\r")
    if len(text) - spaces >= minimum:
        return True
    return len(_XML_SPACE.sub(" ", text).strip(" ")) >= minimum


def _in_headline_link(el: Any) -> bool:
    """Inside a link with headline-length text (XPath `ancestor::a[...>= 10]`)."""
    return any(_headline_length(a) for a in el.iterancestors("a"))


def _has_headline_link(el: Any) -> bool:
    """Holds a link with headline-length text (XPath `.//a[@href][...>= 10]`)."""
    return any(a.get("href") is not None and _headline_length(a)
               for a in el.iterdescendants("a"))


#: Words of a box's kind rather than a section ('많이 본 뉴스', 'Most Popular', '관련기사',
#: 'DON'T MISS', 'Tulisan Terkini', 'Свежие записи'): the box's label all the same.
_BOX_KIND = re.compile(
    r"많이|인기|관련|최신|추천|주요|핫|포토|랭킹|베스트|오늘|실시간|이\s*시각|헤드라인|가장|"
    r"most|popular|related|read|latest|trending|recommended|you\s+may|top|more\s+stories|"
    r"editor|pick|recent|posts|stories|articles|headlines|기사|뉴스$|"
    r"don.?t\s+miss|on\s+our\s+radar|see\s+also|coverage|today.?s|next\s+article|"
    r"up\s+next|next\s+up|watch\s+next|"
    r"breaking|terkini|свеж|популяр|последн|lire\s+aussi|populaires|récents|leia\s+também|"
    r"mais\s+lidas|más\s+leídas|relacionad|lesen\s+sie|meistgelesen", re.I,
)
#: Never a box's label: a card's byline words, sign-up and share bars, a question (a
#: teaser's headline).
_NOT_LABEL = re.compile(
    r"^(?:by|published|updated|posted|subscribe|sign\s*in|see)$|newsletter|e-?mail|"
    r"^share\b|^follow\b|[?？]$", re.I,
)
#: Two tabs' labels run together ('LatestMost Read'; 'MoneyWatch' is one name): no one label.
_JOINED_TABS = re.compile(r"[a-z](?:Most|Popular|Latest|Recent|Related|Trending|Top)\b")
#: Class words of a card's byline and time, which headers often wrap ('promo-header'
#: around 'byline-timestamp'): never a box's label.
_BYLINE_CLASS = re.compile(r"(?:^|[\s_-])(?:author|byline|writer|timestamp|date|time)", re.I)
_MORE = re.compile(r"\s*(더보기|더\s*보기|more|MORE|More|\+|›|»|>)\s*$")


_BOX_HEADING_TAGS = frozenset({"h2", "h3", "h4", "strong", "dt", "caption"})


def _box_headings(probe: Any, limit: int = 6) -> Iterator[Any]:
    """The first `limit` heading-like descendants of probe, in document order.

    A lazy walk: the caller stops at the first heading that names the box, usually the
    box's first element, so the walk need not go on through its cards to find `limit`
    (the XPath equivalent also evaluated its class tests on every element of the probe,
    a whole page column for the outer probes)."""
    found = 0
    for el in probe.iterdescendants():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        cls = el.get("class")
        if tag not in _BOX_HEADING_TAGS:
            if not cls or ("tit" not in cls and "head" not in cls):
                continue
        if cls and _BYLINE_CLASS.search(cls):  # 'article-header__meta-author': a byline
            continue
        yield el
        found += 1
        if found >= limit:
            return


def _more_anchors_than(el: Any, limit: int) -> bool:
    """More than `limit` links (with href) below el; stops counting at limit + 1."""
    n = 0
    for a in el.iter("a"):
        if a.get("href") is not None:
            n += 1
            if n > limit:
                return True
    return False


def _heading_of_box(box: Any, memo: Any = None) -> str | None:
    """The label of a box (e.g. `정치` of a `정치 더보기` widget): a short heading of the
    box or of one of its near ancestors that is not itself a teaser's headline."""
    if memo is not None:
        if box not in memo.heading:
            memo.heading[box] = _heading_of_box(box)
        return memo.heading[box]
    probe = box
    own = 0  # the box's links, counted only if its parent is looked at
    # each outer probe walks the inner one's headings again: one that failed stays failed
    failed: set[Any] = set()
    for _ in range(4):
        for el in _box_headings(probe):
            if el in failed:
                continue
            failed.add(el)
            if (_in_headline_link(el) or _has_headline_link(el)
                    or (el.tag == "a" and (el.get("href") or "#")[0] != "#"
                        and _headline_length(el))):
                continue  # a card's headline ('<a class="auto-titles">'), not the box's name
            if _labels_its_card(el, probe):
                continue  # '<li><span class="nb_tit">이전글</span><a>…</a></li>'
            text = _MORE.sub("", _text(el)).strip()
            text = _MORE.sub("", text).strip()
            if text and len(text) <= 20:
                return text
        tab = _tab_label(box, probe)
        if tab:
            return tab
        probe = probe.getparent()
        if probe is None or probe.tag in ("body", "html"):
            break
        # only look at a parent that is the box's own frame, not a whole page column
        # or a text the box sits in
        own = own or max(len(_box_anchors(box)), 1)
        if _more_anchors_than(probe, 3 * own + 4):
            break
        if sum(1 for p in probe.iterchildren("p") if len(element_text(p)) > 80) >= 2:
            break
    return None


def _tab_label(box: Any, probe: Any) -> str | None:
    """The tab that shows the panel holding box, within probe: a link or button pointing
    at the panel's id ('<a href="#t2">댓글 많은</a>' ... '<div id="t2">'), or None."""
    ids = set()
    for el in (box, *box.iterancestors()):
        if el.get("id"):
            ids.add(el.get("id"))
        if el is probe:
            break
    if not ids:
        return None
    for el in probe.iter("a", "button", "li"):
        target = el.get("aria-controls") or el.get("data-target") or el.get("href") or ""
        if target.lstrip("#") in ids and (target[0] == "#" or el.get("aria-controls")):
            text = _text(el)
            if text and len(text) <= 20:
                return text
    return None


def _labels_its_card(el: Any, probe: Any) -> bool:
    """True when el sits in a list item that holds a link of its own: it names that
    card ('이전글' beside the previous post's link), not the list."""
    for anc in el.iterancestors():
        if anc is probe:
            return False
        if anc.tag == "li":
            return any(a.get("href") for a in anc.iter("a"))
    return False


def _box_label(label: str | None) -> str | None:
    """The name a box shows, or None: a section ('정치' of a '정치 더보기' widget) or the
    box's kind ('많이 본 뉴스', 'Related:'). Either tells a reader of the archive where the
    page showed the teaser; a long or colon-ended text that names no kind of box is a
    subhead or a field name, not a label."""
    if not label or _NOT_LABEL.search(label) or _JOINED_TABS.search(label):
        return None
    if _BOX_KIND.search(label):
        return label.rstrip(":： ") or None
    if len(label) > 15 or label.endswith((":", "：")):
        return None
    return label


#: Marks, brackets and spaces around a box's opening label ('▶ 관련기사', '[관련기사]',
#: 'READ MORE:&nbsp;').
_LABEL_MARKS = re.compile(r"^[\W_]+|[\W_]+$")


_LEAD_TAGS = frozenset({"span", "strong", "b", "em", "label", "p"})


def _opening_label(el: Any) -> str | None:
    """The label that opens el's text, when it names a box of links: '<p>▶ 관련기사<br>
    <a>…</a></p>', '<p>[관련기사] <a>…</a></p>'."""
    if el is None:
        return None
    lead = el.text
    if (not lead or not lead.strip()) and len(el) and el[0].tag in _LEAD_TAGS and (
            next(el[0].iter("a"), None) is None):
        lead = _text(el[0])  # '<div><span>Up next</span><a>…</a></div>'
    if lead and (_INLINE_HEADING.match(lead) or len(lead) <= 20 and _BOX_KIND.search(lead)):
        return _box_label(_LABEL_MARKS.sub("", lead))
    return None
