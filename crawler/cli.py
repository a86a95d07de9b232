"""The `newsarchive` command: a thin click shell over the library.

Every command delegates to a library function; user errors (bad site files, locked
archives, bad queries, unreadable pages) are `NewsArchiveError`s and print as
`Error: ...` with exit code 1 (2 when a crawl could not run at all), never a traceback.
"""
from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from crawler.cli_common import DB_OPTION, EXIT_CANNOT_RUN, EXIT_FAILURES, EXIT_OK, user_errors
from crawler.cli_exports import register as register_export_commands
from crawler.version import __version__
from pipelines.errors import NewsArchiveError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsarchive")
def cli() -> None:
    """newsarchive: crawl news sites into a searchable SQLite archive."""


# -- crawling ------------------------------------------------------------------------------


def _print_summary(result: Any, db: str) -> None:
    from pipelines.store.archive import Archive

    with Archive(db, readonly=True) as archive:
        totals = archive.totals()
    c = result.counts
    click.echo(
        f"Run {result.run_id} {result.status}: {c['pages_fetched']} pages fetched in "
        f"{result.elapsed:.1f}s ({result.pages_per_second:.1f} pages/s); articles new "
        f"{c['new']}, updated {c['updated']}, unchanged {c['unchanged']}, failed {c['failed']}"
    )
    click.echo(
        f"Archive {db}: {totals['articles']} articles, {totals['authors']} authors, "
        f"{totals['sections']} sections, {totals['teasers']} teasers, "
        f"{totals['captures']} captures"
    )
    for error in result.errors[:10]:
        click.echo(f"  failed: {error.get('url')}: {error.get('error')}", err=True)
    if len(result.errors) > 10:
        click.echo(f"  ... and {len(result.errors) - 10} more (see crawl_runs.errors)", err=True)


#: The demo site's default port: fixed, so a second `newsarchive demo` finds the same URLs.
DEMO_PORT = 8731


@cli.command()
@DB_OPTION
@click.option("--port", default=DEMO_PORT, show_default=True,
              help="Port for the demo site; the same port keeps article URLs stable between runs.")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log.")
@user_errors(EXIT_CANNOT_RUN)
def demo(db: str, port: int, verbose: bool) -> None:
    """Serve the bundled demo news site on 127.0.0.1 and crawl it into the archive."""
    from crawler.demo.server import DemoServer
    from crawler.lock import ArchiveLock
    from crawler.runner import run_crawl
    from pipelines.siteconfig import load_site_file

    try:
        server = DemoServer(port=port).start()
    except OSError:
        # Articles are keyed by URL: another port archives them again under new URLs.
        click.echo(f"Port {port} is busy; serving the demo on a free port instead "
                   "(its articles get new URLs in the archive).", err=True)
        server = DemoServer(port=0).start()
    with server, ArchiveLock(db):
        click.echo(f"Demo site serving at {server.base_url}")
        site = load_site_file(Path(__file__).parent / "demo" / "site.yaml")
        site = site.with_base_url(server.base_url)
        result = run_crawl([site], db, log_level="INFO" if verbose else "WARNING",
                           settings={"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0})
    _print_summary(result, db)
    prog = sys.argv[0] if sys.argv[0].endswith("newsarchive") else "newsarchive"
    click.echo(f"\nBrowse it:  {prog} serve --db {db}\nSearch it:  {prog} search 서초 --db {db}")
    sys.exit(EXIT_OK if result.status == "ok" else EXIT_FAILURES)


@cli.command()
@click.argument("site", required=False)
@DB_OPTION
@click.option("--all", "all_sites", is_flag=True, help="Crawl every enabled site in seeds/.")
@click.option("--base-url", help="Crawl the site at another address (a mirror, a test server).")
@click.option("--since", help="Skip articles dated before this (YYYY-MM-DD or ISO 8601).")
@click.option("--until", help="Skip articles dated after this.")
@click.option("--max-articles", type=int, help="Stop after storing this many articles.")
@click.option("--max-pages", type=int, help="Stop after fetching this many pages.")
@click.option("--refresh", is_flag=True, help="Re-fetch archived articles (conditional requests).")
@click.option("--resume", "jobdir", type=click.Path(file_okay=False),
              help="Keep crawl state in this folder so an interrupted crawl resumes.")
@click.option("--seeds", "seeds_dir", type=click.Path(file_okay=False), help="Folder of site files.")
@click.option("--allow-private", is_flag=True,
              help="Allow crawling a URL on 127.0.0.1 or a private network.")
@click.option("--write-site-file", type=click.Path(dir_okay=False),
              help="With a URL: save the discovered site description to this YAML file.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, e.g. -s DOWNLOAD_DELAY=2 (repeatable).")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log.")
@user_errors(EXIT_CANNOT_RUN)
def crawl(site: str | None, db: str, all_sites: bool, base_url: str | None, since: str | None,
          until: str | None, max_articles: int | None, max_pages: int | None, refresh: bool,
          jobdir: str | None, seeds_dir: str | None, allow_private: bool,
          write_site_file: str | None, overrides: tuple[str, ...], verbose: bool) -> None:
    """Crawl SITE (a name from seeds/, a site YAML file, or a URL) into the archive.

    A URL of a site with no file is probed first for feeds, sitemaps and a known CMS.

    Exit codes: 0 all fetched pages stored, 1 some pages failed, 2 the crawl could not
    run (bad site file, unreadable archive), 3 another crawl holds the archive's lock.
    """
    from crawler.lock import ArchiveLock
    from crawler.runner import run_crawl
    from pipelines.siteconfig import list_sites, resolve_site

    if all_sites == bool(site):
        raise click.UsageError("give a SITE or --all (not both)")
    if site and site.startswith(("http://", "https://")):
        sites = [_probe_url(site, allow_private, write_site_file)]
    elif all_sites:
        sites = [s for s in list_sites(seeds_dir) if s.enabled]
    else:
        sites = [resolve_site(site, seeds_dir)]  # type: ignore[arg-type]
    if base_url:
        if len(sites) != 1:
            raise click.UsageError("--base-url needs exactly one SITE")
        sites = [sites[0].with_base_url(base_url)]
    with ArchiveLock(db):
        result = run_crawl(sites, db, refresh=refresh, since=since, until=until,
                           max_articles=max_articles, max_pages=max_pages, jobdir=jobdir,
                           log_level="INFO" if verbose else "WARNING",
                           settings=_parse_overrides(overrides))
    _print_summary(result, db)
    sys.exit(EXIT_OK if result.status == "ok" else EXIT_FAILURES)


@cli.group(invoke_without_command=True)
@click.option("--seeds", "seeds_dir", type=click.Path(file_okay=False), help="Folder of site files.")
@click.pass_context
@user_errors()
def sites(ctx: click.Context, seeds_dir: str | None) -> None:
    """List the site files in seeds/ (name, CMS profile, base URL, enabled)."""
    ctx.obj = {"seeds_dir": seeds_dir}
    if ctx.invoked_subcommand is not None:
        return
    from pipelines.siteconfig import list_sites

    for site in list_sites(seeds_dir):
        flag = "" if site.enabled else "  (disabled)"
        click.echo(f"{site.name:<16} {site.cms:<11} {site.language or '-':<3} {site.base_url}{flag}")


@sites.command("check")
@click.argument("site")
@click.pass_context
@user_errors()
def sites_check(ctx: click.Context, site: str) -> None:
    """Validate one site file (NAME or FILE) and show what a crawl of it would fetch."""
    from pipelines.siteconfig import resolve_site

    config = resolve_site(site, (ctx.obj or {}).get("seeds_dir"))
    click.echo(f"{config.source}: OK")
    click.echo(f"  name {config.name}, CMS profile {config.cms}, language {config.language or '-'}, "
               f"time zone {config.timezone}")
    click.echo(f"  allowed domains: {', '.join(config.allowed_domains)}")
    for label, urls in (("feeds", config.feeds), ("sitemaps", config.sitemaps),
                        ("start pages", config.start_urls)):
        for url in urls:
            click.echo(f"  {label}: {config.absolute(url)}")
    for label, patterns in (("article URLs", config.article_patterns),
                            ("list URLs", config.list_patterns)):
        for pattern in patterns:
            click.echo(f"  {label} match: {pattern}")
    for field, selector in sorted(config.selectors.items()):
        click.echo(f"  selector {field}: {selector}")


def _parse_overrides(pairs: tuple[str, ...]) -> dict[str, str]:
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="-s")
        settings[name.strip()] = value
    return settings


def _probe_url(url: str, allow_private: bool, write_site_file: str | None) -> Any:
    from crawler.autodetect import check_public, probe_site

    if not allow_private:
        check_public(url)
    probe = probe_site(url)
    for note in probe.notes:
        click.echo(f"probe: {note}", err=True)
    if write_site_file:
        Path(write_site_file).write_text(probe.to_yaml(), encoding="utf-8")
        click.echo(f"wrote {write_site_file}", err=True)
    return probe.site_config()


# -- extraction ----------------------------------------------------------------------------


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--url", required=True, help="The URL the page was fetched from.")
@click.option("--site", help="Apply this site file's rules (name from seeds/ or a YAML path).")
@click.option("--charset", help="The charset the server declared (Content-Type), if known.")
@click.option("--text", "as_text", is_flag=True, help="Print a readable view instead of JSON.")
@user_errors()
def extract(file: str, url: str, site: str | None, charset: str | None, as_text: bool) -> None:
    """Extract the article record from a saved page FILE and print it as JSON."""
    from pipelines.extract.core import extract_article
    from pipelines.siteconfig import resolve_site

    data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    config = resolve_site(site) if site else None
    article = extract_article(data, url, config, http_charset=charset)
    if as_text:
        click.echo(format_article_text(article.to_dict()))
    else:
        click.echo(article.to_json(indent=2))


def format_article_text(record: dict[str, Any]) -> str:
    authors = "; ".join(
        " ".join(x for x in (a.get("name"), a.get("role"), f"<{a['email']}>" if a.get("email") else None) if x)
        for a in record.get("authors") or []
    )
    lines = [
        record.get("title") or "(no title)",
        *( [record["subtitle"]] if record.get("subtitle") else [] ),
        "",
        f"URL:       {record.get('canonical_url') or record.get('url')}",
        f"Section:   {record.get('section') or '-'}",
        f"Authors:   {authors or '-'}",
        f"Published: {record.get('published_at') or '-'}",
        f"Modified:  {record.get('modified_at') or '-'}",
        "",
        record.get("body") or "",
    ]
    teasers = record.get("teasers") or []
    if teasers:
        lines += ["", f"Teasers ({len(teasers)}):"]
        for t in teasers:
            box_name = t.get("section") or t.get("box")
            box = f"[{box_name}] " if box_name else ""
            lines.append(f"  - {box}{t['title']}  <{t['url']}>")
    return "\n".join(lines)


# -- the archive ---------------------------------------------------------------------------


@cli.command()
@click.argument("query")
@DB_OPTION
@click.option("--site", help="Only this site.")
@click.option("--section", help="Only this section.")
@click.option("--author", help="Only articles by this author (name).")
@click.option("--since", help="Published on or after (YYYY-MM-DD or ISO 8601).")
@click.option("--until", help="Published on or before.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10000),
              help="At most this many results.")
@click.option("--newest", is_flag=True, help="Newest first instead of best match first.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@user_errors()
def search(query: str, db: str, site: str | None, section: str | None, author: str | None,
           since: str | None, until: str | None, limit: int, newest: bool, as_json: bool,
           as_csv: bool) -> None:
    """Full-text search of the archive; Korean words match inside longer words."""
    from pipelines.store.archive import Archive

    _require_archive(db)
    with Archive(db, readonly=True) as archive:
        hits = archive.search(query, site=site, section=section, author=author, since=since,
                              until=until, limit=limit, order="newest" if newest else "rank")
    rows = [_hit_dict(h) for h in hits]
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        if not rows:
            click.echo("No matches.")
        for row in rows:
            click.echo(f"[{row['id']}] {row['published_at'] or '-'}  {row['site']}  {row['title']}")
            click.echo(f"    {row['url']}")
            if row.get("snippet"):
                click.echo(f"    {row['snippet']}")


@cli.command()
@click.argument("article")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@user_errors()
def show(article: str, db: str, as_json: bool) -> None:
    """Print one archived article (by id or URL): fields, authors, teasers, versions."""
    from pipelines.store.archive import Archive

    _require_archive(db)
    with Archive(db, readonly=True) as archive:
        record = archive.get_article(int(article) if article.isdigit() else article)
    if record is None:
        raise NewsArchiveError(f"no article {article!r} in {db}")
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2, default=str))
        return
    click.echo(f"[{record['id']}] " + format_article_text(record))
    click.echo(f"\nFirst seen {record.get('first_seen')}, last seen {record.get('last_seen')}, "
               f"extractor {record.get('extractor_version')}")
    sources = record.get("sources") or {}
    if sources:
        click.echo("Sources: " + ", ".join(f"{k}={v}" for k, v in sorted(sources.items())))
    for teaser in record.get("teased_by") or []:
        click.echo(f"Teased by [{teaser['article_id']}] {teaser['title']}"
                   + (f" (box {teaser['box']})" if teaser.get("box") else ""))
    for version in record.get("versions") or []:
        click.echo(f"Version seen {version['seen_at']}: {version['title']} "
                   f"({len(version.get('body') or '')} chars)")


def search_engine_line() -> str:
    """Which compiled parts search runs on here: without a C compiler at install time both
    fall back (same results, slower), and this is where a user can see that."""
    from pipelines.store import fts5rank, hangul

    analysis = "in C" if hangul.ACCELERATED else "in Python (pipelines/store/_bigrams.c not built)"
    ranking = ("na_bm25 (C)" if fts5rank.AVAILABLE
               else f"FTS5's bm25 ({fts5rank.UNAVAILABLE_BECAUSE})")
    return f"Hangul analysis {analysis}; ranking with {ranking}"


@cli.command()
@DB_OPTION
@click.option("--site", help="Only this site.")
@click.option("--days", default=14, show_default=True, help="How many recent days to list.")
@user_errors()
def stats(db: str, site: str | None, days: int) -> None:
    """Counts per site, section and day, and the last crawl runs."""
    from pipelines.store.archive import Archive

    _require_archive(db)
    with Archive(db, readonly=True) as archive:
        data = archive.stats(site)
    click.echo(f"{data['articles']} articles, {data['versions']} earlier versions, "
               f"{data['captures']} captures ({data['capture_bodies']} distinct bodies)")
    for title, key, limit in (("Sites", "sites", None), ("Sections", "sections", 30),
                              ("Days", "days", days)):
        rows = list(data[key].items())[:limit]
        if rows:
            click.echo(f"\n{title}:")
            for name, count in rows:
                click.echo(f"  {name or '(none)':<24} {count:>8}")
    click.echo(f"\nSearch: {search_engine_line()}")
    if data["runs"]:
        click.echo("\nLast runs:")
        for run in data["runs"]:
            click.echo(
                f"  #{run['id']} {run['started_at']} {','.join(run['sites'])} {run['status']}: "
                f"{run['pages_fetched']} pages, new {run['new']}, updated {run['updated']}, "
                f"unchanged {run['unchanged']}, failed {run['failed']}, errors {run['errors']}")


@cli.command()
@DB_OPTION
@click.option("--site", help="Only this site's articles.")
@click.option("--since", help="Only articles published on or after this date.")
@user_errors(EXIT_CANNOT_RUN)
def reparse(db: str, site: str | None, since: str | None) -> None:
    """Re-extract archived articles from their stored pages (no network).

    This is how extraction improvements reach old articles. Articles whose
    text changed are updated and their old text kept as a version; where only
    the authors, dates, section or language came out differently, those are
    replaced (no version).
    """
    from crawler.lock import ArchiveLock
    from pipelines.extract.core import EXTRACTOR_VERSION
    from pipelines.extract_worker import extract_page
    from pipelines.siteconfig import site_for_url
    from pipelines.store.archive import Archive

    _require_archive(db)

    def extract(body: bytes, url: str, headers: dict[str, str]) -> Any:
        return extract_page(body, url, site_for_url(url), headers.get("content-type"), None)

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty() and (done % 50 == 0 or done == total):
            click.echo(f"\r{done}/{total}", nl=done == total, err=True)

    with ArchiveLock(db), Archive(db) as archive:
        counts = archive.reparse(extract, site=site, since=since, progress=progress)
    click.echo(f"Re-parsed {counts['checked']} articles with extractor {EXTRACTOR_VERSION}: "
               f"{counts['changed']} changed, {counts['refreshed']} with new metadata only, "
               f"{counts['unchanged']} unchanged, {counts['failed']} failed")
    sys.exit(EXIT_OK if not counts["failed"] else EXIT_FAILURES)


@cli.command()
@DB_OPTION
@user_errors(EXIT_CANNOT_RUN)
def upgrade(db: str) -> None:
    """Bring an archive made by an older newsarchive up to this version's schema.

    Commands that write (crawl, reparse) upgrade an archive on their own; the
    read-only ones (search, show, stats, exports) ask for this first. Some
    upgrades index every article again (schema version 8: ~12 seconds and
    ~140 MB per 100,000 articles on a 2-core machine), so run it once by hand
    rather than inside a scheduled crawl. It takes the archive's crawl lock, and
    it is safe to interrupt: each step commits whole or not at all.
    """
    from crawler.lock import ArchiveLock
    from pipelines.store import schema
    from pipelines.store.archive import Archive

    _require_archive(db)
    with ArchiveLock(db):
        steps = schema.pending_at(db)
        if not steps:
            click.echo(f"{db} is up to date (schema version {schema.SCHEMA_VERSION})")
            return
        click.echo(f"Upgrading {db}: {', '.join(steps)}", err=True)
        started = time.monotonic()
        with Archive(db):
            pass
    click.echo(f"Upgraded {db} to schema version {schema.SCHEMA_VERSION} "
               f"({len(steps)} step{'s' if len(steps) > 1 else ''}, "
               f"{time.monotonic() - started:.1f}s)")


def _hit_dict(hit: Any) -> dict[str, Any]:
    if isinstance(hit, dict):
        return hit
    from dataclasses import asdict, is_dataclass

    return asdict(hit) if is_dataclass(hit) else dict(hit)


def _require_archive(db: str) -> None:
    if not Path(db).exists():
        raise NewsArchiveError(f"no archive at {db} (crawl something first, or pass --db)")


register_export_commands(cli)


def main() -> None:
    cli(prog_name="newsarchive")


if __name__ == "__main__":
    main()
