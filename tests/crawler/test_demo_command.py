"""`newsarchive demo`, the README's first command, run as a user runs it."""
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

from crawler.demo.content import ARTICLES

ROOT = Path(__file__).resolve().parents[2]


def demo(db, port):
    return subprocess.run([sys.executable, "-m", "crawler.cli", "demo", "--db", str(db),
                           "--port", str(port)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_demo_twice_archives_each_article_once(tmp_path):
    db, port = tmp_path / "archive.db", free_port()
    first = demo(db, port)
    assert first.returncode == 0, first.stderr
    assert f"articles new {len(ARTICLES)}" in first.stdout
    assert f"Archive {db}: {len(ARTICLES)} articles" in first.stdout
    assert "serve --db" in first.stdout
    second = demo(db, port)
    assert second.returncode == 0, second.stderr
    assert "articles new 0" in second.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == len(ARTICLES)


def test_demo_on_a_busy_port_falls_back_and_says_so(tmp_path):
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        result = demo(tmp_path / "a.db", port)
    assert result.returncode == 0, result.stderr
    assert f"Port {port} is busy" in result.stderr
    assert f":{port}/" not in result.stdout.splitlines()[0]
