"""Teaser cards stored once and placed on pages (pipelines/store/teaser_store.py)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pipelines.record import Article, Teaser
from pipelines.store.archive import Archive
from pipelines.store.teaser_store import CardCache, card_id, url_range

SEEN = datetime(2025, 3, 9, 1, 0, tzinfo=timezone.utc)


def page(no: int, *teasers: Teaser) -> Article:
    return Article(url=f"https://x.example/news/{no}", title=f"기사 {no}",
                   body="본문입니다.", teasers=list(teasers))


LATEST = Teaser(title="구청장 기자회견", url="https://x.example/news/7?utm_source=box",
                snippet="구청장이 오늘 기자회견을 열었다.", section="최신기사")
POPULAR = Teaser(title="서초구 예산안", url="https://x.example/news/8",
                 section="많이 본 뉴스")


def count(archive, table: str) -> int:
    return archive.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize("a, b", [
    (("u", "t", None), ("u", "t", "")),        # no snippet is not an empty snippet
    (("u", "t", "s"), ("u", "t2", "s")),
    (("u", "t", "s"), ("u2", "t", "s")),
    (("u", "t\x1fs", None), ("u", "t", "s")),  # the separator cannot fake a field boundary
])
def test_card_ids_differ_for_different_cards(a, b):
    assert card_id(*a) != card_id(*b)


def test_card_hashes_are_stable_and_fit_an_sqlite_integer():
    ids = [card_id(f"https://x.example/{n}", "제목", None) for n in range(1000)]
    assert ids == [card_id(f"https://x.example/{n}", "제목", None) for n in range(1000)]
    assert all(0 <= i < 2 ** 63 for i in ids) and len(set(ids)) == 1000


def test_the_cards_of_one_url_share_its_hash_range():
    low, high = url_range("https://x.example/9")
    cards = [card_id("https://x.example/9", t, s) for t, s in
             [("제목", None), ("제목 (수정)", None), ("제목", "요약")]]
    assert all(low <= c <= high for c in cards) and len(set(cards)) == 3
    other = card_id("https://x.example/10", "제목", None)
    assert not low <= other <= high


@pytest.mark.parametrize("sql, index", [
    # linking a new article's teasers searches its URL's range of the hash index
    ("UPDATE teaser_cards SET target_article_id = 1 WHERE hash BETWEEN 1 AND 2 "
     "AND url = 'u' AND +target_article_id IS NULL", "sqlite_autoindex_teaser_cards"),
    # "teased by" finds linked cards in the partial target index
    ("SELECT * FROM teasers WHERE target_article_id = 7", "teaser_cards_target"),
])
def test_card_queries_use_an_index(archive, sql, index):
    plan = " ".join(r[3] for r in archive.conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert f"USING INDEX {index}" in plan or f"USING COVERING INDEX {index}" in plan, plan


def test_a_card_shown_on_many_pages_is_stored_once(archive):
    for no in range(1, 6):
        archive.store_article(page(no, LATEST, POPULAR), capture_id=None, seen_at=SEEN)
    archive.commit()
    assert count(archive, "teaser_cards") == 2
    assert count(archive, "page_teasers") == count(archive, "teasers") == 10
    rows = archive.conn.execute(
        "SELECT article_id, position, box, title, url, snippet FROM teasers "
        "WHERE article_id = 3 ORDER BY position").fetchall()
    assert rows == [
        (3, 0, "최신기사", LATEST.title, "https://x.example/news/7", LATEST.snippet),
        (3, 1, "많이 본 뉴스", POPULAR.title, POPULAR.url, None)]


def test_cards_are_linked_to_their_target_in_either_order(archive):
    archive.store_article(page(1, LATEST, POPULAR), capture_id=None, seen_at=SEEN)
    archive.store_article(page(7), capture_id=None, seen_at=SEEN)     # teased before
    archive.store_article(page(2, LATEST), capture_id=None, seen_at=SEEN)
    archive.commit()
    targets = dict(archive.conn.execute(
        "SELECT url, target_article_id FROM teaser_cards").fetchall())
    assert targets == {"https://x.example/news/7": 2, POPULAR.url: None}
    assert [t["article_id"] for t in archive.get_article(2)["teased_by"]] == [1, 3]


def test_a_card_written_in_a_rolled_back_batch_is_written_again(archive):
    """The writer remembers the cards it stored; a rollback must make it forget them, or
    the next page would point at a card that no longer exists."""
    with pytest.raises(RuntimeError):
        with archive.batch():
            archive.store_article(page(1, LATEST), capture_id=None, seen_at=SEEN)
            raise RuntimeError("crawl killed")
    assert count(archive, "teaser_cards") == 0
    archive.store_article(page(2, LATEST), capture_id=None, seen_at=SEEN)
    archive.commit()
    assert count(archive, "teaser_cards") == 1
    assert archive.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_update_adds_only_the_new_places(archive):
    archive.store_article(page(1, LATEST), capture_id=None, seen_at=SEEN)
    archive.store_article(page(1, LATEST, POPULAR), capture_id=None, seen_at=SEEN)
    archive.commit()
    assert archive.conn.execute(
        "SELECT position, url FROM teasers WHERE article_id = 1 ORDER BY position").fetchall() \
        == [(0, "https://x.example/news/7"), (1, POPULAR.url)]


def test_cards_stored_by_another_writer_or_forgotten_are_looked_up(archive, tmp_path):
    """A card the writer does not remember (stored by another process, or before its
    cache filled up and started over) is found, not inserted twice."""
    archive._cards = CardCache(limit=1)  # forgets all but the newest cards every page
    for no in range(1, 5):
        archive.store_article(page(no, LATEST, POPULAR), capture_id=None, seen_at=SEEN)
    archive.commit()
    with Archive(tmp_path / "archive.db") as other:
        other.store_article(page(9, POPULAR, LATEST), capture_id=None, seen_at=SEEN)
        other.commit()
    assert count(archive, "teaser_cards") == 2 and count(archive, "teasers") == 10
    assert archive.conn.execute(
        "SELECT count(DISTINCT card_id) FROM page_teasers").fetchone()[0] == 2
