"""Site files: the YAML description of one news site, validated into a `SiteConfig`.

A site on a known CMS needs only `name`, `base_url` and `cms`; the profile fills in
feeds, URL patterns and extraction rules, so one profile covers every site on that CMS.
Validation errors name the file, the key and the problem, because a cron job's log is
often the only place a typo in a site file shows up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from pipelines.errors import SiteConfigError

#: Crawl defaults of the CMS families newsarchive knows. Extraction rules live in
#: pipelines.extract.cms; these are only what the spider needs to find articles.
CMS_PROFILES: dict[str, dict[str, Any]] = {
    "article_no": {
        "description": "Korean regional CMS with /news/article.html?no=N (TV서울 and others)",
        "article_patterns": [r"/(?:news|mobile)/article\.html\?no=\d+"],
        "list_patterns": [
            r"/news/(?:section_list_all|section|article_list_all)\.html",
        ],
        "feeds": ["/data/rss/news.xml"],
        "sitemaps": [],
        "start_urls": ["/news/article_list_all.html"],
        "language": "ko",
        "timezone": "Asia/Seoul",
    },
    "ndsoft": {
        "description": "Korean CMS with /news/articleView.html?idxno=N (hundreds of sites)",
        "article_patterns": [r"/news/articleView\.html\?idxno=\d+"],
        "list_patterns": [r"/news/articleList\.html"],
        "feeds": ["/rss/allArticle.xml"],
        "sitemaps": [],
        "start_urls": ["/news/articleList.html?view_type=sm"],
        "language": "ko",
        "timezone": "Asia/Seoul",
    },
    "generic": {
        "description": "Unknown CMS: feeds, sitemaps and the general extractor",
        "article_patterns": [],
        "list_patterns": [],
        "feeds": [],
        "sitemaps": ["/sitemap.xml"],
        "start_urls": ["/"],
        "language": None,
        "timezone": None,
    },
}

#: Fields a site file may give CSS or XPath selectors for.
SELECTOR_FIELDS = frozenset(
    {"title", "subtitle", "authors", "published_at", "modified_at", "section", "body",
     "teasers", "remove"}
)

_LIST_KEYS = ("allowed_domains", "start_urls", "feeds", "sitemaps", "article_patterns",
              "list_patterns")
_KNOWN_KEYS = frozenset(
    {"name", "base_url", "cms", "encoding", "timezone", "language", "enabled", "limits",
     "selectors", "description", *_LIST_KEYS}
)
_LIMIT_KEYS = frozenset({"max_pages", "max_articles", "max_list_pages", "download_delay",
                         "concurrency"})
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass(frozen=True)
class SiteConfig:
    name: str
    base_url: str
    cms: str = "generic"
    allowed_domains: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    list_patterns: tuple[str, ...] = ()
    selectors: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    timezone: str = "UTC"
    language: str | None = None
    enabled: bool = True
    limits: dict[str, int | float] = field(default_factory=dict)
    description: str | None = None
    source: str | None = None  # the file it was read from

    def absolute(self, url: str) -> str:
        return urljoin(self.base_url, url)

    def is_article_url(self, url: str) -> bool:
        return any(re.search(p, url) for p in self.article_patterns)

    def is_list_url(self, url: str) -> bool:
        return any(re.search(p, url) for p in self.list_patterns)

    def with_base_url(self, base_url: str) -> "SiteConfig":
        """The same site served elsewhere (the demo site on a free port, a mirror)."""
        host = urlsplit(base_url).hostname or ""
        return replace(self, base_url=base_url.rstrip("/") + "/", allowed_domains=(host,))


def _fail(source: str, key: str, problem: str) -> SiteConfigError:
    return SiteConfigError(f"{source}: key '{key}': {problem}")


def site_from_dict(data: Any, source: str = "<site>") -> SiteConfig:
    """Validate a parsed site file and fill in the CMS profile's defaults."""
    if not isinstance(data, dict):
        raise SiteConfigError(f"{source}: a site file must be a mapping of keys to values")
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise _fail(source, unknown[0], f"unknown key (known: {', '.join(sorted(_KNOWN_KEYS))})")
    for key in ("name", "base_url"):
        if not data.get(key):
            raise _fail(source, key, "is required")
    name = data["name"]
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise _fail(source, "name", "must be lowercase letters, digits, '.', '_' or '-'")
    base_url = data["base_url"]
    parts = urlsplit(str(base_url))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _fail(source, "base_url", f"must be an http(s) URL, got {base_url!r}")
    cms = data.get("cms", "generic")
    if cms not in CMS_PROFILES:
        raise _fail(source, "cms", f"unknown profile {cms!r} (known: {', '.join(CMS_PROFILES)})")
    profile = CMS_PROFILES[cms]

    lists: dict[str, tuple[str, ...]] = {}
    for key in _LIST_KEYS:
        value = data.get(key)
        if value is None:
            value = profile.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _fail(source, key, "must be a list of strings")
        lists[key] = tuple(value)
    for key in ("article_patterns", "list_patterns"):
        for pattern in lists[key]:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise _fail(source, key, f"bad regular expression {pattern!r}: {exc}") from None
    if not lists["allowed_domains"]:
        lists["allowed_domains"] = (parts.hostname,)

    selectors = data.get("selectors") or {}
    if not isinstance(selectors, dict):
        raise _fail(source, "selectors", "must be a mapping of field to selector")
    for key, value in selectors.items():
        if key not in SELECTOR_FIELDS:
            raise _fail(source, f"selectors.{key}",
                        f"unknown field (known: {', '.join(sorted(SELECTOR_FIELDS))})")
        if not isinstance(value, str) or not value.strip():
            raise _fail(source, f"selectors.{key}", "must be a CSS or XPath selector string")

    language = data.get("language", profile.get("language"))
    host = parts.hostname or ""
    default_tz = profile.get("timezone") or (
        "Asia/Seoul" if host.endswith(".kr") or language == "ko" else "UTC"
    )
    timezone = data.get("timezone") or default_tz
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(source, "timezone", f"unknown time zone {timezone!r}") from None
    if language is None and host.endswith(".kr"):
        language = "ko"

    encoding = data.get("encoding")
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise _fail(source, "encoding", f"unknown encoding {encoding!r}") from None

    limits = data.get("limits") or {}
    if not isinstance(limits, dict):
        raise _fail(source, "limits", "must be a mapping")
    for key, value in limits.items():
        if key not in _LIMIT_KEYS:
            raise _fail(source, f"limits.{key}", f"unknown limit (known: {', '.join(sorted(_LIMIT_KEYS))})")
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            raise _fail(source, f"limits.{key}", "must be a number >= 0")

    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise _fail(source, "enabled", "must be true or false")

    return SiteConfig(
        name=name,
        base_url=str(base_url).rstrip("/") + "/",
        cms=cms,
        selectors=dict(selectors),
        encoding=encoding,
        timezone=timezone,
        language=language,
        enabled=enabled,
        limits=dict(limits),
        description=data.get("description"),
        source=source,
        **lists,
    )


def load_site_file(path: str | Path) -> SiteConfig:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SiteConfigError(f"{path}: cannot read site file: {exc.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SiteConfigError(f"{path}: not valid YAML: {exc}") from None
    return site_from_dict(data, source=str(path))


def seeds_dir() -> Path:
    """The bundled seeds/ folder (beside the packages in a checkout or an editable install)."""
    return Path(__file__).resolve().parent.parent / "seeds"


def list_sites(directory: str | Path | None = None) -> list[SiteConfig]:
    directory = Path(directory) if directory else seeds_dir()
    return [load_site_file(p) for p in sorted(directory.glob("*.yaml"))]


def resolve_site(spec: str, directory: str | Path | None = None) -> SiteConfig:
    """A site name from seeds/ or a path to a site YAML file."""
    candidate = Path(spec)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return load_site_file(candidate)
    directory = Path(directory) if directory else seeds_dir()
    path = directory / f"{spec}.yaml"
    if not path.exists():
        known = ", ".join(p.stem for p in sorted(directory.glob("*.yaml"))) or "none"
        raise SiteConfigError(f"unknown site {spec!r}: no {path} (known sites: {known})")
    return load_site_file(path)


_SITES_BY_HOST: dict[str, SiteConfig] | None = None


def site_for_url(url: str) -> SiteConfig | None:
    """The bundled site file whose domains cover url, if any (for re-parsing captures)."""
    global _SITES_BY_HOST
    if _SITES_BY_HOST is None:
        _SITES_BY_HOST = {}
        try:
            for site in list_sites():
                for domain in site.allowed_domains:
                    _SITES_BY_HOST.setdefault(domain.lower(), site)
        except SiteConfigError:
            pass
    host = (urlsplit(url).hostname or "").lower()
    while host:
        if host in _SITES_BY_HOST:
            return _SITES_BY_HOST[host]
        host = host.partition(".")[2]
    return None
