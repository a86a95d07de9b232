"""Archive benchmark: ingest rate, search latency, recall/precision, size, memory.

Usage::

    .venv/bin/python benchmarks/archive.py [--sizes 100000,1000000] [--quick] [--dir /tmp/x]
                                           [--reuse] [--no-baseline] [--repeat N] [--json]

Synthetic articles (half Korean, half English; 1.5-4 KB of text, 1-3 authors, 3-8
teasers). Korean text is drawn Zipf-like from a vocabulary of real words, particles and
endings, with compound nouns (규제자유특구 style), so that common two-syllable words
occur inside longer words in about a tenth of the articles. Each system ingests in its
own child process (its ``VmHWM`` is its peak memory: `benchmarks.proc_memory`):

* ``newsarchive``: ``Archive.store_article`` (the real API: dedup lookup, authors,
  teasers, versions, Korean bigram FTS5 triggers), committing like the crawler
  (``commit_every=1000, commit_seconds=5``, the crawler's ``COMMIT_EVERY``);
* ``baseline``: ``sqlite-utils`` ``insert_all`` into a table with ``enable_fts``
  (default unicode61 tokenizer, sync triggers created before the insert), one
  transaction per 1,000 rows like ours.

Ingest is reported as wall-clock articles/s and as articles per CPU-second of the
ingesting process (less sensitive to other jobs on a shared machine). This machine's
speed drifts by a third from hour to hour, so ``--repeat N`` ingests N times, the two
systems alternating, and reports every round's rates and the median of their ratios;
the queries then run on the last round's archives.

Queries are timed through each system's search path (newsarchive: ``Archive.search``
including snippets) for bm25 order and newest-first, LIMIT 20. Recall and precision
compare each query's full match set with a brute-force scan (substring for Korean,
word/phrase for English) over a random sample of articles.

A run at 100,000 articles before the C analyzer (README.md has the latest), both systems
committing every 1,000 (2-core VM)::

                                  newsarchive      baseline (unicode61)
    ingest, articles/s            1,195            2,241
    ingest, per CPU-second        1,379            2,782
    archive bytes/article         7,898            5,709
    FTS index / text bytes        90%              48%
    ingest peak RSS, MB           214              52
    ko 2-syl (13.6% df) bm25      13.3 / 27.0 ms   1.7 / 3.0 ms   recall 1.000 vs 0.004
        newest p50/p95            3.5 / 5.8 ms     0.2 / 0.6 ms
    ko 3-syl (20% df)   bm25      18.4 / 28.4 ms   recall 1.000 vs 0.003
        newest                    7.1 / 13.7 ms
    ko 5-syl (1.3% df)  bm25      6.1 / 11.8 ms    recall 1.000 vs 0.048
        newest                    4.7 / 8.2 ms
    en word (6% df)     bm25      7.9 / 17.2 ms    4.8 / 62.0 ms
        newest                    2.6 / 7.8 ms     6.1 / 83.6 ms
    en phrase (3.8%)    bm25      8.5 / 12.2 ms    8.5 / 9.4 ms
        newest                    3.4 / 3.8 ms     11.1 / 12.2 ms
    precision 1.000 for every class and both systems.

Before new articles were indexed once per commit (one FTS5 insert per row from the
trigger, 100 articles per commit) ingest was 526 articles/s against 1,843. What is left
is FTS5's own work on ~3x the tokens of unicode61: a bare FTS5 table fed the same
bigram text takes ~0.5 ms an article on this machine.

An earlier 1,000,000 run (before index-at-commit) was stopped at 461,000 articles (36 min
wall incl. generation, ~216 articles/s: ingest slows as FTS5 segments merge). Queries at that size (p50 / p95 ms,
SQLite cache cold at first): ko 2-syl (14.5% df) bm25 35 / 62, newest 25 / 37;
ko 3-syl (19.7% df) bm25 67 / 123, newest 51 / 111; ko 5-syl (0.7% df) bm25 55 / 124,
newest 26 / 128; en word bm25 42 / 70, newest 15 / 25; en phrase bm25 79 / 114,
newest 23 / 37; recall and precision 1.000 throughout. FTS index: 2.7 KB/article.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.proc_memory import peak_rss_mb  # noqa: E402
from pipelines.record import Article, Author, Teaser  # noqa: E402

KST = timezone(timedelta(hours=9))
EPOCH = datetime(2020, 1, 1, tzinfo=KST)

# Real Korean words (nouns by length), particles and predicate endings.
KO_NOUNS = """
서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주
정부 국회 경제 시장 기업 정책 지역 주민 사업 교육 학교 환경 문화 관광 도시 교통 주택
복지 안전 의원 장관 총리 국민 사회 예산 세금 금리 물가 수출 수입 산업 기술 연구 개발
의료 병원 건강 노동 임금 고용 청년 노인 아동 여성 가족 인구 선거 후보 정당 여당 야당
법안 재판 검찰 경찰 사건 사고 화재 태풍 폭우 날씨 기온 미세 먼지 공기 에너지 전력 원전
주식 투자 은행 대출 부채 자산 부동산 아파트 전세 월세 분양 건설 도로 철도 공항 항만
특구 규제 자유 혁신 창업 벤처 스타 축제 공연 전시 영화 음악 방송 언론 기자 신문 독자
서초 강남 송파 마포 용산 종로 노원 은평 관악 동작 성동 광진 중랑 도봉 강서 구로 양천
대통령 위원회 구청장 시의회 교육청 국정감사 지방자치 기초단체 광역단체 시민단체 소상공인
자영업자 중소기업 대기업 반도체 배터리 자동차 조선업 인공지능 플랫폼 데이터 클라우드
탄소중립 신재생 수소경제 기후변화 저출산 고령화 일자리 최저임금 재건축 재개발 도시재생
""".split()
KO_OTHER = """
있다 했다 밝혔다 말했다 전했다 예정이다 계획이다 강조했다 설명했다 지적했다 발표했다
위해 통해 대해 따라 함께 이번 올해 지난해 내년 최근 오는 지난 이날 현재 또한 그러나
하지만 따라서 특히 다양한 새로운 주요 관련 추진 지원 확대 강화 개선 마련 운영 실시
""".split()
KO_PARTICLES = ["", "", "는", "은", "이", "가", "을", "를", "의", "에", "에서", "으로", "로",
                "와", "과", "도", "만", "까지", "부터", "에게", "들은", "들이"]
EN_WORDS = """
government parliament economy market company policy region residents project education
school environment culture tourism city transport housing welfare safety minister
president committee budget tax interest rates inflation exports imports industry
technology research development health hospital labour wages employment youth
elderly children women family population election candidate party ruling opposition
bill court prosecutors police incident accident fire typhoon rain weather temperature
dust energy power nuclear stocks investment bank loans debt assets property apartment
rent construction road railway airport port regulation innovation startup festival
concert exhibition film music broadcast media reporter newspaper readers semiconductor
battery automobile shipbuilding artificial intelligence platform data cloud carbon
climate change birth rate ageing jobs minimum wage redevelopment urban renewal said
announced explained stressed noted plans will would could also however therefore new
major related support expansion reform start art part smart chart report sport court
the of and to in for on with by from that this at as is was are were be has have
""".split()
EN_PHRASES = ["prime minister", "interest rates", "climate change", "real estate",
              "supply chain", "local government", "press conference", "central bank"]
SURNAMES = list("김이박최정강조윤장임한오서신권황안송류홍")
GIVEN = "민준 서연 지훈 하은 도윤 지우 예준 수아 시우 지민 주원 서윤 건우 하윤 현우 지유".split()
EN_NAMES = ["John Smith", "Jane Doe", "Alex Kim", "Maria Garcia", "David Lee", "Sarah Park",
            "Chris Brown", "Emma Wilson", "Daniel Choi", "Laura Chen"]


def _zipf_weights(n: int, s: float = 1.0) -> list[float]:
    """Cumulative Zipf weights (random.choices(cum_weights=...) is O(log n) per draw)."""
    return list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))


def make_vocab(seed: int = 7) -> dict:
    """Zipf-ranked vocabularies: real words spread over the first ranks, then a long
    tail of made-up words built from real syllables (Korean) or letter groups (English),
    so that frequencies look like news text instead of a 600-word toy language."""
    rng = random.Random(seed)
    syllables = sorted({ch for w in KO_NOUNS + KO_OTHER for ch in w})
    compounds = ["".join(rng.sample(KO_NOUNS, rng.choice([2, 2, 3]))) for _ in range(2000)]
    tail = ["".join(rng.choices(syllables, k=rng.choice([2, 2, 3, 3, 4]))) for _ in range(30000)]
    ko = _spread(rng, KO_NOUNS + KO_OTHER + compounds, tail, 3000)
    letters = ["ka", "ter", "mon", "ri", "sel", "to", "ban", "ex", "ul", "dor", "pi", "gra",
               "ven", "lo", "str", "an", "ic", "hal", "mer", "os", "tin", "qu", "ed", "ly"]
    en_tail = ["".join(rng.choices(letters, k=rng.choice([2, 3, 3, 4]))) for _ in range(30000)]
    en = _spread(rng, EN_WORDS, en_tail, 1500)
    return {"ko": ko, "ko_w": _zipf_weights(len(ko)), "en": en, "en_w": _zipf_weights(len(en))}


def _spread(rng: random.Random, real: list[str], tail: list[str], head: int) -> list[str]:
    """Real words at random ranks among the first `head`, made-up words elsewhere."""
    out = tail[:]
    for word, rank in zip(real, rng.sample(range(head), len(real))):
        out.insert(rank, word)
    return out


VOCAB = make_vocab()


def make_article(i: int, n_total: int) -> Article:
    """Article i (deterministic from i). Mostly chronological, ~10% backfilled.

    A backfilled article is published at a random earlier time: a crawl archives an
    article after it is published, so one archived late is old, never from the future.
    (Before, a tenth of the articles were dated anywhere in the three years, most of
    them after articles archived later, which no crawl produces.)
    """
    rng = random.Random(i * 7919 + 17)
    korean = i % 2 == 0
    span = 3 * 365 * 86400
    ts = int(span * i / max(1, n_total))
    if rng.random() < 0.1:
        ts = rng.randrange(0, max(1, ts))
    published = EPOCH + timedelta(seconds=ts)
    target = rng.randrange(1500, 4000)
    if korean:
        words, size = [], 0
        pool, weights = VOCAB["ko"], VOCAB["ko_w"]
        while size < target:
            chunk = rng.choices(pool, cum_weights=weights, k=40)
            for w in chunk:
                w = w + rng.choice(KO_PARTICLES)
                words.append(w)
                size += len(w.encode()) + 1
            if rng.random() < 0.3:
                words[-1] += "."
        body = " ".join(words)
        title = " ".join(rng.choices(pool, cum_weights=weights, k=6))
        subtitle = " ".join(rng.choices(pool, cum_weights=weights, k=10))
        authors = [Author(rng.choice(SURNAMES) + rng.choice(GIVEN), role="기자")
                   for _ in range(rng.randint(1, 3))]
        site = "kosite" + str(i % 3)
    else:
        words, size = [], 0
        pool, weights = VOCAB["en"], VOCAB["en_w"]
        while size < target:
            if rng.random() < 0.002:
                w = rng.choice(EN_PHRASES)
            else:
                w = rng.choices(pool, cum_weights=weights)[0]
            words.append(w)
            size += len(w) + 1
        body = " ".join(words)
        title = " ".join(rng.choices(pool, cum_weights=weights, k=8)).capitalize()
        subtitle = " ".join(rng.choices(pool, cum_weights=weights, k=12))
        authors = [Author(rng.choice(EN_NAMES)) for _ in range(rng.randint(1, 3))]
        site = "ensite" + str(i % 3)
    # a teaser shows its target's headline, so the same target makes the same card
    targets = [rng.randrange(n_total) for _ in range(rng.randint(3, 8))]
    teasers = [Teaser(title=f"teaser {t}", url=f"https://{site}.example/a/{t}",
                      section=rng.choice(["popular", "latest", "related"])) for t in targets]
    return Article(url=f"https://{site}.example/a/{i}", site=site,
                   section=rng.choice(["politics", "economy", "society", "culture"]),
                   title=title, subtitle=subtitle, authors=authors, published_at=published,
                   body=body, teasers=teasers, language="ko" if korean else "en")


# ---------------------------------------------------------------------------- workers

def worker_ours(db: str, n: int) -> dict:
    """Ingest like the crawler: ``commit_every=COMMIT_EVERY (1000), commit_seconds=5``."""
    from pipelines.store.archive import Archive

    seen = datetime.now(timezone.utc)
    spent = cpu = 0.0
    # = pipelines.item_pipelines.COMMIT_EVERY / COMMIT_SECONDS (not imported: Scrapy's
    # import would count in this process's peak memory)
    with Archive(db, commit_every=1000, commit_seconds=5) as ar:
        for start in range(0, n, 1000):
            chunk = [make_article(i, n) for i in range(start, min(n, start + 1000))]
            t0, c0 = time.perf_counter(), time.process_time()
            for a in chunk:
                ar.store_article(a, capture_id=None, seen_at=seen)
            if start + 1000 >= n:
                ar.commit()
            spent += time.perf_counter() - t0
            cpu += time.process_time() - c0
        ar.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"seconds": spent, "rate": n / spent, "cpu_rate": n / cpu,
            "maxrss_mb": peak_rss_mb()}


def worker_baseline(db: str, n: int) -> dict:
    import sqlite_utils

    d = sqlite_utils.Database(db)
    d.enable_wal()
    t = d["articles"]
    t.create({"id": int, "url": str, "site": str, "section": str, "title": str,
              "subtitle": str, "published_at": str, "published_ts": int, "body": str,
              "author_names": str}, pk="id")
    t.create_index(["url"], unique=True)
    t.create_index(["published_ts"])
    t.enable_fts(["title", "subtitle", "body", "author_names"], create_triggers=True)
    spent = cpu = 0.0
    for start in range(0, n, 1000):
        chunk = [make_article(i, n) for i in range(start, min(n, start + 1000))]
        t0, c0 = time.perf_counter(), time.process_time()
        rows = [{"id": i + 1, "url": a.url, "site": a.site, "section": a.section,
                 "title": a.title, "subtitle": a.subtitle,
                 "published_at": a.published_at.isoformat(),
                 "published_ts": int(a.published_at.timestamp()), "body": a.body,
                 "author_names": ", ".join(x.name for x in a.authors)}
                for i, a in zip(range(start, start + 1000), chunk)]
        t.insert_all(rows, batch_size=1000)  # one transaction per 1,000, like ours
        spent += time.perf_counter() - t0
        cpu += time.process_time() - c0
    d.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"seconds": spent, "rate": n / spent, "cpu_rate": n / cpu,
            "maxrss_mb": peak_rss_mb()}


def run_worker(kind: str, db: str, n: int, reuse: bool = False) -> dict:
    """Ingest in a child process; its result is kept beside the db for --reuse."""
    sidecar = Path(db + ".ingest.json")
    if reuse and sidecar.exists() and Path(db).exists():
        return json.loads(sidecar.read_text())
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    out = subprocess.run([sys.executable, __file__, "--worker", kind, "--db", db, "--n", str(n)],
                         check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    sidecar.write_text(json.dumps(result))
    return result


# ---------------------------------------------------------------------------- queries

_TOK = re.compile(r"[^\W_]+")


def pick_queries(sample: list[Article], rng: random.Random) -> dict[str, list[str]]:
    """Query words per class, chosen by their brute-force frequency in the sample."""
    ko_texts = [a.title + " " + (a.subtitle or "") + " " + a.body for a in sample
                if a.language == "ko"]
    n_all = len(sample)

    def df(word: str) -> float:
        return sum(word in t for t in ko_texts) / n_all

    two = [w for w in KO_NOUNS if len(w) == 2]
    rng.shuffle(two)
    by_df = sorted(two[:80], key=lambda w: abs(df(w) - 0.10))
    three = sorted((w for w in KO_NOUNS if len(w) == 3), key=lambda w: abs(df(w) - 0.02))
    five = [c for c in VOCAB["ko"][:3000] if len(c) >= 5]  # compounds of real nouns
    rng.shuffle(five)
    from pipelines.store.hangul import STOPWORDS

    en_pool = [w for w in EN_WORDS if len(w) > 3 and w not in STOPWORDS]
    rng.shuffle(en_pool)
    return {
        "ko 2-syl (~10%)": by_df[:15],
        "ko 3-syl": three[:15],
        "ko 5+-syl": [w[:5] for w in five[:15]],
        "en word": en_pool[:15],
        "en phrase": [f'"{p}"' for p in EN_PHRASES],
    }


class Doc:
    """A sample article prepared once for brute-force matching."""

    def __init__(self, a: Article) -> None:
        self.fields = [a.title or "", a.subtitle or "", a.body,
                       ", ".join(x.name for x in a.authors)]
        self.tokens = [[t.lower() for t in _TOK.findall(f)] for f in self.fields]
        self.token_sets = [set(t) for t in self.tokens]


def brute(query: str, d: Doc) -> bool:
    """Substring scan for Korean; word / consecutive-words scan for English."""
    q = query.strip('"')
    if re.search("[\uac00-\ud7a3]", q):
        return any(q in f for f in d.fields)
    words = [w.lower() for w in _TOK.findall(q)]
    for toks, tset in zip(d.tokens, d.token_sets):
        if not all(w in tset for w in words):
            continue
        for k in range(len(toks) - len(words) + 1):
            if toks[k:k + len(words)] == words:
                return True
    return False


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def measure(size: int, workdir: Path, sample_n: int, reuse: bool = False,
            baseline: bool = True, repeat: int = 1) -> dict:
    ours_db = workdir / f"ours-{size}.db"
    base_db = workdir / f"baseline-{size}.db"
    rounds: list[dict] = []
    for n in range(1, max(1, repeat) + 1):
        tag = f" (round {n} of {repeat})" if repeat > 1 else ""
        print(f"[{size}] ingest newsarchive{tag}…", file=sys.stderr, flush=True)
        ours = run_worker("ours", str(ours_db), size, reuse and n == 1)
        base = None
        if baseline:
            print(f"[{size}] ingest baseline{tag}…", file=sys.stderr, flush=True)
            base = run_worker("baseline", str(base_db), size, reuse and n == 1)
        rounds.append({"ours": ours["rate"], "baseline": base["rate"] if base else None})
    print(f"[{size}] queries…", file=sys.stderr, flush=True)

    rng = random.Random(size)
    sample_ids = sorted(rng.sample(range(size), min(sample_n, size)))
    articles = [make_article(i, size) for i in sample_ids]
    queries = pick_queries(articles, rng)
    sample = {i + 1: Doc(a) for i, a in zip(sample_ids, articles)}  # archive ids start at 1
    truths = {q: {i for i, d in sample.items() if brute(q, d)}
              for qs in queries.values() for q in qs}

    from pipelines.store import fts5rank, search
    from pipelines.store.archive import Archive
    from pipelines.store.search import match_ids

    result: dict = {"size": size, "ours": ours, "baseline": base, "rounds": rounds,
                    "classes": {}}
    text_bytes = sum(len((a.title or "").encode()) + len((a.subtitle or "").encode())
                     + len(a.body.encode()) for a in articles) / len(articles)
    with Archive(ours_db, readonly=True) as ar:
        fts = ar.conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'"
                              ).fetchone()[0]
        ours["bytes_per_article"] = ours_db.stat().st_size / size
        ours["index_overhead"] = fts / (text_bytes * size)
        # rankers timed beside search's own (fts5rank.rank_for: na_bm25_top), by plan
        rankers = {"every": lambda top=None: fts5rank.RANK,
                   "bm25": lambda top=None: fts5rank.BM25}
        for cls, qs in queries.items():
            lat: dict[str, list[float]] = {"rank": [], "every": [], "bm25": [], "newest": []}
            tp = fp = fn = 0
            for q in qs:
                for plan in lat:  # interleaved: a fair comparison
                    # the same plan ranked by na_bm25 scoring every row ("every", without
                    # na_bm25_top's bound), and by FTS5's own bm25 (with its pass that counts
                    # every match), to show what each saves in the same run
                    search.rank_for = rankers.get(plan, fts5rank.rank_for)
                    for _ in range(3):
                        t0 = time.perf_counter()
                        ar.search(q, order="newest" if plan == "newest" else "rank", limit=20)
                        lat[plan].append((time.perf_counter() - t0) * 1000)
                search.rank_for = fts5rank.rank_for
                found = match_ids(ar.conn, q) & set(sample)
                truth = truths[q]
                tp += len(found & truth)
                fp += len(found - truth)
                fn += len(truth - found)
            df = statistics.mean(len(truths[q]) / len(sample) for q in qs)
            result["classes"][cls] = {
                "examples": qs[:3], "df": df,
                "ours": {"rank_p50": pct(lat["rank"], 50), "rank_p95": pct(lat["rank"], 95),
                         "bm25_p50": pct(lat["bm25"], 50), "bm25_p95": pct(lat["bm25"], 95),
                         "every_p50": pct(lat["every"], 50),
                         "every_p95": pct(lat["every"], 95),
                         "ranked_by": "na_bm25_top" if fts5rank.AVAILABLE else "bm25",
                         "new_p50": pct(lat["newest"], 50), "new_p95": pct(lat["newest"], 95),
                         "recall": tp / (tp + fn) if tp + fn else 1.0,
                         "precision": tp / (tp + fp) if tp + fp else 1.0}}
    if not baseline:
        return result
    bconn = sqlite3.connect(f"{base_db.resolve().as_uri()}?mode=ro", uri=True)
    bfts = bconn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'"
                         ).fetchone()[0]
    base["bytes_per_article"] = base_db.stat().st_size / size
    base["index_overhead"] = bfts / (text_bytes * size)
    for cls, qs in queries.items():
        lat = {"rank": [], "newest": []}
        tp = fp = fn = 0
        for q in qs:
            match = q if q.startswith('"') else '"' + q + '"'
            for order, sql in (
                ("rank", "SELECT a.id, a.title, snippet(articles_fts, 2, '[', ']', '…', 20) "
                         "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                         "WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20"),
                ("newest", "SELECT a.id, a.title FROM articles a WHERE a.rowid IN (SELECT rowid "
                           "FROM articles_fts WHERE articles_fts MATCH ?) "
                           "ORDER BY a.published_ts DESC LIMIT 20"),
            ):
                for _ in range(3):
                    t0 = time.perf_counter()
                    bconn.execute(sql, (match,)).fetchall()
                    lat[order].append((time.perf_counter() - t0) * 1000)
            found = {r[0] for r in bconn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (match,))} & set(sample)
            truth = truths[q]
            tp += len(found & truth)
            fp += len(found - truth)
            fn += len(truth - found)
        result["classes"][cls]["baseline"] = {
            "rank_p50": pct(lat["rank"], 50), "rank_p95": pct(lat["rank"], 95),
            "new_p50": pct(lat["newest"], 50), "new_p95": pct(lat["newest"], 95),
            "recall": tp / (tp + fn) if tp + fn else 1.0,
            "precision": tp / (tp + fp) if tp + fp else 1.0}
    bconn.close()
    return result


def _round_rows(rounds: list[dict], row: Callable[[str, str, str], str]) -> list[str]:
    """Every round's ingest rates when there were several, and the median ratio."""
    lines = []
    if len(rounds) > 1:
        lines.append(row("ingest, articles/s by round",
                         ", ".join(f"{x['ours']:,.0f}" for x in rounds),
                         ", ".join(f"{x['baseline']:,.0f}" for x in rounds
                                   if x["baseline"] is not None)))
    ratios = [x["ours"] / x["baseline"] for x in rounds if x["baseline"]]
    if ratios:
        label = "median of " + ", ".join(f"{x:.2f}" for x in ratios) if len(ratios) > 1 else ""
        lines.append(row("ingest ratio, newsarchive / baseline",
                         f"{statistics.median(ratios):.2f}", label))
    return lines


def report(r: dict) -> str:
    """Markdown tables; the baseline's column and rows only when it was measured."""
    o, b = r["ours"], r["baseline"]

    def row(label: str, ours: str, base: str) -> str:
        return f"| {label} | {ours} |" + (f" {base} |" if b else "")

    head = "| | newsarchive |" + (" baseline (sqlite-utils + unicode61) |" if b else "")
    bb = b or {}
    lines = [
        f"## {r['size']:,} articles", "", head, "|---|---|" + ("---|" if b else ""),
        row("ingest, articles/s", f"{o['rate']:,.0f}", f"{bb.get('rate', 0):,.0f}"),
        row("ingest, articles per CPU-second", f"{o.get('cpu_rate', 0):,.0f}",
            f"{bb.get('cpu_rate', 0):,.0f}"),
        row("archive bytes/article", f"{o['bytes_per_article']:,.0f}",
            f"{bb.get('bytes_per_article', 0):,.0f}"),
        row("FTS index / text bytes", f"{o['index_overhead']:.0%}",
            f"{bb.get('index_overhead', 0):.0%}"),
        row("ingest peak RSS, MB", f"{o['maxrss_mb']:,.0f}", f"{bb.get('maxrss_mb', 0):,.0f}"),
        *_round_rows(r.get("rounds", []), row),
        "",
        "| query class (examples, mean df) | system | bm25 p50/p95 ms "
        "| same plan, na_bm25 on every row | same plan, FTS5's bm25 "
        "| newest p50/p95 ms | recall | precision |",
        "|---|---|---|---|---|---|---|---|",
    ]
    ranked_by = "bm25"
    for cls, c in r["classes"].items():
        for name in ("ours", "baseline") if b else ("ours",):
            s = c[name]
            label = f"{cls} ({', '.join(c['examples'])}; {c['df']:.1%})" if name == "ours" else ""
            fts5 = f"{s['bm25_p50']:.1f} / {s['bm25_p95']:.1f}" if "bm25_p50" in s else ""
            every = f"{s['every_p50']:.1f} / {s['every_p95']:.1f}" if "every_p50" in s else ""
            ranked_by = s.get("ranked_by", ranked_by)
            lines.append(f"| {label} | {'newsarchive' if name == 'ours' else 'baseline'} | "
                         f"{s['rank_p50']:.1f} / {s['rank_p95']:.1f} | {every} | {fts5} | "
                         f"{s['new_p50']:.1f} / {s['new_p95']:.1f} | {s['recall']:.3f} | "
                         f"{s['precision']:.3f} |")
    lines += ["", f"newsarchive ranked with {ranked_by} (same order as FTS5's bm25; "
              "pipelines/store/_rank.c)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000")
    ap.add_argument("--quick", action="store_true", help="10,000 articles")
    ap.add_argument("--dir", default="/tmp/newsarchive-bench")
    ap.add_argument("--sample", type=int, default=3000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse archives (and their ingest figures) from an earlier run")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--repeat", type=int, default=1,
                    help="ingest N times, alternating the systems; report the median ratio")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        fn = worker_ours if args.worker == "ours" else worker_baseline
        print(json.dumps(fn(args.db, args.n)))
        return 0
    sizes = [10_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    workdir = Path(args.dir)
    workdir.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        r = measure(size, workdir, args.sample, args.reuse, not args.no_baseline, args.repeat)
        print(json.dumps(r, ensure_ascii=False) if args.json else report(r), flush=True)
        print()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
