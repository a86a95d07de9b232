"""Date parsing for news pages: one string -> an aware datetime, or labelled dates in free text.

Korean news CMSs print dates in a dozen home-made formats without a time zone
(`등록 2025.04.09 09:05:03`, `2024.09.24. 오후 3:04`, `2025년 4월 9일 (수) 09:05:03`,
`2025/04/09 [09:05]`, `2025.04.09 (09:05)`, `25-04-09 09:05`), while feeds and metadata
use ISO 8601 and RFC 822. A handful of precompiled regexes cover all of them; a string-format table
(strptime) would need one entry per punctuation variant and is slower.

Why the guards: a date parsed from page chrome or a typo ("2052") must not become an
article's publication date, so future dates (beyond `now` + 1 day) and years outside
1990..now+1 are rejected. Every regex uses possessive quantifiers so that adversarial
input (long runs of spaces or digits) cannot make it backtrack catastrophically.
Values without an explicit offset get the site's zone (default Asia/Seoul): the result
is always timezone-aware, because the article record refuses naive datetimes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Iterator
from zoneinfo import ZoneInfo

__all__ = ["LabelledDates", "find_labelled_dates", "parse_date"]

MIN_YEAR = 1990

# --------------------------------------------------------------------------- time zones

_FIXED_ABBR: dict[str, int] = {  # minutes east of UTC
    "UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "WET": 0,
    "BST": 60, "CET": 60, "WEST": 60, "CEST": 120, "EET": 120, "EEST": 180, "MSK": 180,
    "KST": 540, "JST": 540, "HKT": 480, "SGT": 480, "AWST": 480,
    "AEST": 600, "AEDT": 660, "ACST": 570, "ACDT": 630, "NZST": 720, "NZDT": 780,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "AKDT": -480, "HST": -600,
}
#: Generic US names: the offset depends on the date, so they map to a zone.
_ZONE_ABBR: dict[str, str] = {
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_ABBR_ALT = "|".join(sorted([*_FIXED_ABBR, *_ZONE_ABBR], key=len, reverse=True))


@lru_cache(maxsize=64)
def _zone(name: str) -> tzinfo:
    return ZoneInfo(name)


def _as_tzinfo(tz: str | tzinfo | None) -> tzinfo:
    if tz is None:
        return _zone("Asia/Seoul")
    if isinstance(tz, str):
        return _zone(tz)
    return tz


# --------------------------------------------------------------------------- regex parts

_AMPM = r"(?:오전|오후|(?i:[ap]\.?m\.?)(?![A-Za-z]))"
_TIME = (
    rf"(?P<ap1>{_AMPM})?\s*+"
    r"(?P<H>\d{1,2})"
    r"(?:"
    r":(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<F>\d{1,9})\d*+)?)?"
    r"|\s*+시(?:\s*+(?P<M2>\d{1,2})\s*+분)?(?:\s*+(?P<S2>\d{1,2})\s*+초)?"
    r")(?!\d)"
    rf"(?:\s*+(?P<ap2>{_AMPM}))?"
)
_TZ = (
    r"(?P<tz>Z(?![A-Za-z])"
    r"|(?:GMT|UTC)[+\-−]\d{1,2}(?::?\d{2})?(?!\d)"
    r"|[+\-−]\d{2}(?::?\d{2})?(?!\d)"
    rf"|(?:{_ABBR_ALT})(?![A-Za-z]))"
)
_TZ_TAIL = rf"(?:\s?\(?{_TZ}\)?)?"
_KO_WEEKDAY = (r"(?:\s*+[(（]\s*+(?:[월화수목금토일](?:요일)?|(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?)"
               r"\s*+[)）]|\s*+[월화수목금토일]요일)?")
_MONTH = (
    r"(?P<mon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))(?![A-Za-z])\.?"
)
_EN_WEEKDAY = (
    r"(?:(?i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?i:day|nesday|sday|rsday|urday)?"
    r"(?![A-Za-z])\.?,?\s++)?"
)
_DAY_SUFFIX = r"(?i:st|nd|rd|th)?"

_NUMERIC = re.compile(
    r"(?<![\d.])(?P<y>\d{4}|\d{2})(?P<sep>[.\-/])\s?(?P<m>\d{1,2})(?P=sep)\s?(?P<d>\d{1,2})(?!\d)\.?"
    + _KO_WEEKDAY
    + rf"(?:(?:\s*+T\s*+|\s*+,?\s*+)[\[(（]?\s*+{_TIME}\s*+[\])）]?{_TZ_TAIL})?"
)
_KOREAN = re.compile(
    r"(?<!\d)(?P<y>\d{4}|\d{2})\s*+년\s*+(?P<m>\d{1,2})\s*+월\s*+(?P<d>\d{1,2})\s*+일"
    + _KO_WEEKDAY
    + rf"(?:\s*+,?\s*+[\[(（]?\s*+{_TIME}\s*+[\])）]?{_TZ_TAIL})?"
)
_EN_TIME_TAIL = (
    rf"(?:\s*+(?:,|(?i:at)(?![A-Za-z])|-|–|—|\|)?\s*+\[?{_TIME}\]?{_TZ_TAIL})?"
)
_EN_MDY = re.compile(
    r"(?<![A-Za-z])" + _EN_WEEKDAY + _MONTH
    + rf"\s*+(?P<d>\d{{1,2}}){_DAY_SUFFIX}(?!\d),?\s++(?P<y>\d{{4}})(?!\d)" + _EN_TIME_TAIL
)
_EN_DMY = re.compile(
    r"(?<![A-Za-z\d])" + _EN_WEEKDAY
    + rf"(?P<d>\d{{1,2}}){_DAY_SUFFIX}\s*+(?:(?i:of)\s++)?" + _MONTH
    + r",?\s*+(?P<y>\d{4}|\d{2})(?!\d)" + _EN_TIME_TAIL
)
_EN_TIME_FIRST = re.compile(
    r"(?<![\d:])" + _TIME + _TZ_TAIL + r"\s*+,?\s*+(?:(?i:on)\s++)?" + _EN_WEEKDAY + _MONTH
    + rf"\s*+(?P<d>\d{{1,2}}){_DAY_SUFFIX}(?!\d),?\s++(?P<y>\d{{4}})(?!\d)"
)
_US_NUMERIC = re.compile(
    r"(?<![\d./\-])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?![\d/])"
    + rf"(?:\s*+,?\s*+{_TIME}{_TZ_TAIL})?"
)
_EPOCH = re.compile(r"\s*(?P<epoch>\d{10}(?:\d{3})?)\s*")

#: In order of how often they occur; the earliest match in the string wins.
_PATTERNS: tuple[re.Pattern[str], ...] = (
    _NUMERIC, _KOREAN, _EN_MDY, _EN_DMY, _EN_TIME_FIRST, _US_NUMERIC,
)

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_TRANSLATE = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
    "：": ":", "／": "/", "．": ".", "－": "-", "\u00a0": " ", "\u3000": " ",
    "\u2009": " ", "\u202f": " ",
})


# --------------------------------------------------------------------------- building


def _now(now: datetime | None, zone: tzinfo) -> datetime:
    if now is None:
        return datetime.now(timezone.utc)
    if now.tzinfo is None:
        return now.replace(tzinfo=zone)
    return now


def _offset(token: str) -> tzinfo | None:
    token = token.replace("−", "-")
    if token in _FIXED_ABBR:
        return timezone(timedelta(minutes=_FIXED_ABBR[token]))
    if token in _ZONE_ABBR:
        return _zone(_ZONE_ABBR[token])
    if token[:3] in ("GMT", "UTC"):
        token = token[3:]
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    hours = int(digits[:-2]) if len(digits) > 2 else int(digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _build(gd: dict[str, str | None], zone: tzinfo, now: datetime) -> tuple[datetime, bool] | None:
    """Group dict -> (aware datetime, has_time), or None when out of range or invalid."""
    try:
        y_text = gd["y"] or ""
        year = int(y_text)
        if len(y_text) == 2:
            year += 2000 if year <= (now.year % 100) + 1 else 1900
        if gd.get("mon"):
            month = _MONTHS[gd["mon"][:3].lower()]  # type: ignore[index]
        else:
            month = int(gd["m"] or 0)
        day = int(gd["d"] or 0)
        hour = minute = second = micro = 0
        has_time = gd.get("H") is not None
        if has_time:
            hour = int(gd["H"])  # type: ignore[arg-type]
            minute = int(gd.get("M") or gd.get("M2") or 0)
            second = int(gd.get("S") or gd.get("S2") or 0)
            if gd.get("F"):
                micro = int((gd["F"] + "000000")[:6])  # type: ignore[operator]
            ampm = gd.get("ap1") or gd.get("ap2")
            if ampm:
                pm = ampm == "오후" or ampm[0] in "pP"
                if hour > 12:
                    if not pm:
                        return None  # "오전 15:00" is nonsense; "오후 15:04" is just redundant
                elif pm and hour < 12:
                    hour += 12
                elif not pm and hour == 12:
                    hour = 0
            if hour == 24 and minute == 0 and second == 0:
                hour = 23
                minute = second = 59
            if second == 60:
                second = 59
        tzi: tzinfo | None = zone
        if gd.get("tz"):
            tzi = _offset(gd["tz"])  # type: ignore[arg-type]
            if tzi is None:
                return None
        if not MIN_YEAR <= year <= now.year + 1:
            return None
        value = datetime(year, month, day, hour, minute, second, micro, tzinfo=tzi)
    except (ValueError, KeyError, TypeError, OverflowError):
        return None
    if value > now + timedelta(days=1):
        return None
    return value, has_time


def _prepare(text: object) -> str:
    if not isinstance(text, str):
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        else:
            return ""
    return text.translate(_TRANSLATE)


def _first_valid(pattern: re.Pattern[str], text: str, zone: tzinfo, now: datetime,
                 start: int = 0) -> tuple[int, int, datetime, bool] | None:
    for m in pattern.finditer(text, start):
        built = _build(m.groupdict(), zone, now)
        if built is not None:
            return m.start(), m.end(), built[0], built[1]
    return None


def _match_at(text: str, pos: int, zone: tzinfo, now: datetime) -> tuple[int, datetime, bool] | None:
    """A date starting exactly at `pos`: (end, datetime, has_time)."""
    best: tuple[int, datetime, bool] | None = None
    for pattern in _PATTERNS:
        m = pattern.match(text, pos)
        if m is None:
            continue
        built = _build(m.groupdict(), zone, now)
        if built is not None and (best is None or m.end() > best[0]):
            best = (m.end(), built[0], built[1])
    return best


def _iter_dates(text: str, zone: tzinfo, now: datetime) -> Iterator[tuple[int, int, datetime, bool]]:
    """Every date in `text`, left to right, without overlaps (longest match at a start wins)."""
    found: list[tuple[int, int, datetime, bool]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            built = _build(m.groupdict(), zone, now)
            if built is not None:
                found.append((m.start(), m.end(), built[0], built[1]))
    found.sort(key=lambda item: (item[0], -item[1]))
    last_end = -1
    for item in found:
        if item[0] >= last_end:
            last_end = item[1]
            yield item


def parse_date(text: str, tz: str | tzinfo = "Asia/Seoul", now: datetime | None = None) -> datetime | None:
    """One date string in any known format -> aware datetime, or None.

    Formats: ISO 8601 (offset, 'Z', fractions, date only), RFC 822 (RSS pubDate), the
    Korean numeric and 년월일 forms with optional weekday, 오전/오후, brackets and
    trailing dot, English month-name forms with US/UK zone abbreviations, US m/d/Y,
    digits only ('20250409', '202504090905', '20250409090500') and Unix epoch
    seconds/milliseconds. The earliest date in the string wins, so a label
    or a few trailing characters around it do no harm. Values without an offset get
    `tz`. Dates after `now` + 1 day, or with a year outside 1990..now+1, give None.
    """
    text = _prepare(text)
    if not text:
        return None
    zone = _as_tzinfo(tz)
    current = _now(now, zone)
    if _STRICT_ISO.fullmatch(text):
        # sitemaps, feeds and JSON-LD give this form; the pattern scan below costs ~40 µs
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if MIN_YEAR <= value.year <= current.year + 1 and value <= current + timedelta(days=1):
                return value
    compact = _COMPACT.fullmatch(text)
    if compact:
        # metadata in digits only ('<meta name="pubdate" content="20250409090500">'):
        # a date and maybe a time, not epoch seconds
        built = _build({"y": compact["y"], "m": compact["m"], "d": compact["d"],
                        "H": compact["H"], "M": compact["M"], "S": compact["S"]}, zone, current)
        return built[0] if built else None
    return _parse_any(text, zone, current)


_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d\d)(?:/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?=/)"
    r"|-(?P<m2>[01]\d)-(?P<d2>[0-3]\d)(?=[/_.-]|$)|(?P<m3>[01]\d)(?P<d3>[0-3]\d)(?=/))")


def date_in_url(url: str, tz: str | tzinfo = "Asia/Seoul",
                now: datetime | None = None) -> datetime | None:
    """The day a URL's path names ('/2025/04/09/', '/2025-04-09-slug', '/20250409/'), at
    midnight, or None: the last resort for a page that shows no date at all."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    match = _URL_DATE.search(path, path.find("/", path.find("//") + 2) if "//" in path else 0)
    if match is None:
        return None
    zone = _as_tzinfo(tz)
    built = _build({"y": match["y"], "m": match["m"] or match["m2"] or match["m3"],
                    "d": match["d"] or match["d2"] or match["d3"], "H": None},
                   zone, _now(now, zone))
    return built[0] if built else None


#: YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS.
_COMPACT = re.compile(
    r"(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:(?P<H>[0-2]\d)(?P<M>[0-5]\d)(?P<S>[0-5]\d)?)?")


#: A full ISO 8601 date-time with an offset, which datetime.fromisoformat reads as the
#: patterns would (hours above 23, leap seconds and odd offsets take the general path).
_STRICT_ISO = re.compile(
    r"\d{4}-[01]\d-[0-3]\dT(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?"
    r"(?:Z|[+-](?:0\d|1[0-4]):?[0-5]\d)"
)


def _parse_any(text: str, zone: tzinfo, current: datetime) -> datetime | None:
    best: tuple[int, int, datetime, bool] | None = None
    for pattern in _PATTERNS:
        hit = _first_valid(pattern, text, zone, current)
        if hit is not None and (best is None or hit[0] < best[0]
                                or hit[0] == best[0] and hit[1] > best[1]):
            best = hit
            if best[0] == 0:
                break
    if best is not None:
        return best[2]
    m = _EPOCH.fullmatch(text)
    if m:
        raw = int(m.group("epoch"))
        try:
            value = datetime.fromtimestamp(raw / 1000 if raw > 10**11 else raw, tz=zone)
        except (OverflowError, OSError, ValueError):
            return None
        if MIN_YEAR <= value.year <= current.year + 1 and value <= current + timedelta(days=1):
            return value
    return None


# --------------------------------------------------------------------------- labelled dates


@dataclass(frozen=True)
class LabelledDates:
    published: datetime | None
    modified: datetime | None
    published_label: str | None  # e.g. "등록"
    modified_label: str | None


#: The leading lookahead lists the first letter of every label: most positions of a
#: header text fail on it at once instead of trying five branches with lookbehinds
#: (2.4x faster on real header texts; keep it in step with the branches).
_LABEL = re.compile(
    r"(?=[최기수업갱등입승게발작송출전pPaArRlLuUmMfFoOcC])(?:"
    r"(?P<excl>최종\s*+편집|(?i:(?<![A-Za-z])(?:printed|accessed|retrieved)(?![A-Za-z])))"
    r"|(?<![가-힣])(?P<mod>(?:기사\s*+)?(?:최종\s*+)?(?:수정|업데이트|갱신))"
    r"(?:\s*+(?P<mod_sfx>일시|일자|날짜|시간|시각)|(?P<mod_sfx1>일))?"
    r"|(?<![가-힣])(?P<pub>(?:기사\s*+)?(?:최초\s*+)?(?:등록|입력|승인|게재|게시|발행|작성|송고|출고|전송))"
    r"(?:\s*+(?P<pub_sfx>일시|일자|날짜|시간|시각)|(?P<pub_sfx1>일))?"
    r"|(?<![A-Za-z])(?P<emod>(?i:(?:last\s++)?(?:updated|modified)))(?![A-Za-z])"
    r"|(?<![A-Za-z])(?P<epub>(?i:(?:first\s++|originally\s++)?(?:published|posted|created)))(?![A-Za-z])"
    r")"
)
_LABEL_SEP = re.compile(r"(?:\s*+(?i:on|at)(?![A-Za-z]))?[\s:：|ㅣ=\-–]*+[(\[]?\s*+")
_AFTER_SONGGO = re.compile(r"\s*+송고")
#: A label written after its date ('2024.03.05 15:04 입력 | 2024.03.06 09:00 수정').
_AFTER_LABEL = re.compile(
    r"[\s)\]]*+(?:(?P<pub>(?:최초\s*)?(?:등록|입력|승인|게재|게시|발행|작성|송고|출고))"
    r"|(?P<mod>(?:최종\s*)?(?:수정|업데이트|갱신)))(?![가-힣])"
)
_WS = re.compile(r"\s+")


def _label_text(raw: str) -> str:
    if re.search(r"[가-힣]", raw):
        return _WS.sub("", raw)
    return " ".join(raw.split())


def find_labelled_dates(text: str, tz: str | tzinfo = "Asia/Seoul", now: datetime | None = None,
                        *, allow_unlabelled: bool = False) -> LabelledDates:
    """Labelled publication/modification dates in free text (an info block or header).

    Published labels: 등록, 입력, 승인, 기사입력, 게재, 게시, 발행, 작성, 기사전송, 송고
    (before or after the date), Published, Posted, each also with 일/일시/일자/시간 ('게재
    일자'); modified labels: 수정, 최종수정, 업데이트, Updated, Modified.
    The first published date wins; of several modified dates the latest wins (pages list
    each revision). The page's date header ('2025.12.10 (수)') has no label and no time,
    and '최종편집 ...' is the site's last edit, so neither is taken. With
    `allow_unlabelled=True` and no published label, a single unlabelled full date-time
    is returned as published (label None): several would be ambiguous.
    """
    text = _prepare(text)
    empty = LabelledDates(None, None, None, None)
    if not text:
        return empty
    zone = _as_tzinfo(tz)
    current = _now(now, zone)
    trailing = _labels_after_dates(text, zone, current)
    if trailing is not None:
        return trailing
    published: tuple[datetime, str] | None = None
    modified: tuple[datetime, str] | None = None
    used: list[tuple[int, int]] = []
    for m in _LABEL.finditer(text):
        sep = _LABEL_SEP.match(text, m.end())
        pos = sep.end() if sep else m.end()
        hit = _match_at(text, pos, zone, current)
        if hit is None:
            continue
        used.append((m.start(), hit[0]))
        if m.group("excl"):
            continue
        kind = "pub" if (m.group("pub") or m.group("epub")) else "mod"
        raw = m.group("pub") or m.group("epub") or m.group("mod") or m.group("emod") or ""
        suffix = (m.group("pub_sfx") or m.group("pub_sfx1") or m.group("mod_sfx")
                  or m.group("mod_sfx1") or "")
        label = _label_text(raw + suffix)
        if kind == "pub":
            if published is None:
                published = (hit[1], label)
        elif modified is None or hit[1] > modified[0]:
            modified = (hit[1], label)

    need_scan = published is None and ("송고" in text or allow_unlabelled)
    if need_scan:
        candidates: list[datetime] = []
        for start, end, value, has_time in _iter_dates(text, zone, current):
            if any(s <= start < e for s, e in used):
                continue
            if _AFTER_SONGGO.match(text, end):
                published = (value, "송고")
                break
            if has_time:
                candidates.append(value)
        if published is None and allow_unlabelled and len(set(candidates)) == 1:
            published = (candidates[0], "")

    return _labelled(published, modified)


def _labelled(published: tuple[datetime, str] | None,
              modified: tuple[datetime, str] | None) -> LabelledDates:
    """(date, label) pairs as LabelledDates; an empty label (an unlabelled date) is None."""
    return LabelledDates(
        published=published[0] if published else None,
        modified=modified[0] if modified else None,
        published_label=(published[1] or None) if published else None,
        modified_label=modified[1] if modified else None,
    )


def _labels_after_dates(text: str, zone: tzinfo, now: datetime) -> LabelledDates | None:
    """The dates of a text that writes each label after its date ('2024.03.05 15:04 입력
    2024.03.06 09:00 수정'), else None. Read as labels before their dates, such a text
    gives its first date to no label and its second to '입력'. The layout is told by its
    ends: no label before the first date, and one after the last."""
    first_label = _LABEL.search(text)
    if first_label is None or next(_iter_dates(text[:first_label.start()], zone, now),
                                   None) is None:
        return None  # no label, or a label before the first date: the usual layout
    dates = list(_iter_dates(text, zone, now))
    if _AFTER_LABEL.match(text, dates[-1][1]) is None:
        return None
    published: tuple[datetime, str] | None = None
    modified: tuple[datetime, str] | None = None
    for _, end, value, _ in dates:
        m = _AFTER_LABEL.match(text, end)
        if m is None:
            continue
        label = _WS.sub("", m.group("pub") or m.group("mod"))
        if m.group("pub"):
            published = published or (value, label)
        elif modified is None or value > modified[0]:
            modified = (value, label)
    return _labelled(published, modified)


def only_date(text: str, tz: str | tzinfo = "Asia/Seoul",
              now: datetime | None = None) -> datetime | None:
    """The date in a short text that holds exactly one, with no date label in it, or None.

    For a byline that carries its date ('By Federica Lusiardi - 2019-04-10', 'By Jane
    Doe | Nov 18, 2019'): the date there is the article's. A labelled one is
    `find_labelled_dates`'s, and two are ambiguous.
    """
    text = _prepare(text)
    if not text or len(text) > 200 or _LABEL.search(text):
        return None
    zone = _as_tzinfo(tz)
    found = {value for _, _, value, _ in _iter_dates(text, zone, _now(now, zone))}
    return found.pop() if len(found) == 1 else None


#: What may frame a date that stands alone: separators, brackets, a trailing dot.
_FRAME = " \t\r\n|·•,.:;-–—()[]"


def standalone_date(text: str, tz: str | tzinfo = "Asia/Seoul",
                    now: datetime | None = None) -> datetime | None:
    """The date that a short text is made of, with nothing else in it, or None.

    'November 15, 2019', 'Monday, November 18, 2019', '2019.11.18 14:03' give a date;
    'The festival runs until March 3, 2024' does not. Why: a page with no labelled or
    structured date often shows it alone in an element under its headline, while a date
    inside a sentence is about something else.
    """
    text = _prepare(text).strip(_FRAME)
    if not text or len(text) > 60:
        return None
    zone = _as_tzinfo(tz)
    hit = _match_at(text, 0, zone, _now(now, zone))
    if hit is None or text[hit[0]:].strip(_FRAME):
        return None
    return hit[1]
