"""Storage: schema, idempotence, versions, captures, teasers, authors, runs, reparse."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
import zstandard

from pipelines.errors import ArchiveError
from pipelines.record import Article, Author, Teaser
from pipelines.siteconfig import site_from_dict
from pipelines.store import schema
from pipelines.store.archive import Archive
from pipelines.store.search import match_ids

from .conftest import CORPUS, KST, SEEN

LATER = SEEN + timedelta(hours=6)


def article(**kw) -> Article:
    base = dict(url="https://tvseoul.example/news/article.html?no=1&utm_source=rss",
                site="tvseoul", section="정치", title="서초구 규제자유특구 신청",
                subtitle="부제목", body="서초구는 9일 규제자유특구 지정을 신청했다.",
                authors=[Author("김철수", "기자", "kim@x.example")],
                published_at=datetime(2025, 3, 9, 10, tzinfo=KST),
                teasers=[Teaser("다른 기사", "https://tvseoul.example/news/article.html?no=2",
                                None, "많이 본 뉴스")],
                extractor_version="1")
    base.update(kw)
    return Article(**base)


def row(ar: Archive, article_id: int) -> dict:
    cur = ar.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,))
    return dict(zip([d[0] for d in cur.description], cur.fetchone()))


def counts(ar: Archive) -> dict[str, int]:
    tables = ["articles", "article_versions", "authors", "article_authors", "teasers",
              "captures", "capture_bodies"]
    return {t: ar.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_schema_tables_views_and_pragmas(archive):
    names = {r[0]: r[1] for r in archive.conn.execute("SELECT name, type FROM sqlite_master")}
    for table in ("sites", "crawl_runs", "captures", "capture_bodies", "articles",
                  "article_versions", "authors", "article_authors", "teaser_cards",
                  "page_teasers", "articles_fts"):
        assert names.get(table) == "table", table
    for view in ("latest_articles", "teasers", "teaser_graph", "articles_per_day"):
        assert names.get(view) == "view", view
    for trigger in ("articles_fts_insert", "articles_fts_update", "articles_fts_delete"):
        assert names.get(trigger) == "trigger"
    q = archive.conn.execute
    assert q("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert q("PRAGMA foreign_keys").fetchone()[0] == 1
    assert q("PRAGMA busy_timeout").fetchone()[0] == 30000
    assert q("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert q("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    plan = " ".join(str(r) for r in q(
        "EXPLAIN QUERY PLAN SELECT * FROM latest_articles LIMIT 20").fetchall())
    assert "articles_sort" in plan  # newest-first is an index scan, not a sort


def test_store_is_idempotent(archive):
    cap = archive.add_capture(url="https://tvseoul.example/news/article.html?no=1",
                              final_url="https://tvseoul.example/news/article.html?no=1",
                              status=200, headers={"ETag": '"abc"'}, body=b"<html>1</html>",
                              fetched_at=SEEN, run_id=None)
    assert archive.store_article(article(), capture_id=cap, seen_at=SEEN) == "new"
    before, n_before = row(archive, 1), counts(archive)
    assert archive.store_article(article(), capture_id=cap, seen_at=LATER) == "unchanged"
    after = row(archive, 1)
    assert after.pop("last_seen") == LATER.isoformat()
    assert before.pop("last_seen") == SEEN.isoformat()
    assert after == before
    assert counts(archive) == n_before
    assert after["url"] == "https://tvseoul.example/news/article.html?no=1"  # canonical


def test_whitespace_only_changes_are_not_versions(archive):
    archive.store_article(article(), capture_id=None, seen_at=SEEN)
    assert archive.store_article(article(body="서초구는  9일 규제자유특구\n지정을 신청했다. "),
                                 capture_id=None, seen_at=LATER) == "unchanged"
    assert archive.versions(1) == []


def test_changed_article_keeps_exactly_one_old_version(archive):
    archive.store_article(article(), capture_id=None, seen_at=SEEN)
    n = counts(archive)
    new = article(title="서초구, 특구 지정 확정", body="서초구는 규제자유특구로 최종 지정됐다.",
                  extractor_version="2")
    assert archive.store_article(new, capture_id=None, seen_at=LATER) == "updated"
    versions = archive.versions(1)
    assert len(versions) == 1
    old = versions[0]
    assert old["title"] == "서초구 규제자유특구 신청"
    assert old["body"] == "서초구는 9일 규제자유특구 지정을 신청했다."
    assert old["extractor_version"] == "1" and old["seen_at"] == SEEN.isoformat()
    cur = row(archive, 1)
    assert cur["title"] == "서초구, 특구 지정 확정" and cur["last_seen"] == LATER.isoformat()
    assert cur["first_seen"] == SEEN.isoformat()
    assert counts(archive)["article_versions"] == n["article_versions"] + 1
    assert counts(archive)["articles"] == n["articles"]
    # the index follows the update trigger: old words gone, new words found
    assert match_ids(archive.conn, "신청") == set()
    assert match_ids(archive.conn, "확정") == {1}
    assert archive.conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 0)") is not None


def test_delete_trigger_removes_from_index(archive):
    archive.store_article(article(teasers=[]), capture_id=None, seen_at=SEEN)
    archive.conn.execute("DELETE FROM article_authors")
    archive.conn.execute("DELETE FROM articles WHERE id = 1")
    assert match_ids(archive.conn, "서초구") == set()


@pytest.mark.parametrize("cache_mb, pages", [(64, -65536), (32, -32768)])
def test_page_cache_size_is_set_per_connection(tmp_path, cache_mb, pages):
    with Archive(tmp_path / "a.db", cache_mb=cache_mb) as ar:
        assert ar.conn.execute("PRAGMA cache_size").fetchone()[0] == pages


def test_a_new_archive_has_16k_pages_and_an_old_one_keeps_its_own(tmp_path):
    with Archive(tmp_path / "new.db") as ar:
        assert ar.conn.execute("PRAGMA page_size").fetchone()[0] == 16384
    old = sqlite3.connect(tmp_path / "old.db")
    old.execute("PRAGMA page_size = 4096")
    old.execute("PRAGMA journal_mode = WAL")
    old.close()
    with Archive(tmp_path / "old.db") as ar:
        ar.store_article(article(), capture_id=None, seen_at=SEEN)
        ar.commit()
        assert ar.conn.execute("PRAGMA page_size").fetchone()[0] == 4096
    with Archive(tmp_path / "old.db", readonly=True) as ar:
        assert [h.id for h in ar.search("서초구")] == [1]
        assert ar.integrity_check() == "ok"


def test_new_articles_are_indexed_at_commit_in_the_same_transaction(tmp_path):
    with Archive(tmp_path / "a.db", commit_every=100) as ar:
        ar.store_article(article(teasers=[]), capture_id=None, seen_at=SEEN)
        queued = ar.conn.execute("SELECT id FROM fts_pending").fetchall()
        assert queued == [(1,)] and match_ids(ar.conn, "서초구") == set()
        ar.commit()
        assert ar.conn.execute("SELECT count(*) FROM fts_pending").fetchone()[0] == 0
        assert match_ids(ar.conn, "서초구") == {1}


@pytest.mark.parametrize("change", ["update", "delete"])
def test_queued_article_changed_before_commit_keeps_the_index_exact(tmp_path, change):
    with Archive(tmp_path / "a.db", commit_every=100) as ar:
        ar.store_article(article(title="서초구 소식", teasers=[]), capture_id=None, seen_at=SEEN)
        ar.store_article(article(url="https://tvseoul.example/2", title="예산", body="국회 처리",
                                 teasers=[]), capture_id=None, seen_at=SEEN)
        if change == "update":  # no index row yet: the trigger must not 'delete' one
            ar.store_article(article(title="서초구 소식", body="서초구는 특구 지정을 확정했다."),
                             capture_id=None, seen_at=LATER)
        else:
            ar.conn.execute("DELETE FROM article_authors WHERE article_id = 1")
            ar.conn.execute("DELETE FROM articles WHERE id = 1")
        ar.commit()
        assert match_ids(ar.conn, "국회") == {2}
        assert match_ids(ar.conn, "신청") == set()
        assert match_ids(ar.conn, "확정") == ({1} if change == "update" else set())
        ar.conn.execute("INSERT INTO articles_fts(articles_fts, rank) "
                        "VALUES ('integrity-check', 0)")


@pytest.mark.parametrize("kept", [0, 3, 5_000])  # index texts the writer keeps for the flush
def test_index_texts_kept_by_the_writer_index_exactly_what_is_stored(tmp_path, monkeypatch,
                                                                      kept):
    """The flush binds the texts the writer analysed, and reads back the articles past
    ANALYSED_MAX; either way a later delete (which analyses the stored row) must remove
    exactly the tokens that were indexed, or FTS5's integrity check fails."""
    from pipelines.store import archive as archive_mod

    from .conftest import CORPUS

    monkeypatch.setattr(archive_mod, "ANALYSED_MAX", kept)
    with Archive(tmp_path / "a.db") as ar:
        with ar.batch():
            for a in CORPUS:
                ar.store_article(a, capture_id=None, seen_at=SEEN)
        assert len(ar._analysed) == 0  # cleared at commit
        assert match_ids(ar.conn, "특구") == {1, 3} and match_ids(ar.conn, "art") == {5}
        with ar.batch():
            ar.conn.execute("DELETE FROM article_authors")
            ar.conn.execute("DELETE FROM page_teasers")
            ar.conn.execute("DELETE FROM articles WHERE id % 2 = 1")
        assert match_ids(ar.conn, "특구") == set() and match_ids(ar.conn, "서울") == {2}
        ar.conn.execute("INSERT INTO articles_fts(articles_fts, rank) "
                        "VALUES ('integrity-check', 0)")


def test_rows_inserted_with_plain_sql_are_indexed_when_the_archive_next_opens(tmp_path):
    path = tmp_path / "a.db"
    Archive(path).close()
    raw = sqlite3.connect(path)
    raw.execute("INSERT INTO articles(url, title, body, sort_ts, text_hash, first_seen, "
                "last_seen) VALUES ('https://x.example/1', '제목', '규제자유특구', 1, 'h', 't', 't')")
    raw.commit()
    raw.close()
    with Archive(path) as ar:
        assert match_ids(ar.conn, "특구") == {1}


def test_author_cache_fills_a_later_email_and_forgets_rolled_back_ids(archive):
    archive.store_article(article(authors=[Author("박기자")]), capture_id=None, seen_at=SEEN)
    archive.store_article(article(url="https://tvseoul.example/2", title="둘",
                                  authors=[Author("박기자", email="park@x.example")]),
                          capture_id=None, seen_at=SEEN)
    assert archive.conn.execute("SELECT email FROM authors WHERE name = '박기자'"
                                ).fetchall() == [("park@x.example",)]
    with pytest.raises(RuntimeError):
        with archive.batch():
            archive.store_article(article(url="https://tvseoul.example/3", title="셋",
                                          authors=[Author("최신입")]),
                                  capture_id=None, seen_at=SEEN)
            raise RuntimeError("boom")
    archive.store_article(article(url="https://tvseoul.example/4", title="넷",
                                  authors=[Author("최신입")]), capture_id=None, seen_at=SEEN)
    assert [a["name"] for a in archive.get_article(
        archive.conn.execute("SELECT id FROM articles WHERE title = '넷'").fetchone()[0]
    )["authors"]] == ["최신입"]


def test_identical_bodies_are_stored_once(archive):
    ids = [archive.add_capture(url=f"https://x.example/{i}", final_url=f"https://x.example/{i}",
                               status=200, headers={}, body=b"same body" * 100,
                               fetched_at=SEEN, run_id=None) for i in range(3)]
    archive.add_capture(url="https://x.example/other", final_url=None, status=200, headers={},
                        body=b"other", fetched_at=SEEN, run_id=None)
    assert len(set(ids)) == 3
    assert counts(archive)["capture_bodies"] == 2
    blob = archive.conn.execute("SELECT compressed FROM capture_bodies WHERE id = 1").fetchone()
    assert zstandard.ZstdDecompressor().decompress(blob[0]) == b"same body" * 100
    rows = list(archive.iter_captures())
    assert [c.body for c in rows] == [b"same body" * 100] * 3 + [b"other"]
    assert rows[0].size == 900


def test_a_body_packed_by_the_extraction_worker_is_stored_as_if_packed_here(archive):
    from pipelines.extract_worker import extract_and_pack

    body = ("<html><head><title>서초구 소식</title></head><body><h1>서초구 소식</h1>"
            + "<p>서초구는 9일 새 정책을 발표했다. 주민 설명회도 열린다.</p>" * 4
            + "</body></html>").encode()
    article, error, packed = extract_and_pack(body, "https://x.example/1", None,
                                              "text/html; charset=utf-8", None)
    assert error is None and article.title == "서초구 소식"
    a = archive.add_capture(url="https://x.example/1", final_url=None, status=200, headers={},
                            body=body, fetched_at=SEEN, run_id=None, packed=packed)
    b = archive.add_capture(url="https://x.example/2", final_url=None, status=200, headers={},
                            body=body, fetched_at=SEEN, run_id=None)
    assert counts(archive)["capture_bodies"] == 1  # same sha256 either way
    assert archive.get_capture(a).body == archive.get_capture(b).body == body
    assert archive.get_capture(a).sha256 == hashlib.sha256(body).hexdigest()


def test_a_page_that_fails_extraction_is_still_packed():
    from pipelines.errors import NotHTMLError
    from pipelines.extract_worker import extract_and_pack

    article, error, (_, compressed) = extract_and_pack(b"\x00\x01" * 100, "https://x/1",
                                                           None, None, None)
    assert article is None and isinstance(error, NotHTMLError)
    assert zstandard.ZstdDecompressor().decompress(compressed) == b"\x00\x01" * 100


def test_bodies_written_by_older_versions_with_zlib_still_read(archive):
    archive.add_capture(url="https://x.example/1", final_url=None, status=200, headers={},
                        body=b"new", fetched_at=SEEN, run_id=None)
    archive.conn.execute("UPDATE capture_bodies SET compressed = ? WHERE id = 1",
                         (zlib.compress("옛 본문".encode() * 50, 6),))
    assert [c.body for c in archive.iter_captures()] == ["옛 본문".encode() * 50]
    archive.conn.execute("UPDATE capture_bodies SET compressed = x'00112233' WHERE id = 1")
    with pytest.raises(ArchiveError, match="cannot be decompressed"):
        [c.body for c in archive.iter_captures()]


def test_open_transaction_keeps_bodies_compressed_for_replay(tmp_path):
    """A long crawl commits every few seconds; until then the journal that replays the
    open transaction after a failed write holds each page, so it holds it compressed."""
    body = ("<p>서초구는 규제자유특구를 신청했다.</p>" * 2000).encode()
    with Archive(tmp_path / "a.db", commit_every=1000) as ar:
        ar.add_capture(url="https://x.example/1", final_url=None, status=200, headers={},
                       body=body, fetched_at=SEEN, run_id=None)
        held = sum(len(a) for _, args in ar._journal for a in args if isinstance(a, bytes))
        assert 0 < held < len(body) / 20
        ar.commit()
        assert [c.body for c in ar.iter_captures()] == [body]


def test_capture_validators(archive):
    assert archive.capture_validators("https://x.example/a") == (None, None)
    for i, (etag, when) in enumerate([('"v1"', SEEN), ('"v2"', LATER)]):
        archive.add_capture(url="https://x.example/a", final_url="https://x.example/a",
                            status=200, headers={"ETag": etag, "last-modified": f"day {i}"},
                            body=f"b{i}".encode(), fetched_at=when, run_id=None)
    assert archive.capture_validators("https://x.example/a") == ('"v2"', "day 1")


@pytest.mark.parametrize("teaser_first", [True, False])
def test_teaser_targets_link_in_either_order(archive, teaser_first):
    source = article(url="https://x.example/source", teasers=[
        Teaser("target story", "https://x.example/target?utm_source=box#top", "snippet", "box")])
    target = article(url="https://x.example/target", title="target", body="타깃 기사",
                     teasers=[])
    order = [source, target] if teaser_first else [target, source]
    for a in order:
        archive.store_article(a, capture_id=None, seen_at=SEEN)
    source_id = archive.get_article("https://x.example/source")["id"]
    target_id = archive.get_article("https://x.example/target")["id"]
    t = archive.get_article(source_id)["teasers"]
    assert t[0]["url"] == "https://x.example/target"
    assert t[0]["target_article_id"] == target_id
    assert archive.get_article(target_id)["teased_by"][0]["article_id"] == source_id
    graph = list(archive.db["teaser_graph"].rows)
    assert graph[0]["source_id"] == source_id and graph[0]["target_id"] == target_id


@pytest.mark.parametrize("n", [1, 15, 16, 17, 49, 50, 51, 123])
def test_every_teaser_row_is_stored_in_order(archive, n):
    """Many teasers: none lost or reordered, targets resolved per row, teasers seen on a
    later capture numbered after them."""
    target = article(url="https://x.example/t7", title="target", body="타깃", teasers=[])
    archive.store_article(target, capture_id=None, seen_at=SEEN)
    teasers = [Teaser(f"title {i}", f"https://x.example/t{i}", f"snip {i}", f"box{i % 3}")
               for i in range(n)]
    archive.store_article(article(teasers=teasers), capture_id=None, seen_at=SEEN)
    rows = archive.db.query("SELECT position, box, title, url, snippet, target_article_id "
                            "FROM teasers WHERE article_id = 2 ORDER BY id")
    assert [(r["position"], r["title"], r["url"], r["snippet"], r["box"]) for r in rows] == [
        (i, f"title {i}", f"https://x.example/t{i}", f"snip {i}", f"box{i % 3}")
        for i in range(n)]
    assert [r["target_article_id"] for r in archive.db.query(
        "SELECT target_article_id FROM teasers WHERE article_id = 2 ORDER BY id")] == [
        1 if i == 7 else None for i in range(n)]
    more = article(teasers=teasers + [Teaser("late", "https://x.example/late", None, "box")])
    assert archive.store_article(more, capture_id=None, seen_at=LATER) == "unchanged"
    last = list(archive.db.query("SELECT position, url FROM teasers WHERE article_id = 2 "
                                 "ORDER BY id DESC LIMIT 1"))[0]
    assert last == {"position": n, "url": "https://x.example/late"}


def test_authors_are_deduplicated_per_outlet(archive):
    archive.store_article(article(), capture_id=None, seen_at=SEEN)
    archive.store_article(article(url="https://tvseoul.example/2", title="다른 기사",
                                  authors=[Author("김철수"), Author(" 김철수 "),
                                           Author("이영희", email="lee@x.example")]),
                          capture_id=None, seen_at=SEEN)
    archive.store_article(article(url="https://nuri.example/3", site="nuri", title="누리"),
                          capture_id=None, seen_at=SEEN)
    rows = archive.conn.execute("SELECT name, outlet, email FROM authors ORDER BY id").fetchall()
    assert rows == [("김철수", "tvseoul", "kim@x.example"), ("이영희", "tvseoul", "lee@x.example"),
                    ("김철수", "nuri", "kim@x.example")]
    assert [a["name"] for a in archive.get_article(2)["authors"]] == ["김철수", "이영희"]
    latest = {r["id"]: r["authors"] for r in archive.db["latest_articles"].rows}
    assert latest[2] == "김철수, 이영희"


def test_runs_sites_and_stats(corpus_archive):
    ar = corpus_archive
    ar.upsert_site(site_from_dict({"name": "tvseoul", "base_url": "https://tvseoul.example/",
                                   "cms": "article_no"}))
    run = ar.start_run(["tvseoul"], "newsarchive crawl tvseoul", "0.1.0")
    ar.finish_run(run, "finished", {"pages_fetched": 10, "new": 3, "failed": 1},
                  [{"url": "https://tvseoul.example/x", "error": "timeout"}])
    r = ar.conn.execute("SELECT status, pages_fetched, new, failed, errors, sites "
                        "FROM crawl_runs WHERE id = ?", (run,)).fetchone()
    assert r[:4] == ("finished", 10, 3, 1)
    assert json.loads(r[4])[0]["error"] == "timeout" and json.loads(r[5]) == ["tvseoul"]
    with pytest.raises(ArchiveError):
        ar.finish_run(999, "finished", {}, [])
    s = ar.stats()
    assert s["articles"] == 8 and s["sites"] == {"tvseoul": 3, "nuri": 3, "herald": 2}
    assert s["days"]["2025-03-09"] == 2  # article 7 counts on its own local day
    assert s["runs"][0]["new"] == 3 and s["runs"][0]["errors"] == 1
    assert ar.stats("tvseoul")["sections"] == {"경제": 2, "정치": 1}
    per_day = {(r["site"], r["day"]): r["articles"] for r in ar.db["articles_per_day"].rows}
    assert per_day[("herald", "2025-03-09")] == 1
    assert ar.db["sites"].get("tvseoul")["cms"] == "article_no"


def test_get_and_iter_articles(corpus_archive):
    a = corpus_archive.get_article(3)
    assert a["title"] == "국회, AI특구 법안 논의"
    assert [x["name"] for x in a["authors"]] == ["김철수", "박민수"]
    assert a["teasers"][0]["target_article_id"] == 6
    assert corpus_archive.get_article(6)["teased_by"][0]["article_id"] == 3
    assert corpus_archive.get_article("https://nuri.example/news/article.html?no=3#c") == a
    assert corpus_archive.get_article(999) is None
    rows = list(corpus_archive.iter_articles(site="tvseoul", since="2025-03-08"))
    assert [r["id"] for r in rows] == [1, 2]
    assert rows[0]["authors"][0]["name"] == "김철수"
    assert len(list(corpus_archive.iter_articles())) == len(CORPUS)
    assert corpus_archive.known_article_urls("herald") == {
        "https://herald.example/news/article.html?no=5",
        "https://herald.example/news/article.html?no=7"}


def test_batch_rolls_back_on_error_and_failed_item_keeps_earlier_ones(archive):
    with pytest.raises(RuntimeError):
        with archive.batch():
            archive.store_article(article(), capture_id=None, seen_at=SEEN)
            raise RuntimeError("boom")
    assert counts(archive)["articles"] == 0
    # in auto-batch mode a failing write must not drop the uncommitted ones before it
    with Archive(archive.path, commit_every=100) as ar:
        ar.store_article(article(), capture_id=None, seen_at=SEEN)
        with pytest.raises(ArchiveError):
            ar.store_article(article(url="https://x.example/2"), capture_id=12345, seen_at=SEEN)
        ar.store_article(article(url="https://x.example/4"), capture_id=None, seen_at=SEEN)
        with pytest.raises(Exception):
            ar._run_write(lambda conn: conn.execute("INSERT INTO nope VALUES (1)"))
        ar.store_article(article(url="https://x.example/5"), capture_id=None, seen_at=SEEN)
    with Archive(archive.path, readonly=True) as ar:
        assert sorted(ar.known_article_urls()) == [
            "https://tvseoul.example/news/article.html?no=1", "https://x.example/4",
            "https://x.example/5"]
        assert ar.integrity_check() == "ok"


def test_readonly(tmp_path, corpus_archive):
    with pytest.raises(ArchiveError):
        Archive(tmp_path / "missing.db", readonly=True)
    with Archive(corpus_archive.path, readonly=True) as ro:
        assert len(ro.search("서초구")) == 3
        with pytest.raises(ArchiveError):
            ro.store_article(article(), capture_id=None, seen_at=SEEN)


def test_not_an_archive(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ArchiveError):
        Archive(path)


def test_naive_seen_at_is_rejected(archive):
    with pytest.raises(ArchiveError):
        archive.store_article(article(), capture_id=None, seen_at=datetime(2025, 1, 1))


def test_reparse_updates_only_changed_articles(archive):
    html = {1: b"<h1>old one</h1>", 2: b"<h1>two</h1>", 3: b"<h1>three</h1>"}
    for no, body in html.items():
        url = f"https://x.example/{no}"
        cap = archive.add_capture(url=url, final_url=url, status=200, headers={"X": str(no)},
                                  body=body, fetched_at=SEEN, run_id=None)
        archive.store_article(Article(url=url, title=body.decode()[4:-5], body="본문 " + str(no)),
                              capture_id=cap, seen_at=SEEN)
    seen = []

    def extract(body: bytes, url: str, headers: dict) -> Article:
        seen.append((url, headers["X"]))
        if url.endswith("/3"):
            raise ValueError("extractor bug")
        title = body.decode()[4:-5].replace("old one", "new one")
        return Article(url=url, title=title, body="본문 " + url[-1], extractor_version="2")

    progress = []
    result = archive.reparse(extract, progress=lambda done, total: progress.append((done, total)))
    assert result == {"checked": 3, "changed": 1, "refreshed": 0, "unchanged": 1, "failed": 1}
    assert sorted(seen) == [("https://x.example/1", "1"), ("https://x.example/2", "2"),
                            ("https://x.example/3", "3")]
    one = archive.get_article(1)
    assert one["title"] == "new one" and one["versions"][0]["title"] == "old one"
    assert one["last_seen"] == SEEN.isoformat()  # reparse is not a new sighting
    assert archive.get_article(2)["versions"] == []
    assert progress[-1] == (3, 3)
    assert match_ids(archive.conn, "new") == {1}


def _stored_with_capture(archive, stored: Article) -> int:
    cap = archive.add_capture(url=stored.url, final_url=stored.url, status=200, headers={},
                              body=b"<h1>page</h1>", fetched_at=SEEN, run_id=None)
    archive.store_article(stored, capture_id=cap, seen_at=SEEN)
    return archive.conn.execute("SELECT id FROM articles WHERE url = ?",
                                (stored.url,)).fetchone()[0]


def test_reparse_refreshes_authors_and_dates_when_only_they_changed(archive):
    stored = Article(url="https://x.example/1", site="x", title="제목", body="본문 텍스트",
                     authors=[Author("Jeff FoustMonday")], extractor_version="1")
    article_id = _stored_with_capture(archive, stored)
    sort_before = archive.conn.execute("SELECT sort_ts FROM articles").fetchone()[0]
    better = replace(stored, authors=[Author("Jeff Foust", "기자", "jf@x.example")],
                     published_at=datetime(2019, 11, 18, tzinfo=KST), section="우주",
                     extractor_version="2", sources={"authors": "heuristic"})

    assert archive.reparse(lambda b, u, h: better) == {
        "checked": 1, "changed": 0, "refreshed": 1, "unchanged": 0, "failed": 0}
    got = archive.get_article(article_id)
    assert [(a["name"], a["role"], a["email"]) for a in got["authors"]] == [
        ("Jeff Foust", "기자", "jf@x.example")]
    assert got["published_at"] == "2019-11-18T00:00:00+09:00" and got["section"] == "우주"
    assert got["extractor_version"] == "2" and got["versions"] == []
    assert got["last_seen"] == SEEN.isoformat()
    sort_after = archive.conn.execute("SELECT sort_ts FROM articles").fetchone()[0]
    assert sort_after != sort_before and sort_after == int(better.published_at.timestamp())
    assert match_ids(archive.conn, "Foust") == {article_id}  # the index follows the names
    # the same extractor again: nothing left to refresh
    assert archive.reparse(lambda b, u, h: better)["unchanged"] == 1


def test_reparse_is_idempotent_when_an_author_e_mail_comes_from_another_article(archive):
    """An author's e-mail is kept once per outlet: a page that does not show it is no
    reason to refresh that page's authors again and again."""
    first = Article(url="https://x.example/1", site="x", title="하나", body="본문 하나",
                    authors=[Author("홍길동", "기자", "hong@x.example")])
    second = Article(url="https://x.example/2", site="x", title="둘", body="본문 둘",
                     authors=[Author("홍길동", "기자")])
    _stored_with_capture(archive, first)
    _stored_with_capture(archive, second)
    pages = {first.url: first, second.url: second}
    assert archive.reparse(lambda b, u, h: pages[u])["unchanged"] == 2


@pytest.mark.parametrize("body", ["본문 텍스트", "고친 본문 텍스트"])
def test_reparse_keeps_the_site_the_page_was_crawled_under(archive, body):
    """A re-parse has no site file to name the site: the extractor falls back to the
    URL's host, which must not replace the crawl's site name (changed text or not)."""
    stored = Article(url="http://127.0.0.1:8731/news/1", site="demo", title="제목",
                     body="본문 텍스트", authors=[Author("홍길동", "기자")])
    article_id = _stored_with_capture(archive, stored)
    guessed = replace(stored, site="127.0.0.1", body=body)
    result = archive.reparse(lambda b, u, h: guessed)
    assert result["refreshed"] == 0
    assert archive.get_article(article_id)["site"] == "demo"
    assert archive.conn.execute("SELECT DISTINCT outlet FROM authors").fetchall() == [("demo",)]


def test_reparse_keeps_what_the_new_extractor_does_not_find(archive):
    stored = Article(url="https://x.example/1", site="x", title="제목", body="본문 텍스트",
                     authors=[Author("홍길동", "기자")], section="정치",
                     published_at=datetime(2025, 4, 9, 9, 5, tzinfo=KST))
    article_id = _stored_with_capture(archive, stored)
    poorer = replace(stored, authors=[], section=None, published_at=None)
    assert archive.reparse(lambda b, u, h: poorer)["unchanged"] == 1
    got = archive.get_article(article_id)
    assert [a["name"] for a in got["authors"]] == ["홍길동"] and got["section"] == "정치"
    assert got["published_at"] == "2025-04-09T09:05:00+09:00"


def test_reparse_filters_by_site(corpus_archive):
    calls = []
    corpus_archive.reparse(lambda b, u, h: calls.append(u), site="nuri")
    assert calls == []  # corpus articles have no captures: nothing to re-extract
    assert corpus_archive.reparse(lambda b, u, h: None)["checked"] == 0


def test_unchanged_restore_fills_unknown_metadata_and_adds_new_teasers(archive):
    archive.store_article(article(section=None, teasers=[]), capture_id=None, seen_at=SEEN)
    again = article(teasers=[Teaser("t", "https://x.example/t", None, "box")])
    assert archive.store_article(again, capture_id=None, seen_at=LATER) == "unchanged"
    a = archive.get_article(1)
    assert a["section"] == "정치" and len(a["teasers"]) == 1
    assert archive.store_article(again, capture_id=None, seen_at=LATER) == "unchanged"
    assert len(archive.get_article(1)["teasers"]) == 1
    changed = replace(again, section="경제")
    assert archive.store_article(changed, capture_id=None, seen_at=LATER) == "unchanged"
    assert archive.get_article(1)["section"] == "정치"  # known values are not overwritten


def test_file_passes_integrity_check(corpus_archive):
    assert corpus_archive.integrity_check() == "ok"
    conn = sqlite3.connect(corpus_archive.path)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_touch_totals_and_last_run_status(archive):
    url = "https://tvseoul.example/news/article.html?no=1"
    cap = archive.add_capture(url=url, final_url=url, status=200, headers={}, body=b"x",
                              fetched_at=SEEN, run_id=None)
    archive.store_article(article(), capture_id=cap, seen_at=SEEN)
    assert archive.touch_article(url + "&utm_source=x", seen_at=LATER) is True
    assert row(archive, 1)["last_seen"] == LATER.isoformat()
    assert archive.versions(1) == []
    assert archive.touch_article("https://elsewhere.example/", seen_at=LATER) is False
    totals = archive.totals()
    assert totals["articles"] == 1 and totals["authors"] == 1 and totals["teasers"] == 1
    assert totals["sections"] == 1 and totals["captures"] == 1
    assert archive.last_run_status("tvseoul") is None
    first = archive.start_run(["tvseoul", "nuri"], "crawl", "0.1")
    archive.finish_run(first, "ok", {}, [])
    second = archive.start_run(["tvseoul"], "crawl", "0.1")
    assert archive.last_run_status("tvseoul") == "running"
    assert archive.last_run_status("tvseoul", exclude_run=second) == "ok"
    assert archive.last_run_status("nuri") == "ok"


def test_iter_captures_filters_by_site_and_time(archive):
    archive.upsert_site(site_from_dict({"name": "nuri", "base_url": "https://nuri.example/"}))
    a = archive.add_capture(url="https://tvseoul.example/1", final_url=None, status=200,
                            headers={}, body=b"a", fetched_at=SEEN, run_id=None)
    archive.store_article(article(url="https://tvseoul.example/1"), capture_id=a, seen_at=SEEN)
    b = archive.add_capture(url="https://nuri.example/list", final_url=None, status=200,
                            headers={}, body=b"b", fetched_at=LATER, run_id=None)
    assert [c.id for c in archive.iter_captures(site="tvseoul")] == [a]
    assert [c.id for c in archive.iter_captures(site="nuri")] == [b]  # by base_url
    assert [c.id for c in archive.iter_captures(since=SEEN + timedelta(hours=1))] == [b]
    assert [c.body for c in archive.iter_captures()] == [b"a", b"b"]


def test_unknown_run_and_capture_ids_are_refused(archive):
    with pytest.raises(ArchiveError, match="no crawl run with id 99"):
        archive.add_capture(url="https://x.example/1", final_url=None, status=200, headers={},
                            body=b"x", fetched_at=SEEN, run_id=99)
    with pytest.raises(ArchiveError, match="no capture with id 99"):
        archive.store_article(article(), capture_id=99, seen_at=SEEN)


def test_ids_remembered_from_a_rolled_back_batch_are_checked_again(archive):
    """The run and capture ids an archive remembers as existing are forgotten when their
    transaction rolls back, so a later write cannot point at rows that are gone."""
    with pytest.raises(RuntimeError):
        with archive.batch():
            run_id = archive.start_run(["x"], "test", "0")
            capture_id = archive.add_capture(url="https://x.example/1", final_url=None,
                                             status=200, headers={}, body=b"x",
                                             fetched_at=SEEN, run_id=run_id)
            raise RuntimeError("crawl killed")
    assert archive.totals()["runs"] == 0 and counts(archive)["captures"] == 0
    with pytest.raises(ArchiveError, match=f"no crawl run with id {run_id}"):
        archive.add_capture(url="https://x.example/2", final_url=None, status=200, headers={},
                            body=b"y", fetched_at=SEEN, run_id=run_id)
    with pytest.raises(ArchiveError, match=f"no capture with id {capture_id}"):
        archive.store_article(article(), capture_id=capture_id, seen_at=SEEN)
