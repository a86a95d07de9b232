"""Tests for pipelines.extract.bylines: real Korean/English byline shapes and body splitting."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.extract.bylines import ROLES, BylineSplit, parse_byline, split_body_byline
from pipelines.record import Author

A = Author
SEED = Path("/work/shared/mission/seed-page.txt")
SEED_FIRST = ("[TV서울=심현주 서울1본부장] 서울 서초구(구청장 전성수)는 지난 8일 양재 AI 특구 내 "
              "인공지능(AI) 생태계 구축을 위한 '우수기업센터' 조성과 관련해 더프리콘㈜과 업무협약을 "
              "맺었다고 9일 밝혔다.")

BYLINE_CASES = [
    # agency and outlet lead-ins
    ("[TV서울=심현주 서울1본부장]", [A("심현주", "서울1본부장")]),
    ("[TV서울=나재희 기자]", [A("나재희", "기자")]),
    ("(서울=연합뉴스) 서대연 기자 =", [A("서대연", "기자")]),
    ("(서울=연합뉴스) 홍길동 기자 =", [A("홍길동", "기자")]),
    ("[서울=뉴시스]홍길동 기자 =", [A("홍길동", "기자")]),
    ("【서울=뉴시스】홍길동 기자", [A("홍길동", "기자")]),
    ("(서울=뉴스1) 홍길동 기자 =", [A("홍길동", "기자")]),
    ("(세종=뉴스1) 김철수 이영희 기자 =", [A("김철수", "기자"), A("이영희", "기자")]),
    ("(워싱턴=연합뉴스) 김동현 특파원 =", [A("김동현", "특파원")]),
    ("워싱턴=홍길동 특파원", [A("홍길동", "특파원")]),
    # a field written into the role: '의학전문기자', '법조담당기자'
    ("홍길동 의학전문기자", [A("홍길동", "의학전문기자")]),
    ("홍길동 경제전문기자 hong@x.kr", [A("홍길동", "경제전문기자", "hong@x.kr")]),
    ("홍길동 법조담당기자", [A("홍길동", "법조담당기자")]),
    ("홍길동 프리랜서", [A("홍길동", "프리랜서")]),
    ("홍길동 아나운서", [A("홍길동", "아나운서")]),
    # an opinion writer's affiliation belongs to the role, in brackets or not; a second
    # title after '·' is no second person, two names before one title are two people
    ("홍길동 서울대 경제학과 교수", [A("홍길동", "서울대 경제학과 교수")]),
    ("글 홍길동 (서울대 경제학과 교수)", [A("홍길동", "서울대 경제학과 교수")]),
    ("홍길동 객원논설위원·서울대 교수", [A("홍길동", "객원논설위원")]),
    ("홍길동·김영대 교수", [A("홍길동", "교수"), A("김영대", "교수")]),
    ("김영대 교수", [A("김영대", "교수")]),
    # a citizen reporter's user id in brackets is not part of the name
    ("윤서연(yoon)", [A("윤서연")]),
    ("윤서연 (yoon_1)", [A("윤서연")]),
    ("홍길동(hong) 기자", [A("홍길동", "기자")]),
    # reporter lines with e-mail
    ("홍길동 기자 hong@x.com", [A("홍길동", "기자", "hong@x.com")]),
    ("김재호 기자 kimyital@kyosu.net", [A("김재호", "기자", "kimyital@kyosu.net")]),
    ("좌동철 기자 roots@jejunews.com", [A("좌동철", "기자", "roots@jejunews.com")]),
    ("김은별 미국 통신원 (sisa@x.com)", [A("김은별", "미국 통신원", "sisa@x.com")]),
    ("김은별 미국 통신원 (sisa@sisajournal.com)", [A("김은별", "미국 통신원", "sisa@sisajournal.com")]),
    ("황민주 기자 hmj2760@donga.com", [A("황민주", "기자", "hmj2760@donga.com")]),
    ("홍길동 기자(hong@yna.co.kr)", [A("홍길동", "기자", "hong@yna.co.kr")]),
    ("홍길동 기자 <hong@yna.co.kr>", [A("홍길동", "기자", "hong@yna.co.kr")]),
    ("홍길동(hong@x.com)", [A("홍길동", None, "hong@x.com")]),  # 데일리안
    ("홍길동 hong@kmib.co.kr", [A("홍길동", None, "hong@kmib.co.kr")]),  # 국민일보
    ("김철수 기자 kim@a.com, 이영희 기자 lee@b.com",
     [A("김철수", "기자", "kim@a.com"), A("이영희", "기자", "lee@b.com")]),
    # several reporters
    ("김철수·이영희 기자", [A("김철수", "기자"), A("이영희", "기자")]),
    ("김철수 이영희 기자", [A("김철수", "기자"), A("이영희", "기자")]),
    ("김철수, 이영희 기자", [A("김철수", "기자"), A("이영희", "기자")]),
    ("김철수 기자, 이영희 기자", [A("김철수", "기자"), A("이영희", "기자")]),
    ("김철수 및 이영희 기자", [A("김철수", "기자"), A("이영희", "기자")]),
    ("김철수·이영희·박민수 기자", [A("김철수", "기자"), A("이영희", "기자"), A("박민수", "기자")]),
    ("김철수 기자 · 이영희 인턴기자", [A("김철수", "기자"), A("이영희", "인턴기자")]),
    # shapes and roles
    ("/정종엽 기자", [A("정종엽", "기자")]),
    ("홍길동기자", [A("홍길동", "기자")]),
    ("데일리시큐 홍길동기자", [A("홍길동", "기자")]),
    ("글·사진 홍길동 기자", [A("홍길동", "기자")]),
    ("글·사진=홍길동 기자", [A("홍길동", "기자")]),
    ("사진=홍길동 기자", [A("홍길동", "기자")]),
    ("홍길동 선임기자", [A("홍길동", "선임기자")]),
    ("홍길동 수석기자", [A("홍길동", "수석기자")]),
    ("홍길동 전문기자", [A("홍길동", "전문기자")]),
    ("홍길동 객원기자", [A("홍길동", "객원기자")]),
    ("홍길동 수습기자", [A("홍길동", "수습기자")]),
    ("홍길동 워싱턴 특파원", [A("홍길동", "워싱턴 특파원")]),
    ("홍길동 베이징특파원", [A("홍길동", "베이징특파원")]),
    ("홍길동 논설위원", [A("홍길동", "논설위원")]),
    ("홍길동 논설실장", [A("홍길동", "논설실장")]),
    ("홍길동 주필", [A("홍길동", "주필")]),
    ("홍길동 편집국장", [A("홍길동", "편집국장")]),
    ("홍길동 칼럼니스트", [A("홍길동", "칼럼니스트")]),
    ("홍길동 앵커", [A("홍길동", "앵커")]),
    ("홍길동 PD", [A("홍길동", "PD")]),
    ("홍길동 서울대 교수", [A("홍길동", "서울대 교수")]),
    ("홍길동 정치부 기자", [A("홍길동", "정치부 기자")]),
    ("홍길동 부산취재본부장", [A("홍길동", "부산취재본부장")]),
    ("남궁민수 기자", [A("남궁민수", "기자")]),
    ("홍길동 기자의 다른기사 보기", [A("홍길동", "기자")]),
    ("기자명 김은별", [A("김은별")]),
    ("김은별", [A("김은별")]),  # RSS dc:creator
    ("홍길동 기자 입력 2025.04.09 09:05", [A("홍길동", "기자")]),
    # English
    ("By Jane Doe and John Roe", [A("Jane Doe"), A("John Roe")]),
    ("By Jane Doe • Published Nov. 19, 2019", [A("Jane Doe")]),
    # 'by' in other languages, and names with accented Latin letters
    ("Por María López", [A("María López")]),
    ("Von Hans Müller", [A("Hans Müller")]),
    ("par Jean Dupont", [A("Jean Dupont")]),
    ("By Łukasz Nowak", [A("Łukasz Nowak")]),
    ("Par exemple, le maire a dit", []),
    ("por favor", []),
    ("By Jane Doe, John Roe and Max Mustermann", [A("Jane Doe"), A("John Roe"), A("Max Mustermann")]),
    ("Jane Doe, Staff Writer", [A("Jane Doe", "Staff Writer")]),
    # a role after a spaced dash; a hyphen inside a name is no separator
    ("By Jane Doe - Senior Reporter", [A("Jane Doe", "Senior Reporter")]),
    ("Jane Doe – Staff Writer", [A("Jane Doe", "Staff Writer")]),
    ("By Jean-Luc Picard", [A("Jean-Luc Picard")]),
    ("By JANE DOE", [A("Jane Doe")]),
    ("By Kim Hyun-jin", [A("Kim Hyun-jin")]),
    ("by Mary-Jane O'Brien & Ludwig van Beethoven", [A("Mary-Jane O'Brien"), A("Ludwig van Beethoven")]),
    ("By Jane Doe (jane@example.com)", [A("Jane Doe", None, "jane@example.com")]),
    ("By Jane Doe and John Roe, Staff Writers", [A("Jane Doe", "Staff Writers"), A("John Roe", "Staff Writers")]),
    ("By Jane Doe in Seoul", [A("Jane Doe")]),
    ("Written by John Q. Public", [A("John Q. Public")]),
    ("Victor Tangermann, Futurism", [A("Victor Tangermann")]),
    ("Troy L. Smith, Cleveland.com", [A("Troy L. Smith")]),
    ("Finian Cunningham. Sputnik International", [A("Finian Cunningham")]),
    ("Monday November 18, 2019 7:45 am PST by Joe Rossignol", [A("Joe Rossignol")]),
    ("By Joseph Tsidulko\xa0November 19, 2019, 07:47 PM EST", [A("Joseph Tsidulko")]),
    ("홍길동 편집위원", [A("홍길동", "편집위원")]),
    ("홍길동 시민기자", [A("홍길동", "시민기자")]),
    ("홍길동 명예기자 hong@x.com", [A("홍길동", "명예기자", "hong@x.com")]),
    ("[TV서울=홍길동 학생기자]", [A("홍길동", "학생기자")]),
    ("홍길동 수석논설위원", [A("홍길동", "수석논설위원")]),
    ("by Jeff Foust Monday, November 18, 2019", [A("Jeff Foust")]),
    ("By Jane Doe and John Roe Monday, November 18, 2019, 04:05 pm PT",
     [A("Jane Doe"), A("John Roe")]),
    ("By Jane Doe Sunday 3 March 2024", [A("Jane Doe")]),
    ("By Jane Doe on November 14, 2019", [A("Jane Doe")]),
    ("By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m.",
     [A("Matthew Digby"), A("Minh Do")]),
    ("Tom Krisher, AP Auto Writer", [A("Tom Krisher", "AP Auto Writer")]),
    # reporter boxes whose text nodes were joined without spaces
    ("심현주 서울1본부장shj@tvseoul.kr다른기사 보기", [A("심현주", "서울1본부장", "shj@tvseoul.kr")]),
    ("좌동철 기자roots@jejunews.com", [A("좌동철", "기자", "roots@jejunews.com")]),
    ("홍길동기자hong@x.com", [A("홍길동", "기자", "hong@x.com")]),
    # nothing to find
    ("Nov 13, 2019, 10:28am EST", []),
    ("Reuters November 18, 2019 11:03 PM", []),
    ("", []),
    ("   ", []),
    ("연합뉴스", []),
    ("(서울=연합뉴스)", []),
    ("사진=연합뉴스", []),
    ("기자회견을 열었다", []),
    ("기자들에게 말했다", []),
    ("이날 기자는 현장을 찾았다", []),
    ("지난 기자", []),
    ("정치", []),
    ("Breaking News", []),
    ("The Korea Herald", []),
    ("By Reuters", []),
    ("Yonhap News Agency", []),
    ("저작권자 © TV서울 무단전재 및 재배포 금지", []),
    # a surname fused with a role refers to someone: no given name, no author
    ("홍기자", []),
    ("홍 기자", []),
    ("이대표", []),
    ("김특파원", []),
    ("기자홍", []),
]


@pytest.mark.parametrize("text, expected", BYLINE_CASES)
def test_parse_byline(text: str, expected: list[Author]) -> None:
    assert parse_byline(text) == expected


def test_roles_listed() -> None:
    for role in ("기자", "선임기자", "수석기자", "전문기자", "객원기자", "인턴기자", "수습기자", "특파원",
                 "통신원", "본부장", "지국장", "논설위원", "논설실장", "주필", "편집국장", "칼럼니스트",
                 "앵커", "PD", "대표", "교수"):
        assert role in ROLES


def test_seed_page_first_paragraph() -> None:
    paras = [SEED_FIRST, "지난해 11월 양재·우면동 일대가 전국 최초 AI 분야 특구로 지정됐다."]
    got = split_body_byline(paras)
    assert got.authors == [A("심현주", "서울1본부장")]
    assert got.paragraphs[0].startswith("서울 서초구(구청장 전성수)는 지난 8일")
    assert got.paragraphs[0] == SEED_FIRST[len("[TV서울=심현주 서울1본부장] "):]
    assert got.paragraphs[1] == paras[1]
    assert got.removed == ["[TV서울=심현주 서울1본부장]"]


def test_seed_page_file_paragraphs() -> None:
    lines = [ln.strip() for ln in SEED.read_text(encoding="utf-8").splitlines()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("[TV서울=심현주"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("전성수 구청장은"))
    body = [ln for ln in lines[start:end + 1] if ln]
    got = split_body_byline(body)
    assert got.authors == [A("심현주", "서울1본부장")]
    assert len(got.paragraphs) == len(body)
    assert got.paragraphs[1:] == body[1:]
    assert not got.paragraphs[0].startswith("[")


SPLIT_CASES = [
    # agency lead-ins: cut through the '='
    (["(서울=연합뉴스) 서대연 기자 = 최상목 경제부총리는 9일 말했다.", "둘째 문단."],
     ["최상목 경제부총리는 9일 말했다.", "둘째 문단."], [A("서대연", "기자")]),
    (["[서울=뉴시스]홍길동 기자 = 정부가 발표했다."], ["정부가 발표했다."], [A("홍길동", "기자")]),
    (["【서울=뉴시스】홍길동 기자 = 정부가 발표했다."], ["정부가 발표했다."], [A("홍길동", "기자")]),
    (["(서울=뉴스1) 김철수 이영희 기자 = 정부가 발표했다."], ["정부가 발표했다."],
     [A("김철수", "기자"), A("이영희", "기자")]),
    (["(서울=연합뉴스) 정부는 9일 발표했다."], ["정부는 9일 발표했다."], []),
    (["[TV서울=나재희 기자] 서울시의회 토론회가 열렸다."], ["서울시의회 토론회가 열렸다."], [A("나재희", "기자")]),
    (["[홍길동 기자] 본문이 시작된다."], ["본문이 시작된다."], [A("홍길동", "기자")]),
    (["[푸드TV뉴스 오세린 기자] 편의점 업계가 겨냥한다."], ["편의점 업계가 겨냥한다."], [A("오세린", "기자")]),
    (["본문이다.", "데일리시큐 홍길동기자"], ["본문이다."], [A("홍길동", "기자")]),
    # an editor's note after the reporter line stays, and the reporter is still found
    (["본문이다.", "홍길동 기자 hong@x.kr", "※ 이 기사는 서울시의 지원을 받아 작성됐습니다."],
     ["본문이다.", "※ 이 기사는 서울시의 지원을 받아 작성됐습니다."], [A("홍길동", "기자", "hong@x.kr")]),
    (["홍길동 기자", "본문이 시작된다."], ["본문이 시작된다."], [A("홍길동", "기자")]),
    # trailing reporter and copyright lines
    (["본문이다.", "홍길동 기자 hong@x.com"], ["본문이다."], [A("홍길동", "기자", "hong@x.com")]),
    (["본문이다.", "/정종엽 기자"], ["본문이다."], [A("정종엽", "기자")]),
    (["본문이다.", "김은별 기자 (x@y.com)"], ["본문이다."], [A("김은별", "기자", "x@y.com")]),
    (["본문이다.", "글·사진=홍길동 기자"], ["본문이다."], [A("홍길동", "기자")]),
    (["본문이다.", "hong@yna.co.kr"], ["본문이다."], []),
    (["(서울=연합뉴스) 홍길동 기자 = 본문이다.", "끝 문장이다.", "hong@yna.co.kr", "2025/04/09 09:05 송고"],
     ["본문이다.", "끝 문장이다."], [A("홍길동", "기자", "hong@yna.co.kr")]),
    (["본문이다.", "<저작권자 © 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>"], ["본문이다."], []),
    (["본문이다.", "저작권자 © 시사저널 무단전재 및 재배포 금지"], ["본문이다."], []),
    (["본문이다.", "무단 전재-재배포, AI 학습 및 활용 금지"], ["본문이다."], []),
    (["본문이다.", "홍길동 기자", "다른기사 보기"], ["본문이다."], [A("홍길동", "기자")]),
    (["본문이다.", "홍길동 기자의 다른기사 보기"], ["본문이다."], [A("홍길동", "기자")]),
    (["본문이다.", "좌동철 기자", "roots@jejunews.com", "저작권자 © 제주일보 무단전재 및 재배포 금지"],
     ["본문이다."], [A("좌동철", "기자", "roots@jejunews.com")]),
    # tails inside the last paragraph
    (["본문이다.", "마지막 문장이다. hong@yna.co.kr"], ["본문이다.", "마지막 문장이다."], []),
    (["본문이다.", "마지막 문장이다. /정종엽 기자"], ["본문이다.", "마지막 문장이다."], [A("정종엽", "기자")]),
    (["본문이다.", "마지막 문장이다. 홍길동 기자 hong@x.com"], ["본문이다.", "마지막 문장이다."],
     [A("홍길동", "기자", "hong@x.com")]),
    # 'place=outlet' datelines of any outlet, when a byline closed by '=' follows
    (["(서울=연합인포맥스) 홍경표 기자 = 한국은행이 동결했다."], ["한국은행이 동결했다."],
     [A("홍경표", "기자")]),
    (["[서울=연합인포맥스] 홍경표 기자 = 한국은행이 동결했다."], ["한국은행이 동결했다."],
     [A("홍경표", "기자")]),
    (["(세종=어느매체) 김철수 선임기자 = 정부가 밝혔다.", "둘째."], ["정부가 밝혔다.", "둘째."],
     [A("김철수", "선임기자")]),
    # an end mark does not hide the reporter lines before it; lone e-mails join the author
    (["본문이다.", "홍길동 기자", "hong@yna.co.kr", "(끝)"], ["본문이다."],
     [A("홍길동", "기자", "hong@yna.co.kr")]),
    (["(서울=연합뉴스) 홍길동 기자 = 본문이다.", "둘째.", "hong@yna.co.kr", "<끝>"],
     ["본문이다.", "둘째."], [A("홍길동", "기자", "hong@yna.co.kr")]),
    (["본문이다.", "김정은 기자", "[끝]"], ["본문이다."], [A("김정은", "기자")]),
    (["본문이다.", "홍길동 기자", "◎공감언론 뉴시스 kje@newsis.com"], ["본문이다."],
     [A("홍길동", "기자", "kje@newsis.com")]),
    # the role before the name
    (["본문이다.", "칼럼니스트 박생강 pillgoo9@gmail.com"], ["본문이다."],
     [A("박생강", "칼럼니스트", "pillgoo9@gmail.com")]),
    (["본문이다.", "기자 홍길동"], ["본문이다."], [A("홍길동", "기자")]),
    # English
    (["Body text.", "Write to Al Root at allen.root@dowjones.com"], ["Body text."],
     [A("Al Root", None, "allen.root@dowjones.com")]),
    (["By Jane Doe", "Body text here."], ["Body text here."], [A("Jane Doe")]),
    (["Body text.", "(Reporting by Jane Doe; Editing by John Roe)"], ["Body text."], [A("Jane Doe")]),
]


@pytest.mark.parametrize("paras, expected_paras, expected_authors", SPLIT_CASES)
def test_split_body_byline(paras, expected_paras, expected_authors) -> None:
    got = split_body_byline(paras)
    assert isinstance(got, BylineSplit)
    assert got.paragraphs == expected_paras
    assert got.authors == expected_authors
    assert got.removed  # something was removed and reported


NEGATIVE_SPLITS = [
    ["홍길동 대표는 9일 기자회견을 열었다.", "그는 기자들에게 말했다."],
    ["서울시는 9일 발표했다.", "김철수 기자는 현장에서 취재했다."],
    ["본문이다.", "\"홍길동 기자\"라는 제목의 책이 나왔다."],
    ["본문이다.", "“기자 여러분 감사합니다”라고 그는 말했다."],
    ["A=B라는 식이 성립한다고 그는 말했다.", "끝."],
    ["[사진=서초구 제공] 서초구 청사 전경."],
    ["(사진=연합뉴스) 본문."],
    ["이날 행사에는 김철수 기자, 이영희 기자 등 20여명이 참석했다."],
    ["The minister met reporters on Tuesday.", "By then the talks had collapsed."],
    ["본문이다.", "그는 \"이메일(hong@x.com)로 보냈다\"고 말했다."],
    ["본문이다.", "문의는 02-123-4567 info@x.com"],
    ["(사진=연합인포맥스) 홍길동 기자 = 본문이다."],
    ["(서울=연합인포맥스) 한국은행이 동결했다."],
    ["본문이다.", "그는 끝까지 버텼다."],
    [],
    ["", "   "],
]


@pytest.mark.parametrize("paras", NEGATIVE_SPLITS)
def test_split_leaves_normal_text_alone(paras: list[str]) -> None:
    got = split_body_byline(paras)
    assert got.paragraphs == paras
    assert got.removed == []
    assert got.authors == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parse_byline_never_raises(text: str) -> None:
    authors = parse_byline(text)
    assert isinstance(authors, list)
    for a in authors:
        assert isinstance(a, Author) and a.name.strip()


_PIECES = list("홍길동김철수이영희기자특파원본부장서울=()[]【】·, /@.abc기자회견을열었다") + [
    "hong@x.com", "연합뉴스", "뉴시스", " 기자 ", "저작권자 ©", "송고", "\n", "홍길동 ", "기자 ="]
_BYLINEISH = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_BYLINEISH)
def test_parse_byline_noise(text: str) -> None:
    for a in parse_byline(text):
        assert a.name and a.name not in ("연합뉴스", "뉴시스", "기자")
        assert "기자" not in a.name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=120), _BYLINEISH), max_size=6))
def test_split_never_invents_text(paras: list[str]) -> None:
    got = split_body_byline(paras)
    assert len(got.paragraphs) <= len(paras)
    for out in got.paragraphs:
        assert any(out in p for p in paras)
    for a in got.authors:
        assert isinstance(a, Author) and a.name


def test_pathological_input_is_fast() -> None:
    import time
    nasty = ["a" * 20000, "홍" * 5000 + " 기자", "a@" * 5000, ("김철수 " * 2000) + "기자",
             "[" * 3000 + "=" * 3000, "x.y" * 5000 + "@"]
    # a guard against catastrophic regex backtracking (which takes minutes), not a speed
    # target; CPU time, so that a busy machine does not fail it
    start = time.process_time()
    for s in nasty:
        parse_byline(s)
        split_body_byline([s, s])
    assert time.process_time() - start < 3.0
