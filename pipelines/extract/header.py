"""The header area of an article page: what lies between its headline and its body.

Layouts the CMS profiles and structured data do not cover still put the byline and the
date there, so the last-resort rules for both read this area: its text (`text_between`),
the dates standing alone in its short texts (`standalone_dates_of`, `short_texts`),
and a short 'By ...' element in it (`header_byline`).
"""
from __future__ import annotations

import re
from collections import deque
from datetime import datetime
from itertools import islice
from typing import Any, Callable

from lxml import etree

from pipelines.extract.content_boilerplate import HEADING_TAGS
from pipelines.extract.page import EMAIL as _EMAIL
from pipelines.extract.page import collapse as _collapse
from pipelines.extract.page import text_of as _text
from pipelines.record import Author


#: A class or id word of a comment thread: 'comment', 'comments', 'comment-author',
#: 'commentlist', 'disqus_thread' (not 'section-comment', an opinion section's name).
_COMMENTS = re.compile(r"(?i)(?:^|\s)(?:comment|disqus)")


def in_comments(el: Any) -> bool:
    """Inside a comment thread (an element or ancestor whose class or id says so)."""
    for x in (el, *el.iterancestors()):
        if _COMMENTS.search(x.get("class") or "") or _COMMENTS.search(x.get("id") or ""):
            return True
    return False


_FOLLOWING = etree.XPath("following::*[position() <= 40]")
_VISIBLE_TEXTS = etree.XPath(".//text()[not(ancestor::script or ancestor::style)]")
_BY_START = re.compile(r"(?i)(?:(?:written|reported|story|words)\s+)?by\s+\S")


#: Roles that only a byline gives (a '대표' or '교수' after a name may be a source quoted
#: in a subtitle, never a '기자').
_KO_REPORTER = re.compile(r"기자|특파원|통신원|논설|에디터|칼럼니스트|앵커")
#: The name label of Korean info lines: '기자명 홍길동' and, opening the line or one of
#: its fields, '기자 홍길동' (a field name in a <dt> or <th> before the name) read
#: '홍길동 기자'.
_NAME_LABEL = re.compile(
    r"(?:기자명\s*[:：]?\s*|(?:^|(?<=[|/·]))\s*기자(?:\s*[:：]\s*|\s+))([가-힣]{2,4})(?![가-힣])")
#: A writer's field name: '작성자 : 홍길동', '글쓴이 홍길동' name a writer with no role.
_WRITER_LABEL = re.compile(r"(?:^|(?<=[|/·]))\s*(?:작성자|글쓴이|필자)\s*[:：]?\s*([가-힣]{2,4})(?![가-힣])")
_HANGUL = re.compile(r"[가-힣]")


def header_byline(start: Any, stop: Any, boxes: list[Any],
                  parse: Callable[[str], list[Author]]) -> tuple[list[Author], str]:
    """The authors of a short element just after the headline, and its text (for a date
    it carries): the byline of a layout whose classes do not name it (no "byline" or
    "author"), for a page with no other source of authors. In English the element starts
    with 'By'; in Korean it names a reporter ('홍길동 기자 | 입력 2024.03.05 15:04',
    '기자명 홍길동'), with a reporter's role or an e-mail for every name."""
    for el in _FOLLOWING(start):
        if stop is not None and within(el, stop):
            break
        if el.tag in ("script", "style", "a") or any(within(el, b) for b in boxes):
            continue
        text = lines_text(el)
        if not 4 < len(text) <= 150:
            continue
        if _BY_START.match(text):
            found = with_mailto(parse(text), el)
            if found:
                return found, text
        elif len(text) <= 80 and _HANGUL.search(text):
            if len(el):  # field names and values in elements of their own: '<dt>기자</dt>'
                text = _collapse(" ".join(_VISIBLE_TEXTS(el)))
            writer = _WRITER_LABEL.search(text)
            if writer:
                return with_mailto([Author(writer.group(1))], el), text
            found = with_mailto(parse(_NAME_LABEL.sub(r"\1 기자", text)), el)
            if found and all(a.email or (a.role and _KO_REPORTER.search(a.role))
                             for a in found):
                return found, text
    return [], ""




_MAIL_WORDS = frozenset({"email", "e-mail", "mail", "메일", "이메일", "e메일"})


def with_mailto(authors: list[Author], el: Any) -> list[Author]:
    """A lone author's e-mail from a mailto link of the byline element, when its text has
    none ('<a href="mailto:hong@cbs.co.kr">CBS노컷뉴스 홍성민 기자</a>')."""
    if len(authors) != 1 or authors[0].email:
        return authors
    name = authors[0].name.replace(" ", "")
    for link in el.iter("a"):
        href = (link.get("href") or "").strip()
        if href[:7].lower() == "mailto:":
            found = _EMAIL.findall(href[7:].split("?")[0])
            label = _text(link)
            # the link is the reporter's: it is the name, the address or an icon, not a
            # tip line's '제보하기'
            if len(found) == 1 and (not label or "@" in label or name in label.replace(" ", "")
                                    or label.lower() in _MAIL_WORDS):
                authors[0].email = found[0]
            break
    return authors


def lines_text(el: Any) -> str:
    """`_text` with a line break read as a space: 'by Jeff Foust<br>Monday, November 18'
    is a name and a date, not the name 'Jeff FoustMonday' (libxml2's text drops <br>)."""
    if next(el.iter("br"), None) is None:
        return _text(el)
    parts: list[str] = []
    _lines_parts(el, parts)
    return _collapse("".join(parts))


def _lines_parts(node: Any, parts: list[str]) -> None:
    # module-level: a nested recursive closure is a reference cycle that would keep the
    # page's tree alive until the cyclic GC runs
    if node.text and isinstance(node.tag, str):
        parts.append(node.text)
    for child in node:
        if child.tag == "br":
            parts.append(" ")
        elif isinstance(child.tag, str):
            _lines_parts(child, parts)
        if child.tail:
            parts.append(child.tail)


_NO_TEXT_TAGS = frozenset({"script", "style", "noscript", "template"})
_SKIPPED_TEXT = frozenset({"script", "style", "noscript"})


def _following_text(start: Any, stop: Any, limit: int) -> list[str]:
    """Texts after `start` in document order, up to `stop` or `limit` characters.

    Stops as soon as the collapsed text reaches `limit` characters (the caller keeps only
    that many), also inside a sibling: the sibling after a headline is often the whole
    article container.
    """
    out: list[str] = []
    size = 0
    words = chars = 0  # of the collapsed text so far: chars + words - 1 characters

    def add(piece: str) -> bool:
        nonlocal size, words, chars
        out.append(piece)
        size += len(piece)
        parts = piece.split()
        words += len(parts)
        chars += sum(map(len, parts))
        return chars + words - 1 >= limit

    el = start
    while el is not None:
        if el is not start and el.tail:
            if add(el.tail):
                return out
        if el.getparent() is None:
            break
        for sib in el.itersiblings():
            for x in sib.iter():
                if x is stop:
                    return out
                tag = x.tag
                if isinstance(tag, str) and tag not in _NO_TEXT_TAGS and x.text:
                    if add(x.text):
                        return out
                if x is not sib and x.tail:
                    if add(x.tail):
                        return out
            if sib.tail:
                if add(sib.tail):
                    return out
            if size > limit:
                return out
        el = el.getparent()
    return out


def _leading_texts(root: Any, count: int) -> list[str]:
    """The first `count` text pieces inside root, in document order (script, style and
    noscript text excluded). A walk that stops there, instead of an XPath over the page."""
    out: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            piece = el.text if el.tag not in _SKIPPED_TEXT else None
        else:
            parent = el.getparent()
            if el is root or parent is None or parent.tag in _SKIPPED_TEXT:
                continue
            piece = el.tail
        if piece:
            out.append(piece)
            if len(out) >= count:
                break
    return out


def _texts_before(stop: Any, count: int) -> list[str]:
    """The last `count` text pieces of the document before `stop` (not inside it), in
    document order, script, style and noscript text excluded."""
    out: deque[str] = deque(maxlen=count)
    root = stop.getroottree().getroot()
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if el is stop:
                break
            piece = el.text if el.tag not in _SKIPPED_TEXT else None
        else:
            parent = el.getparent()
            if parent is None or parent.tag in _SKIPPED_TEXT:
                continue
            piece = el.tail
        if piece:
            out.append(piece)
    return list(out)


#: Class names of the label that names a story's section above its headline.
_SECTION_LABEL = re.compile(
    r"(?i)(?:^|[\s_-])(?:category|cate|section|sec_?name|sec|kicker|eyebrow|rubric|overline)"
    r"(?:$|[\s_-])")
_DIGITS_DATE = re.compile(r"\d{1,4}[.\-/]\d{1,2}")
#: Of those names, the ones a section's title has (not a kicker's or an eyebrow's) ...
_UNLINKED_SECTION = re.compile(r"(?i)(?:^|[\s_-])(?:category|cate|section|sec_?name|sec)(?:$|[\s_-])")
#: ... and a section's name in Hangul: a word or two, nothing else.
_HANGUL_LABEL = re.compile(r"[가-힣]{2,8}(?: [가-힣]{1,8})?")


def section_label_before(headline: Any, siblings: int = 4) -> str | None:
    """The short label naming the story's section just above its headline, or None.

    '<p class="category"><a href="/society">사회</a></p><h3>headline</h3>': a link to
    the section, in an element named like a section label, among the few elements
    before the headline in its own container and the one around it, nearest first, so
    that a menu's categories further up are never reached.
    """
    el = headline
    for _ in range(2):
        for n, sib in enumerate(el.itersiblings(preceding=True)):
            if n >= siblings:
                break
            if not isinstance(sib.tag, str) or len(list(islice(sib.iter("a"), 3))) > 2:
                continue  # a menu of categories, not a label
            for cand in sib.iter():
                if (not isinstance(cand.tag, str)
                        or not _SECTION_LABEL.search(cand.get("class") or "")):
                    continue
                link = cand if cand.tag == "a" else next(cand.iter("a"), None)
                if link is None or not link.get("href"):
                    # a kicker ('BLACK DEATH FEARS') labels the story, not a section; a
                    # Korean page's section title ('<h2 class="sec_title">사회</h2>') names one
                    text = _text(cand)
                    if (_UNLINKED_SECTION.search(cand.get("class") or "")
                            and _HANGUL_LABEL.fullmatch(text)):
                        return text
                    continue
                text = _text(link)
                if (text and len(text) <= 20 and len(text.split()) <= 3
                        and any(c.isalpha() for c in text) and not _DIGITS_DATE.search(text)):
                    return text
        el = el.getparent()
        if el is None:
            break
    return None


_BYLINE_NAMES = re.compile(r"byline|author|writer|reporter|date|time")


def heading_after(headline: Any) -> Any | None:
    """The heading that directly follows the headline one level or more below it, or None.

    '<h1 class="subject">headline</h1><h2 class="subject2">deck</h2>': a deck whose
    classes do not name it. Only the very next element counts, and only a lower-ranked
    heading that is neither a link nor a byline (a box's heading or a related story's
    title is a link, and a body's first subhead never sits right against the headline).
    """
    top = headline
    while top is not None and top.tag not in HEADING_TAGS:
        top = top.getparent()
        if top is not None and top.tag in ("body", "html"):
            return None
    if top is None:
        return None
    nxt = top.getnext()
    while nxt is not None and not isinstance(nxt.tag, str):
        nxt = nxt.getnext()
    if nxt is None or nxt.tag not in HEADING_TAGS or nxt.tag <= top.tag:
        return None
    names = f"{nxt.get('class') or ''} {nxt.get('id') or ''}".lower()
    if "widget" in names or _BYLINE_NAMES.search(names):
        return None  # 'widget__title with-subtitle': a box's title, not the story's deck
    text = _text(nxt)
    if next(nxt.iter("a"), None) is not None or _BY_START.match(text) or "@" in text:
        return None  # a link heads a box or names a story; 'by Jeff Foust' is a byline
    after = nxt.getnext()
    if (after is not None and after.tag in ("ul", "ol", "dl")
            and sum(1 for a in islice(after.iter("a"), 12) if len(_text(a)) >= 10) > 2):
        return None  # the heading of a box of links ('<h2>오늘의 주요 뉴스 모아보기</h2><ul>…')
    return nxt


def text_between(root: Any, start: Any, stop: Any, limit: int = 1500) -> str:
    """Visible text after `start` and before `stop` in document order (the header area).

    Without `start` (no headline element found) it is the text just before `stop`, or
    the top of the page.
    """
    if start is not None:
        return _collapse(" ".join(_following_text(start, stop, limit)))[:limit]
    texts = _texts_before(stop, 200) if stop is not None else _leading_texts(root, 300)
    text = _collapse(" ".join(texts))
    return text[-limit:] if stop is not None else text[:limit]


def short_texts(start: Any, stop: Any, limit: int = 400) -> list[str]:
    """The text pieces (element texts and tails) of the first `limit` characters after
    the headline that are short enough to be a date: read before the body's clean-up,
    which may remove the elements they are in."""
    return [t for t in _following_text(start, stop, limit) if 0 < len(t.strip()) <= 80]


_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def standalone_dates_of(texts: list[str], date_of: Callable[[str], datetime | None]
                        ) -> tuple[datetime | None, datetime | None]:
    """(published, modified) from the dates that stand alone in texts of the header area.

    The last resort for a page without a labelled, structured or CMS date: of the
    `short_texts`, those that are each nothing but a date ('<em>November 15, 2019</em>').
    One is the publication date. Two time stamps ('2025.04.09 09:05', '2025.04.10 11:00')
    are a story's first and last versions, as labelled ones would be; two bare days are
    ambiguous, so neither is taken, nor are three or more.
    """
    found: dict[datetime, str] = {}
    for text in texts:
        value = date_of(text)
        if value is not None:
            found.setdefault(value, text)
    if len(found) == 1:
        return next(iter(found)), None
    if len(found) == 2 and all(_CLOCK.search(t) for t in found.values()):
        first, last = sorted(found)
        return first, last
    return None, None


def within(el: Any, container: Any) -> bool:
    if el is None or container is None:
        return False
    return el is container or any(a is container for a in el.iterancestors())
