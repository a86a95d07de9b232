"""Ground truth of the bundled demo news site "뉴스데모".

The end-to-end tests compare the archive a crawl produces with what is here, so every
value is generated from a fixed seed at import time: the same articles, ids, dates and
bodies on every machine and every run. Pages (`crawler.demo.pages`) are rendered from
these objects, never the other way round, so the expected records are exact by design.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from crawler.demo.stories import ABROAD, GENERIC, KIT_COUNTS, KITS, PLACES, SEASONS, Kit

KST = ZoneInfo("Asia/Seoul")
SITE_NAME = "뉴스데모"
SEED = 20250409

#: (sec_no, name) in menu order.
SECTIONS: list[tuple[int, str]] = [
    (14, "지방자치"), (11, "정치"), (12, "사회"), (13, "경제"), (15, "문화"), (16, "국제"),
]
SECTION_NO: dict[str, int] = {name: no for no, name in SECTIONS}

CMS_ARTICLE_NO = "article_no"
CMS_NDSOFT = "ndsoft"


@dataclass(frozen=True)
class DemoArticle:
    """One article of the demo site. ``authors`` items are ``{name, role, email}`` dicts."""

    id: int
    cms: str
    section: str
    title: str
    subtitle: str | None
    authors: list[dict[str, str | None]]
    published_at: datetime
    modified_at: datetime | None
    body_paragraphs: list[str]
    encoding: str

    @property
    def sec_no(self) -> int:
        return SECTION_NO[self.section]

    @property
    def last_modified(self) -> datetime:
        """The date HTTP caching works with: the modification date, else publication."""
        return self.modified_at or self.published_at

    @property
    def body(self) -> str:
        return "\n\n".join(self.body_paragraphs)

    @property
    def byline(self) -> str:
        """The in-text byline of the ``article_no`` layout, e.g. ``[뉴스데모=김철수·이영희 기자]``."""
        return f"[{SITE_NAME}={byline_names(self.authors)}]"


def byline_names(authors: list[dict[str, Any]]) -> str:
    """``심가영 서울1본부장``; reporters sharing a role are joined: ``김철수·이영희 기자``."""
    roles = {a["role"] for a in authors}
    if len(roles) == 1:
        return "·".join(a["name"] for a in authors) + " " + authors[0]["role"]
    return "·".join(f"{a['name']} {a['role']}" for a in authors)


def article_path(a: DemoArticle) -> str:
    """The site-relative URL of an article, by CMS layout."""
    if a.cms == CMS_NDSOFT:
        return f"/news/articleView.html?idxno={a.id}"
    return f"/news/article.html?no={a.id}"


# --------------------------------------------------------------------------- josa

_JOSA = re.compile(r"\((은|이|을|과|으)\)(는|가|를|와|로)")
_LATIN_FINAL = set("LMNlmn")


def _has_final(ch: str) -> bool | None:
    if "가" <= ch <= "힣":
        return (ord(ch) - 0xAC00) % 28 != 0
    if ch.isascii() and ch.isalpha():
        return ch in _LATIN_FINAL
    if ch.isdigit():
        return ch in "0136780"
    return None


def _final_is_rieul(ch: str) -> bool:
    return "가" <= ch <= "힣" and (ord(ch) - 0xAC00) % 28 == 8


def resolve_josa(text: str) -> str:
    """Pick 은/는, 이/가, 을/를, 과/와, 으로/로 after the syllable before each marker.

    Quotes, brackets and spaces before the marker are skipped, as a reader would.
    """
    out: list[str] = []
    pos = 0
    for m in _JOSA.finditer(text):
        out.append(text[pos:m.start()])
        prev = "".join(out)
        final: bool | None = None
        last = ""
        for ch in reversed(prev):
            final = _has_final(ch)
            if final is not None:
                last = ch
                break
        heavy, light = m.group(1), m.group(2)
        if heavy == "으":
            out.append("로" if not final or _final_is_rieul(last) else "으로")
        else:
            out.append(heavy if final else light)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


# --------------------------------------------------------------------------- people

_SURNAMES = "김김김김이이이박박최정강조윤장임한오서신권황안송류홍전고문손배백허남심노하곽성차주우"
_GIVEN = "민서준지현수영우진하은도윤성경태희재혜정연상훈아린주원석동혁유나빈채예람시온규호선미"

#: Reporters of the demo desk: (name, role, email or None).
REPORTERS: dict[str, dict[str, str | None]] = {
    key: {"name": n, "role": r, "email": e}
    for key, (n, r, e) in {
        "sim": ("심가영", "서울1본부장", "sim.gy@newsdemo.kr"),
        "na": ("나재현", "기자", "jhna@newsdemo.kr"),
        "oh": ("오세린", "기자", "serin@newsdemo.kr"),
        "han": ("한도윤", "선임기자", "dyhan@newsdemo.kr"),
        "kim": ("김철수", "기자", "cskim@newsdemo.kr"),
        "lee": ("이영희", "기자", None),
        "choi": ("최민아", "기자", "mina.choi@newsdemo.kr"),
        "park": ("박서준", "인턴기자", None),
        "yoon": ("윤태호", "기자", None),
        "ebkim": ("김은별", "통신원", "ebkim@newsdemo.kr"),
        "jung": ("정하늘", "통신원", None),
    }.items()
}
_DESK: dict[str, tuple[str, ...]] = {
    "지방자치": ("na", "kim", "na"), "정치": ("na", "han", "oh"), "사회": ("choi", "park", "yoon"),
    "경제": ("han", "kim", "oh"), "문화": ("lee", "park", "choi"), "국제": ("ebkim", "jung"),
}
_PAIRS = (("kim", "lee"), ("na", "oh"))

_REGION_COUNCIL = {
    "서울": "서울시의회", "경기": "경기도의회", "인천": "인천시의회", "부산": "부산시의회",
    "대구": "대구시의회", "대전": "대전시의회", "광주": "광주시의회", "강원": "강원특별자치도의회",
    "충북": "충청북도의회", "전북": "전북특별자치도의회", "경남": "경상남도의회",
    "제주": "제주특별자치도의회", "전남": "전라남도의회", "경북": "경상북도의회", "충남": "충청남도의회",
}


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        n = rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN)
        if n[1] != n[2] and n not in taken and n not in {r["name"] for r in REPORTERS.values()}:
            taken.add(n)
            return n


# --------------------------------------------------------------------------- generation

_START = datetime(2025, 3, 3, tzinfo=KST)
_SPAN_DAYS = 270  # up to 2025-11-28


def _dates(rng: random.Random, n: int) -> list[datetime]:
    out = set()
    while len(out) < n:
        day = rng.randrange(_SPAN_DAYS)
        t = timedelta(days=day, hours=rng.randrange(6, 22), minutes=rng.randrange(60),
                      seconds=rng.randrange(60))
        out.add(_START + t)
    return sorted(out)


def _slots(kit: Kit, rng: random.Random, when: datetime, used_places: set[tuple[str, str]],
           names: set[str]) -> dict[str, str]:
    prev = when - timedelta(days=1)
    season, hazard = SEASONS[when.month]
    s: dict[str, str] = {
        "d0": str(when.day), "d1": str(prev.day), "mon": str(when.month), "year": str(when.year),
        "a": str(rng.randrange(2, 10)), "b": str(rng.randrange(11, 90)),
        "c": str(rng.randrange(12, 99) * 10), "pct": f"{rng.randrange(10, 60)}.{rng.randrange(10)}",
        "a2": str(rng.randrange(2, 10)), "b2": str(rng.randrange(11, 90)),
        "pct2": f"{rng.randrange(10, 40)}.{rng.randrange(10)}",
        "sat": f"{rng.randrange(82, 99)}.{rng.randrange(10)}",
        "disc": str(rng.choice((10, 15, 20, 25, 30))), "disc2": str(rng.choice((5, 7, 10))),
        "season": season, "hazard": hazard,
        "m1": _name(rng, names), "m2": _name(rng, names), "m3": _name(rng, names),
        "head": _name(rng, names), "partner": rng.choice(
            ("한빛데이터㈜", "누리로보틱스", "세움바이오", "온새미로㈜", "다온에너지",
             "미리내소프트", "가온테크", "하람모빌리티", "별하랩스")),
    }
    if kit.place_kind == "abroad":
        country, city = rng.choice([p for p in ABROAD if (kit.key, p[1]) not in used_places])
        used_places.add((kit.key, city))
        region, gu, _, _ = rng.choice(PLACES)
        s.update(country=country, city=city, place_kr=f"{region} {gu}")
    else:
        region, gu, dong1, dong2 = rng.choice(
            [p for p in PLACES if (kit.key, p[1]) not in used_places])
        used_places.add((kit.key, gu))
        unit = gu[-1]
        s.update(
            region=region, gu=gu, dong1=dong1, dong2=dong2, unit=unit,
            place=f"{region} {gu}", gu_stem=gu[:-1] if len(gu) >= 3 else gu,
            htitle={"구": "구청장", "시": "시장", "군": "군수"}[unit],
            council=f"{gu}의회", rcouncil=_REGION_COUNCIL[region],
        )
    for key, choices in kit.vars.items():
        value = rng.choice(choices)
        for k, v in zip(key.split("|"), value.split("|")):
            s[k] = v
    return s


def _fill(template: str, slots: dict[str, str]) -> str:
    return resolve_josa(template.format(**slots))


def _kind(kit: Kit) -> str:
    if kit.place_kind == "abroad":
        return "abroad"
    return "politics" if kit.section == "정치" else "local"


def _body(kit: Kit, rng: random.Random, slots: dict[str, str], used: set[str]) -> list[str]:
    """Lead, kit paragraphs in order, a few background paragraphs, the closing quote.

    A random target length decides how much background is added; then neighbouring
    paragraphs are merged at random, as reporters do, so bodies have 4 to 9 paragraphs.
    A paragraph already printed in another article is skipped (``used``), so no text
    repeats across the site: repeated text would look like boilerplate to extractors.
    """
    paras = [p for p in (_fill(t, slots) for t in kit.paras) if p not in used]
    extra = [p for p in (_fill(t, slots) for t in GENERIC[_kind(kit)]) if p not in used]
    rng.shuffle(extra)
    lead, closing = _fill(kit.lead, slots), _fill(kit.closing, slots)
    n_extra = rng.randrange(0, 4)
    middle, spare = paras + extra[:n_extra], extra[n_extra:]

    def size() -> int:
        return len(lead) + len(closing) + sum(map(len, middle))

    target = rng.randrange(950, 1800)
    while len(middle) > 4:
        i = rng.randrange(len(middle))
        if size() - len(middle[i]) < max(target, 850):
            break
        middle.pop(i)
    while size() < 850 and spare:
        middle.append(spare.pop())
    used.update(middle)
    n_paras = rng.randrange(max(4, (len(middle) + 3) // 2), 10)
    while len(middle) + 2 > n_paras:
        i = rng.randrange(len(middle) - 1)
        middle[i:i + 2] = [middle[i] + " " + middle[i + 1]]
    return [lead, *middle, closing]


def _generate() -> list[DemoArticle]:
    rng = random.Random(SEED)
    kits = {k.key: k for k in KITS}
    plan = [key for key, n in KIT_COUNTS.items() for _ in range(n)]
    rng.shuffle(plan)
    dates = _dates(rng, len(plan))
    ids: list[int] = []
    next_id = 1203
    for _ in plan:
        ids.append(next_id)
        next_id += rng.randrange(1, 5)

    used_places: set[tuple[str, str]] = set()
    names: set[str] = set()
    titles: set[str] = set()
    used: set[str] = set()
    drafts: list[dict[str, Any]] = []
    for aid, key, when in zip(ids, plan, dates):
        kit = kits[key]
        while True:
            slots = _slots(kit, rng, when, used_places, names)
            title = _fill(rng.choice(kit.titles), slots)
            if title not in titles:
                titles.add(title)
                break
        subtitle = None
        if kit.subtitles and rng.random() < 0.45:
            subtitle = _fill(rng.choice(kit.subtitles), slots)
        modified = None
        if rng.random() < 0.35:
            modified = when + timedelta(minutes=rng.randrange(20, 4000),
                                        seconds=rng.randrange(1, 60))
        desk = _DESK[kit.section]
        if kit.section == "지방자치" and slots.get("region") == "서울" and rng.random() < 0.6:
            reporter_keys: tuple[str, ...] = ("sim",)
        else:
            reporter_keys = (rng.choice(desk),)
        drafts.append(dict(id=aid, kit=key, section=kit.section, title=title,
                           subtitle=subtitle, reporter_keys=reporter_keys, published_at=when,
                           modified_at=modified, body_paragraphs=_body(kit, rng, slots, used)))

    # CMS: every correspondent's report plus one 경제 and one 사회 story use the ND layout.
    ndsoft = {d["id"] for d in drafts if d["section"] == "국제"}
    for sec in ("경제", "사회"):
        ndsoft.add(rng.choice([d["id"] for d in drafts if d["section"] == sec]))
    # Encodings: the food-festival story (똠얌꿍: 똠 is CP949-only) and five more article_no
    # pages are served as EUC-KR/CP949.
    plain = [d for d in drafts if d["id"] not in ndsoft]
    cp949 = {d["id"] for d in plain if d["kit"] == "food"}
    cp949 |= set(rng.sample(sorted(d["id"] for d in plain if d["id"] not in cp949), 5))
    # Two reporters on four article_no stories.
    pair_ids = rng.sample(sorted(d["id"] for d in plain if d["reporter_keys"] != ("sim",)), 4)
    for i, pid in enumerate(sorted(pair_ids)):
        next(d for d in drafts if d["id"] == pid)["reporter_keys"] = _PAIRS[i % 2]

    articles = []
    for d in drafts:
        articles.append(DemoArticle(
            id=d["id"],
            cms=CMS_NDSOFT if d["id"] in ndsoft else CMS_ARTICLE_NO,
            section=d["section"], title=d["title"], subtitle=d["subtitle"],
            authors=[dict(REPORTERS[k]) for k in d["reporter_keys"]],
            published_at=d["published_at"], modified_at=d["modified_at"],
            body_paragraphs=d["body_paragraphs"],
            encoding="cp949" if d["id"] in cp949 else "utf-8",
        ))
    return articles


ARTICLES: list[DemoArticle] = _generate()
ARTICLES_BY_ID: dict[int, DemoArticle] = {a.id: a for a in ARTICLES}


def newest_first(articles: list[DemoArticle] | None = None) -> list[DemoArticle]:
    """Articles in list order: newest publication first, id breaking ties."""
    return sorted(ARTICLES if articles is None else articles,
                  key=lambda a: (a.published_at, a.id), reverse=True)


def section_articles(sec_no: int) -> list[DemoArticle]:
    name = dict(SECTIONS)[sec_no]
    return newest_first([a for a in ARTICLES if a.section == name])


def expected_records(base_url: str) -> list[dict[str, Any]]:
    """What a perfect extractor returns for each article, in ARTICLES order.

    Keys: url, title, subtitle, section, authors, published_at, modified_at (ISO 8601
    with +09:00, or None) and body (paragraphs joined by a blank line, without the
    byline, photo captions or teasers).
    """
    base = base_url.rstrip("/")
    return [
        {
            "url": base + article_path(a),
            "title": a.title,
            "subtitle": a.subtitle,
            "section": a.section,
            "authors": [dict(x) for x in a.authors],
            "published_at": a.published_at.isoformat(),
            "modified_at": a.modified_at.isoformat() if a.modified_at else None,
            "body": a.body,
        }
        for a in ARTICLES
    ]
