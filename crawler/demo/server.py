"""A local HTTP server for the demo news site, on 127.0.0.1 and a free port.

`newsarchive demo` and the end-to-end tests crawl it. It counts requests per path so a
test can assert what a crawl fetched (and what it did not, e.g. ``/admin/``), and it
answers conditional requests so re-crawls can be tested for 304 handling.
"""
from __future__ import annotations

import argparse
import collections
import threading
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from crawler.demo.routes import Response, render


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"
    server_version = "NewsDemo/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        """Quiet: tests and the CLI must not get a stderr line per request."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._serve(head=False)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self._serve(head=True)

    def _not_modified(self, resp: Response) -> bool:
        if resp.status != 200 or resp.article is None:
            return False
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return resp.etag in {t.strip() for t in inm.split(",")} or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if not ims or resp.last_modified is None:
            return False
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        # HTTP dates have whole seconds, as do the article dates.
        return since >= resp.last_modified

    def _serve(self, head: bool) -> None:
        owner: DemoServer = self.server.owner
        owner._count(self.path)
        resp = render(self.path, owner.base_url, owner.today)
        status = 304 if self._not_modified(resp) else resp.status
        self.send_response(status)
        if resp.last_modified is not None:
            self.send_header("Last-Modified",
                             format_datetime(resp.last_modified.astimezone(timezone.utc),
                                             usegmt=True))
            self.send_header("ETag", resp.etag or "")
        if status == 304:
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        if not head:
            self.wfile.write(resp.body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: "DemoServer"


class DemoServer:
    """The demo site served from a daemon thread.

    >>> with DemoServer() as server:
    ...     server.base_url   # 'http://127.0.0.1:PORT/'

    ``today`` fixes the date the pages' header shows (default: the real date).
    ``requests`` counts the request targets (path + query) received.
    """

    def __init__(self, port: int = 0, host: str = "127.0.0.1",
                 today: datetime | None = None) -> None:
        self.host = host
        self.port = port
        self.today = today
        self.requests: collections.Counter[str] = collections.Counter()
        self._lock = threading.Lock()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    def _count(self, target: str) -> None:
        with self._lock:
            self.requests[target] += 1

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("DemoServer is not started")
        return f"http://{self.host}:{self.port}/"

    def start(self) -> "DemoServer":
        if self._httpd is not None:
            return self
        httpd = _Server((self.host, self.port), _Handler)
        httpd.owner = self
        self.port = httpd.server_address[1]
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, name="newsdemo-server",
                                        kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> "DemoServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the 뉴스데모 demo news site locally.")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    server = DemoServer(port=args.port, host=args.host).start()
    print(server.base_url, flush=True)
    try:
        while True:
            threading.Event().wait(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
