"""Tests for pipelines.extract.dates: real Korean/English/feed formats, exact aware results."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extract.dates import (
    LabelledDates,
    date_in_url,
    find_labelled_dates,
    only_date,
    parse_date,
    standalone_date,
)

KST = ZoneInfo("Asia/Seoul")
UTC = timezone.utc
NOW = datetime(2025, 12, 10, 12, 0, tzinfo=KST)


def kst(*args: int) -> datetime:
    return datetime(*args, tzinfo=KST)


def off(hours: float, *args: int) -> datetime:
    return datetime(*args, tzinfo=timezone(timedelta(hours=hours)))


PARSE_CASES = [
    # CMS A (TV서울, pigpeople): %Y.%m.%d %H:%M:%S
    ("2025.04.09 09:05:03", kst(2025, 4, 9, 9, 5, 3)),
    ("2022.08.30 00:15:01", kst(2022, 8, 30, 0, 15, 1)),
    ("등록 2025.04.09 09:05:03", kst(2025, 4, 9, 9, 5, 3)),
    # a weekday written out without brackets
    ("2025년 4월 9일 수요일 오후 3시 4분", kst(2025, 4, 9, 15, 4)),
    ("2025.04.09 수요일 09:05", kst(2025, 4, 9, 9, 5)),
    # ND CMS and friends
    ("2025.04.09 09:05", kst(2025, 4, 9, 9, 5)),
    ("2023-04-05 08:14", kst(2023, 4, 5, 8, 14)),
    ("2025-04-09 09:05:03", kst(2025, 4, 9, 9, 5, 3)),
    ("2025/04/09", kst(2025, 4, 9)),
    ("2025/04/09 09:05", kst(2025, 4, 9, 9, 5)),
    ("2019.01.01", kst(2019, 1, 1)),
    ("2025. 4. 9.", kst(2025, 4, 9)),
    # Naver: trailing dot and 12-hour clock
    ("2024.09.24. 오후 3:04", kst(2024, 9, 24, 15, 4)),
    ("2024.09.24. 오전 9:41", kst(2024, 9, 24, 9, 41)),
    ("2024.09.24. 오전 12:04", kst(2024, 9, 24, 0, 4)),
    ("2024.09.24. 오후 12:30", kst(2024, 9, 24, 12, 30)),
    # 년월일 forms
    ("2025년 4월 9일 09:05", kst(2025, 4, 9, 9, 5)),
    ("2025년04월09일 09:05", kst(2025, 4, 9, 9, 5)),
    ("2025년 4월 9일", kst(2025, 4, 9)),
    ("2025년 4월 9일 (수) 09:05:03", kst(2025, 4, 9, 9, 5, 3)),  # newsmaker
    ("2025년 04월 09일 (수요일) 오후 3:04", kst(2025, 4, 9, 15, 4)),
    ("2018년 03월 17일 10시 47분", kst(2018, 3, 17, 10, 47)),
    ("2025년 4월 9일 오후 3시 4분", kst(2025, 4, 9, 15, 4)),
    # mhj21, cdntv, naeil (3 trailing characters)
    ("2025/04/09 [09:05]", kst(2025, 4, 9, 9, 5)),
    # broadcasters: the time in parentheses
    ("2025.04.09 (09:05)", kst(2025, 4, 9, 9, 5)),
    ("2025년 4월 9일 (09:05)", kst(2025, 4, 9, 9, 5)),
    ("25-04-09 09:05", kst(2025, 4, 9, 9, 5)),
    ("99-12-31 23:59", kst(1999, 12, 31, 23, 59)),
    ("2025-04-09 09:05:03 발행", kst(2025, 4, 9, 9, 5, 3)),
    ("2025.04.09 (수) 09:05", kst(2025, 4, 9, 9, 5)),
    # ISO 8601
    ("2025-04-09T09:05:03+09:00", kst(2025, 4, 9, 9, 5, 3)),
    ("2025-04-09T00:05:03Z", datetime(2025, 4, 9, 0, 5, 3, tzinfo=UTC)),
    ("2025-04-09T00:05:03.123456Z", datetime(2025, 4, 9, 0, 5, 3, 123456, tzinfo=UTC)),
    ("2025-04-09T09:05:03.5+0900", off(9, 2025, 4, 9, 9, 5, 3, 500000)),
    ("2025-04-09T09:05:03-04:00", off(-4, 2025, 4, 9, 9, 5, 3)),
    ("2025-04-09T09:05", kst(2025, 4, 9, 9, 5)),
    ("2025-04-09", kst(2025, 4, 9)),
    ("2025-04-09T09:05:03+05:30", off(5.5, 2025, 4, 9, 9, 5, 3)),
    # RFC 822 / RSS pubDate
    ("Wed, 09 Apr 2025 09:05:03 +0900", off(9, 2025, 4, 9, 9, 5, 3)),
    ("Wed, 9 Apr 2025 00:05:03 GMT", datetime(2025, 4, 9, 0, 5, 3, tzinfo=UTC)),
    ("Tue, 08 Apr 2025 20:05:03 -0400", off(-4, 2025, 4, 8, 20, 5, 3)),
    ("Wed, 09 Apr 25 09:05:03 KST", off(9, 2025, 4, 9, 9, 5, 3)),
    ("Wed, 09 Apr 2025 09:05 EST", off(-5, 2025, 4, 9, 9, 5)),
    # English
    ("April 9, 2025 9:05 AM", kst(2025, 4, 9, 9, 5)),
    ("April 9, 2025 9:05 p.m.", kst(2025, 4, 9, 21, 5)),
    ("9 April 2025", kst(2025, 4, 9)),
    ("9th April 2025, 14:30 BST", off(1, 2025, 4, 9, 14, 30)),
    ("Apr. 9, 2025", kst(2025, 4, 9)),
    ("Sept. 30, 2024", kst(2024, 9, 30)),
    ("Wednesday, April 9, 2025 at 09:05 EDT", off(-4, 2025, 4, 9, 9, 5)),
    ("Updated 10:05 AM EDT, Wed April 9, 2025", off(-4, 2025, 4, 9, 10, 5)),
    ("9:05 a.m. PDT April 9, 2025", off(-7, 2025, 4, 9, 9, 5)),
    ("April 9, 2025 9:05 AM ET", datetime(2025, 4, 9, 9, 5, tzinfo=ZoneInfo("America/New_York"))),
    ("04/09/2025 9:05 PM", kst(2025, 4, 9, 21, 5)),
    # Unix epoch (seconds, milliseconds)
    ("1744157103", kst(2025, 4, 9, 9, 5, 3)),
    ("1744157103000", kst(2025, 4, 9, 9, 5, 3)),
    # full-width digits
    ("２０２５．０４．０９ ０９：０５", kst(2025, 4, 9, 9, 5)),
    # digits only, as metadata gives them
    ("20250409090500", kst(2025, 4, 9, 9, 5)),
    ("202504090905", kst(2025, 4, 9, 9, 5)),
    ("20250409", kst(2025, 4, 9)),
]


@pytest.mark.parametrize("text, expected", PARSE_CASES)
def test_parse_date_formats(text: str, expected: datetime) -> None:
    result = parse_date(text, now=NOW)
    assert result is not None, text
    assert result.tzinfo is not None
    assert result == expected
    assert result.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", [
    "", "   ", "no date here", "2025.13.01", "2025.02.30 10:00", "2025.04.09 25:00",
    "1989.12.31", "2099-01-01", "2025-12-12 10:00",  # more than a day after NOW
    "오전 15:00 2025.04.09x", "Apr 2025", "12:30", "v1.2.3", "192.168.0.1",
    "2025년 13월 1일", "9999999999999", "2025-04-09T09:05:03+25:00",
])
def test_parse_date_rejects(text: str) -> None:
    result = parse_date(text, now=NOW)
    # "오전 15:00 ..." still contains a valid bare date; everything else must be None.
    if text.startswith("오전 15:00"):
        assert result == kst(2025, 4, 9)
    else:
        assert result is None


def test_parse_date_default_tz_and_explicit_tz() -> None:
    assert parse_date("2025-04-09 09:05", tz="UTC", now=NOW) == datetime(2025, 4, 9, 9, 5, tzinfo=UTC)
    london = ZoneInfo("Europe/London")
    assert parse_date("9 April 2025 10:00", tz=london, now=NOW).utcoffset() == timedelta(hours=1)
    # An explicit offset beats the tz argument.
    assert parse_date("2025-04-09T09:05:00Z", tz="Asia/Seoul", now=NOW).utcoffset() == timedelta(0)


def test_parse_date_tomorrow_allowed_but_not_later() -> None:
    assert parse_date("2025-12-11 06:00", now=NOW) == kst(2025, 12, 11, 6)
    assert parse_date("2025-12-11 13:00", now=NOW) is None


def test_parse_date_naive_now_is_read_in_tz() -> None:
    naive_now = datetime(2025, 12, 10, 12, 0)
    assert parse_date("2025.12.10 11:00", now=naive_now) == kst(2025, 12, 10, 11)


def test_parse_date_default_now_is_current_time() -> None:
    assert parse_date("2024.09.24. 오후 3:04") == kst(2024, 9, 24, 15, 4)
    next_year = datetime.now(KST).year + 2
    assert parse_date(f"{next_year}.01.01 10:00") is None


def test_parse_date_earliest_date_wins() -> None:
    assert parse_date("입력 2025.04.09 09:05 수정 2025.04.10 10:00", now=NOW) == kst(2025, 4, 9, 9, 5)


LABELLED_CASES = [
    ("등록 2025.04.09 09:05:03", kst(2025, 4, 9, 9, 5, 3), "등록", None, None),
    ("기자명 심현주 등록 2025.04.09 09:05:03 수정 2025.04.09 10:00:00",
     kst(2025, 4, 9, 9, 5, 3), "등록", kst(2025, 4, 9, 10), "수정"),
    ("입력 2025.04.09 09:05", kst(2025, 4, 9, 9, 5), "입력", None, None),
    ("승인 2019.01.01 12:00", kst(2019, 1, 1, 12), "승인", None, None),
    ("입력: 2015.01.01 ㅣ 수정 2015.01.02 10:00", kst(2015, 1, 1), "입력", kst(2015, 1, 2, 10), "수정"),
    ("입력 : 2025-04-09 09:05 / 수정 : 2025-04-09 11:30",
     kst(2025, 4, 9, 9, 5), "입력", kst(2025, 4, 9, 11, 30), "수정"),
    ("등록 : 2025.04.09 09:05", kst(2025, 4, 9, 9, 5), "등록", None, None),
    ("입력: (2025-04-09 09:05)", kst(2025, 4, 9, 9, 5), "입력", None, None),
    ("입력날짜 : 2025.04.09. 09:05", kst(2025, 4, 9, 9, 5), "입력날짜", None, None),
    ("입력시간 : 2025/04/09 09:05 | 수정시간 : 2025/04/09 10:05",
     kst(2025, 4, 9, 9, 5), "입력시간", kst(2025, 4, 9, 10, 5), "수정시간"),
    ("기사입력 2024.09.24. 오후 3:04 최종수정 2024.09.24. 오후 4:10",
     kst(2024, 9, 24, 15, 4), "기사입력", kst(2024, 9, 24, 16, 10), "최종수정"),
    ("게재 2025년 4월 9일 09:05", kst(2025, 4, 9, 9, 5), "게재", None, None),
    ("작성일 25-04-09 09:05", kst(2025, 4, 9, 9, 5), "작성일", None, None),
    ("발행일 2025.04.09", kst(2025, 4, 9), "발행일", None, None),
    ("2025/04/09 09:05 송고", kst(2025, 4, 9, 9, 5), "송고", None, None),
    ("송고시간2025-04-09 09:05", kst(2025, 4, 9, 9, 5), "송고시간", None, None),
    ("게시일 2025.04.09 09:05", kst(2025, 4, 9, 9, 5), "게시일", None, None),
    ("기사전송 2025-04-09 09:05", kst(2025, 4, 9, 9, 5), "기사전송", None, None),
    ("게재 일자 2025년 04월 09일 09:05", kst(2025, 4, 9, 9, 5), "게재일자", None, None),
    ("입력 2025.04.09 09:05 | 수정 일시 2025.04.10 10:00",
     kst(2025, 4, 9, 9, 5), "입력", kst(2025, 4, 10, 10), "수정일시"),
    # a board's name is no label
    ("게시판 2025.04.09 09:05", None, None, None, None),
    ("업데이트 2025.04.09 11:00", None, None, kst(2025, 4, 9, 11), "업데이트"),
    ("Published April 9, 2025 9:05 AM", kst(2025, 4, 9, 9, 5), "Published", None, None),
    ("Posted on Wed, 09 Apr 2025 09:05:03 +0900", off(9, 2025, 4, 9, 9, 5, 3), "Posted", None, None),
    ("Updated 10:05 AM EDT, Wed April 9, 2025", None, None, off(-4, 2025, 4, 9, 10, 5), "Updated"),
    ("Published: 2025-04-09T09:05:03Z | Last updated: 2025-04-09T10:00:00Z",
     datetime(2025, 4, 9, 9, 5, 3, tzinfo=UTC), "Published",
     datetime(2025, 4, 9, 10, tzinfo=UTC), "Last updated"),
    # labels written after their dates
    ("2025.04.09 09:05 입력", kst(2025, 4, 9, 9, 5), "입력", None, None),
    ("2025.04.09 09:05 입력 2025.04.10 10:00 수정",
     kst(2025, 4, 9, 9, 5), "입력", kst(2025, 4, 10, 10), "수정"),
    ("2025-04-09 09:05:03 최초등록 | 2025-04-10 10:00 최종수정",
     kst(2025, 4, 9, 9, 5, 3), "최초등록", kst(2025, 4, 10, 10), "최종수정"),
    # ... but a page's date header before a labelled date is no such layout
    ("2025.12.10 (수) 입력 2025.04.09 09:05", kst(2025, 4, 9, 9, 5), "입력", None, None),
    ("2025.04.09 09:05 입력한 자료", None, None, None, None),
    # several revisions: the latest modification wins
    ("입력 2025.04.09 09:05 수정 2025.04.09 10:00 수정 2025.04.09 12:00",
     kst(2025, 4, 9, 9, 5), "입력", kst(2025, 4, 9, 12), "수정"),
]


@pytest.mark.parametrize("text, pub, pub_label, mod, mod_label", LABELLED_CASES)
def test_find_labelled_dates(text, pub, pub_label, mod, mod_label) -> None:
    result = find_labelled_dates(text, now=NOW)
    assert result == LabelledDates(pub, mod, pub_label, mod_label)


def test_page_header_and_last_edit_are_not_article_dates() -> None:
    text = "2025.12.10 (수) 맑음서울 2.2℃ 최종편집 2018년 03월 17일 10시 47분"
    assert find_labelled_dates(text, now=NOW) == LabelledDates(None, None, None, None)
    assert find_labelled_dates(text, now=NOW, allow_unlabelled=True) == LabelledDates(None, None, None, None)


def test_unlabelled_only_when_allowed_and_unique() -> None:
    text = "2025.12.10 (수) 심현주 서울1본부장 2025.04.09 09:05:03"
    assert find_labelled_dates(text, now=NOW).published is None
    got = find_labelled_dates(text, now=NOW, allow_unlabelled=True)
    assert got == LabelledDates(kst(2025, 4, 9, 9, 5, 3), None, None, None)
    two = "2025.04.09 09:05:03 ... 2025.04.10 10:00"
    assert find_labelled_dates(two, now=NOW, allow_unlabelled=True).published is None


def test_labels_inside_words_are_ignored() -> None:
    # '수정했다' is a verb, not a label; the date after it is not a modification date.
    text = "보고서를 수정했다 2025.04.09 09:05"
    assert find_labelled_dates(text, now=NOW).modified is None


def test_seed_page_header() -> None:
    text = ("2025.12.10 (수)\n맑음동두천 -0.9℃\n기상청 제공\n지방자치\n"
            "서울 서초구-더프리콘 '양재AI특구 우수기업센터 조성' 맞손\n등록 2025.04.09 09:05:03")
    got = find_labelled_dates(text, now=NOW)
    assert got.published == kst(2025, 4, 9, 9, 5, 3)
    assert got.published_label == "등록"
    assert got.modified is None


def test_pathological_input_is_fast() -> None:
    nasty = ["2025.04.09" + " " * 5000 + "x", "1" * 10000, "2025년" * 2000,
             "09:05 " * 2000, "April " * 3000 + "9", ("2025-04-09 " * 1000)]
    # a guard against catastrophic regex backtracking (which takes minutes), not a speed
    # target; CPU time, so that a busy machine does not fail it
    start = time.process_time()
    for s in nasty:
        parse_date(s, now=NOW)
        find_labelled_dates("입력 " + s, now=NOW, allow_unlabelled=True)
    assert time.process_time() - start < 2.0


def _aware(value: datetime | None) -> bool:
    return value is None or (value.tzinfo is not None and value.utcoffset() is not None)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_date_never_raises_or_returns_naive(text: str) -> None:
    assert _aware(parse_date(text, now=NOW))


_DATEISH = st.text(alphabet="0123456789.-/: 년월일시분초오전후()[]T+Z입력수정등록ㅣ|APMapm ,", max_size=60)


@settings(max_examples=400, deadline=None)
@given(_DATEISH)
def test_parse_date_dateish_noise(text: str) -> None:
    value = parse_date(text, now=NOW)
    assert _aware(value)
    if value is not None:
        assert 1990 <= value.year <= NOW.year + 1
        assert value <= NOW + timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _DATEISH), st.booleans())
def test_find_labelled_dates_never_raises(text: str, allow: bool) -> None:
    got = find_labelled_dates(text, now=NOW, allow_unlabelled=allow)
    assert _aware(got.published) and _aware(got.modified)
    assert (got.published is None) <= (got.published_label is None)
    assert (got.modified is None) == (got.modified_label is None)


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2025, 12, 9)))
def test_roundtrip_korean_format(value: datetime) -> None:
    value = value.replace(microsecond=0)
    text = value.strftime("%Y.%m.%d %H:%M:%S")
    assert parse_date(text, now=NOW) == value.replace(tzinfo=KST)
    iso = value.replace(tzinfo=UTC).isoformat()
    assert parse_date(iso, now=NOW) == value.replace(tzinfo=UTC)


_LABEL_WORDS = st.sampled_from([
    "최종편집", "최종 수정", "기사 수정일", "업데이트", "갱신", "등록", "기사입력", "최초 등록", "승인",
    "게재", "게시", "게시판", "발행", "작성", "송고", "출고", "기사전송", "전송", "수정 일시", "Printed", "ACCESSED", "retrieved", "Last updated",
    "MODIFIED", "First published", "Originally posted", "created", " ", ":", "2025.04.09 09:05",
    "x", "가", "A",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_LABEL_WORDS, st.text(max_size=8)), max_size=12))
def test_label_lookahead_changes_no_match(parts: list[str]) -> None:
    """The first-letter lookahead of _LABEL is only a speed-up: same matches without it."""
    import re

    from pipelines.extract import dates

    prefix, _, rest = dates._LABEL.pattern.partition(")(?:")
    plain = re.compile(rest[:-1])  # drop the lookahead and the group's closing ')'
    text = "".join(parts)
    assert [m.span() for m in dates._LABEL.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --------------------------------------------------------------------------- ISO fast path

_NOW = datetime(2026, 12, 3, 12, 0, tzinfo=timezone.utc)


@settings(max_examples=400, deadline=None)
@given(
    when=st.datetimes(min_value=datetime(1985, 1, 1), max_value=datetime(2028, 12, 31)),
    offset_minutes=st.sampled_from([0, 60, 330, 540, 600, -300, -480, 840, 899, 900]),
    seconds=st.sampled_from(["", ":SS", ":SS.f", ":SS.ffffff", ":60"]),
    zone=st.sampled_from(["Z", "+HH:MM", "+HHMM"]),
)
def test_the_iso_fast_path_reads_what_the_patterns_read(when: datetime, offset_minutes: int,
                                                         seconds: str, zone: str) -> None:
    """Strict ISO 8601 strings skip the pattern scan; the answer must not change."""
    from pipelines.extract.dates import _as_tzinfo, _parse_any, _prepare

    text = when.strftime("%Y-%m-%dT%H:%M")
    text += (seconds.replace("SS", f"{when.second:02d}")
             .replace("ffffff", f"{when.microsecond:06d}")
             .replace("f", str(when.microsecond // 100000)))
    sign = "-" if offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(offset_minutes), 60)
    if zone == "Z":
        text += "Z"
    else:
        text += f"{sign}{hours:02d}" + (":" if ":" in zone else "") + f"{minutes:02d}"
    zone_info = _as_tzinfo("Asia/Seoul")
    expected = _parse_any(_prepare(text), zone_info, _NOW)
    got = parse_date(text, "Asia/Seoul", now=_NOW)
    assert got == expected
    if got is not None:
        assert got.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text, expected", [
    ("2024-12-01T13:34:21+09:00", datetime(2024, 12, 1, 4, 34, 21, tzinfo=timezone.utc)),
    ("2024-12-01T13:34:21.5Z", datetime(2024, 12, 1, 13, 34, 21, 500000, tzinfo=timezone.utc)),
    ("2024-12-01T13:34+0900", datetime(2024, 12, 1, 4, 34, tzinfo=timezone.utc)),
    ("2024-12-01T24:00:00+09:00", datetime(2024, 12, 1, 14, 59, 59, tzinfo=timezone.utc)),
    ("2030-01-01T00:00:00Z", None),  # in the future
    ("1980-01-01T00:00:00Z", None),  # before any web news
])
def test_iso_dates_with_an_offset(text: str, expected: datetime | None) -> None:
    assert parse_date(text, "Asia/Seoul", now=_NOW) == expected


@pytest.mark.parametrize("text, expected", [
    ("November 15, 2019", kst(2019, 11, 15)),
    ("  Monday, November 18, 2019 ", kst(2019, 11, 18)),
    ("| 18 NOV 2019 |", kst(2019, 11, 18)),
    ("2025.04.09 09:05:03", kst(2025, 4, 9, 9, 5, 3)),
    ("(2025.04.09)", kst(2025, 4, 9)),
    ("Nov. 18, 2019.", kst(2019, 11, 18)),
    ("The festival runs until March 3, 2024", None),
    ("November 15, 2019 by Jane Doe", None),
    ("Updated November 15, 2019", None),
    ("November 15, 2019 - November 16, 2019", None),
    ("2019", None),
    ("", None),
    ("November 15, 2019 " + "x" * 60, None),
])
def test_standalone_date(text: str, expected: datetime | None) -> None:
    assert standalone_date(text, now=NOW) == expected


@pytest.mark.parametrize("text, expected", [
    ("By Federica Lusiardi - 2019-04-10", kst(2019, 4, 10)),
    ("By Jane Doe | Nov. 18, 2019 9:05 AM", kst(2019, 11, 18, 9, 5)),
    ("홍길동 기자 2025.04.09 09:05", kst(2025, 4, 9, 9, 5)),
    ("By Jane Doe", None),
    # a label makes it find_labelled_dates's; two dates are ambiguous
    ("By Jane Doe, updated Nov. 18, 2019", None),
    ("홍길동 기자 입력 2025.04.09 09:05", None),
    ("By Jane Doe, Nov. 18, 2019 and Nov. 19, 2019", None),
])
def test_only_date(text: str, expected: datetime | None) -> None:
    assert only_date(text, now=NOW) == expected


@pytest.mark.parametrize("text", ["20251332", "2025040909050", "20250409996000"])
def test_digits_that_are_no_date(text):
    assert parse_date(text, now=NOW) is None


@pytest.mark.parametrize("url, expected", [
    ("https://www.x.kr/2025/04/09/budget/", kst(2025, 4, 9)),
    ("https://www.x.kr/news/2025/4/9/budget", kst(2025, 4, 9)),
    ("https://www.x.kr/news/Society/article/all/20250409/131234567/1", kst(2025, 4, 9)),
    ("https://www.x.com/2025-04-09-budget-approved", kst(2025, 4, 9)),
    # ids and hosts that hold digits name no day
    ("https://www.x.kr/view/AKR20250409012300004", None),
    ("https://www.x.kr/news/20250409000123", None),
    ("https://2025.x.kr/a/b", None),
    ("https://www.x.kr/a/20251399/", None),
    ("https://www.x.kr/2026/01/01/future/", None),
])
def test_date_in_url(url, expected):
    assert date_in_url(url, "Asia/Seoul", NOW) == expected
