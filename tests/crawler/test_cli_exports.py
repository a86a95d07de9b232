"""The export/import/serve commands (crawler.cli_exports) through click, as the CLI runs them."""
from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner

from crawler.cli_exports import register
from pipelines.store.archive import Archive
from tests.exports.conftest import PAGES, SYNTH, build_archive, synthetic_articles


@pytest.fixture(scope="module")
def root() -> click.Group:
    @click.group()
    def newsarchive() -> None:
        """A stand-in for the main group."""

    register(newsarchive)
    return newsarchive


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_archive(tmp_path_factory.mktemp("cli-exports") / "archive.db")


def run(root, *args, ok=True):
    result = CliRunner().invoke(root, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, (result.output, result.stderr, result.exception)
    return result


def test_register_adds_the_commands(root):
    assert {"export", "import", "serve"} <= set(root.commands)
    assert set(root.commands["export"].commands) == {"datasette", "jsonl", "csv", "warc"}
    assert set(root.commands["import"].commands) == {"warc"}
    for path in (["export"], ["export", "jsonl"], ["export", "csv"], ["export", "warc"],
                 ["import"], ["import", "warc"], ["serve"], ["export", "datasette"]):
        command = root
        for name in path:
            command = command.commands[name]
        result = run(root, *path, "--help")
        assert command.help.strip().splitlines()[0] in result.output
        assert "--db" in result.output or isinstance(command, click.Group)
        assert all(p.help for p in command.params if isinstance(p, click.Option))


def test_jsonl_to_stdout(root, db):
    result = run(root, "export", "jsonl", "--db", db, "--site", "synth")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["url"] for r in rows} == {SYNTH + n for n in "123"}
    assert "😀" in result.stdout  # UTF-8 on stdout, not escapes
    assert result.stderr.strip() == "Exported 3 articles"


def test_csv_to_file_with_bom(root, db, tmp_path):
    out = tmp_path / "articles.csv"
    run(root, "export", "csv", "--db", db, "--out", out, "--bom")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(PAGES) + len(synthetic_articles())
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("args, code, message", [
    (["export", "jsonl", "--bom"], 2, "--bom is for CSV only"),
    (["export", "jsonl", "--since", "yesterday"], 1, "Error: bad date"),
    (["export", "csv", "--db", "{missing}"], 1, "Error: no archive"),
    (["export", "warc", "{tmp}/x.warc.gz", "--db", "{missing}"], 1, "Error: no archive"),
    (["export", "datasette", "{tmp}/ds", "--db", "{missing}"], 1, "Error: no archive"),
    (["serve", "--db", "{missing}"], 1, "Error: no archive"),
])
def test_user_errors_are_one_line(root, db, tmp_path, args, code, message):
    args = [a.format(missing=tmp_path / "none.db", tmp=tmp_path) for a in args]
    if "--db" not in args:
        args += ["--db", str(db)]
    result = run(root, *args, ok=False)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_warc_export_then_import_round_trip(root, db, tmp_path):
    warc = tmp_path / "a.warc.gz"
    result = run(root, "export", "warc", warc, "--db", db)
    assert result.stdout.strip() == f"Wrote {warc}: {len(PAGES)} responses, 1 revisits"
    fresh = tmp_path / "fresh.db"
    result = run(root, "import", "warc", warc, "--db", fresh)
    assert f"articles: new {len(PAGES)}, unchanged 1; failed 0" in result.stdout
    with Archive(db, readonly=True) as a, Archive(fresh, readonly=True) as b:
        assert {x["url"]: x["body"] for x in a.iter_articles() if x["capture_id"]} == \
            {x["url"]: x["body"] for x in b.iter_articles()}


def test_import_of_a_bad_file_cannot_run(root, tmp_path):
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"garbage\r\n\r\n")
    result = run(root, "import", "warc", bad, "--db", tmp_path / "a.db", ok=False)
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")


def test_datasette_export(root, db, tmp_path):
    result = run(root, "export", "datasette", tmp_path / "ds", "--db", db)
    assert (tmp_path / "ds" / "archive.db").exists() and (tmp_path / "ds" / "metadata.yml").exists()
    assert "datasette serve -i" in result.stdout
