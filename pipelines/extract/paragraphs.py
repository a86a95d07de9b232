"""The last pass over a body's paragraphs, whatever extractor produced them.

Why a pass of its own: the CMS profiles, the structured-data body and the general content
finder each hand over paragraphs that can still hold the page's chrome (tag lists,
copyright and date lines, the author's box) and the byline lines that open or close a
Korean story. These rules read only the text, so they apply to every path alike.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from pipelines.extract import title as title_mod
from pipelines.extract.header import within
from pipelines.extract.page import EMAIL as _EMAIL
from pipelines.extract.page import line_text
from pipelines.record import Author

_TAG_ONLY = re.compile(r"^\s*[\[【]\s*[^\]】]{1,20}\s*[\]】]\s*$")

#: Lines that are never article text, whatever the container (safety net after content.py).
_JUNK_LINE = re.compile(
    r"^\s*(?:"
    r"기상청\s*제공|다른\s*기사\s*보기|.{0,20}기자의?\s*(?:다른|전체)\s*기사\s*보기|"
    r"\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}\s+\d{1,2}:\d{2}\s*송고|"
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|"
    r"(?:댓글|공유|좋아요)\s*\d*|"
    r"(?:Sign up|Subscribe)\b.{0,120}newsletter.*|"
    r"(?:Advertisement|광고)|[\(<\[]?\s*끝\s*[\)>\]]?"
    r")\s*$",
    re.I,
)
_COPYRIGHT = re.compile(
    r"^\s*(?:<?\s*저작권자\s*[©ⓒ(]|저작권자\s*[:：]|[©ⓒ]\s*\S+.*(?:무단|All rights)|Copyright\s*(?:©|ⓒ|\(c\))|"
    r".{0,60}무단\s*전재\s*(?:및|&|,)?\s*(?:재배포|배포)\s*금지)", re.I,
)


_TAG_LABEL = re.compile(r"(?i)(?:related\s+)?(?:tags?|keywords?|topics)\s*[:：]?|(?:관련\s*)?(?:태그|키워드)\s*[:：]?")


#: A tag or category line: its label (with a colon, or one of the words WordPress themes
#: write without one) and its list.
_TAG_LINE = re.compile(
    r"(?i)(?:(?:related\s+)?(?:tags?|keywords?|topics|categor(?:y|ies))\s*[:：]"
    r"|(?:tagged(?:\s+with)?|filed\s+under|posted\s+in)\s*[:：]?)\s*(\S.*)")


_DIGIT = re.compile(r"\d")


def is_date_line(text: str) -> bool:
    """A text that is only a date ('Nov. 20, 2019 6:02 AM EST'), of any year."""
    from pipelines.extract.dates import standalone_date

    try:
        return standalone_date(text, "UTC", _FAR_FUTURE) is not None
    except (ValueError, OverflowError, RecursionError):
        return False


_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=timezone.utc)


def _is_tag_list(text: str) -> bool:
    """A list of tags: two or more short items joined by commas (or '#' marks), no
    sentence among them."""
    items = [x.strip() for x in re.split(r"[,，、#]", text) if x.strip()]
    return (len(items) >= 2 and all(len(x.split()) <= 6 and len(x) <= 50 for x in items)
            and not text.rstrip().endswith((".", "다.")))


def caption_paragraphs(node: Any, captions: list[Any]) -> list[str]:
    """The captions inside a known body node, one paragraph each, in document order."""
    found = [el for el in node.iter("figcaption")]
    found += [el for el in captions if within(el, node) and el not in found]
    order = {el: i for i, el in enumerate(node.iter())}
    texts = [line_text(el) for el in sorted(found, key=lambda el: order.get(el, 0))]
    return list(dict.fromkeys(t for t in texts if len(t) >= 15))


def without_author_bio(paragraphs: list[str], authors: list[Author]) -> list[str]:
    """The paragraphs less the author's box that closes them: a line that is only an
    author's name, or their biography ('Regan is a Southeastern Connecticut native …',
    "Mike Wall's book about …"), among the last three, after the story."""
    names = [a.name for a in authors if a.name and len(a.name) >= 2]
    if not names or len(paragraphs) < 3:
        return paragraphs
    out = list(paragraphs)
    for i in range(len(out) - 1, max(len(out) - 4, 1), -1):
        p = out[i]
        for name in names:
            rest = p[len(name):] if p.startswith(name) else None
            if rest is not None and (not rest.strip() or _BIO_START.match(rest)):
                del out[i:]
                break
    return out


#: What follows an author's name at the start of a biography.
_BIO_START = re.compile(
    r"(?:\s+(?:is|was|has been|writes|covers|reports|joined)\b|['’]s\s+(?:book|latest|new)\b)")


def tidy_paragraphs(paragraphs: list[str], title: str | None, subtitle: str | None) -> list[str]:
    """Safety net over whatever produced the paragraphs: drop chrome lines, cut at the
    copyright line, drop a repeat of the headline or subtitle at the top."""
    out: list[str] = []
    tag_label = False
    for p in paragraphs:
        p = p.strip()
        if not p:
            continue
        if _TAG_LABEL.fullmatch(p):
            tag_label = True  # 'Tags' on a line of its own, its tags on the next
            continue
        label, _, rest = p.partition("\n")
        if rest and _TAG_LABEL.fullmatch(label.strip()) and _is_tag_list(rest.replace("\n", ",")):
            continue  # 'Tags<br>a, b, c'
        if tag_label and _is_tag_list(p):
            tag_label = False
            continue
        if len(p) <= 60 and _DIGIT.search(p) and is_date_line(p):
            continue  # 'Nov. 20, 2019 6:02 AM EST' alone: the page's date, not its text
        line = _TAG_LINE.match(p) if len(p) < 300 else None
        if line and (_is_tag_list(line.group(1)) or len(line.group(1)) <= 40
                     and len(line.group(1).split()) <= 5 and not line.group(1).endswith(".")):
            continue  # 'Tags: budget, council', 'Filed under: News', 'Posted in News | Tagged …'
        tag_label = False
        if _COPYRIGHT.match(p) and len(p) < 300:
            if len(out) >= 1:
                break
            continue
        if _JUNK_LINE.match(p):
            continue
        out.append(p)
    heads = {title_mod.norm(title), *(title_mod.norm(x) for x in (subtitle or "").split("\n"))}
    heads.discard("")
    while out and title_mod.norm(out[0]) in heads:
        out.pop(0)
    if subtitle and out and title_mod.norm(out[0]) == title_mod.norm(subtitle):
        out.pop(0)
    return out


def split_bylines(paragraphs: list[str]) -> tuple[list[str], list[Author], list[str]]:
    """Cut the byline prefix and trailing reporter/e-mail lines off the body text.

    Returns (paragraphs, authors named in the text, e-mail addresses of removed lines).
    bylines.split_body_byline does the work (agency datelines, bracketed bylines, end
    marks, reporter and e-mail lines); a bare `[매체]` tag before the first paragraph is
    dropped first so that it sees the real first line.
    """
    from pipelines.extract.bylines import split_body_byline

    paragraphs = [p for p in paragraphs if p and p.strip()]
    while paragraphs and _TAG_ONLY.match(paragraphs[0]):
        paragraphs.pop(0)
    authors: list[Author] = []
    emails: list[str] = []
    try:
        split = split_body_byline(paragraphs)
    except Exception:  # noqa: BLE001  (a bug in one rule must not lose the page)
        split = None
    if split is not None:
        paragraphs = list(split.paragraphs)
        authors = list(split.authors)
        for line in split.removed:
            emails.extend(_EMAIL.findall(line))
    return paragraphs, authors, list(dict.fromkeys(emails))
