"""URL canonicalisation: one article, one key, however it was linked.

The same story is reached through feeds with `utm_*` tags, share links with `fbclid`,
session ids and reordered queries; deduplicating on the raw URL would archive it many
times. Fragments never reach the server, so they go too.
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

#: Query parameters that never select content: trackers, click ids and session ids.
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|"
    r"_ga|_gl|ref_src|cmpid|cmp|ncid|ocid|spm|phpsessid|jsessionid|sid|sessionid|session_id|"
    r"aspsessionid[a-z]*|cfid|cftoken|ref)$",
    re.IGNORECASE,
)
_JSESSION = re.compile(r";jsessionid=[^?#/]*", re.IGNORECASE)
#: Already canonical: lower-case http(s) host without port or user, a path, no query,
#: fragment or ';' parameters. Most article and teaser links; they skip urlsplit.
_CANONICAL = re.compile(r"https?://[a-z0-9.\-]+/[^?#;\s]*")
#: Also already canonical when no key is a tracking one and the port is not the default:
#: the same with a non-default port and a plain ``key=value&...`` query, the shape of
#: the Korean CMSs' article links (``/news/articleView.html?idxno=N``), which otherwise
#: cost a urlsplit, parse_qsl and urlencode each (15 us against 5 for a link that is not
#: in the callers' memo yet).
_PLAIN = re.compile(
    r"(https?)://[a-z0-9.\-]+(?::([1-9][0-9]{0,4}))?/[^?#;\s]*"
    r"(?:\?((?:[A-Za-z0-9_]+=[A-Za-z0-9_.\-~]*&)*[A-Za-z0-9_]+=[A-Za-z0-9_.\-~]*))?"
)
_QUERY_KEY = re.compile(r"([A-Za-z0-9_]+)=")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _plain_canonical(url: str) -> bool:
    m = _PLAIN.fullmatch(url)
    if m is None:
        return False
    scheme, port, query = m.groups()
    if port is not None and (port == _DEFAULT_PORTS[scheme] or int(port) > 65535):
        return False
    return query is None or not any(
        TRACKING_PARAMS.match(k) for k in _QUERY_KEY.findall(query))


def canonicalize_url(url: str) -> str:
    """Lower-case scheme and host, drop default ports, fragments and tracking parameters.

    Remaining parameters keep their order: on Korean CMSs (`article.html?no=N`) the order
    is stable, and sorting would make stored URLs differ from what the site links.
    """
    url = url.strip()
    if _CANONICAL.fullmatch(url) or _plain_canonical(url):
        return url
    try:
        return _canonicalize_parsed(url)
    except ValueError:  # a port that is no number, a broken [IPv6] host: kept as found
        return url


def _canonicalize_parsed(url: str) -> str:
    parts = urlsplit(_JSESSION.sub("", url))
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and not (
        (scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMS.match(k)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(query, safe="/:,"), ""))


#: Memoised canonicalize_url for the hot paths (teaser links, spider links, archive
#: keys): pages repeat the same links from box to box and page to page; one cache per
#: process, bounded.
cached_canonical_url = lru_cache(maxsize=65536)(canonicalize_url)


_ORIGIN = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*")


@lru_cache(maxsize=4096)
def _origin(base: str) -> str | None:
    m = _ORIGIN.match(base)
    return m.group() if m else None


def join_url(base: str, href: str) -> str:
    """``urljoin(base, href)``, without urllib's parsing for the two common shapes.

    A page links ~100 absolute (``https://...``) or root-relative (``/news/...``) URLs;
    those need no resolution beyond prefixing the page's origin, unless they hold dot
    segments or backslashes, which go through ``urljoin`` like everything else.
    """
    if "/." in href or "\\" in href:
        return urljoin(base, href)
    if href.startswith(("https://", "http://")):
        return href
    if href.startswith("/") and not href.startswith("//"):
        origin = _origin(base)
        if origin is not None:
            return origin + href
    return urljoin(base, href)


def same_site(url: str, allowed_domains: tuple[str, ...] | list[str]) -> bool:
    """True when url's host is one of the allowed domains or a subdomain of one."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in (x.lower() for x in allowed_domains))
