"""The Harbor Gazette: an English site with no known CMS, found through robots.txt.

robots.txt names the sitemap index and disallows /private/. The index points at a plain
sitemap (`lastmod`) and a Google News sitemap (`news:publication_date`); one article is
in both. Articles live at `/YYYY/MM/DD/slug-words` with JSON-LD NewsArticle. The
robotics story links a draft under /private/ (disallowed) and an article on another
host (`http://localhost:PORT/...`, the same server under a name the crawl must treat as
off-site); the festival story links an older story that is in no sitemap.
"""
from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from tests.crawler.webserver.common import Story, esc, not_found, page
from tests.crawler.webserver.server import Reply

ET = ZoneInfo("America/New_York")
BRAND = "The Harbor Gazette"
ARTICLE_PATTERN = r"/\d{4}/\d{2}/\d{2}/[a-z0-9]+(?:-[a-z0-9]+)+$"
PRIVATE_PATH = "/private/2025/04/09/unpublished-draft-story-here"
OFFSITE_PATH = "/2025/04/09/offsite-mirror-story-words"


def _story(day: int, hour: int, slug: str, title: str, author: str, paras: list[str]) -> Story:
    return Story(key=slug, path=f"/2025/04/{day:02d}/{slug}", title=title, authors=(author,),
                 published=datetime(2025, 4, day, hour, 0, tzinfo=ET), paragraphs=tuple(paras))


_ALL = [
    _story(1, 7, "ferry-timetable-changes-for-spring", "Ferry timetable changes for spring",
           "Maria Lopez", [
               "The harbor ferry will run every twenty minutes from the first week of April, "
               "the transit authority said on Tuesday.",
               "Evening crossings will end an hour later than last year.",
           ]),
    _story(3, 10, "city-council-approves-new-budget", "City council approves new budget",
           "Jane Doe", [
               "The city council approved a budget of 412 million dollars on Thursday after "
               "a three-hour debate about road repairs.",
               "The mayor said the plan keeps property taxes flat for a second year.",
           ]),
    _story(5, 9, "river-cleanup-draws-hundreds-of-volunteers",
           "River cleanup draws hundreds of volunteers", "Tom Becker", [
               "More than four hundred volunteers pulled tires, carts and plastic from the "
               "river on Saturday morning.",
               "Organisers said the haul was the largest in the event's eleven years.",
           ]),
    _story(7, 14, "local-library-extends-weekend-hours", "Local library extends weekend hours",
           "Jane Doe", [
               "The central library will open on Sundays from noon until six starting next "
               "month, the library board decided.",
               "The change is paid for by a state grant for two years.",
           ]),
    _story(8, 11, "new-bridge-opens-after-long-delays", "New bridge opens after long delays",
           "Sam Carter", [
               "The new Elm Street bridge opened to traffic on Tuesday, fourteen months "
               "later than planned.",
               "Engineers blamed the delay on a shortage of steel beams.",
           ]),
    _story(9, 8, "school-robotics-team-wins-state-title", "School robotics team wins state title",
           "Priya Nair", [
               "The high school robotics team won the state championship on Wednesday with a "
               "robot built from recycled parts.",
               "The team will compete at the national finals in June.",
           ]),
    _story(9, 16, "harbor-festival-returns-this-summer", "Harbor festival returns this summer",
           "Tom Becker", [
               "The harbor festival will return in July after a two-year pause, with boat "
               "races and a night market.",
               "Tickets go on sale in May at the visitor centre.",
           ]),
]
#: Every article a full crawl must archive, by slug.
STORIES: dict[str, Story] = {s.key: s for s in _ALL}  # type: ignore[misc]
#: Sitemap contents: the plain sitemap and the news sitemap (they share one article).
PLAIN_SITEMAP = ["city-council-approves-new-budget", "river-cleanup-draws-hundreds-of-volunteers",
                 "local-library-extends-weekend-hours", "new-bridge-opens-after-long-delays"]
NEWS_SITEMAP = ["new-bridge-opens-after-long-delays", "school-robotics-team-wins-state-title",
                "harbor-festival-returns-this-summer"]
#: Linked only from another article's page.
TEASER_ONLY = "ferry-timetable-changes-for-spring"
#: article slug -> paths its page links (besides the site chrome)
LINKS: dict[str, list[str]] = {
    "school-robotics-team-wins-state-title": [PRIVATE_PATH, "OFFSITE"],
    "harbor-festival-returns-this-summer": [STORIES[TEASER_ONLY].path],
}


def robots_txt(base: str) -> str:
    return (f"User-agent: *\nDisallow: /private/\n\nSitemap: {base}sitemap_index.xml\n")


def sitemap_index(base: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{base}sitemap-articles.xml</loc><lastmod>2025-04-09</lastmod></sitemap>"
            f"<sitemap><loc>{base}sitemap-news.xml</loc><lastmod>2025-04-09</lastmod></sitemap>"
            "</sitemapindex>")


def plain_sitemap(base: str) -> str:
    rows = "".join(
        f"<url><loc>{base.rstrip('/')}{STORIES[s].path}</loc>"
        f"<lastmod>{STORIES[s].published.isoformat()}</lastmod></url>" for s in PLAIN_SITEMAP
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>')


def news_sitemap(base: str) -> str:
    rows = "".join(
        f"<url><loc>{base.rstrip('/')}{STORIES[s].path}</loc><news:news><news:publication>"
        f"<news:name>{BRAND}</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{STORIES[s].published.isoformat()}</news:publication_date>"
        f"<news:title>{esc(STORIES[s].title)}</news:title></news:news></url>"
        for s in NEWS_SITEMAP
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{rows}</urlset>")


def article_html(story: Story, links: list[str]) -> str:
    data = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
        "datePublished": story.published.isoformat(),
        "author": [{"@type": "Person", "name": a} for a in story.authors],
        "publisher": {"@type": "Organization", "name": BRAND},
    }
    related = "".join(f'<li><a href="{esc(href)}">Related story</a></li>' for href in links)
    paras = "".join(f"<p>{esc(p)}</p>" for p in story.paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(story.title)} | {BRAND}</title>"
        f'<script type="application/ld+json">{json.dumps(data)}</script></head><body>'
        f'<header class="masthead"><a href="/">{BRAND}</a><nav><a href="/news/">News</a>'
        '<a href="/about/">About</a></nav></header>'
        f'<main><article><h1 class="headline">{esc(story.title)}</h1>'
        f'<p class="byline">By <span class="author">{esc(story.authors[0])}</span></p>'
        f'<time datetime="{story.published.isoformat()}">'
        f"{story.published.strftime('%B %d, %Y')}</time>"
        f'<div class="story-body">{paras}</div></article>'
        f'<aside class="related"><h2>Related</h2><ul>{related}</ul></aside></main>'
        f"<footer>&copy; 2025 {BRAND}. All rights reserved.</footer></body></html>"
    )


class EnglishSite:
    name = "gazette"
    cms = "generic"

    def respond(self, method: str, target: str, headers: dict[str, str], base: str) -> Reply:
        path = urlsplit(target).path
        if path == "/robots.txt":
            return page(robots_txt(base), kind="text/plain")
        xml = {"/sitemap_index.xml": sitemap_index, "/sitemap-articles.xml": plain_sitemap,
               "/sitemap-news.xml": news_sitemap}
        if path in xml:
            return page(xml[path](base), kind="application/xml")
        port = urlsplit(base).port
        for story in STORIES.values():
            if path == story.path:
                links = [f"http://localhost:{port}{OFFSITE_PATH}" if h == "OFFSITE" else h
                         for h in LINKS.get(str(story.key), [])]
                return page(article_html(story, links), modified=story.published,
                            request_headers=headers)
        if path in (PRIVATE_PATH, OFFSITE_PATH):
            secret = Story(key="x", path=path, title="This page must never be fetched",
                           authors=("Nobody",), published=datetime(2025, 4, 9, tzinfo=ET),
                           paragraphs=("A crawl that fetches this broke a rule.",))
            return page(article_html(secret, []))
        return not_found()
