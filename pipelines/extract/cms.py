"""CMS profiles: exact extraction rules for the Korean CMS families the archive targets.

Hundreds of Korean regional outlets run one of two hosted CMSs; their markup is the same
on every site, so a profile recognised by URL *and* markup gives exact fields on sites
that have no site file at all. Each profile returns raw findings (elements, texts); date
parsing, byline parsing and body cleaning are shared and happen in core.py.

- `article_no`: `/news/article.html?no=N` (TV서울 and others). `div.art_top` holds the
  title (h2), subtitle (h3), `ul.art_info li` with the reporter and `등록`/`수정` dates;
  body `#news_body_area`; reporter box `div.jour_box`; widgets `arl_*`/`hdl_*`.
- `ndsoft`: `/news/articleView.html?idxno=N`, three skin generations (current
  `header.article-view-header`, older `div.article-head-title`, oldest
  `#article-view > div > header > h3`).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator

from lxml import etree

from pipelines.extract.fastselect import DocIndex, Selector
from pipelines.extract.page import EMAIL as _EMAIL
from pipelines.extract.page import element_text
from pipelines.record import Author

_DATE_LABEL = re.compile(r"(등록|입력|승인|수정|기사입력|최종수정|업데이트|발행)\s*[:：]?\s*\d{2,4}[.\-/년]")
_DATE_ANY = re.compile(r"\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}")

ARTICLE_NO_URL = re.compile(r"/(?:news|mobile)/article\.html\?(?:[^#]*&)?no=\d+", re.I)
NDSOFT_URL = re.compile(r"/news/articleView\.html\?(?:[^#]*&)?idxno=\d+", re.I)


def text_of(el: Any) -> str:
    try:
        return " ".join(element_text(el).split())
    except (AttributeError, ValueError, TypeError):
        return ""


@dataclass
class CmsResult:
    """What a CMS profile found; None/empty means "not found, fall through"."""

    name: str
    title: str | None = None
    subtitle: str | None = None
    section: str | None = None
    #: byline texts of the info box, parsed with bylines.parse_byline in core
    byline_texts: list[str] = field(default_factory=list)
    #: authors read from reporter boxes (name + e-mail), merged into the byline authors
    box_authors: list[Author] = field(default_factory=list)
    #: text holding labelled dates (등록/입력/승인/수정 ...)
    date_text: str = ""
    body: Any = None
    #: elements to delete before reading paragraphs (inside or around the body)
    strip: list[Any] = field(default_factory=list)
    #: widgets that preview other articles
    teaser_boxes: list[Any] = field(default_factory=list)


def _first(xp: Selector | etree.XPath, root: Any, index: DocIndex | None = None) -> Any | None:
    found = xp(root, index) if index is not None else xp(root)
    return found[0] if found else None


def _first_text(xp: Selector | etree.XPath, root: Any, index: DocIndex | None = None) -> str | None:
    for el in (xp(root, index) if index is not None else xp(root)):
        t = text_of(el)
        if t:
            return t
    return None


def _lines_text(el: Any) -> str:
    """Text of an element with <br> and block children as line breaks."""
    parts: list[str] = []
    for chunk in el.itertext():
        parts.append(chunk)
    raw = "".join(parts)
    return "\n".join(x for x in (" ".join(line.split()) for line in raw.split("\n")) if x)


def _subtitle(els: list[Any]) -> str | None:
    lines: list[str] = []
    for el in els:
        for br in el.iter("br"):
            br.tail = "\n" + (br.tail or "")
        text = _lines_text(el)
        if text:
            lines.extend(x for x in text.split("\n") if x not in lines)
    return "\n".join(lines) or None


def _split_info(items: list[Any], result: CmsResult) -> None:
    """Info-box list items: date items to date_text, person items to byline_texts."""
    dates: list[str] = []
    for li in items:
        text = text_of(li)
        if not text:
            continue
        if _DATE_LABEL.search(text) or _DATE_ANY.search(text):
            dates.append(text)
        elif re.search(r"댓글|조회|공유|글씨|폰트|스크랩|인쇄|SNS|바로가기", text):
            continue
        elif len(text) <= 80:
            result.byline_texts.append(text)
    result.date_text = " ".join(dates)


# ------------------------------------------------------------------ article_no

_A_TOP = Selector("div.art_top")
_A_TITLE = Selector("div.art_top h2")
_A_SUB = Selector("div.art_top h3, div.art_top .subtit, div.art_top .sub_tit")
_A_INFO = Selector("div.art_top ul.art_info li, ul.art_info li")
_A_BODY_ID = Selector("#news_body_area")
_A_BODY = Selector("#news_body_area, div.news_body_area, div.cnt_view [itemprop='articleBody']")
_A_JOUR = Selector("div.jour_box, div.arv_003 .jour_box")
_A_JOUR_NAME = Selector(".name, strong, .jour_name, dt")
#: reference definition of the article_no teaser widgets (`_a_teaser_boxes` answers it
#: from the page index)
_A_TEASERS = etree.XPath(
    "//div[starts-with(@class,'arl_') or contains(@class,' arl_') or starts-with(@class,'hdl_')"
    " or contains(@class,' hdl_')] | //ul[contains(concat(' ',@class,' '),' lst_pop ')]"
    " | //div[contains(concat(' ',@class,' '),' art_box ')][not(ancestor::div[starts-with(@class,'arl_')"
    " or starts-with(@class,'hdl_')])]"
)
_A_STRIP = Selector(
    "ul.btn_share, #article-bottom, .reporter, .jour_box, .art_copy, div.relation, "
    "div.art_photo .txt, .view_btm, .art_btm"
)
_SEC_CLASS = re.compile(
    r"(^|[\s_-])(sec_?tit(le)?|sec_?name|art_?sec|section_?(tit(le)?|name)|sec_title|"
    r"location|navi_?sec|cate(gory)?_?(name|tit)?|breadcrumbs?|path|art_path)($|[\s_-])",
    re.I,
)
_NAV_CURRENT = etree.XPath(
    "//*[contains(@class,'gnb') or contains(@class,'nav') or contains(@class,'menu')]"
    "//li[contains(concat(' ',normalize-space(@class),' '),' on ') or contains(@class,'active')"
    " or contains(@class,'current') or contains(@class,'selected')]/a"
)


_IN_NAV = etree.XPath("boolean(ancestor::nav|ancestor::header[contains(@class,'header')])")


@lru_cache(maxsize=4096)
def _is_sec_class(cls: str) -> bool:
    return bool(_SEC_CLASS.search(cls))


def _classed_before(doc: Any, stop: Any, index: DocIndex | None) -> Iterator[Any]:
    """Elements with a class attribute that come before stop in document order.

    With the page index: the indexed elements before stop's nearest indexed ancestor,
    then a walk of that ancestor's sub-tree up to stop (instead of a walk of the page).
    """
    frame = None
    if index is not None and stop is not None:
        frame = next((a for a in stop.iterancestors() if a in index.position), None)
    if frame is None:
        walk: Iterable[Any] = doc.iter()
    else:
        limit = index.position[frame]
        pos = index.position
        walk = itertools.chain(itertools.takewhile(lambda el: pos[el] < limit, pos), frame.iter())
    for el in walk:
        if el is stop:
            return
        if isinstance(el.tag, str) and el.get("class"):
            yield el


def _section_before(doc: Any, stop: Any, index: DocIndex | None = None) -> str | None:
    """A short section label placed before the headline (in document order)."""
    found: str | None = None
    for el in _classed_before(doc, stop, index):
        if not _is_sec_class(el.get("class")):
            continue
        if _IN_NAV(el):
            continue
        text = text_of(el)
        if not text or len(text) > 60 or _DATE_ANY.search(text):
            continue
        for sep in (">", "›", "»", "/"):
            if sep in text:  # the last crumb ("" for a lone separator)
                text = next((p.strip() for p in reversed(text.split(sep)) if p.strip()), "")
        if text and len(text) <= 20 and text not in ("홈", "HOME", "Home"):
            found = text
    return found


def _nav_current(doc: Any) -> str | None:
    items = [text_of(a) for a in _NAV_CURRENT(doc)]
    items = [t for t in items if t and len(t) <= 20 and t not in ("홈", "HOME", "Home")]
    return items[-1] if items else None


def _spaced_text(el: Any) -> str:
    return " ".join(" ".join(el.itertext()).split())


def _jour_authors(boxes: list[Any]) -> list[Author]:
    out: list[Author] = []
    for box in boxes:
        text = _spaced_text(box)
        emails = _EMAIL.findall(text)
        name_el = _first(_A_JOUR_NAME, box)
        name = text_of(name_el) if name_el is not None else ""
        if not name:
            continue
        out.append(Author(name, None, emails[0] if emails else None))
    return out




def _arl_class(cls: str | None) -> bool:
    return bool(cls) and cls.startswith(("arl_", "hdl_"))


def _a_teaser_boxes(doc: Any, index: DocIndex | None) -> list[Any]:
    """`_A_TEASERS` from the page index: divs with an `arl_*`/`hdl_*` class, `ul.lst_pop`,
    and `div.art_box` cards outside those widgets."""
    if index is None:
        return list(_A_TEASERS(doc))
    found = {el for key, els in index.by_class.items() if key.startswith(("arl_", "hdl_"))
             for el in els if el.tag == "div"}
    found.update(el for el in index.by_class.get("lst_pop", ()) if el.tag == "ul")
    found.update(el for el in index.by_class.get("art_box", ()) if el.tag == "div" and not any(
        _arl_class(anc.get("class")) for anc in el.iterancestors("div")))
    return index.order_of(list(found))


def match_article_no(url: str, doc: Any, forced: bool = False,
                     index: DocIndex | None = None) -> bool:
    """URL and markup; markup alone only when both signatures are there."""
    if ARTICLE_NO_URL.search(url or "") or forced:
        return bool(_A_BODY(doc, index)) or bool(_A_TOP(doc, index))
    if index is not None and "news_body_area" not in index.by_id:
        return False
    return bool(_A_BODY(doc, index)) and bool(_A_TOP(doc, index))


def extract_article_no(doc: Any, index: DocIndex | None = None) -> CmsResult:
    r = CmsResult("article_no")
    title_el = _first(_A_TITLE, doc, index)
    if title_el is not None:
        r.title = text_of(title_el) or None
    r.subtitle = _subtitle(_A_SUB(doc, index))
    _split_info(_A_INFO(doc, index), r)
    stop = title_el if title_el is not None else _first(_A_TOP, doc, index)
    if stop is not None:
        r.section = _section_before(doc, stop, index)
    if not r.section:
        r.section = _nav_current(doc)
    r.body = _first(_A_BODY_ID, doc, index)
    if r.body is None:
        r.body = _first(_A_BODY, doc, index)
    jour = _A_JOUR(doc, index)
    r.box_authors = _jour_authors(jour)
    r.strip = list(_A_STRIP(doc, index))
    r.teaser_boxes = _a_teaser_boxes(doc, index)
    return r


# ------------------------------------------------------------------ ndsoft

_N_HEADER = Selector("header.article-view-header, div.article-view-header")
_N_TITLE = Selector(
    "header.article-view-header .heading, div.article-view-header .heading, "
    "header.article-view-header h1, header.article-view-header h3"
)
_N_TITLE_OLD = Selector("div.article-head-title")
_N_TITLE_OLDEST = etree.XPath("//*[@id='article-view']/div/header/h3 | //*[@id='article-view']/header/h3")
_N_SUB = Selector(
    "header.article-view-header .subheading, header.article-view-header h4, "
    "div.article-head-sub, #article-view-content-div h2.subheading, "
    "#article-view-content-div h4.subheading, div.article-view-header h2.subheading"
)
_N_INFO = Selector("ul.infomation li, ul.auto-infomation li")
_N_INFO_NAME = Selector("li.info-name, ul.infomation li.info-name")
_N_INFO_OLD = Selector(".info-text ul li, div.info-text li")
_N_INFO_OLDEST = etree.XPath("//*[@id='article-view']//header//ul/li")
_N_BODY = Selector("#article-view-content-div")
_N_EDITORS = Selector(".view-editors")
_N_EDITOR_NAME = Selector("strong.names, .names, strong.name")
_N_EDITOR_MAIL = Selector("a.user-email, .user-email, a.email, .email")
_N_WRITER = Selector("article.writer, div.writer")
_N_STRIP = Selector(
    "#article-view-content-div h2.subheading, #article-view-content-div h4.subheading, "
    "#article-view-content-div figure, #article-view-content-div figcaption, "
    "div.ad-template, #article-view-content-div script, ul.info-options2, .view-copyright, "
    ".view-editors, div.article-head-sub, .article-copy, .article-copyright, "
    "#article-view-content-div .tag-group, #article-view-content-div .IMGFLOATING"
)
_N_TEASERS = Selector(
    "article.relation, .relation, #skin-ranking, .auto-article, .article-list-box, "
    "section.article-list, .box-skin .item-list"
)
_ND_TITLE_SECTION = re.compile(r"^(?P<title>.+?)\s+<\s+(?P<section>[^<]{1,30}?)\s+<\s+기사본문\b")


def match_ndsoft(url: str, doc: Any, forced: bool = False, index: DocIndex | None = None) -> bool:
    if NDSOFT_URL.search(url or "") or forced:
        return bool(_N_BODY(doc, index)) or _nd_header(doc, index)
    if index is not None and "article-view-content-div" not in index.by_id:
        return False
    return bool(_N_BODY(doc, index)) and _nd_header(doc, index)


def _nd_header(doc: Any, index: DocIndex | None) -> bool:
    return bool(_N_HEADER(doc, index) or _N_TITLE_OLD(doc, index) or _N_TITLE_OLDEST(doc))


def _editor_authors(boxes: list[Any]) -> list[Author]:
    out: list[Author] = []
    for box in boxes:
        names = [text_of(x) for x in _N_EDITOR_NAME(box)]
        mails = [(_EMAIL.findall(text_of(x) + " " + (x.get("href") or "")) or [""])[0]
                 for x in _N_EDITOR_MAIL(box)]
        if not names:
            continue
        for i, name in enumerate(n for n in names if n):
            email = mails[i] if i < len(mails) and "@" in mails[i] else None
            out.append(Author(name, None, email))
    return out


def extract_ndsoft(doc: Any, page_title: str | None = None,
                   index: DocIndex | None = None) -> CmsResult:
    r = CmsResult("ndsoft")
    r.title = (_first_text(_N_TITLE, doc, index) or _first_text(_N_TITLE_OLD, doc, index)
               or _first_text(_N_TITLE_OLDEST, doc))
    r.subtitle = _subtitle(_N_SUB(doc, index)[:3])
    info = _N_INFO(doc, index)
    if info:
        _split_info(info, r)
        for li in _N_INFO_NAME(doc, index):
            t = text_of(li)
            if t and t not in r.byline_texts and not _DATE_LABEL.search(t):
                r.byline_texts.append(t)
    else:
        old = _N_INFO_OLD(doc, index) or _N_INFO_OLDEST(doc)
        _split_info(old, r)
    if page_title:
        m = _ND_TITLE_SECTION.match(" ".join(page_title.split()))
        if m:
            r.section = m.group("section").strip()
    r.body = _first(_N_BODY, doc, index)
    r.box_authors = (_editor_authors(_N_EDITORS(doc, index))
                     + _editor_authors(_N_WRITER(doc, index)))
    r.strip = list(_N_STRIP(doc, index))
    r.teaser_boxes = list(_N_TEASERS(doc, index))
    return r


# ------------------------------------------------------------------ gnuboard

GNUBOARD_URL = re.compile(r"/bbs/board\.php\?(?:[^#]*&)?wr_id=\d+", re.I)
_G_TITLE = Selector("#bo_v_title .bo_v_tit, #bo_v_title")
_G_NAME = Selector("#bo_v_info .sv_member, #bo_v_info .member, #bo_v_info .sv_guest")
_G_DATE = Selector("#bo_v_info .if_date, #bo_v_info strong.if_date")
_G_BODY = Selector("#bo_v_con")
_G_STRIP = Selector("#bo_v_info, #bo_v_share, #bo_v_file, #bo_v_link, .bo_v_nb, #bo_vc, #bo_v_act")


def match_gnuboard(url: str, doc: Any, index: DocIndex | None = None) -> bool:
    return bool(GNUBOARD_URL.search(url or "")) and bool(_G_BODY(doc, index))


def extract_gnuboard(doc: Any, index: DocIndex | None = None) -> CmsResult:
    """gnuboard boards used as news sites: `#bo_v_title`, `#bo_v_info`, `#bo_v_con`."""
    r = CmsResult("gnuboard")
    r.title = _first_text(_G_TITLE, doc, index)
    r.byline_texts = [t for t in (text_of(x) for x in _G_NAME(doc, index)[:1]) if t]
    dates = [text_of(x) for x in _G_DATE(doc, index)]
    # the board prints "작성일 24-05-01 10:30": a two-digit year the date parser reads
    r.date_text = " ".join("등록 " + re.sub(r"^\D*", "", d) for d in dates if d)
    r.body = _first(_G_BODY, doc, index)
    r.strip = list(_G_STRIP(doc, index))
    return r


PROFILES = ("article_no", "ndsoft", "gnuboard")


def detect_cms(url: str, doc: Any, hint: str | None = None, page_title: str | None = None,
               index: DocIndex | None = None) -> CmsResult | None:
    """The profile whose URL pattern and markup match the page (site.cms as a hint).

    `index` (the page's elements by class and id, made by `structured.index_page` on
    the untouched tree) answers the profiles' selectors without a scan of the page each,
    and lets pages of no known CMS skip the markup probes.
    """
    if match_article_no(url, doc, forced=hint == "article_no", index=index):
        return extract_article_no(doc, index)
    if match_ndsoft(url, doc, forced=hint == "ndsoft", index=index):
        return extract_ndsoft(doc, page_title, index)
    if match_gnuboard(url, doc, index):
        return extract_gnuboard(doc, index)
    return None
