"""A small hand-written archive shared by the store tests."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pipelines.record import Article, Author, Teaser
from pipelines.store.archive import Archive

KST = timezone(timedelta(hours=9))
EST = timezone(timedelta(hours=-5))
SEEN = datetime(2025, 3, 12, 12, 0, tzinfo=timezone.utc)


def art(no: int, site: str, **kw) -> Article:
    return Article(url=f"https://{site}.example/news/article.html?no={no}", site=site, **kw)


#: (article, expected id). Ids follow insertion order.
CORPUS = [
    art(1, "tvseoul", section="정치", title="서초구, 규제자유특구 신청",
        body="서초구는 9일 규제자유특구 지정을 신청했다고 밝혔다.",
        authors=[Author("김철수", "기자", "kim@tvseoul.example")],
        published_at=datetime(2025, 3, 9, 10, 0, tzinfo=KST)),
    art(2, "tvseoul", section="경제", title="서울시 반포동 개발",
        body="서울특별시는 서초구의 반포동 개발 계획을 발표했다.",
        authors=[Author("이영희", "기자")],
        published_at=datetime(2025, 3, 10, 9, 0, tzinfo=KST)),
    art(3, "nuri", section="정치", title="국회, AI특구 법안 논의",
        body="국회의원들은 AI특구 법안을 논의했다. K-POP 산업 지원도 포함됐다.",
        authors=[Author("김철수"), Author("박민수")],
        published_at=datetime(2025, 3, 11, 15, 0, tzinfo=KST),
        teasers=[Teaser("서초구 예산", "https://tvseoul.example/news/article.html?no=6",
                        section="많이 본 뉴스")]),
    art(4, "nuri", section="문화", title="말놀이",
        body="가서초 초구나 하는 말은 사투리가 아니다.",
        published_at=datetime(2025, 3, 8, 18, 0, tzinfo=KST)),
    art(5, "herald", section="culture", title="Art exhibition opens in Seoul",
        body="The art exhibition will start next week. Visitors can see modern paintings.",
        authors=[Author("Jane Doe")],
        published_at=datetime(2025, 3, 12, 8, 0, tzinfo=KST)),
    art(6, "tvseoul", section="경제", title="2025년 예산 편성",
        body="2025년 예산 1천100억원 편성… 서초구가 가장 많아",
        authors=[Author("이영희", "기자")],
        published_at=datetime(2025, 3, 7, 11, 0, tzinfo=KST)),
    art(7, "herald", section="politics", title="Prime Minister meets startup founders",
        body="The prime minister discussed artificial intelligence and K-POP exports.",
        authors=[Author("John Smith")],
        published_at=datetime(2025, 3, 9, 23, 30, tzinfo=EST)),
    art(8, "nuri", section="사회", title="구청장 발언 논란",
        body="구청장의 발언이 논란이 되고 있다. 서 구청장은 해명했다.",
        published_at=None),
]


@pytest.fixture
def archive(tmp_path):
    with Archive(tmp_path / "archive.db") as ar:
        yield ar


@pytest.fixture
def corpus_archive(tmp_path):
    with Archive(tmp_path / "corpus.db") as ar:
        with ar.batch():
            for a in CORPUS:
                assert ar.store_article(a, capture_id=None, seen_at=SEEN) == "new"
        yield ar
