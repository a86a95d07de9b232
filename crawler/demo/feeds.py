"""Machine-readable entry points of the demo site: RSS, sitemap, robots.txt.

A crawler usually discovers articles here before it touches a list page, so these are
built from the same ground truth as the pages and always list the same URLs.
"""
from __future__ import annotations

from email.utils import format_datetime
from xml.sax.saxutils import escape as xml_escape

from crawler.demo.chrome import lead_text
from crawler.demo.content import (
    ARTICLES, SITE_NAME, article_path, byline_names, newest_first,
)

RSS_SIZE = 20


def _abs(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def render_rss(base_url: str) -> str:
    """RSS 2.0 with the newest 20 articles; pubDate as RFC 822 with +0900."""
    items = []
    for a in newest_first()[:RSS_SIZE]:
        link = _abs(base_url, article_path(a))
        items.append(
            "\t\t<item>\n"
            f"\t\t\t<title>{xml_escape(a.title)}</title>\n"
            f"\t\t\t<link>{xml_escape(link)}</link>\n"
            f'\t\t\t<guid isPermaLink="true">{xml_escape(link)}</guid>\n'
            f"\t\t\t<description>{xml_escape(lead_text(a, 200))}</description>\n"
            f"\t\t\t<category>{xml_escape(a.section)}</category>\n"
            f"\t\t\t<dc:creator>{xml_escape(byline_names(a.authors))}</dc:creator>\n"
            f"\t\t\t<pubDate>{format_datetime(a.published_at)}</pubDate>\n"
            "\t\t</item>\n"
        )
    newest = newest_first()[0]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        "\t<channel>\n"
        f"\t\t<title>{SITE_NAME}</title>\n"
        f"\t\t<link>{xml_escape(_abs(base_url, '/'))}</link>\n"
        f"\t\t<description>{SITE_NAME} 전체기사</description>\n"
        "\t\t<language>ko</language>\n"
        f"\t\t<lastBuildDate>{format_datetime(newest.last_modified)}</lastBuildDate>\n"
        + "".join(items)
        + "\t</channel>\n</rss>\n"
    )


def render_sitemap(base_url: str) -> str:
    """Every article, with ``lastmod`` = its last modification (W3C datetime)."""
    urls = "".join(
        "\t<url>\n"
        f"\t\t<loc>{xml_escape(_abs(base_url, article_path(a)))}</loc>\n"
        f"\t\t<lastmod>{a.last_modified.isoformat()}</lastmod>\n"
        "\t</url>\n"
        for a in sorted(ARTICLES, key=lambda x: x.id)
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}</urlset>\n")


def render_robots(base_url: str) -> str:
    return ("User-agent: *\n"
            "Disallow: /admin/\n"
            "\n"
            f"Sitemap: {_abs(base_url, '/sitemap.xml')}\n")
