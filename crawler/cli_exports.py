"""CLI commands for exports: ``export`` (datasette, jsonl, csv, warc), ``import warc``
and ``serve`` (datasette on the archive). Registered on the main group by ``register``.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from crawler.cli_common import DB_OPTION, EXIT_CANNOT_RUN, EXIT_FAILURES, EXIT_OK, user_errors
from pipelines.errors import NewsArchiveError


def _require_archive(db: str) -> None:
    if not Path(db).exists():
        raise NewsArchiveError(f"no archive at {db} (crawl something first, or pass --db)")


@click.group("export")
def export() -> None:
    """Export the archive: a datasette folder, JSON Lines, CSV or WARC."""


@export.command("datasette")
@click.argument("out_dir", type=click.Path(file_okay=False))
@DB_OPTION
@user_errors()
def export_datasette_cmd(out_dir: str, db: str) -> None:
    """Write a datasette folder: an archive snapshot and its metadata.

    OUT_DIR/archive.db is a consistent snapshot (safe while a crawl writes);
    OUT_DIR/metadata.yml holds descriptions, facets, canned queries and charts.
    """
    from exports.datasette_export import export_datasette

    _require_archive(db)
    target, meta = export_datasette(db, out_dir)
    click.echo(f"Wrote {target} and {meta}")
    click.echo(f"Browse it:  datasette serve -i {target} --metadata {meta}")


def _article_export(fmt: str):  # type: ignore[no-untyped-def]
    @export.command(fmt, help=f"Stream articles as {'JSON Lines (authors and teasers nested)' if fmt == 'jsonl' else 'CSV (authors joined, teaser count and URLs)'}; UTF-8.")
    @DB_OPTION
    @click.option("--site", help="Only this site.")
    @click.option("--since", help="Published on or after (YYYY-MM-DD or ISO 8601).")
    @click.option("--until", help="Published on or before.")
    @click.option("--out", "out", default="-", show_default=True,
                  type=click.Path(dir_okay=False, allow_dash=True),
                  help="Output file; - for standard output.")
    @click.option("--bom", is_flag=True,
                  help="Start with a UTF-8 byte order mark (for spreadsheet programs; CSV only).")
    @user_errors()
    def command(db: str, site: str | None, since: str | None, until: str | None, out: str,
                bom: bool) -> None:
        from exports.records import export_articles

        if bom and fmt != "csv":
            raise click.UsageError("--bom is for CSV only")
        _require_archive(db)
        if out == "-":
            sys.stdout.flush()
            stream = sys.stdout.buffer
            count = export_articles(db, fmt, stream, site=site, since=since, until=until,
                                    bom=bom)
            stream.flush()
        else:
            partial = Path(out + ".partial")
            try:
                with open(partial, "wb") as stream:
                    count = export_articles(db, fmt, stream, site=site, since=since,
                                            until=until, bom=bom)
                partial.replace(out)
            finally:
                partial.unlink(missing_ok=True)
        click.echo(f"Exported {count} articles", err=True)

    return command


export_jsonl = _article_export("jsonl")
export_csv = _article_export("csv")


@export.command("warc")
@click.argument("out_file", type=click.Path(dir_okay=False))
@DB_OPTION
@click.option("--site", help="Only this site's captures.")
@click.option("--since", help="Only captures fetched on or after this time (ISO 8601).")
@user_errors()
def export_warc_cmd(out_file: str, db: str, site: str | None, since: str | None) -> None:
    """Write the stored captures as a WARC/1.1 file.

    Gzip-compressed when OUT_FILE ends in .gz. Each capture is a response record; a
    body already written becomes a revisit record (identical-payload-digest).
    """
    from exports.warc import export_warc

    _require_archive(db)
    partial = Path(out_file + ".partial")
    try:
        with open(partial, "wb") as stream:
            result = export_warc(db, stream, site=site, since=since,
                                 filename=Path(out_file).name, gzip=out_file.endswith(".gz"))
        partial.replace(out_file)
    finally:
        partial.unlink(missing_ok=True)
    click.echo(f"Wrote {out_file}: {result.responses} responses, {result.revisits} revisits")


@click.group("import")
def import_() -> None:
    """Import pages into the archive (from WARC files)."""


@import_.command("warc")
@click.argument("warc_file", type=click.Path(exists=True, dir_okay=False))
@DB_OPTION
@user_errors(EXIT_CANNOT_RUN)
def import_warc_cmd(warc_file: str, db: str) -> None:
    """Import a WARC file and re-extract its articles.

    Every response record (and revisit, resolved to its original) becomes a capture.
    """
    from crawler.lock import ArchiveLock
    from exports.warc import import_warc

    with ArchiveLock(db):
        result = import_warc(warc_file, db)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(result.articles.items())) or "none"
    click.echo(f"Imported {result.responses} responses and {result.revisits} revisits; "
               f"articles: {counts}; failed {len(result.failed)}")
    for uri, reason in result.failed[:10]:
        click.echo(f"  failed: {uri}: {reason}", err=True)
    sys.exit(EXIT_OK if not result.failed else EXIT_FAILURES)


@click.command("serve")
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port (0: a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open a browser.")
@user_errors()
def serve(db: str, host: str, port: int, open_browser: bool) -> None:
    """Browse and search the archive with datasette.

    Live: articles a running crawl stores appear as they are committed.
    """
    from datasette.cli import serve as datasette_serve

    from exports.datasette_export import write_metadata

    _require_archive(db)
    name = Path(db).stem
    with tempfile.TemporaryDirectory(prefix="newsarchive-serve-") as tmp:
        meta = write_metadata(Path(tmp) / "metadata.yml", name, source=Path(db).name)
        args = [str(db), "--metadata", str(meta), "--host", host, "--port", str(port),
                "--setting", "facet_time_limit_ms", "1000"]
        if open_browser:
            args.append("--open")
        click.echo(f"Serving {db} with datasette (Ctrl-C to stop)", err=True)
        # in-process: stopping this command stops the server, nothing is left behind
        datasette_serve.main(args, prog_name="datasette serve", standalone_mode=False)


def register(cli_group: click.Group) -> None:
    """Add ``export``, ``import`` and ``serve`` to the main ``newsarchive`` group."""
    cli_group.add_command(export)
    cli_group.add_command(import_, "import")
    cli_group.add_command(serve)
