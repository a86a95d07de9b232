"""Shared fixtures: one demo server per test module, and an HTTP helper."""
from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

import pytest

from crawler.demo.server import DemoServer


@dataclass
class Fetched:
    status: int
    headers: Message
    body: bytes


def fetch(base_url: str, target: str, method: str = "GET",
          headers: dict[str, str] | None = None) -> Fetched:
    req = urllib.request.Request(base_url.rstrip("/") + target, method=method,
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return Fetched(resp.status, resp.headers, resp.read())
    except urllib.error.HTTPError as err:
        return Fetched(err.code, err.headers, err.read())


@pytest.fixture(scope="module")
def server():
    with DemoServer() as srv:
        yield srv
