"""A tiny multi-site HTTP server for crawl tests: one ThreadingHTTPServer per site.

Crawls key domains on the host name, so every site gets its own port and the tests can
reach one server under two host names (127.0.0.1 and localhost) to play an off-site host.
Each server logs every request it receives, so a test can assert exactly what a crawl
fetched (and, as importantly, what it never fetched).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Reply:
    """What a site answers: status, headers, body, and optionally a stall before it.

    ``stall`` seconds pass before anything is written: longer than the crawler's
    DOWNLOAD_TIMEOUT, it is a page that never answers in time.
    """

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0


@dataclass
class Hit:
    """One request as the server saw it."""

    method: str
    target: str  # path + query, as sent
    headers: dict[str, str]  # lower-cased names
    received: float  # time.monotonic() when the request line was read
    status: int = 0
    answered: float = 0.0  # time.monotonic() after the reply was written

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, str]:
        return dict(parse_qsl(urlsplit(self.target).query, keep_blank_values=True))

    @property
    def host(self) -> str:
        return self.headers.get("host", "")


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A crawler that hangs up (timeout, size limit) is not a server error."""


class Site(Protocol):
    name: str

    def respond(self, method: str, target: str, headers: dict[str, str], base: str) -> Reply:
        """The reply to one request; ``base`` is the URL the site is served at."""


class SiteServer:
    """Serves one Site on 127.0.0.1 on a free port, in a daemon thread, logging requests.

    ``latency`` seconds pass before every reply: a slow site, so a crawl lasts long
    enough for a test to act while it runs.
    """

    def __init__(self, site: Site, port: int = 0, latency: float = 0.0) -> None:
        self.site = site
        self.latency = latency
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

            def _serve(self) -> None:
                hit = Hit(self.command, self.path,
                          {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
                with server._lock:
                    server.hits.append(hit)
                host = hit.host or f"127.0.0.1:{server.port}"
                reply = server.site.respond(self.command, self.path, hit.headers,
                                            f"http://{host}/")
                stall = reply.stall + server.latency
                if stall and server._stopping.wait(stall):
                    return
                hit.status = reply.status
                try:
                    self.send_response(reply.status)
                    headers = {"Content-Length": str(len(reply.body)), **reply.headers}
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    if self.command != "HEAD" and reply.status not in (204, 304):
                        self.wfile.write(reply.body)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the crawler gave up (timeout, max size): that is its right
                hit.answered = time.monotonic()

            do_GET = do_HEAD = _serve

        self._httpd = _QuietServer(("127.0.0.1", port), Handler)
        self.port: int = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        name=f"site-{site.name}", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def alias_url(self) -> str:
        """The same server under another host name: off-site for a crawl of base_url."""
        return f"http://localhost:{self.port}/"

    def start(self) -> "SiteServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "SiteServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the request log -------------------------------------------------------------

    def log(self) -> list[Hit]:
        with self._lock:
            return list(self.hits)

    def clear_log(self) -> None:
        with self._lock:
            self.hits.clear()

    def targets(self) -> list[str]:
        """Path + query of every request, in arrival order (repeats kept)."""
        return [h.target for h in self.log()]

    def requests_for(self, target: str) -> list[Hit]:
        return [h for h in self.log() if h.target == target]
