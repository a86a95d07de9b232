"""Bylines: reporter names, roles and e-mails from byline strings and article bodies.

Korean bylines follow a few fixed shapes (`홍길동 기자`, `(서울=연합뉴스) 홍길동 기자 =`,
`[TV서울=심현주 서울1본부장]`, `김은별 미국 통신원 (sisa@x.com)`, `/정종엽 기자`), so the
parser is anchored on the *role* word (기자, 특파원, 본부장 ...) and walks left over the
words that look like Korean names (2-4 syllables starting with a known surname, not a
common word, place or outlet). Anchoring on the role is what keeps sentences such as
'기자회견을 열었다' or '기자들에게 말했다' out: the role must be a whole word. English
bylines ('By Jane Doe and John Roe', 'Jane Doe, Staff Writer') are split on commas and
'and' and every part must be a plausible capitalised name.

`split_body_byline` removes byline lead-ins and trailing reporter/copyright lines from
body paragraphs. It only cuts text that parses *entirely* as byline material (names,
roles, e-mails, brackets), never a sentence that merely mentions a reporter.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pipelines.record import Author

__all__ = ["ROLES", "BylineSplit", "parse_byline", "split_body_byline"]

ROLES: tuple[str, ...] = (
    "기자", "선임기자", "수석기자", "전문기자", "객원기자", "인턴기자", "수습기자", "취재기자",
    "사진기자", "영상기자", "편집기자", "주재기자", "전임기자", "대기자", "특파원", "통신원",
    "본부장", "취재본부장", "지국장", "지사장", "총국장", "논설위원", "논설실장", "논설주간",
    "객원논설위원", "주필", "편집국장", "편집장", "부국장", "국장", "부장", "차장", "데스크",
    "칼럼니스트", "앵커", "캐스터", "기상캐스터", "리포터", "에디터", "PD", "대표", "교수",
    "연구위원", "선임연구위원", "전문위원", "평론가", "작가", "변호사", "기고가",
    "시민기자", "편집위원", "명예기자", "학생기자", "청소년기자", "수석논설위원",
    "사진작가", "만평가", "화백", "프리랜서", "아나운서", "해설위원", "연구원", "담당기자",
)
#: Roles a field word may precede, written as one word: '의학전문기자', '법조담당기자'.
_FIELD_ROLES = frozenset({"전문기자", "담당기자", "전문위원"})
_ROLE_SET = frozenset(ROLES)
_ROLES_BY_LEN = tuple(sorted(ROLES, key=len, reverse=True))
#: Roles that are often preceded by a place or affiliation ('워싱턴 특파원', '서울대 교수').
_PLACE_ROLES = frozenset({
    "특파원", "통신원", "본부장", "취재본부장", "지국장", "지사장", "총국장", "주재기자",
    "교수", "대표", "연구위원", "선임연구위원", "전문위원", "변호사", "기자", "선임기자",
})

_SURNAMES = frozenset(
    "김 이 리 박 최 정 강 조 윤 장 임 림 한 오 서 신 권 황 안 송 전 홍 유 류 고 문 양 손 배 백 허 남 심 "
    "노 로 하 곽 성 차 주 우 구 민 나 라 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 "
    "길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 가 복 태 목 형 피 "
    "두 감 호 빈 동 온 좌 승 시 범 상 갈 단 견 당 화 창 옹 판 대 평 량 해 묵 계 간 초 편 함".split()
)
_COMPOUND_SURNAMES = frozenset("남궁 황보 제갈 선우 독고 사공 서문 동방".split())
#: Words that look like names (surname syllable + 1-3 syllables) but are not.
_STOPWORDS = frozenset("""
이날 이번 이후 이어 이에 이를 이는 이와 이미 이제 이상 이하 이외 이전 이곳 이들 이달 이중
지난 지금 지난해 지역 지원 지방 지사 지적 지난달 지난주 지금껏
오늘 오전 오후 어제 내일 현재 현지 당시 당초 당일 한편 또한 특히 사진 영상 취재 정리 편집 그래픽
촬영 기고 자료 제공 본지 본사 전문 담당 소속 우리 모든 관련 최근 올해 작년 전날 다음 그는 그녀 고객
기자 기자단 공동 전체 기사 제보 구독 문의 주소 전화 이메일 연락처 무단 전재 배포 금지 저작권 저작권자
다른 정치 경제 사회 문화 국제 산업 연예 생활 과학 오피니언 칼럼 사설 포토 뉴스 인기 주요 최신 속보
단독 종합 기획 연재 인터뷰 동영상 시사 전국 지면 온라인 관리자 운영자 편집국 편집부 편집자 작성자
기자명 필자 글쓴이 정부 국회 대통령 장관 시장 의원 구청장 도지사 위원장 회장 사장 총리 대변인 관계자
주민 시민 국민 학생 선수 감독 회원 독자 시청자 여성 남성 국내 해외 외신 한국 일본 중국 미국 북한
서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주 수도권
한겨레 경향 동아 중앙 한경 매경 연합 문화일보 국민 세계 조선 한국 공감 신문 방송 통신 일보
""".split())
_PLACES = frozenset("""
서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주 수원 성남 고양 용인
창원 포항 청주 전주 천안 안산 안양 김해 평택 의정부 춘천 원주 강릉 목포 여수 순천 군산 익산 구미 경주 진주
제천 충주 아산 서산 당진 논산 공주 거제 통영 양산 김포 파주 화성 시흥 남양주 하남 광명 군포 오산 이천 안성
미국 중국 일본 영국 프랑스 독일 러시아 인도 베트남 캐나다 호주 브라질 멕시코 이탈리아 스페인 태국 대만
홍콩 싱가포르 인도네시아 필리핀 유럽 중동 동남아 아프리카 남미 워싱턴 뉴욕 로스앤젤레스 샌프란시스코
실리콘밸리 시카고 보스턴 베이징 상하이 광저우 선전 도쿄 오사카 파리 런던 베를린 모스크바 브뤼셀 제네바
두바이 카이로 하노이 호찌민 호치민 방콕 자카르타 시드니 토론토 뉴델리 프랑크푸르트 로마 마드리드 빈 키이우
예루살렘 테헤란 이스탄불 앙카라 마닐라 타이베이 울란바토르 평양 워싱턴DC 도하 리야드
""".split())
_OUTLET_SUFFIXES = (
    "뉴스", "일보", "신문", "방송", "통신", "저널", "타임스", "타임즈", "미디어", "데일리", "경제",
    "투데이", "포스트", "헤럴드", "코리아", "닷컴", "인사이트", "리포트", "위크", "매거진", "TV",
    "티비", "뉴시스", "연합", "라디오", "채널", "신보", "시보", "비즈", "피플",
)
_AGENCIES = frozenset("""
연합뉴스 뉴시스 뉴스1 노컷뉴스 연합뉴스TV YTN KBS MBC SBS JTBC MBN TV조선 채널A 한겨레 경향 동아 중앙
한경 매경 서경 헤경 조선 한국 이데일리 머니투데이 아시아경제 헤럴드경제 파이낸셜뉴스 뉴데일리 데일리안
폴리뉴스 시사저널 TV서울 AP AFP Reuters 로이터 블룸버그 신화 교도 교도통신 EPA
""".split())
#: Credit words that may sit next to a byline ('글·사진 홍길동 기자', '기자명 김은별').
_CREDIT_WORDS = frozenset(
    "글 사진 영상 취재 정리 편집 그래픽 촬영 기고 글쓴이 필자 기자명 작성자 이메일 메일 Email email "
    "E mail e 편집자 By by BY 기사 제공 자료".split()
)
_SEPARATOR_WORDS = frozenset({"및", "and", "와", "과"})
#: Words that may follow a byline in an info block ('홍길동 기자 입력 2025.04.09').
_FOLLOW_WORDS = frozenset(
    "입력 등록 승인 수정 송고 기사입력 최종수정 업데이트 게재 발행 작성 다른기사 구독 기사더보기".split())

_HANGUL = re.compile(r"^[가-힣]+$")
_EMAIL_RE = (r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*+@[A-Za-z0-9\-]++"
             r"(?:\.[A-Za-z0-9\-]++)*?\.[A-Za-z]{2,}+(?![A-Za-z0-9\-]|\.[A-Za-z0-9])")
_EMAIL = re.compile(_EMAIL_RE)
_TOKEN = re.compile(rf"(?P<email>{_EMAIL_RE})|(?P<word>[가-힣][가-힣0-9]*+|[A-Za-z0-9]++)|(?P<punct>\S)")
_MORE_TAIL = re.compile(
    r"\s*의?\s*(?:다른\s*기사|전체\s*기사|기사\s*더)\s*보기.*$|\s*(?:구독하기|구독|기자\s*페이지)\s*$")
_NAME_SEPS = frozenset("·ㆍ・,/&、")
_ALLOWED_PUNCT = frozenset("[]()【】<>〈〉〔〕［］/·ㆍ・,=:|&-–—.「」『』、;")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\u00a0", " ").replace("\u3000", " "))
    return " ".join(text.split())


def _is_outlet(tok: str) -> bool:
    return tok in _AGENCIES or (len(tok) > 1 and tok.endswith(_OUTLET_SUFFIXES))


def _looks_outlet(word: str) -> bool:
    """A whole word (may mix Hangul and Latin) naming an outlet: '푸드TV뉴스', 'TV서울'."""
    word = word.strip("[]()【】<>")
    return bool(word) and (_is_outlet(word) or word.startswith(("데일리", "뉴스", "TV", "KBS", "MBC", "SBS"))
                           or bool(re.search(r"[A-Za-z]", word) and re.search(r"[가-힣]", word)))


def _is_ko_name(tok: str) -> bool:
    if not 2 <= len(tok) <= 4 or not _HANGUL.match(tok):
        return False
    if tok in _STOPWORDS or tok in _PLACES or tok in _ROLE_SET or _is_outlet(tok):
        return False
    # '홍기자', '이대표': a surname fused with a role is how a text refers to someone
    # already named, not a name (a full name fused with a role is split by _role_of)
    if tok[-2:] in _ROLE_SET or (len(tok) == 4 and tok[-3:] in _ROLE_SET):
        return False
    if "기자" in tok:  # '기자홍': the reporter word is never part of a name
        return False
    if len(tok) >= 3 and tok[:2] in _COMPOUND_SURNAMES:
        return True
    return tok[0] in _SURNAMES


_DEPARTMENTS = frozenset("""
정치부 경제부 사회부 문화부 국제부 산업부 체육부 사진부 편집부 전국부 금융부 증권부 유통부 생활부 과학부
스포츠부 연예부 기획부 지방부 디지털뉴스부 온라인뉴스부 온라인뉴스팀 디지털뉴스팀 정책부 부동산부
""".split())
#: Roles after which a word ending in 대 is a university ('서울대 교수'), not a name.
_ACADEMIC_ROLES = frozenset({"교수", "명예교수", "초빙교수", "겸임교수", "객원교수", "부교수",
                             "조교수", "연구교수", "강사", "총장", "학장", "연구원", "연구위원"})
_STRONG_QUAL_SUFFIXES = (
    "팀", "본부", "지사", "지국", "총국", "센터", "대학교", "대학원", "대학", "연구소", "재단", "협회",
    "학회", "병원", "위원회", "지부", "특별시", "광역시", "뉴스부", "취재부", "편집부", "특별자치도",
    "학과", "학부", "연구원", "공사", "공단", "법인", "은행", "증권", "그룹",
)


def _is_qualifier(tok: str) -> bool:
    """A place, department or affiliation word that belongs to the role ('미국 통신원')."""
    if tok in _PLACES or tok in _DEPARTMENTS or tok.isdigit():
        return True
    if re.search(r"[0-9A-Za-z]", tok) and re.search(r"[가-힣]", tok):
        return True
    if _HANGUL.match(tok) and len(tok) >= 2 and tok.endswith(_STRONG_QUAL_SUFFIXES):
        return True
    return bool(len(tok) >= 4 and _HANGUL.match(tok) and tok.endswith(("시", "도", "군", "구", "부")))


def _role_of(tok: str) -> tuple[str | None, str] | None:
    """A role word, or a name fused with a role ('홍길동기자'): (name or None, role)."""
    if tok in _ROLE_SET:
        return None, tok
    if not tok.endswith(_ROLES_BY_LEN):  # one C call settles most words (no role at all)
        return None
    for role in _ROLES_BY_LEN:
        if tok.endswith(role) and len(tok) > len(role):
            prefix = tok[: -len(role)]
            if _is_ko_name(prefix):
                return prefix, role
            if (_is_qualifier(prefix) or prefix in _PLACES
                    or role in _FIELD_ROLES and len(prefix) <= 4 and _HANGUL.match(prefix)):
                return None, tok
            return None
    return None


# --------------------------------------------------------------------------- Korean parser


@dataclass
class _Parse:
    authors: list[Author] = field(default_factory=list)
    used: set[int] = field(default_factory=set)
    has_role: bool = False
    tokens: list[tuple[str, str]] = field(default_factory=list)


def _tokenise(text: str) -> list[tuple[str, str]]:
    return [(m.lastgroup or "punct", m.group()) for m in _TOKEN.finditer(text)]


def _parse_korean(text: str) -> _Parse:
    tokens = _tokenise(text)
    out = _Parse(tokens=tokens)
    groups: list[tuple[int, int, list[Author]]] = []  # (first token, last token, authors)
    taken: set[int] = set()
    for i, (kind, tok) in enumerate(tokens):
        if kind != "word" or i in taken:
            continue
        role_info = _role_of(tok)
        if role_info is None:
            continue
        fused_name, role = role_info
        # The role must end the phrase: followed by nothing, punctuation, an e-mail,
        # a name (next byline) or a credit word - never by a predicate.
        if i + 1 < len(tokens):
            nkind, ntok = tokens[i + 1]
            if nkind == "word" and not (_is_ko_name(ntok) or ntok in _CREDIT_WORDS
                                        or ntok in _FOLLOW_WORDS
                                        or _is_outlet(ntok) or _role_of(ntok) is not None
                                        or ntok in _SEPARATOR_WORDS or re.match(r"^\d", ntok)):
                continue
            if nkind == "punct" and ntok not in _ALLOWED_PUNCT:
                continue
        back: list[int] = []
        j = i - 1
        if fused_name is None:
            while j >= 0:
                k2, t2 = tokens[j]
                if j in taken:
                    break
                if k2 == "punct" and t2 in _NAME_SEPS and back:
                    j -= 1
                    continue
                if k2 == "word" and t2 in _SEPARATOR_WORDS and back:
                    j -= 1
                    continue
                if k2 == "word" and (_is_ko_name(t2) or _is_qualifier(t2)):
                    back.append(j)
                    j -= 1
                    continue
                if (k2 == "word" and not back and role in _PLACE_ROLES and _HANGUL.match(t2)
                        and 2 <= len(t2) <= 8 and t2 not in _STOPWORDS and j > 0
                        and tokens[j - 1][0] == "word" and _is_ko_name(tokens[j - 1][1])):
                    back.append(j)  # an unknown place before a place role: '논산 주재기자'
                    j -= 1
                    continue
                break
        # Rightmost qualifiers belong to the role, as long as a name remains to their left.
        quals: list[int] = []
        if (back and j >= 1 and tokens[j] == ("punct", "(") and tokens[j - 1][0] == "word"
                and _is_ko_name(tokens[j - 1][1]) and (j - 1) not in taken):
            # '홍길동 (서울대 경제학과 교수)': the brackets hold the person's affiliation
            quals = list(back)
            back = back + [j - 1]
        else:
            for x in back:
                t2 = tokens[x][1]
                listed = x >= 1 and tokens[x - 1][1] in _NAME_SEPS  # '홍길동·김영대 교수'
                is_qual = (_is_qualifier(t2) or not _is_ko_name(t2)
                           or role in _ACADEMIC_ROLES and t2.endswith("대") and not listed)
                rest = back[len(quals) + 1:]
                if is_qual and any(_is_ko_name(tokens[y][1]) and not _is_qualifier(tokens[y][1])
                                   for y in rest):
                    quals.append(x)
                else:
                    break
        q = len(quals)
        names: list[int] = []
        for x in back[q:]:
            if _is_ko_name(tokens[x][1]):
                names.append(x)
            else:
                break
        if not names and fused_name is None:
            continue
        if (names and role in _ACADEMIC_ROLES and groups and min(names) >= 2
                and tokens[min(names) - 1][1] in _NAME_SEPS and (min(names) - 2) in taken
                and all(tokens[x][1].endswith("대") for x in names)):
            continue  # '홍길동 객원논설위원·서울대 교수': a second title, not a second person
        full_role = " ".join([tokens[x][1] for x in reversed(quals)] + [role])
        people = [tokens[x][1] for x in reversed(names)]
        if fused_name:
            people.append(fused_name)
        authors = [Author(name, full_role, None) for name in people]
        first = min(names) if names else i
        for x in range(first, i + 1):
            taken.add(x)
        out.used.update(names + quals + [i])
        out.has_role = True
        groups.append((first, i, authors))

    # E-mails: to the author right before them, else to a bare name next to them.
    for e, (kind, tok) in enumerate(tokens):
        if kind != "email":
            continue
        j = e - 1
        while j >= 0 and tokens[j][0] == "punct" and tokens[j][1] in "([<〈":
            j -= 1
        owner: Author | None = None
        for first, last, authors in groups:
            if last == j and authors:
                owner = authors[-1]
        if owner is None and j >= 0 and tokens[j][0] == "word" and j not in taken \
                and _is_ko_name(tokens[j][1]):
            owner = Author(tokens[j][1], None, None)
            groups.append((j, j, [owner]))
            taken.add(j)
            out.used.add(j)
        if owner is None:
            k = e + 1
            while k < len(tokens) and tokens[k][0] == "punct":
                k += 1
            for first, last, authors in groups:
                if first == k and authors and authors[0].email is None:
                    owner = authors[0]
        if owner is None:
            all_authors = [a for _, _, group in groups for a in group]
            if len(all_authors) == 1 and all_authors[0].email is None:
                owner = all_authors[0]
        if owner is not None and owner.email is None:
            owner.email = tok
        out.used.add(e)

    groups.sort(key=lambda g: g[0])
    out.authors = [a for _, _, group in groups for a in group]
    return out


def _bare_names(tokens: list[tuple[str, str]]) -> list[Author]:
    """'홍길동' or '김철수·이영희' alone (RSS dc:creator, meta author): names without roles."""
    names: list[str] = []
    for kind, tok in tokens:
        if kind == "punct":
            if tok in _NAME_SEPS or tok in "()[]":
                continue
            return []
        if tok in _CREDIT_WORDS or tok in _SEPARATOR_WORDS:
            continue
        if not _is_ko_name(tok):
            return []
        names.append(tok)
    return [Author(n, None, None) for n in names[:6]]


# --------------------------------------------------------------------------- English parser

_EN_PREFIX = re.compile(
    r"^\s*(?:(?i:(?:written|reported|story|words|text|reporting|additional\s+reporting|photos?)\s+)?"
    # 'by' and its words in Spanish/Portuguese, German, French, Dutch and the Nordic
    # languages, before a capitalised name
    r"(?:(?i:by)|(?i:por|von|par|door|av)(?=\s+[A-ZÀ-ÖØ-Þ]))(?![A-Za-z])\s*:?\s*)", )
_EN_SPLIT = re.compile(
    r"\s*(?:,|;|\||&|•|·|\band\b|\bAND\b|\bwith\b|(?<=[a-z]{2})\.\s+|(?<=\s)[-–—](?=\s))\s*")
_EN_BY_INSIDE = re.compile(r"(?:^|[\s,|/])(?i:by)\s*:?\s+(?=[A-Z])")
#: Dates (with or without their weekday), times and 'Updated' stamps end a byline
#: ('By Jane Doe November 19, 2019 ...', 'by Jeff Foust Monday, November 18, 2019').
_EN_CUT = re.compile(
    r"\s*(?:(?<![A-Za-z])(?i:updated|published|posted|last\s+modified)(?![A-Za-z])"
    r"|(?<![A-Za-z])(?i:on)\s+(?=(?i:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul"
    r"|aug|sep|oct|nov|dec|\d))"
    r"|(?<![A-Za-z])(?i:mon|tues|wednes|thurs|fri|satur|sun)(?i:day),?\s+"
    r"(?=(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d))"
    r"|(?<![A-Za-z])(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\d{1,2}:\d{2}|(?<!\d)\d{1,2}/\d{1,2}/\d{2,4}|(?<!\d)\d{4}(?!\d)"
    r"|(?<!\d)\d+\s+(?i:hours?|days?|minutes?|mins?)\s+ago).*$", re.S)
_EN_ROLE_WORDS = frozenset("""
writer writers reporter reporters correspondent correspondents editor editors columnist columnists
contributor contributors producer producers analyst analysts photographer photographers journalist
journalists anchor anchors staff chief senior intern interns professor critic commentator bureau
special contributing associate deputy managing executive political business sports culture
""".split())
_EN_BLACKLIST = frozenset("""
news agency press times post daily herald journal media editorial board team desk online digital
reuters associated service inc corp group tv radio network wire newsroom admin administrator guest
the by photo photos image images korea updated published posted copyright rights reserved all
international global world magazine tribune gazette chronicle observer guardian telegraph express
weekly report review insider blog channel broadcasting company corporation institute university
foundation association council ministry department office government sputnik bloomberg yonhap
xinhua kyodo afp ap cnn bbc abc nbc cbs npr pbs
monday tuesday wednesday thursday friday saturday sunday january february march april june july
august september october november december of for in at on from to is was says said this that
""".split())
_EN_PARTICLES = frozenset("de da van von der den del la le di bin al el du dos das ter ten".split())
#: A name's word in Latin letters, accented ones too ('María', 'Müller', 'Łukasz'): an
#: initial, a capitalised word, or one or two capitals.
_LU = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LL = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĳĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž"
_EN_WORD = re.compile(
    rf"^(?:[{_LU}]\.|[{_LU}][{_LU}{_LL}'’\-]*[{_LL}][{_LU}{_LL}'’\-]*\.?|[{_LU}]{{1,2}}\.?)$")
_EN_SUFFIX = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
_EN_PLACE_CUT = re.compile(r"\s+(?:in|for|at|from)\s+[A-Z].*$")


def _en_name(part: str) -> str | None:
    part = _EN_PLACE_CUT.sub("", part.strip().strip(".:-–—()[]"))
    words = part.split()
    if not 2 <= len(words) <= 6:
        return None
    letters = [c for c in part if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and all(c.isascii() for c in letters):
        words = [w.capitalize() if len(w.rstrip(".")) > 1 else w for w in words]
    core = 0
    for idx, w in enumerate(words):
        low = w.lower().strip(".")
        if low in _EN_BLACKLIST or low in _EN_ROLE_WORDS:
            return None
        if w in _EN_SUFFIX and idx == len(words) - 1 and idx >= 2:
            continue
        if low in _EN_PARTICLES and 0 < idx < len(words) - 1:
            continue
        if not _EN_WORD.match(w):
            return None
        core += 1
    if not 2 <= core <= 4:
        return None
    if all(len(w.rstrip(".")) == 1 for w in words):
        return None
    return " ".join(words)


def _en_role(part: str) -> str | None:
    words = part.strip(" .").split()
    if not 1 <= len(words) <= 5:
        return None
    if any(w.lower().strip(".") in _EN_ROLE_WORDS for w in words) and \
            all(re.match(r"^[A-Za-z.\-']+$", w) for w in words):
        return " ".join(words)
    return None


def _parse_english(text: str, require_prefix: bool) -> tuple[list[Author], bool]:
    """(authors, fully consumed). Emails go to the author they follow."""
    m = _EN_PREFIX.match(text)
    has_prefix = bool(m)
    body = text[m.end():] if m else text
    if not has_prefix and not require_prefix:
        inside = _EN_BY_INSIDE.search(text)
        if inside:
            has_prefix = True
            body = text[inside.end():]
    if require_prefix and not has_prefix:
        return [], False
    cut = _EN_CUT.search(body)
    if cut:
        consumed_cut = not require_prefix
        body = body[: cut.start()]
        if not consumed_cut:
            return [], False
    # "Jane Doe (jane@x.com)" -> keep the e-mail as its own part after the name.
    body = _EMAIL.sub(lambda e: f", {e.group()} ,", body)
    authors: list[Author] = []
    consumed = True
    first_is_name = None
    pending_role_targets: list[Author] = []
    for raw in _EN_SPLIT.split(body):
        part = raw.strip(" ()[]<>")
        if not part:
            continue
        if first_is_name is None:
            first_is_name = _en_name(part) is not None
        if _EMAIL.fullmatch(part):
            if authors and authors[-1].email is None:
                authors[-1].email = part
            continue
        name = _en_name(part)
        if name:
            author = Author(name, None, None)
            authors.append(author)
            pending_role_targets.append(author)
            continue
        role = _en_role(part)
        if role and pending_role_targets:
            for a in pending_role_targets:
                a.role = role
            pending_role_targets = []
            continue
        consumed = False
    if not has_prefix and not any(a.role or a.email for a in authors):
        # No "By" and no role/e-mail: trust a whole-string name list, or a leading name
        # followed by an outlet ('Troy L. Smith, Cleveland.com').
        if not (consumed or first_is_name):
            return [], False
    return authors, consumed and bool(authors)


# --------------------------------------------------------------------------- public API


def _dedupe(authors: list[Author]) -> list[Author]:
    out: list[Author] = []
    index: dict[str, Author] = {}
    for a in authors:
        seen = index.get(a.name)
        if seen is None:
            index[a.name] = a
            out.append(a)
        else:
            seen.role = seen.role or a.role
            seen.email = seen.email or a.email
    return out


def _clean(text: str) -> str:
    text = _norm(text)
    return _MORE_TAIL.sub("", text)


#: A member's user id in brackets after the name, as citizen-journalism sites show it
#: ('윤서연(yoon)'): not part of the name.
_HANDLE = re.compile(r"(?<![가-힣])([가-힣]{2,4})\s?\([A-Za-z][A-Za-z0-9_.-]{1,30}\)")


def parse_byline(text: str) -> list[Author]:
    """A byline string -> authors; [] when it holds no byline.

    Korean: name(s) + role word (several names joined by '·', ',', spaces or '및' share
    the role; a place or department before the role joins it: '미국 통신원'), agency
    lead-ins, fused '홍길동기자', e-mails next to a name. A string that is only a name
    (RSS dc:creator) gives that name without role. English: 'By A and B', 'A, Staff
    Writer', all-caps names are title-cased.
    """
    if not isinstance(text, str):
        return []
    text = _clean(text)
    if not text or len(text) > 2000:
        return []
    if re.search(r"[가-힣]", text):
        parsed = _parse_korean(_HANDLE.sub(r"\1", text))
        if parsed.authors:
            return _dedupe(parsed.authors)
        bare = _bare_names(parsed.tokens)
        if bare:
            return _dedupe(bare)
    authors, _ = _parse_english(text, require_prefix=False)
    return _dedupe(authors)


def _strict_authors(text: str) -> list[Author] | None:
    """Authors if `text` is nothing but byline material (with a role, e-mail or 'By')."""
    text = _norm(text)
    if not text or len(text) > 120:
        return None
    first_word, _, rest = text.partition(" ")
    if rest and _looks_outlet(first_word):
        text = rest  # '[푸드TV뉴스 오세린 기자]', '데일리시큐 홍길동기자'
        first_word, _, rest = text.partition(" ")
    if re.search(r"[가-힣]", text):
        if rest and first_word in _ROLE_SET:
            # the role before the names: '칼럼니스트 박생강 x@y.com', '기자 홍길동'
            fronted = _role_first(rest, first_word)
            if fronted is not None:
                return fronted
        parsed = _parse_korean(text)
        if not parsed.authors:
            return None
        if not (parsed.has_role or any(a.email for a in parsed.authors)):
            return None
        if not _only_byline_tokens(parsed):
            return None
        return _dedupe(parsed.authors)
    authors, consumed = _parse_english(text, require_prefix=True)
    return _dedupe(authors) if authors and consumed else None


def _only_byline_tokens(parsed: _Parse) -> bool:
    """Every token is part of a byline: used by an author, an e-mail, allowed punctuation,
    a credit word, a separator or an outlet name."""
    for idx, (kind, tok) in enumerate(parsed.tokens):
        if idx in parsed.used or kind == "email":
            continue
        if kind == "punct":
            if tok not in _ALLOWED_PUNCT:
                return False
            continue
        if tok in _CREDIT_WORDS or tok in _SEPARATOR_WORDS or _is_outlet(tok):
            continue
        return False
    return True


def _role_first(rest: str, role: str) -> list[Author] | None:
    """Names (with e-mails) after a leading role word, all of `rest` being byline."""
    parsed = _parse_korean(rest)
    if parsed.has_role:
        return None
    if parsed.authors:
        if not _only_byline_tokens(parsed):
            return None
        authors = parsed.authors
    else:
        authors = _bare_names(parsed.tokens)
    if not authors:
        return None
    return _dedupe([Author(a.name, a.role or role, a.email) for a in authors])


@dataclass
class BylineSplit:
    authors: list[Author]
    paragraphs: list[str]  # body paragraphs with byline text removed
    removed: list[str]     # what was removed (for debugging and tests)


_OPEN = re.escape("[【(〔<［（〈")
_CLOSE = re.escape("]】)〕>］）〉")
_LEAD_EQ = re.compile(
    rf"\s*[{_OPEN}]\s*([^{_CLOSE}=\n]{{1,25}}?)\s*=\s*([^{_CLOSE}\n]{{1,60}}?)\s*[{_CLOSE}]\s*")
_LEAD_BRACKET = re.compile(rf"\s*[{_OPEN}]\s*([^{_CLOSE}\n]{{1,50}}?)\s*[{_CLOSE}]\s*")
_LEAD_SEGMENT = re.compile(r"\s*([^=\n]{1,50}?)\s*=\s*")
_PHOTO_CREDIT = frozenset("사진 그래픽 자료 영상 표 출처 제공 자료사진 일러스트 편집자주 편집자 주".split())

_COPYRIGHT = re.compile(
    r"저작권자|무단\s*전재|재배포\s*금지|무단\s*복제|AI\s*학습|ⓒ|©|(?i:copyright|all rights reserved)")
_MORE_LINE = re.compile(r"^(?:(?P<who>.{0,40}?)\s*)?의?\s*(?:다른\s*기사|전체\s*기사|기사\s*더)\s*보기\s*>?$")
_SONGGO_LINE = re.compile(
    r"^[\[(]?\s*(?:송고\s*(?:시간|일시)?\s*:?\s*)?\d{2,4}\s*[./\-년]\s*\d{1,2}\s*[./\-월]\s*\d{1,2}\s*일?\.?"
    r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:송고)?\s*[\])]?$")
_EMAIL_LINE = re.compile(
    rf"^[\[(<〈]?\s*{_EMAIL_RE}\s*[\])>〉]?(?:\s*[,;/]\s*[\[(<]?\s*{_EMAIL_RE}\s*[\])>]?)*$")
#: An end mark closing a wire story: '(끝)', '<끝>', '[끝]', '끝'.
_END_MARK = re.compile(r"^[(<\[〈]?\s*끝\s*[)>\]〉]?$")
#: An e-mail after an outlet slogan or name ('◎공감언론 뉴시스 kje@newsis.com'): at most
#: four words, no digits (a phone number is contact text) and no sentence before it.
_SIGNED_EMAIL_LINE = re.compile(
    rf"^[^\s\d.!?。]{{1,20}}(?:\s+[^\s\d.!?。]{{1,20}}){{0,3}}\s*[\[(<〈]?\s*{_EMAIL_RE}\s*[\])>〉]?$")
#: The Dow Jones sign-off: 'Write to Jane Doe at jane.doe@wsj.com'.
_EN_WRITE_TO = re.compile(
    rf"^(?:Write to|Contact|E-?mail)\s+([A-Z][^@]{{1,60}}?)\s+at\s+{_EMAIL_RE}\.?$")
_EN_TAIL = re.compile(r"^\(?\s*(?:Reporting|Additional reporting|Writing|Editing)\s+by\b.*$", re.I)
_EN_TAIL_NAMES = re.compile(r"(?i:(?:additional\s+)?reporting|writing)\s+by\s+([^;)]+)")
_TAIL_EMAIL = re.compile(rf"[\[(<〈]?\s*{_EMAIL_RE}\s*[\])>〉]?\s*$")
_SENTENCE_END = re.compile(r"[.!?。\"”’')\]」』]\s")
_MAX_TAIL_DROPS = 6
#: An editor's note at the end of a Korean article.
_NOTE_LINE = re.compile(r"\s*※")


def _lead(p: str) -> tuple[int, list[Author]]:
    """Length of the byline lead-in at the start of paragraph `p`, and its authors."""
    whole = _strict_authors(p)
    if whole is not None:
        return len(p), whole
    m = _LEAD_EQ.match(p)
    if m:
        left, right = m.group(1).strip(), m.group(2).strip()
        if left in _PHOTO_CREDIT:
            return 0, []
        authors = _strict_authors(right)
        if authors is not None:
            return m.end(), authors
        right_tokens = right.split()
        # '(서울=연합인포맥스) 홍경표 기자 =': a 'place=outlet' dateline followed by a byline
        # segment closed by '='. The byline is the evidence, so any outlet name will do.
        seg = _LEAD_SEGMENT.match(p, m.end()) if len(right_tokens) <= 3 else None
        if seg:
            authors = _strict_authors(seg.group(1))
            if authors is not None:
                return seg.end(), authors
        if len(right_tokens) <= 2 and any(_is_outlet(t) or re.search(r"[A-Za-z0-9]", t)
                                          for t in right_tokens):
            cut = m.end()
            eq = re.compile(r"\s*=\s*").match(p, cut)
            if eq and eq.end() > cut:
                cut = eq.end()
            return cut, []
        return 0, []
    m = _LEAD_BRACKET.match(p)
    if m:
        authors = _strict_authors(m.group(1))
        if authors is not None:
            return m.end(), authors
    seg = _LEAD_SEGMENT.match(p)
    if seg:
        authors = _strict_authors(seg.group(1))
        if authors is not None:
            return seg.end(), authors
    return 0, []


def _tail_line(s: str) -> tuple[bool, list[Author]]:
    """Is the whole line trailing byline/copyright material? (junk, authors)"""
    if len(s) > 250:
        return False, []
    if _COPYRIGHT.search(s) and len(s) <= 200:
        return True, []
    m = _MORE_LINE.match(s)
    if m:
        who = m.group("who") or ""
        return True, parse_byline(who) if who else []
    if "송고" in s and _SONGGO_LINE.match(s):
        return True, []
    if _END_MARK.match(s):
        return True, []  # '(끝)': the reporter lines may still come before it
    if _EMAIL_LINE.match(s):
        return True, [Author("", None, e) for e in _EMAIL.findall(s)]
    m = _EN_WRITE_TO.match(s)
    if m:
        names = _parse_english("By " + m.group(1), require_prefix=True)[0]
        emails = _EMAIL.findall(s)
        if len(names) == 1 and len(emails) == 1:
            names[0].email = names[0].email or emails[0]
        return True, names or [Author("", None, e) for e in emails]
    if _EN_TAIL.match(s):
        authors: list[Author] = []
        for names in _EN_TAIL_NAMES.findall(s):
            authors.extend(_parse_english("By " + names, require_prefix=True)[0])
        return True, authors
    stripped = s.lstrip("/ ").strip()
    authors_or_none = _strict_authors(stripped)
    if authors_or_none is not None:
        return True, authors_or_none
    if _SIGNED_EMAIL_LINE.match(s):  # no name in it: the e-mail of the reporter above
        return True, [Author("", None, e) for e in _EMAIL.findall(s)]
    return False, []


def _tail_cut(s: str) -> tuple[int, list[Author]]:
    """Where a byline/e-mail tail at the end of a body paragraph starts (0: none)."""
    candidates: list[int] = [m.end() for m in _SENTENCE_END.finditer(s)]
    slash = s.rfind("/")
    if slash > 0 and s[slash - 1] == " ":
        candidates.append(slash)
    for start in sorted(candidates, reverse=True)[:3]:
        tail = s[start:].strip()
        if not tail or len(tail) > 80:
            continue
        core = tail.lstrip("/ ").strip()
        authors = _strict_authors(core)
        if authors is None:
            m = _TAIL_EMAIL.search(core)
            if m and not core[: m.start()].strip():
                authors = [Author("", None, e) for e in _EMAIL.findall(core)]
            else:
                continue
        if s[:start].strip():
            return start, authors
    return 0, []


def split_body_byline(paragraphs: list[str]) -> BylineSplit:
    """Remove byline lead-ins and trailing byline/copyright lines from body paragraphs.

    Start of the first paragraph: '[TV서울=심현주 서울1본부장] ...' (the bracket is cut),
    '(서울=연합뉴스) 홍길동 기자 = ...' (cut through the '='), or a paragraph that is only a
    byline. The last paragraphs: reporter lines, bare e-mails, '송고' stamps, copyright
    notices, '다른기사 보기' links are dropped, and a byline/e-mail tail after the last
    sentence is cut. Every returned paragraph is a substring of an input paragraph.
    """
    paras: list[str | None] = [p if isinstance(p, str) else "" for p in (paragraphs or [])]
    authors: list[Author] = []
    removed: list[str] = []

    first = next((i for i, p in enumerate(paras) if p and p.strip()), None)
    if first is not None:
        p = paras[first] or ""
        cut, lead_authors = _lead(p)
        if cut:
            removed.append(p[:cut].strip())
            authors.extend(lead_authors)
            rest = p[cut:].strip()
            paras[first] = rest if rest else None

    drops = 0
    j = len(paras) - 1
    while j >= 0 and drops < _MAX_TAIL_DROPS:
        p = paras[j]
        if p is None or not p.strip():
            j -= 1
            continue
        s = p.strip()
        junk, found = _tail_line(s)
        if junk:
            removed.append(s)
            authors.extend(found)
            paras[j] = None
            drops += 1
            j -= 1
            continue
        if _NOTE_LINE.match(s) and len(s) <= 300:
            # an editor's note after the reporter line ('※ 이 기사는 ... 지원을 받아
            # 작성됐습니다.'): it stays, and the lines above it are read on
            drops += 1
            j -= 1
            continue
        cut, found = _tail_cut(s)
        if cut:
            removed.append(s[cut:].strip())
            authors.extend(found)
            paras[j] = s[:cut].rstrip()
        break

    # Bare e-mail lines ('hong@yna.co.kr') belong to the only reporter without one.
    named = [a for a in authors if a.name]
    loose = [a.email for a in authors if not a.name and a.email]
    named = _dedupe(named)
    without = [a for a in named if a.email is None]
    if len(loose) == 1 and len(without) == 1:
        without[0].email = loose[0]
    return BylineSplit(
        authors=named,
        paragraphs=[p for p in paras if p is not None],
        removed=removed,
    )
