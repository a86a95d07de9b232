"""Schema upgrades from older archives, and crash safety under SIGKILL."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlite_utils

from pipelines.errors import ArchiveError
from pipelines.record import Article
from pipelines.store import hangul, schema
from pipelines.store.archive import Archive
from pipelines.store.search import match_ids
from pipelines.store.teaser_store import card_id
from tests.old_archives import old_archive

REPO = Path(__file__).resolve().parents[3]


def make_v1_archive(path: Path) -> None:
    """An archive as schema version 1 wrote it: base tables only, no FTS, no views."""
    db = sqlite_utils.Database(sqlite3.connect(str(path), isolation_level=None))
    schema.migrations.apply(db, stop_before="m002_search")
    db.conn.execute("PRAGMA user_version = 1")
    db.conn.execute(
        "INSERT INTO articles(url, site, title, body, author_names, sort_ts, text_hash, "
        "first_seen, last_seen, published_at, published_ts) VALUES "
        "('https://x.example/1', 'x', '서초구 소식', '서초구는 규제자유특구를 신청했다.', '김철수', "
        "1741482000, 'h', '2025-03-09T01:00:00+00:00', '2025-03-09T01:00:00+00:00', "
        "'2025-03-09T10:00:00+09:00', 1741482000)")
    db.conn.close()


def test_v1_archive_is_upgraded_with_data_intact(tmp_path):
    path = tmp_path / "old.db"
    make_v1_archive(path)
    raw = sqlite3.connect(path)
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    assert "articles" in tables and "articles_fts" not in tables
    raw.close()
    with Archive(path) as ar:
        assert schema.pending(ar.db) == []
        assert ar.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert ar.get_article(1)["title"] == "서초구 소식"
        assert match_ids(ar.conn, "특구") == {1}      # existing rows were indexed
        assert [r["id"] for r in ar.db["latest_articles"].rows] == [1]
        applied = [m.name for m in schema.migrations.applied(ar.db)]
        assert applied == ["m001_base", "m002_search", "m003_index_at_commit",
                           "m004_sort_blocks", "m005_teaser_cards", "m006_card_url_ranges",
                           "m007_fewer_merges", "m008_ascii_tokenizer"]
        assert ar.conn.execute("SELECT block, max_ts FROM sort_blocks").fetchall() == [
            (0, 1741482000)]
    with Archive(path) as ar:  # re-opening applies nothing twice
        assert len(schema.migrations.applied(ar.db)) == 8


def test_v2_archive_with_indexed_articles_upgrades_to_index_at_commit(tmp_path):
    path = tmp_path / "v2.db"
    db = sqlite_utils.Database(sqlite3.connect(str(path), isolation_level=None))
    schema.register_functions(db.conn)
    schema.migrations.apply(db, stop_before="m003_index_at_commit")
    db.conn.execute("PRAGMA user_version = 2")
    db.conn.execute(  # v2's per-row trigger indexes this at once
        "INSERT INTO articles(url, title, body, sort_ts, text_hash, first_seen, last_seen) "
        "VALUES ('https://x.example/1', '서초구 소식', '규제자유특구', 1, 'h', 't', 't')")
    db.conn.close()
    with Archive(path) as ar:
        assert match_ids(ar.conn, "특구") == {1}
        ar.conn.execute("UPDATE articles SET body = '국회 소식' WHERE id = 1")  # v3 trigger
        assert match_ids(ar.conn, "특구") == set() and match_ids(ar.conn, "국회") == {1}


def test_v4_teaser_rows_become_shared_cards_with_the_same_view(tmp_path):
    """Every teaser row reads back unchanged through the view; repeated cards are kept
    once; a card still waiting for its target is linked when the target arrives."""
    path = tmp_path / "v4.db"
    db = sqlite_utils.Database(sqlite3.connect(str(path), isolation_level=None))
    schema.register_functions(db.conn)
    schema.migrations.apply(db, stop_before="m005_teaser_cards")
    db.conn.execute("PRAGMA user_version = 4")
    for n in (1, 2, 3):
        db.conn.execute(
            "INSERT INTO articles(url, title, body, sort_ts, text_hash, first_seen, last_seen) "
            "VALUES (?, ?, '본문', 1, 'h', 't', 't')", (f"https://x.example/{n}", f"기사 {n}"))
    rows = [  # (article_id, position, box, title, url, snippet, target)
        (1, 0, "많이 본 뉴스", "셋째 기사", "https://x.example/3", None, 3),
        (1, 1, "최신", "없는 기사", "https://x.example/9", "요약", None),
        (2, 0, "많이 본 뉴스", "셋째 기사", "https://x.example/3", None, 3),
        (2, 1, "최신", "없는 기사", "https://x.example/9", "요약", None),
        (2, 2, "최신", "없는 기사 (수정)", "https://x.example/9", "요약", None),
    ]
    db.conn.executemany("INSERT INTO teasers(article_id, position, box, title, url, snippet, "
                        "target_article_id) VALUES (?,?,?,?,?,?,?)", rows)
    before = db.conn.execute("SELECT * FROM teasers ORDER BY id").fetchall()
    db.conn.close()
    with Archive(path) as ar:
        assert ar.conn.execute("SELECT * FROM teasers ORDER BY id").fetchall() == before
        assert ar.conn.execute("SELECT count(*) FROM teaser_cards").fetchone()[0] == 3
        assert ar.conn.execute("SELECT count(*) FROM page_teasers").fetchone()[0] == 5
        ar.store_article(Article(url="https://x.example/9", title="아홉째", body="본문"),
                         capture_id=None, seen_at=datetime.now(timezone.utc))
        ar.commit()
        linked = ar.conn.execute("SELECT DISTINCT target_article_id FROM teasers "
                                 "WHERE url = 'https://x.example/9'").fetchall()
        assert linked == [(4,)]
        assert [t["teaser_title"] for t in ar.get_article(4)["teased_by"]] == [
            "없는 기사", "없는 기사", "없는 기사 (수정)"]


def test_v6_archive_merges_16_segments_a_level_and_keeps_its_index(tmp_path):
    """Version 7 changes only how FTS5 merges: an older index must still answer, and the
    rows indexed after the upgrade must join it."""
    path = tmp_path / "v6.db"
    db = sqlite_utils.Database(sqlite3.connect(str(path), isolation_level=None))
    schema.register_functions(db.conn)
    schema.migrations.apply(db, stop_before="m007_fewer_merges")
    db.conn.execute("PRAGMA user_version = 6")
    automerge = "SELECT v FROM articles_fts_config WHERE k = 'automerge'"
    assert db.conn.execute(automerge).fetchone() == (8,)
    with db.atomic():  # indexed under version 6
        db.conn.execute("INSERT INTO articles(url, title, body, sort_ts, text_hash, "
                        "first_seen, last_seen) VALUES ('https://x.example/1', '서초구 소식', "
                        "'본문', 1, 'h', 't', 't')")
        schema.flush_index(db.conn)
    assert match_ids(db.conn, "서초구") == {1}
    db.conn.close()
    seen = datetime.now(timezone.utc)
    with Archive(path) as ar:
        assert ar.conn.execute(automerge).fetchone() == (16,)
        assert ar.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        ar.store_article(Article(url="https://x.example/2", title="서초구청", body="본문"),
                         capture_id=None, seen_at=seen)
        assert match_ids(ar.conn, "서초구") == {1, 2}
        ar.conn.execute("INSERT INTO articles_fts(articles_fts, rank) "
                        "VALUES ('integrity-check', 0)")


def test_v7_archive_is_reindexed_for_the_ascii_tokenizer(tmp_path):
    """Version 8 makes the index again (``ascii`` tokenizer, the analyzer folding what
    ``unicode61`` folded): what a version 7 archive found, it still finds, with the same
    FTS5 options, and the rebuilt index passes FTS5's own check."""
    path = old_archive(tmp_path / "v7.db", "m008_ascii_tokenizer", [
        ("https://x.example/1", None, "서초구 Café “소식”", "규제자유특구 ÉCOLE"),
        ("https://x.example/2", None, "Seoul news", "서울특별시는 Müller씨")])
    db = sqlite3.connect(str(path), isolation_level=None)
    db.execute("UPDATE na_meta SET value = '1' WHERE key = 'analyzer_version'")
    assert "unicode61" in db.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    db.close()
    with Archive(path) as ar:
        sql = ar.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'")
        assert "tokenize='ascii'" in sql.fetchone()[0]
        config = dict(ar.conn.execute("SELECT k, v FROM articles_fts_config"))
        assert config["automerge"] == 16 and config["pgsz"] == 4000
        assert config["crisismerge"] == 32 and config["hashsize"] == 33554432
        assert config["rank"] == "bm25(4.0, 2.0, 1.0, 2.0)"
        assert ar.conn.execute("SELECT value FROM na_meta WHERE key = 'analyzer_version'"
                               ).fetchone()[0] == str(hangul.ANALYZER_VERSION)
        for query, ids in [("서초구", {1}), ("특구", {1}), ("cafe", {1}), ("CAFÉ", {1}),
                           ("소식", {1}), ("ecole", {1}), ("muller", {2}), ("서울", {2}),
                           ("SEOUL", {2}), ("news", {2})]:
            assert match_ids(ar.conn, query) == ids, query
        ar.store_article(Article(url="https://x.example/3", title="Café 서초구청", body="본문"),
                         capture_id=None, seen_at=datetime.now(timezone.utc))
        ar.commit()
        assert match_ids(ar.conn, "café") == {1, 3}
        ar.conn.execute("INSERT INTO articles_fts(articles_fts, rank) "
                        "VALUES ('integrity-check', 0)")


def test_rebuilding_the_index_in_chunks_indexes_every_article(tmp_path, monkeypatch):
    monkeypatch.setattr(schema, "REBUILD_CHUNK", 3)
    seen = datetime.now(timezone.utc)
    with Archive(tmp_path / "a.db") as ar:
        for n in range(1, 9):
            ar.store_article(Article(url=f"https://x.example/{n}", title=f"서초구 {n}번",
                                     body="본문"), capture_id=None, seen_at=seen)
        ar.commit()
        ar.conn.execute("DELETE FROM articles WHERE id = 3")  # a gap in the ids
        with ar.db.atomic():
            schema.rebuild_fts(ar.conn)
        assert match_ids(ar.conn, "서초구") == {1, 2, 4, 5, 6, 7, 8}
        assert match_ids(ar.conn, "8번") == {8}
        ar.conn.execute("INSERT INTO articles_fts(articles_fts, rank) "
                        "VALUES ('integrity-check', 0)")


def test_v5_cards_get_url_range_hashes_and_still_link_their_target(tmp_path):
    """Cards written under version 5 (a hash of the whole card) are re-hashed, so that a
    later article finds the cards that teased it by its URL's hash range."""
    path = tmp_path / "v5.db"
    db = sqlite_utils.Database(sqlite3.connect(str(path), isolation_level=None))
    schema.register_functions(db.conn)
    schema.migrations.apply(db, stop_before="m006_card_url_ranges")
    db.conn.execute("PRAGMA user_version = 5")
    db.conn.execute("INSERT INTO articles(url, title, body, sort_ts, text_hash, first_seen, "
                    "last_seen) VALUES ('https://x.example/1', '기사', '본문', 1, 'h', 't', 't')")
    old_hash = 12345  # any version-5 hash: the migration recomputes it from the card
    db.conn.execute("INSERT INTO teaser_cards(hash, url, title, snippet) "
                    "VALUES (?, 'https://x.example/9', '없는 기사', NULL)", (old_hash,))
    db.conn.execute("INSERT INTO page_teasers(article_id, position, box, card_id) "
                    "VALUES (1, 0, '최신', 1)")
    db.conn.close()
    with Archive(path) as ar:
        assert ar.conn.execute("SELECT hash FROM teaser_cards").fetchone()[0] == card_id(
            "https://x.example/9", "없는 기사", None)
        indexes = {r[0] for r in ar.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'teaser_cards' "
            "AND sql IS NOT NULL")}
        assert indexes == {"teaser_cards_target"}
        ar.store_article(Article(url="https://x.example/9", title="아홉째", body="본문"),
                         capture_id=None, seen_at=datetime.now(timezone.utc))
        ar.commit()
        assert ar.conn.execute("SELECT target_article_id FROM teasers").fetchall() == [(2,)]


def test_readonly_refuses_an_archive_needing_upgrade(tmp_path):
    path = tmp_path / "old.db"
    make_v1_archive(path)
    with pytest.raises(ArchiveError, match="upgrad"):
        Archive(path, readonly=True)


CHILD = textwrap.dedent("""
    import sys
    from datetime import datetime, timezone
    from pipelines.record import Article, Author
    from pipelines.store.archive import Archive
    ar = Archive(sys.argv[1])
    now = datetime.now(timezone.utc)
    n = 0
    while True:
        ids = []
        with ar.batch():
            for _ in range(25):
                n += 1
                ar.store_article(Article(url=f"https://x.example/{n}", title=f"기사 {n}",
                                         body="서초구는 규제자유특구를 신청했다. " * 40,
                                         authors=[Author("김철수")]),
                                 capture_id=None, seen_at=now)
                ids.append(n)
        print(" ".join(map(str, ids)), flush=True)
""")


def test_sigkill_mid_write_keeps_every_committed_article(tmp_path):
    path = tmp_path / "crash.db"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                             text=True, env=env, cwd=REPO)
    committed: list[int] = []
    deadline = time.monotonic() + 60
    try:
        while len(committed) < 300 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            committed.extend(int(x) for x in line.split())
        time.sleep(0.05)  # let it get into the middle of the next batch
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    # lines printed after our last read were committed too
    committed.extend(int(x) for line in child.stdout.read().splitlines() for x in line.split())
    assert len(committed) >= 300, "child did not make progress"
    with Archive(path) as ar:
        assert ar.integrity_check() == "ok"
        urls = ar.known_article_urls()
        assert {f"https://x.example/{n}" for n in committed} <= urls
        n_rows = len(urls)
        assert n_rows % 25 == 0  # whole batches only: no half-written batch survived
        assert len(match_ids(ar.conn, "서초구")) == n_rows  # index consistent with the table
        assert ar.conn.execute(
            "SELECT count(*) FROM article_authors").fetchone()[0] == n_rows


def test_opening_while_another_process_writes_does_not_block(tmp_path):
    """A reader or a second writer opening the archive must not need the write lock
    (a crawler holds it during a batch)."""
    path = tmp_path / "busy.db"
    with Archive(path) as writer, writer.batch():
        writer.store_article(Article(url="https://x.example/1", title="서초구"),
                             capture_id=None, seen_at=datetime.now(timezone.utc))
        started = time.monotonic()
        with Archive(path) as second:
            assert second.known_article_urls() == set()  # uncommitted batch is invisible
        with Archive(path, readonly=True) as reader:
            assert reader.search("서초구") == []
        assert time.monotonic() - started < 5
