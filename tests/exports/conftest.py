"""A small real archive for the export tests.

The demo site's saved pages (tests/fixtures/demo) go through the crawler's own
extraction and storage, with their captures (one page fetched twice, so a WARC export
has a revisit); synthetic articles add Korean text with awkward characters (quotes,
newlines, emoji, NUL, markup) and a teaser graph whose links resolve inside the archive.
"""
from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pipelines.extract.core import extract_article
from pipelines.record import Article, Author, Teaser
from pipelines.store.archive import Archive

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "demo"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))
KST = timezone(timedelta(hours=9))
FETCHED = datetime(2025, 12, 10, 1, 2, 3, tzinfo=timezone.utc)
SYNTH = "https://synth.example.kr/news/article.html?no="

ODD_BODY = ('첫 문단에 "큰따옴표"와 \'작은따옴표\', 쉼표, 그리고 이모지 😀🇰🇷.\n\n'
            '둘째 문단\n줄바꿈이 있는 문단,\r\n세미콜론; 탭\t끝\x00.')


def synthetic_articles() -> list[Article]:
    return [
        Article(url=SYNTH + "1", site="synth", section="사회",
                title='서초구는 "규제자유특구" 신청…주민 😀 환영',
                subtitle="구청장 \"속도 낼 것\"", body=ODD_BODY,
                authors=[Author("김서초", "기자", "seocho@synth.example.kr"),
                         Author("이특파", "특파원")],
                published_at=datetime(2025, 3, 12, 9, 30, tzinfo=KST),
                teasers=[Teaser("반포동 재건축 속도", SYNTH + "2", section="related"),
                         Teaser("<script>alert(1)</script> 제목", SYNTH + "3",
                                section="popular"),
                         Teaser("아직 보관되지 않은 기사", SYNTH + "99", section="popular")]),
        Article(url=SYNTH + "2", site="synth", section="경제",
                title="반포동 재건축 속도, 서울시 \"검토\"",
                body="서울특별시는 반포동 재건축 계획을 검토한다고 밝혔다.\n\n"
                     "주민들은 \"환영한다\"고 말했다.",
                authors=[Author("김서초", "기자", "seocho@synth.example.kr")],
                published_at=datetime(2025, 3, 13, 14, 0, tzinfo=KST),
                teasers=[Teaser("서초구 특구 신청", SYNTH + "1", section="related")]),
        Article(url=SYNTH + "3", site="synth", section="사회",
                title="<script>alert('x')</script> 태그가 든 제목",
                body="본문에 <b onmouseover=\"alert(1)\">마크업</b>과 "
                     "<a href=\"javascript:alert(1)\">링크</a>가 있다.",
                authors=[Author("박기자", "기자")],
                published_at=datetime(2025, 4, 2, 8, 0, tzinfo=KST),
                teasers=[Teaser("서초구 특구 신청", SYNTH + "1", section="popular")]),
    ]


def fixture_page(name: str) -> tuple[Path, str, dict]:
    meta = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return FIXTURES / f"{name}.html", meta["base_url"].rstrip("/") + meta["url"], meta


def build_archive(db: Path) -> Path:
    with Archive(db) as archive:
        for i, name in enumerate(PAGES):
            path, url, meta = fixture_page(name)
            body = path.read_bytes()
            charset = meta.get("http_charset")
            headers = {"content-type": f"text/html; charset={charset or 'utf-8'}",
                       "server": "demo"}
            fetched = FETCHED + timedelta(minutes=i)
            fetches = [fetched, fetched + timedelta(days=1)] if i == 0 else [fetched]
            for when in fetches:  # the first page fetched twice: same body, a revisit
                capture = archive.add_capture(url=url, final_url=url, status=200,
                                              headers=headers, body=body, fetched_at=when,
                                              run_id=None)
                article = extract_article(body, url, http_charset=charset, fetched_at=when)
                archive.store_article(article, capture_id=capture, seen_at=when)
        for article in synthetic_articles():
            archive.store_article(article, capture_id=None, seen_at=FETCHED)
    return db


@pytest.fixture(scope="session")
def archive_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(tmp_path_factory.mktemp("exports") / "archive.db")


@pytest.fixture
def archive_db(archive_template: Path, tmp_path: Path) -> Path:
    """A private copy of the fixture archive (tests may write to it)."""
    db = tmp_path / "archive.db"
    shutil.copy(archive_template, db)
    return db
