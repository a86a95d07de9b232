"""Finding article URLs: RSS/Atom feeds, sitemaps (indexes, news sitemaps) and link lists.

Kept apart from the spider so each parser is a plain function over bytes that tests can
call without a crawl, and so the spider only decides what to fetch next.
"""
from __future__ import annotations

import gzip
import io
import itertools
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Iterator
from urllib.parse import urljoin

from lxml import etree

from pipelines.extract.dates import parse_date

_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class Entry:
    """A URL found by discovery with the date the source gave for it, if any."""

    url: str
    date: datetime | None = None
    title: str | None = None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _xml_bytes(body: bytes) -> bytes | None:
    """The XML document of a response body (gunzipped), or None when there is none."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.decompress(body)
        except (OSError, EOFError):
            return None
    return body.lstrip() or None


def _xml_root(body: bytes) -> etree._Element | None:
    xml = _xml_bytes(body)
    return None if xml is None else _parse_xml(xml)


def _parse_xml(xml: bytes) -> etree._Element | None:
    """The whole document's tree (libxml2 recovering what it can), or None."""
    try:
        return etree.fromstring(xml, parser=_PARSER)
    except etree.XMLSyntaxError:
        return None


def _child_text(elem: etree._Element, *names: str) -> str | None:
    for child in elem:
        if _local(child.tag) in names:
            text = (child.text or "").strip()
            if text:
                return text
    return None


def parse_feed(body: bytes, base_url: str, tz: str = "UTC") -> list[Entry]:
    """Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in feed order."""
    root = _xml_root(body)
    if root is None:
        return []
    entries: list[Entry] = []
    for item in root.iter():
        name = _local(item.tag)
        if name not in ("item", "entry"):
            continue
        link = _child_text(item, "link")
        if name == "entry" or not link:
            for child in item:
                if _local(child.tag) == "link" and child.get("href"):
                    if child.get("rel", "alternate") == "alternate":
                        link = child.get("href")
                        break
        if not link:
            link = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        if not link:
            continue
        raw_date = _child_text(item, "pubdate", "published", "updated", "date", "issued")
        date = parse_date(raw_date, tz) if raw_date else None
        entries.append(Entry(urljoin(base_url, link.strip()), date, _child_text(item, "title")))
    return entries


def parse_sitemap(body: bytes, base_url: str, tz: str = "UTC") -> tuple[list[Entry], list[Entry]]:
    """(pages, child sitemaps) of a sitemap or sitemap index; Google News dates honoured."""
    pages: list[Entry] = []
    children: list[Entry] = []
    for is_child, entry in iter_sitemap(body, base_url, tz):
        (children if is_child else pages).append(entry)
    return pages, children


def iter_sitemap(body: bytes, base_url: str, tz: str = "UTC") -> Iterator[tuple[bool, Entry]]:
    """(is a child sitemap, entry) for each ``<url>``/``<sitemap>``, as the XML is read.

    A sitemap may list 50,000 URLs (5-10 MB): as one tree plus a list of entries it held
    ~60 MB at once in the crawl process. Read incrementally, each element is dropped once
    its entry is made, and the crawl turns entries into (packed) requests one by one.
    """
    xml = _xml_bytes(body)
    if xml is None:
        return
    events = etree.iterparse(io.BytesIO(xml), events=("start", "end"), recover=True,
                             resolve_entities=False, no_network=True, huge_tree=False)
    kind = ""
    depth = 0
    given = 0
    try:
        for event, elem in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    kind = _local(elem.tag)
                continue
            depth -= 1
            if depth != 1:
                continue
            item = _sitemap_item(kind, elem, base_url, tz)
            if item is not None:
                given += 1
                yield item
            elem.clear()
            parent = elem.getparent()
            while parent is not None and elem.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError:
        pass
    if any(e.level == etree.ErrorLevels.FATAL for e in events.error_log):
        # damaged XML: the stream gives up at the damage, the whole-document parser's
        # recovery reads on past it; its entries after those already given (a mere
        # namespace error, say, stops nothing and costs no second parse)
        root = _parse_xml(xml)
        if root is not None:
            items = (_sitemap_item(_local(root.tag), e, base_url, tz) for e in root)
            yield from itertools.islice((i for i in items if i is not None), given, None)


def _sitemap_item(kind: str, elem: etree._Element, base_url: str,
                  tz: str) -> tuple[bool, Entry] | None:
    """(is a child sitemap, entry) of one child of a root element of ``kind``."""
    name = _local(elem.tag)
    if name not in ("url", "sitemap"):
        return None
    loc = _child_text(elem, "loc")
    if not loc:
        return None
    raw_date = _child_text(elem, "lastmod")
    for sub in elem:
        if _local(sub.tag) == "news":
            raw_date = _child_text(sub, "publication_date") or raw_date
    date = parse_date(raw_date, tz) if raw_date else None
    # an absolute URL needs no join (the crawl canonicalises every URL it requests)
    url = loc if loc.startswith(("http://", "https://")) else urljoin(base_url, loc)
    return kind == "sitemapindex" or name == "sitemap", Entry(url, date)


_SITEMAP_LINE = re.compile(rb"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


def sitemaps_from_robots(body: bytes, base_url: str) -> list[str]:
    return [urljoin(base_url, m.decode("utf-8", "replace")) for m in _SITEMAP_LINE.findall(body)]


def looks_like_feed(body: bytes) -> bool:
    head = body[:512].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def looks_like_sitemap(body: bytes) -> bool:
    head = body[:1024].lower()
    return body[:2] == b"\x1f\x8b" or b"<urlset" in head or b"<sitemapindex" in head
