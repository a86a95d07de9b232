"""The CLI over a small real archive: extract, search, show, stats, reparse.

The archive is built from the demo site's saved pages (tests/fixtures/demo) through the
same extraction and storage code the crawler uses, so these tests need no server.
"""
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from pipelines.extract.core import extract_article
from pipelines.record import RECORD_KEYS
from pipelines.store.archive import Archive

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "demo"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def fixture(name):
    meta = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    url = meta["base_url"].rstrip("/") + meta["url"]
    return FIXTURES / f"{name}.html", url, meta


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("name", PAGES)
def test_extract_prints_every_record_key_and_the_right_fields(name):
    path, url, meta = fixture(name)
    args = ["extract", path, "--url", url]
    if meta.get("http_charset"):
        args += ["--charset", meta["http_charset"]]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert tuple(record) == RECORD_KEYS
    expected = meta["expected"]
    for key in ("title", "subtitle", "section", "authors", "published_at", "modified_at", "body"):
        assert record[key] == expected[key], key
    assert record["teasers"], "the demo pages all carry teaser boxes"
    assert "\\u" not in result.output  # UTF-8, not ASCII-escaped


def test_extract_euc_kr_page_without_a_declared_charset_still_decodes():
    path, url, meta = fixture("article_no_cp949_only_syllable")
    result = invoke("extract", path, "--url", url)
    assert json.loads(result.output)["title"] == meta["expected"]["title"]


def test_extract_text_view():
    path, url, meta = fixture(PAGES[0])
    result = invoke("extract", path, "--url", url, "--text")
    assert result.exit_code == 0
    assert result.output.startswith(meta["expected"]["title"])
    assert "Teasers (" in result.output


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\n\x00\x01binary", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_extract_rejects_non_html_with_a_clear_error(tmp_path, content):
    page = tmp_path / "page.bin"
    page.write_bytes(content)
    result = CliRunner().invoke(cli, ["extract", str(page), "--url", "http://x.kr/a"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "archive.db"
    now = datetime(2025, 12, 10, tzinfo=timezone.utc)
    with Archive(db) as archive:
        for name in PAGES:
            path, url, meta = fixture(name)
            body = path.read_bytes()
            headers = {"content-type": f"text/html; charset={meta.get('http_charset') or 'utf-8'}"}
            capture = archive.add_capture(url=url, final_url=url, status=200, headers=headers,
                                          body=body, fetched_at=now, run_id=None)
            article = extract_article(body, url, http_charset=meta.get("http_charset"), fetched_at=now)
            archive.store_article(article, capture_id=capture, seen_at=now)
    return db


def test_search_korean_word_inside_longer_words(archive_path):
    path, url, meta = fixture(PAGES[0])
    title = meta["expected"]["title"]
    word = next(w for w in title.replace("'", " ").split() if len(w) >= 3 and w.isalpha())
    result = invoke("search", word[:2], "--db", archive_path, "--json")
    assert result.exit_code == 0, result.output
    titles = [json.loads(line)["title"] for line in result.output.splitlines()]
    assert title in titles


def test_search_bad_syntax_is_a_clear_error(archive_path):
    result = CliRunner().invoke(cli, ["search", '"unbalanced', "--db", str(archive_path)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "Traceback" not in result.output


def test_search_csv_and_no_matches(archive_path):
    result = invoke("search", "zzzzqqq", "--db", archive_path)
    assert result.output.strip() == "No matches."
    path, url, meta = fixture(PAGES[0])
    first_word = meta["expected"]["body"].split()[1]
    result = invoke("search", first_word, "--db", archive_path, "--csv")
    assert result.output.splitlines()[0].startswith("id,")


def test_search_without_an_archive_is_an_error(tmp_path):
    result = CliRunner().invoke(cli, ["search", "서울", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no archive" in result.output


def test_show_by_url_and_id(archive_path):
    path, url, meta = fixture(PAGES[0])
    result = invoke("show", url, "--db", archive_path)
    assert result.exit_code == 0, result.output
    assert meta["expected"]["title"] in result.output
    article_id = result.output.split("]")[0].lstrip("[")
    as_json = json.loads(invoke("show", article_id, "--db", archive_path, "--json").output)
    assert as_json["url"] == url and as_json["authors"][0]["name"] == meta["expected"]["authors"][0]["name"]
    missing = CliRunner().invoke(cli, ["show", "999999", "--db", str(archive_path)])
    assert missing.exit_code == 1 and missing.output.startswith("Error: no article")


def test_stats_counts_sections(archive_path):
    result = invoke("stats", "--db", archive_path)
    assert result.exit_code == 0
    assert result.output.startswith(f"{len(PAGES)} articles")
    sections = {json.loads((FIXTURES / f"{n}.json").read_text())["expected"]["section"] for n in PAGES}
    for section in sections:
        assert section in result.output
    assert "Search: Hangul analysis in C; ranking with na_bm25 (C)" in result.output


def test_stats_says_when_search_runs_without_its_c_parts(archive_path, monkeypatch):
    from pipelines.store import fts5rank, hangul

    monkeypatch.setattr(hangul, "ACCELERATED", False)
    monkeypatch.setattr(fts5rank, "AVAILABLE", False)
    monkeypatch.setattr(fts5rank, "UNAVAILABLE_BECAUSE", "pipelines/store/_rank.c was not compiled")
    output = invoke("stats", "--db", archive_path).output
    assert ("Search: Hangul analysis in Python (pipelines/store/_bigrams.c not built); ranking "
            "with FTS5's bm25 (pipelines/store/_rank.c was not compiled)") in output


def test_reparse_with_the_same_extractor_changes_nothing(archive_path):
    result = invoke("reparse", "--db", archive_path)
    assert result.exit_code == 0, result.output
    assert f"Re-parsed {len(PAGES)} articles" in result.output
    assert "0 changed" in result.output and "0 failed" in result.output
    assert "0 with new metadata only" in result.output


def test_upgrade_brings_an_old_archive_to_the_current_schema(tmp_path):
    """A read-only command names the upgrade; `upgrade` runs it once, and search works."""
    from pipelines.store import schema
    from tests.old_archives import old_archive

    path = old_archive(tmp_path / "v7.db", "m008_ascii_tokenizer",
                       [("https://x.example/1", None, "서초구 소식", "본문")])

    refused = CliRunner().invoke(cli, ["search", "서초구", "--db", str(path)])
    assert refused.exit_code != 0
    assert f"newsarchive upgrade --db {path}" in refused.output
    assert "Traceback" not in refused.output

    done = invoke("upgrade", "--db", path)
    assert done.exit_code == 0, done.output
    assert "m008_ascii_tokenizer" in done.output
    assert f"to schema version {schema.SCHEMA_VERSION}" in done.output
    assert invoke("upgrade", "--db", path).output.strip().endswith(
        f"is up to date (schema version {schema.SCHEMA_VERSION})")
    assert "서초구 소식" in invoke("search", "서초구", "--db", path).output


def test_upgrade_of_a_file_that_is_not_an_archive_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database at all" * 100)
    result = CliRunner().invoke(cli, ["upgrade", "--db", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith("Error: ") and "Traceback" not in result.output
