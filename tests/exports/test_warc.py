"""WARC export (responses, revisits, warcinfo) and import (round trip into an empty archive)."""
from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from crawler.version import __version__
from exports.warc import export_warc, import_warc, sha256_digest
from pipelines.errors import NewsArchiveError
from pipelines.store.archive import Archive
from tests.exports.conftest import PAGES

COMPARED = ("url", "site", "section", "title", "subtitle", "published_at", "modified_at",
            "body", "language", "content_hash")


def write_warc(db: Path, path: Path, **kwargs) -> object:
    with open(path, "wb") as out:
        return export_warc(db, out, filename=path.name, **kwargs)


def read_records(path: Path) -> list[tuple]:
    out = []
    with open(path, "rb") as stream:
        for rec in ArchiveIterator(stream):
            body = rec.content_stream().read()
            out.append((rec.rec_type, rec.rec_headers, rec.http_headers, body))
    return out


@pytest.fixture
def warc_file(archive_db, tmp_path) -> Path:
    path = tmp_path / "out.warc.gz"
    result = write_warc(archive_db, path)
    assert (result.responses, result.revisits) == (len(PAGES), 1)
    return path


def test_records_read_back_with_warcio(archive_db, warc_file):
    records = read_records(warc_file)
    kinds = [r[0] for r in records]
    assert kinds[0] == "warcinfo" and kinds.count("response") == len(PAGES)
    assert kinds.count("revisit") == 1
    info = records[0][3].decode("utf-8")
    assert f"software: newsarchive/{__version__}" in info
    assert all(r[1].protocol == "WARC/1.1" for r in records)
    with Archive(archive_db, readonly=True) as ar:
        captures = [(c, c.body) for c in ar.iter_captures()]
    checked = 0
    responses = [r for r in records if r[0] == "response"]
    by_uri = {r[1].get_header("WARC-Target-URI"): r for r in responses}
    for cap, body in captures:
        rec = by_uri[cap.final_url]
        if rec[1].get_header("WARC-Date").startswith(cap.fetched_at[:19]):
            assert rec[3] == body  # payload is the stored body, byte for byte
            assert rec[2].get_statuscode() == "200"
            assert rec[2].get_header("Content-Type") == cap.headers["content-type"]
            assert rec[2].get_header("Content-Length") == str(len(body))
            assert rec[1].get_header("WARC-Payload-Digest") == sha256_digest(
                hashlib.sha256(body).hexdigest())
            checked += 1
    assert checked == len(PAGES)


def test_identical_payload_becomes_a_revisit_of_the_first(warc_file):
    records = read_records(warc_file)
    (revisit,) = [r for r in records if r[0] == "revisit"]
    headers = revisit[1]
    assert headers.get_header("WARC-Profile") == \
        "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
    original = next(r for r in records if r[0] == "response"
                    and r[1].get_header("WARC-Record-ID") == headers.get_header("WARC-Refers-To"))
    assert headers.get_header("WARC-Payload-Digest") == \
        original[1].get_header("WARC-Payload-Digest")
    assert headers.get_header("WARC-Refers-To-Target-URI") == \
        original[1].get_header("WARC-Target-URI")
    assert headers.get_header("WARC-Refers-To-Date") == original[1].get_header("WARC-Date")
    assert headers.get_header("WARC-Date") > original[1].get_header("WARC-Date")
    assert revisit[3] == b""  # no payload repeated


def test_warcio_check_passes(warc_file):
    warcio = Path(sys.executable).with_name("warcio")
    result = subprocess.run([str(warcio), "check", "-v", str(warc_file)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("digest pass") == len(PAGES) + 1  # responses + warcinfo


def test_round_trip_into_an_empty_archive_yields_the_same_articles(archive_db, warc_file,
                                                                   tmp_path):
    fresh = tmp_path / "fresh.db"
    result = import_warc(warc_file, fresh)
    assert (result.responses, result.revisits, result.failed) == (len(PAGES), 1, [])
    assert result.articles == {"new": len(PAGES), "unchanged": 1}
    with Archive(archive_db, readonly=True) as a, Archive(fresh, readonly=True) as b:
        before = {x["url"]: x for x in a.iter_articles() if x["capture_id"] is not None}
        after = {x["url"]: x for x in b.iter_articles()}
        assert set(before) == set(after) and len(after) == len(PAGES)
        for url, old in before.items():
            new = after[url]
            assert {k: new[k] for k in COMPARED} == {k: old[k] for k in COMPARED}, url
            assert new["authors"] == old["authors"]
            assert [(t["url"], t["title"], t["box"]) for t in new["teasers"]] == \
                [(t["url"], t["title"], t["box"]) for t in old["teasers"]]
            assert (new["first_seen"], new["last_seen"]) == (old["first_seen"], old["last_seen"])
        assert b.totals()["captures"] == a.totals()["captures"]
        assert b.conn.execute("select count(*) from capture_bodies").fetchone()[0] == len(PAGES)


def test_site_and_since_filters(archive_db, tmp_path):
    path = tmp_path / "since.warc"
    result = write_warc(archive_db, path, since="2025-12-10T01:03:00+00:00", gzip=False)
    # the first page's first fetch (01:02:03) is excluded: its second fetch is now a response
    assert (result.responses, result.revisits) == (len(PAGES) - 1 + 1, 0)
    result = write_warc(archive_db, tmp_path / "none.warc.gz", site="synth")
    assert (result.responses, result.revisits) == (0, 0)  # synthetic articles have no pages


def test_revisit_without_its_original_is_reported(tmp_path):
    path = tmp_path / "orphan.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        from warcio.statusandheaders import StatusAndHeaders
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_revisit_record(
            "https://x.example.kr/a", "sha1:AAAA", "https://x.example.kr/a",
            "2025-01-01T00:00:00Z", http_headers=http))
    result = import_warc(path, tmp_path / "a.db")
    assert result.failed == [("https://x.example.kr/a", "revisit of a record not in this file")]


def test_a_file_that_is_not_a_warc_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(b"this is not a WARC file at all\r\n\r\n")
    with pytest.raises(NewsArchiveError, match="not a readable WARC"):
        import_warc(path, tmp_path / "a.db")


def test_uncompressed_export_is_plain_text(archive_db, tmp_path):
    out = io.BytesIO()
    export_warc(archive_db, out, gzip=False)
    assert out.getvalue().startswith(b"WARC/1.1\r\n")
