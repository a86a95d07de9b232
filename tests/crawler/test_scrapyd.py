"""Deploying to a real scrapyd with scrapyd-client and crawling a local site through it.

The project is copied to a temporary folder (building an egg writes build/ and
*.egg-info, which must not touch the checkout) and deployed with `scrapyd-deploy`. The
target's URL comes from a user-level scrapy.cfg (`$XDG_CONFIG_HOME/scrapy.cfg`,
`[deploy:testing]`): Scrapy merges it with the project's own scrapy.cfg, whose `[deploy]`
section supplies the project name, so the project file is deployed unmodified.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.crawler.webserver import SiteServer, ndsoft
from tests.crawler.webserver.harness import ROOT, archived, crawl_runs, integrity

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
PROJECT = "newsarchive"
PROJECT_FILES = ("crawler", "pipelines", "exports", "setup.py", "setup.cfg", "pyproject.toml",
                 "README.md", "scrapy.cfg")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(base: str, endpoint: str, data: list[tuple[str, str]] | None = None,
        query: dict[str, str] | None = None) -> dict[str, Any]:
    url = base + endpoint + ("?" + urllib.parse.urlencode(query) if query else "")
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    """A scrapyd on 127.0.0.1 with its own config and folders; yields its base URL."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\ndbs_dir = {home / 'dbs'}\n"
        "items_dir =\njobs_to_keep = 5\nmax_proc = 1\npoll_interval = 0.5\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k not in ("SCRAPY_SETTINGS_MODULE",
                                                            "PYTHONPATH")}
    log = open(home / "scrapyd.out", "w")  # noqa: SIM115 - closed in the finaliser
    proc = subprocess.Popen([str(BIN / "scrapyd"), "--pidfile=", "-n"], cwd=home, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if api(base, "daemonstatus.json")["status"] == "ok":
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("scrapyd did not start:\n"
                                     + (home / "scrapyd.out").read_text(errors="replace"))
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def deploy(tmp_path: Path, scrapyd_url: str) -> subprocess.CompletedProcess:
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, project / name)
    config_home = tmp_path / "xdg"
    config_home.mkdir()
    (config_home / "scrapy.cfg").write_text(f"[deploy:testing]\nurl = {scrapyd_url}\n",
                                            encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SCRAPY_SETTINGS_MODULE",)}
    env["XDG_CONFIG_HOME"] = str(config_home)
    return subprocess.run([str(BIN / "scrapyd-deploy"), "testing", "-v", "1"], cwd=project,
                          env=env, capture_output=True, text=True, timeout=120)


def test_deploy_to_scrapyd_and_crawl_through_it(scrapyd: str, ndsoft_server: SiteServer,
                                                write_site_file: Any, tmp_path: Path) -> None:
    deployed = deploy(tmp_path, scrapyd)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert api(scrapyd, "listprojects.json")["projects"] == [PROJECT]
    assert "news" in api(scrapyd, "listspiders.json", query={"project": PROJECT})["spiders"]

    site = write_site_file(ndsoft_server, feeds=[ndsoft.FEED_PATH],
                           start_urls=[ndsoft.list_path(1)], base_url="http://example.invalid/")
    db = tmp_path / "scrapyd-archive.db"
    job = api(scrapyd, "schedule.json", data=[
        ("project", PROJECT), ("spider", "news"),
        ("site", str(site)), ("base_url", ndsoft_server.base_url),
        ("setting", f"NEWSARCHIVE_DB={db}"),
        ("setting", "AUTOTHROTTLE_ENABLED=False"), ("setting", "DOWNLOAD_DELAY=0"),
    ])
    assert job["status"] == "ok", job
    job_id = job["jobid"]

    deadline = time.monotonic() + 120
    while True:
        jobs = api(scrapyd, "listjobs.json", query={"project": PROJECT})
        if any(j["id"] == job_id for j in jobs["finished"]):
            break
        assert time.monotonic() < deadline, f"job not finished in 120 s: {jobs}"
        time.sleep(0.5)

    log_file = next((tmp_path / "scrapyd" / "logs").rglob(f"{job_id}.log"), None)
    log_text = log_file.read_text(errors="replace") if log_file else "(no job log)"
    assert db.exists(), log_text[-5000:]
    base = ndsoft_server.base_url.rstrip("/")
    got = archived(db)
    assert sorted(got) == sorted(base + s.path for s in ndsoft.STORIES.values()), log_text[-5000:]
    for story in ndsoft.STORIES.values():
        assert got[base + story.path]["title"] == story.title
    runs = crawl_runs(db)
    assert [(r["status"], r["new"], r["failed"], r["sites"]) for r in runs] == [
        ("ok", len(ndsoft.STORIES), 0, [ndsoft_server.site.name])]
    assert runs[0]["finished_at"]
    assert integrity(db) == "ok"
    assert "Traceback" not in log_text, log_text[-5000:]
