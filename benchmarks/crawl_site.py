"""The crawl benchmark's site: N static article pages of 60-90 KB, lists, sitemap, feed.

Pages use the demo site's chrome (`crawler.demo.chrome`: header with weather widget,
menus, teaser boxes, ad slots, inline scripts, footer) around generated Korean text, in
the ``article.html?no=N`` CMS's URL scheme, so the crawler and its extractor treat them
like a real site of that family. Every article is linked from the sitemap and from the
paginated all-articles and section lists; every article page carries ~50 teaser links to
other articles (as real pages do), so a crawler that scans article pages for links does
that work here too.

The files are written once per (page count, port, generator version) under the system
temp dir and served by nginx (a non-daemon child process) or, if nginx is missing, by a
threaded Python server. The port is part of the cache key because pages carry absolute
canonical URLs.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import random
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape

from crawler.demo import chrome
from crawler.demo.chrome import e
from crawler.demo.content import KST, SECTIONS, SITE_NAME, DemoArticle, article_path
from pipelines.siteconfig import SiteConfig, site_from_dict

#: Bump when the generated pages change, so cached sites are rebuilt.
GENERATOR_VERSION = 4
LIST_SIZE = 20
PAGER_BLOCK = 10
PREFERRED_PORT = 47613
TODAY = datetime(2025, 12, 1, 10, 30, tzinfo=KST)
FIRST_ID = 100001

_NOUNS = """
서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주
정부 국회 경제 시장 기업 정책 지역 주민 사업 교육 학교 환경 문화 관광 도시 교통 주택
복지 안전 의원 장관 총리 국민 사회 예산 세금 금리 물가 수출 수입 산업 기술 연구 개발
의료 병원 건강 노동 임금 고용 청년 노인 아동 여성 가족 인구 선거 후보 정당 여당 야당
법안 재판 검찰 경찰 사건 사고 화재 태풍 폭우 날씨 기온 미세먼지 공기 에너지 전력 원전
주식 투자 은행 대출 부채 자산 부동산 아파트 전세 월세 분양 건설 도로 철도 공항 항만
특구 규제 혁신 창업 벤처 축제 공연 전시 영화 음악 방송 언론 독자 구청 시청 도청
대통령 위원회 구청장 시의회 교육청 국정감사 지방자치 기초단체 광역단체 시민단체 소상공인
반도체 배터리 자동차 조선 인공지능 플랫폼 데이터 탄소 기후 출생률 일자리 최저임금 재개발
""".split()
_PARTICLES = ("은", "는", "이", "가", "을", "를", "의", "에", "에서", "으로", "와", "과", "도",
              "까지", "부터", "")
_ADVERBS = ("이번", "올해", "지난해", "내년", "최근", "오는", "지난", "이날", "현재", "또한",
            "특히", "다양한", "새로운", "주요", "관련", "본격적인", "대대적인")
_VERBS = ("추진한다고 밝혔다", "지원하기로 했다", "확대할 예정이다", "강화할 계획이다",
          "개선해야 한다고 강조했다", "마련했다고 설명했다", "운영한다고 전했다",
          "실시했다고 말했다", "검토하고 있다", "우려를 나타냈다", "협의할 방침이다",
          "필요하다고 지적했다", "발표했다", "늘어난 것으로 나타났다", "줄어들 전망이다")


def _sentence(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randrange(5, 12)):
        if rng.random() < 0.2:
            words.append(rng.choice(_ADVERBS))
        word = rng.choice(_NOUNS)
        if rng.random() < 0.25:
            word += rng.choice(_NOUNS)
        if rng.random() < 0.15:
            word = f"{rng.randrange(2, 999)}{rng.choice(('억원', '%', '명', '곳', '건'))}"
        words.append(word + rng.choice(_PARTICLES))
    return " ".join(words) + " " + rng.choice(_VERBS) + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randrange(2, 5)))


def make_articles(n: int, seed: int = 5) -> list[DemoArticle]:
    """n articles, newest last, 1,200-3,200 characters of text each (5-12 paragraphs)."""
    rng = random.Random(seed)
    reporters = [f"{s}{g}" for s in "김이박최정강조윤장임한오" for g in ("민준", "서연", "지훈", "하은")]
    start = TODAY - timedelta(days=365)
    step = 365 * 86400 / max(1, n)
    out = []
    for i in range(n):
        published = start + timedelta(seconds=int(i * step) + rng.randrange(0, max(1, int(step))))
        section = SECTIONS[rng.randrange(len(SECTIONS))][1]
        paras: list[str] = []
        target = rng.randrange(1200, 3200)
        while sum(map(len, paras)) < target:
            paras.append(_paragraph(rng))
        name = rng.choice(reporters)
        title = " ".join(w + rng.choice(_PARTICLES[:9]) for w in rng.sample(_NOUNS, 4))
        title += " " + rng.choice(_VERBS).split()[0][:-1] + "…"
        out.append(DemoArticle(
            id=FIRST_ID + i, cms="article_no", section=section, title=f"{title} ({i})",
            subtitle=_sentence(rng)[:60] if rng.random() < 0.4 else None,
            authors=[{"name": name, "role": "기자", "email": f"r{i % 97}@newsdemo.kr"}],
            published_at=published,
            modified_at=published + timedelta(hours=3) if rng.random() < 0.3 else None,
            body_paragraphs=paras, encoding="utf-8"))
    return out


# ------------------------------------------------------------------------------- pages

def _body_html(a: DemoArticle) -> str:
    paras = [f"{a.byline} {a.body_paragraphs[0]}", *a.body_paragraphs[1:]]
    out = [f"<p>{e(paras[0])}</p>\n",
           '<figure class="photo" style="text-align:center">'
           f'<img src="{chrome.photo_url(a)}" alt="{e(a.title)}" style="max-width:100%" '
           f'width="640" height="427">\n<figcaption>{e(chrome.photo_caption(a))}</figcaption>'
           "</figure>\n"]
    for i, p in enumerate(paras[1:], 1):
        if i == max(2, len(paras) // 2):
            out.append(chrome.ad_box("art_mid"))
        out.append(f"<p>{e(p)}</p>\n")
    return "".join(out)


def _padding_script(rng: random.Random, size: int) -> str:
    """Inline ad/tracking configuration, as real pages carry tens of KB of it."""
    parts = ['<script type="text/javascript">\n//<![CDATA[\nvar _ad_zones = [\n']
    total = 0
    while total < size:
        line = (f'\t{{zone: "z{rng.randrange(10**6):06d}", w: {rng.choice((300, 728, 160))}, '
                f'h: {rng.choice((250, 90, 600))}, site: "newsdemo", '
                f'target: "{rng.choice(_NOUNS)}", refresh: {rng.randrange(0, 60)}, '
                f'cb: "cb_{rng.getrandbits(64):016x}"}},\n')
        parts.append(line)
        total += len(line)
    parts.append("];\n//]]>\n</script>\n")
    return "".join(parts)


@dataclass(frozen=True)
class _Picks:
    arl: DemoArticle
    boxes: list[tuple[int, str, list[DemoArticle]]]
    popular: list[DemoArticle]
    photo: list[DemoArticle]


def _picks(a: DemoArticle, articles: list[DemoArticle], rng: random.Random) -> _Picks:
    n = len(articles)

    def other(k: int) -> list[DemoArticle]:
        chosen = []
        while len(chosen) < min(k, n - 1):
            x = articles[rng.randrange(n)]
            if x.id != a.id and x not in chosen:
                chosen.append(x)
        return chosen

    boxes = [(no, name, other(4)) for no, name in SECTIONS if name != a.section]
    return _Picks(arl=other(1)[0], boxes=boxes, popular=other(10), photo=other(4))


def render_article(a: DemoArticle, articles: list[DemoArticle], latest: list[DemoArticle],
                   base_url: str) -> str:
    """An article page in the article_no skin, padded to a 60-90 KB target."""
    rng = random.Random(a.id)
    target = rng.randrange(60_000, 88_000)
    url = base_url.rstrip("/") + article_path(a)
    picks = _picks(a, articles, rng)
    info = [f"<li>{e(chrome.reporter_line(a))}</li>",
            f"<li>등록 {a.published_at:%Y.%m.%d %H:%M:%S}</li>"]
    if a.modified_at:
        info.append(f"<li>수정 {a.modified_at:%Y.%m.%d %H:%M:%S}</li>")
    subtitle = f"\t\t<h3>{e(a.subtitle)}</h3>\n" if a.subtitle else ""
    boxes = "".join(chrome.hdl_box(40 + i, no, name, items)
                    for i, (no, name, items) in enumerate(picks.boxes))
    aside = (chrome.ad_box("aside_top") + chrome.popular_box(picks.popular) + boxes
             + chrome.photo_box(52, picks.photo) + chrome.latest_box(latest)
             + chrome.ad_box("aside_bottom"))
    email = a.authors[0]["email"]
    head = chrome.head_html(title=f"{a.title} - {SITE_NAME}", charset="utf-8", canonical=url,
                            description=chrome.lead_text(a, 150),
                            og_image=base_url.rstrip("/") + chrome.photo_url(a))
    page = (
        head + chrome.header_html(TODAY, a.sec_no)
        + f"""<div id="container"><div class="inner">
<div id="content" class="content">
<div class="arv_001">
	<div class="art_top">
		<div class="sec_tit"><a href="{chrome.section_url(a.sec_no)}">{e(a.section)}</a></div>
		<h2>{e(a.title)}</h2>
{subtitle}		<ul class="art_info">
			{"".join(info)}
		</ul>
	</div>
	<div class="cnt_view news_body_area">
		<div id="news_body_area" class="smartOutput" itemprop="articleBody">
{_body_html(a)}		</div>
	</div>
	<p class="copyright">저작권자 &copy; {SITE_NAME} 무단전재 및 재배포 금지</p>
</div>
<div class="arv_003">
	<div class="jour_box">
		<p class="name">{e(a.authors[0]["name"])} 기자</p><p class="email"><a href="mailto:{email}">{email}</a></p>
	</div>
</div>
{chrome.ad_box("view_bottom")}{chrome.arl_box(17, picks.arl)}</div>
<div id="aside">
{aside}</div>
</div></div>
{chrome.VIEW_SCRIPT}"""
    )
    footer = chrome.footer_html(TODAY)
    missing = target - len((page + footer).encode("utf-8"))
    if missing > 0:
        page += _padding_script(rng, missing)
    return page + footer




def render_list(items: list[DemoArticle], page: int, heading: str, href: str,
                canonical: str, sec_no: int | None, popular: list[DemoArticle]) -> str:
    pages = max(1, math.ceil(len(items) / LIST_SIZE))
    return chrome.list_page_html(
        title=f"{heading} - {SITE_NAME}", heading=heading, description=f"{SITE_NAME} {heading}",
        canonical=canonical, now=TODAY, sec_no=sec_no,
        items=items[(page - 1) * LIST_SIZE: page * LIST_SIZE], total=len(items),
        pager=chrome.pager_html(page, pages, href, PAGER_BLOCK), popular=popular)


# ------------------------------------------------------------------------------- the site

@dataclass(frozen=True)
class BenchSite:
    root: Path
    articles: int
    list_pages: int
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def total_pages(self) -> int:
        """Pages a full crawl fetches: articles, lists (plus the menu's page-less aliases of
        the first list pages), robots.txt, sitemap and feed."""
        return self.articles + self.list_pages + len(SECTIONS) + 1 + 3

    def site_config(self) -> SiteConfig:
        return bench_site_config(self.base_url)


def bench_site_config(base_url: str) -> SiteConfig:
    """The site file of the benchmark site: the article_no profile plus its sitemap."""
    return site_from_dict({"name": "bench", "base_url": base_url, "cms": "article_no",
                           "sitemaps": ["/sitemap.xml"], "language": "ko"}, source="<bench>")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def build_site(n: int, port: int, cache_dir: Path | None = None) -> BenchSite:
    """Write the site's files (or reuse the cached copy) and describe it."""
    cache_dir = cache_dir or Path(tempfile.gettempdir()) / "newsarchive-crawl-bench"
    key = hashlib.sha256(json.dumps([GENERATOR_VERSION, n, port]).encode()).hexdigest()[:12]
    root = cache_dir / f"site-{n}-{key}"
    manifest = root / "manifest.json"
    if manifest.exists():
        info = json.loads(manifest.read_text())
        return BenchSite(root, info["articles"], info["list_pages"], port)
    tmp = cache_dir / f".building-{key}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    base_url = f"http://127.0.0.1:{port}/"
    articles = make_articles(n)
    newest = articles[::-1]
    latest = newest[:10]
    for a in articles:
        _write(tmp / "a" / f"{a.id}.html", render_article(a, articles, latest, base_url))
    list_pages = 0
    rng = random.Random(1)
    lists: list[tuple[str, int | None, str, list[DemoArticle]]] = [("all", None, "전체기사", newest)]
    lists += [(str(no), no, name, [a for a in newest if a.section == name])
              for no, name in SECTIONS]
    for folder, sec_no, heading, items in lists:
        href = (f"/news/section_list_all.html?sec_no={sec_no}&amp;page=" if sec_no
                else "/news/article_list_all.html?page=")
        for page in range(1, max(1, math.ceil(len(items) / LIST_SIZE)) + 1):
            canonical = base_url.rstrip("/") + href.replace("&amp;", "&") + str(page)
            popular = [articles[rng.randrange(n)] for _ in range(10)]
            _write(tmp / "l" / folder / f"{page}.html",
                   render_list(items, page, heading, href, canonical, sec_no, popular))
            list_pages += 1
    _write(tmp / "sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "".join(
               f"\t<url><loc>{xml_escape(base_url.rstrip('/') + article_path(a))}</loc>"
               f"<lastmod>{a.last_modified.isoformat()}</lastmod></url>\n" for a in articles)
           + "</urlset>\n")
    _write(tmp / "rss.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
           f"<channel><title>{SITE_NAME}</title><link>{base_url}</link>\n" + "".join(
               f"<item><title>{xml_escape(a.title)}</title>"
               f"<link>{xml_escape(base_url.rstrip('/') + article_path(a))}</link>"
               f"<pubDate>{format_datetime(a.published_at)}</pubDate></item>\n"
               for a in newest[:20]) + "</channel></rss>\n")
    _write(tmp / "robots.txt", f"User-agent: *\nDisallow: /admin/\n\nSitemap: {base_url}sitemap.xml\n")
    (tmp / "manifest.json").write_text(json.dumps({"articles": n, "list_pages": list_pages}))
    shutil.rmtree(root, ignore_errors=True)
    tmp.rename(root)
    return BenchSite(root, n, list_pages, port)


def route(target: str) -> str | None:
    """The file (relative to the site root) behind a request target; nginx does the same."""
    parts = urlsplit(target)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    path = parts.path
    if path == "/news/article.html" and query.get("no", "").isdigit():
        return f"a/{query['no']}.html"
    page = query.get("page", "1")
    if not page.isdigit():
        return None
    if path == "/news/article_list_all.html":
        return f"l/all/{page}.html"
    if path == "/news/section_list_all.html" and query.get("sec_no", "").isdigit():
        return f"l/{query['sec_no']}/{page}.html"
    return {"/sitemap.xml": "sitemap.xml", "/robots.txt": "robots.txt",
            "/data/rss/news.xml": "rss.xml"}.get(path)


_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
          ".txt": "text/plain; charset=utf-8"}


# ------------------------------------------------------------------------------- servers

def free_port(preferred: int = PREFERRED_PORT) -> int:
    """The preferred port if it can be bound (so the cached site fits), else any free one."""
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    open_file_cache max=100000 inactive=60s;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{ text/html html; application/xml xml; text/plain txt; }}
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/html text/plain application/xml;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location = /news/article.html {{ try_files /a/$arg_no.html =404; }}
        location = /news/article_list_all.html {{ try_files /l/all/$arg_page.html /l/all/1.html; }}
        location = /news/section_list_all.html {{
            try_files /l/$arg_sec_no/$arg_page.html /l/$arg_sec_no/1.html =404;
        }}
        location = /data/rss/news.xml {{ try_files /rss.xml =404; }}
        location / {{ try_files $uri =404; }}
    }}
}}
"""


class SiteServer:
    """Serves a BenchSite on 127.0.0.1 with nginx, else a threaded Python server."""

    def __init__(self, site: BenchSite, prefer_nginx: bool = True) -> None:
        self.site = site
        self.kind = "nginx" if prefer_nginx and shutil.which("nginx") else "python"
        self._proc: subprocess.Popen | None = None
        self._httpd: ThreadingHTTPServer | None = None
        self._tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> "SiteServer":
        if self.kind == "nginx":
            self._start_nginx()
        else:
            self._start_python()
        self._wait_ready()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _start_nginx(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="bench-nginx-")
        tmp = Path(self._tmp.name)
        conf = tmp / "nginx.conf"
        conf.write_text(NGINX_CONF.format(tmp=tmp, port=self.site.port, root=self.site.root))
        self._proc = subprocess.Popen(
            [shutil.which("nginx") or "nginx", "-p", str(tmp), "-c", str(conf),
             "-e", str(tmp / "error.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def _start_python(self) -> None:
        root = self.site.root

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                rel = route(self.path)
                path = root / rel if rel else None
                if path is None or not path.is_file():
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = path.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", _TYPES.get(path.suffix, "text/plain"))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", self.site.port), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def _wait_ready(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                err = self._proc.stderr.read().decode(errors="replace") if self._proc.stderr else ""
                raise RuntimeError(f"nginx exited: {err.strip()}")
            try:
                with socket.create_connection(("127.0.0.1", self.site.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"the {self.kind} server did not start on port {self.site.port}")

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
