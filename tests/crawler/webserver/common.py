"""What every test site shares: the ground-truth record and HTTP caching helpers."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from html import escape

from tests.crawler.webserver.server import Reply


@dataclass(frozen=True)
class Story:
    """One article as the tests expect to find it in the archive.

    ``path`` is path + query relative to the site's base URL; ``authors`` are names;
    ``body`` is the paragraphs as the extractor should return them (joined by blank
    lines in the archive). ``encoding`` is how the server encodes the page.
    """

    key: int | str
    path: str
    title: str
    authors: tuple[str, ...]
    published: datetime
    paragraphs: tuple[str, ...]
    section: str | None = None
    encoding: str = "utf-8"

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def esc(text: str) -> str:
    return escape(text, quote=True)


def content_type(kind: str, encoding: str = "utf-8") -> str:
    label = "euc-kr" if encoding.lower() in ("cp949", "euc-kr", "euc_kr") else encoding
    return f"{kind}; charset={label}"


def page(body: str, *, kind: str = "text/html", encoding: str = "utf-8",
         modified: datetime | None = None, headers: dict[str, str] | None = None,
         request_headers: dict[str, str] | None = None) -> Reply:
    """A 200 reply with validators (ETag, Last-Modified) when ``modified`` is given,
    answering a matching conditional request with 304 as a real server does."""
    data = body.encode(encoding)
    out = {"Content-Type": content_type(kind, encoding), **(headers or {})}
    if modified is not None:
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        last_modified = format_datetime(modified.astimezone(timezone.utc), usegmt=True)
        out["ETag"] = etag
        out["Last-Modified"] = last_modified
        req = request_headers or {}
        if req.get("if-none-match") == etag or (
            "if-none-match" not in req and req.get("if-modified-since") == last_modified
        ):
            return Reply(304, b"", {"ETag": etag, "Last-Modified": last_modified})
    return Reply(200, data, out)


def not_found(status: int = 404) -> Reply:
    text = {404: "Not Found", 410: "Gone"}.get(status, "Error")
    return Reply(status, f"<html><body><h1>{status} {text}</h1></body></html>".encode(),
                 {"Content-Type": "text/html; charset=utf-8"})
