"""JSON Lines and CSV exports: content, awkward characters, filters, streaming, snapshots."""
from __future__ import annotations

import csv
import io
import json
import threading
import tracemalloc
from datetime import datetime, timedelta, timezone

import pytest

from exports import records
from exports.records import CSV_COLUMNS, JSONL_KEYS, export_articles
from pipelines.errors import SearchQueryError
from pipelines.record import Article, Author
from pipelines.store.archive import Archive
from tests.exports.conftest import ODD_BODY, PAGES, SYNTH, synthetic_articles


def run_export(db, fmt, **kwargs) -> bytes:
    out = io.BytesIO()
    export_articles(str(db), fmt, out, **kwargs)
    return out.getvalue()


def jsonl_rows(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def csv_rows(data: bytes, encoding: str = "utf-8") -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode(encoding), newline="")))


def test_jsonl_has_every_article_with_nested_authors_and_teasers(archive_db):
    rows = jsonl_rows(run_export(archive_db, "jsonl"))
    assert len(rows) == len(PAGES) + len(synthetic_articles())
    assert all(tuple(r) == JSONL_KEYS for r in rows)
    with Archive(archive_db, readonly=True) as ar:
        for row in rows:
            stored = ar.get_article(row["id"])
            assert row["url"] == stored["url"] and row["title"] == stored["title"]
            assert [a["name"] for a in row["authors"]] == [a["name"] for a in stored["authors"]]
            assert [t["url"] for t in row["teasers"]] == [t["url"] for t in stored["teasers"]]
    first = next(r for r in rows if r["url"] == SYNTH + "1")
    assert first["authors"] == [
        {"name": "김서초", "role": "기자", "email": "seocho@synth.example.kr"},
        {"name": "이특파", "role": "특파원", "email": None}]
    linked = {t["url"]: t["target_article_id"] for t in first["teasers"]}
    assert linked[SYNTH + "2"] is not None and linked[SYNTH + "99"] is None


def test_odd_characters_survive_and_nul_is_removed(archive_db):
    expected_body = ODD_BODY.replace("\x00", "")
    data = run_export(archive_db, "jsonl", site="synth")
    assert b"\x00" not in data and b"\\u0000" not in data
    assert "😀🇰🇷".encode("utf-8") in data  # UTF-8, not \u escapes
    row = next(r for r in jsonl_rows(data) if r["url"] == SYNTH + "1")
    assert row["body"] == expected_body
    assert row["title"] == '서초구는 "규제자유특구" 신청…주민 😀 환영'

    csv_data = run_export(archive_db, "csv", site="synth")
    assert b"\x00" not in csv_data
    row = next(r for r in csv_rows(csv_data) if r["url"] == SYNTH + "1")
    assert row["body"] == expected_body  # quotes, commas, CR/LF newlines, tab intact
    assert row["subtitle"] == '구청장 "속도 낼 것"'


def test_csv_flattens_authors_and_teasers(archive_db):
    data = run_export(archive_db, "csv")
    rows = csv_rows(data)
    assert tuple(rows[0]) == CSV_COLUMNS
    row = next(r for r in rows if r["url"] == SYNTH + "1")
    assert row["authors"] == "김서초; 이특파" and row["author_roles"] == "기자; 특파원"
    assert row["teaser_count"] == "3"
    assert row["teaser_urls"].split(" ") == [SYNTH + "2", SYNTH + "3", SYNTH + "99"]
    assert data.count(b"\r\n") >= len(rows) + 1  # RFC 4180 record ends


@pytest.mark.parametrize("bom", [True, False])
def test_csv_bom_option(archive_db, bom):
    data = run_export(archive_db, "csv", bom=bom)
    assert data.startswith(b"\xef\xbb\xbf") is bom
    assert data.count(b"\xef\xbb\xbf") == int(bom)
    rows = csv_rows(data, "utf-8-sig")
    assert "id" in rows[0]


@pytest.mark.parametrize("kwargs, expected", [
    ({"site": "synth"}, {SYNTH + "1", SYNTH + "2", SYNTH + "3"}),
    ({"site": "synth", "since": "2025-03-13"}, {SYNTH + "2", SYNTH + "3"}),
    ({"site": "synth", "until": "2025-03-13"}, {SYNTH + "1", SYNTH + "2"}),
    ({"site": "synth", "since": "2025-04-01", "until": "2025-04-30"}, {SYNTH + "3"}),
    ({"site": "nosuchsite"}, set()),
])
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_filters(archive_db, kwargs, expected, fmt):
    data = run_export(archive_db, fmt, **kwargs)
    rows = jsonl_rows(data) if fmt == "jsonl" else csv_rows(data)
    assert {r["url"] for r in rows} == expected


def test_bad_date_is_a_query_error(archive_db):
    with pytest.raises(SearchQueryError):
        run_export(archive_db, "jsonl", since="last tuesday")


def test_writers_stream_in_flat_memory():
    """10k articles through both writers: peak memory must not grow with the count."""

    def articles(n):
        for i in range(n):
            yield {"id": i, "url": f"https://x.kr/{i}", "title": f"제목 {i} \"q\"",
                   "body": "본문 " * 50, "authors": [{"name": "김기자", "role": "기자"}],
                   "teasers": [{"title": "t", "url": f"https://x.kr/{i + 1}"}], "sources": {}}

    class Sink(io.TextIOBase):
        written = 0

        def write(self, s):
            self.written += len(s)
            return len(s)

    peaks = {}
    for n in (500, 10_000):
        for writer in (records.write_jsonl, records.write_csv):
            sink = Sink()
            tracemalloc.start()
            assert writer(articles(n), sink) == n
            peaks[(n, writer.__name__)] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            assert sink.written > n * 150
    for name in ("write_jsonl", "write_csv"):
        assert peaks[(10_000, name)] < 2 * peaks[(500, name)] + 256 * 1024, peaks


def test_export_uses_a_cursor_not_a_list(archive_db, monkeypatch):
    """The export pulls articles one at a time: a consumer sees the first before the
    archive iterator has produced the last."""
    seen_by_writer = []
    produced = []
    original = Archive.iter_articles

    def spy(self, **kwargs):
        for article in original(self, **kwargs):
            produced.append(article["id"])
            yield article

    def writer(articles, out):
        for article in articles:
            seen_by_writer.append(len(produced))
        return len(seen_by_writer)

    monkeypatch.setattr(Archive, "iter_articles", spy)
    monkeypatch.setattr(records, "write_jsonl", writer)
    run_export(archive_db, "jsonl")
    assert seen_by_writer == list(range(1, len(produced) + 1))


def test_export_while_a_writer_adds_articles_is_consistent(archive_db):
    """A crawl writing in another thread: the export is one snapshot (no duplicates, no
    half-written article), and the writer is never blocked."""
    stop = threading.Event()
    written = []
    errors = []

    def crawl():
        try:
            with Archive(archive_db, commit_every=5) as ar:
                i = 0
                while not stop.is_set() or i < 50:
                    i += 1
                    ar.store_article(Article(
                        url=f"https://live.example.kr/news/article.html?no={i}", site="live",
                        title=f"실시간 기사 {i}", body=f"본문 {i}\n\n둘째 문단 {i}",
                        authors=[Author(f"기자{i}", "기자"), Author("공동", "기자")],
                        published_at=datetime(2025, 5, 1, tzinfo=timezone.utc)
                        + timedelta(minutes=i)),
                        capture_id=None, seen_at=datetime.now(timezone.utc))
                    written.append(i)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=crawl)
    thread.start()
    try:
        while len(written) < 20:
            threading.Event().wait(0.01)
        outputs = [jsonl_rows(run_export(archive_db, "jsonl")) for _ in range(3)]
    finally:
        stop.set()
        thread.join(30)
    assert not errors and not thread.is_alive()
    for rows in outputs:
        ids = [r["id"] for r in rows]
        assert len(ids) == len(set(ids))
        live = [r for r in rows if r["site"] == "live"]
        for r in live:  # every live article complete: both authors, as one snapshot
            assert [a["name"] for a in r["authors"]] == [f"기자{r['title'].split()[-1]}", "공동"]
        assert len(rows) >= len(PAGES) + len(synthetic_articles())
    assert len(jsonl_rows(run_export(archive_db, "jsonl", site="live"))) == len(written)
