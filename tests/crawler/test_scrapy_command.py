"""`scrapy crawl news -a site=...` from the repository root uses the same pipelines."""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from crawler.demo.content import ARTICLES
from crawler.demo.server import DemoServer

ROOT = Path(__file__).resolve().parents[2]


def test_scrapy_crawl_news_fills_the_archive(tmp_path):
    db = tmp_path / "archive.db"
    scrapy = Path(sys.executable).parent / "scrapy"
    with DemoServer() as server:
        result = subprocess.run(
            [str(scrapy), "crawl", "news", "-a", "site=crawler/demo/site.yaml",
             "-a", f"base_url={server.base_url}", "-s", f"NEWSARCHIVE_DB={db}",
             "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING"],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == len(ARTICLES)
        run = conn.execute("select status, new, command_line from crawl_runs").fetchall()
    assert run == [("ok", len(ARTICLES), "scrapy crawl news")]
