"""Korean-aware full-text search against a hand-written archive and a brute-force scan."""
from __future__ import annotations

import random
import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.errors import SearchQueryError
from pipelines.record import Article
from pipelines.store import hangul
from pipelines.store import search as search_mod
from pipelines.store.archive import Archive
from pipelines.store.hangul import hangul_bigrams, parse_query, rewrite_query
from pipelines.store.search import match_ids

from .conftest import CORPUS, SEEN

H = "\uac00-\ud7a3"


def fields(a: Article) -> list[str]:
    return [a.title or "", a.subtitle or "", a.body, ", ".join(x.name for x in a.authors)]


def brute_term(term: str, text: str, prefix: bool = False) -> bool:
    """Independent reference: Hangul = substring; Latin/digits = whole words (or prefix)."""
    pieces = re.findall(f"[{H}]+|[^\\W_{H}]+", term.lower())
    if not pieces:
        return False
    text = text.lower()
    if len(pieces) == 1 and re.fullmatch(f"[{H}]+", pieces[0]):
        return pieces[0] in text
    pattern = ""
    for i, p in enumerate(pieces):
        hangul = bool(re.fullmatch(f"[{H}]+", p))
        if i:
            pattern += r"[\W_]*"
        if not hangul and i == 0:
            pattern += f"(?<![^\\W_{H}])"
        pattern += re.escape(p)
        if not hangul and i == len(pieces) - 1 and not prefix:
            pattern += f"(?![^\\W_{H}])"
    return re.search(pattern, text) is not None


def brute(query: str) -> set[int]:
    """Ids of CORPUS articles where every (AND-ed) term matches some field."""
    terms = re.findall(r'"[^"]*"|\S+', query)
    out = set()
    for i, a in enumerate(CORPUS, start=1):
        ok = True
        for t in terms:
            prefix = t.endswith("*")
            t = t.strip('"*')
            if not any(brute_term(t, f, prefix) for f in fields(a)):
                ok = False
        if ok:
            out.add(i)
    return out


KOREAN_AND_MIXED = [
    ("서울", {2}),                      # 2 syllables inside 서울특별시는
    ("특구", {1, 3}),                   # inside 규제자유특구, AI특구
    ("국회", {3}),                      # inside 국회의원들은
    ("서초구", {1, 2, 6}),              # 서초구는 / 서초구의 / 서초구가, not 가서초 초구나
    ("서초구는", {1}),
    ("서초", {1, 2, 4, 6}),             # 가서초 does contain 서초
    ("규제자유특구", {1}),              # a compound finds itself
    ("자유", {1}),                      # a noun in the middle of a compound
    ("초구나", {4}),
    ("가서초초구나", set()),            # the run boundary is not crossed
    ("AI특구", {3}),
    ("K-POP", {3, 7}),
    ("2025년", {6}),
    ("1천100억원", {6}),
    ("100억원", {6}),
    ("구청장", {8}),
    ("발언", {8}),
    ("서초구 규제", {1}),               # AND
    ("특구 법안", {3}),
    ("김철수", {1, 3}),                 # author names are searchable
    ("부산", set()),
    ("반포동 국회", set()),
    ("art", {5}),                       # a word, not a substring of "start"
    ("start", {5}),
    ("exhibition Seoul", {5}),
    ("prime", {7}),
    ("art*", {5, 7}),                   # prefix: art, artificial
    ("intell*", {7}),
    ("xylophone", set()),
    ("Jane", {5}),
]


@pytest.mark.parametrize("query,expected", KOREAN_AND_MIXED)
def test_search_matches_exact_set_and_brute_force(corpus_archive, query, expected):
    found = match_ids(corpus_archive.conn, query)
    assert found == expected
    assert found == brute(query)
    hits = corpus_archive.search(query, limit=50)
    assert {h.id for h in hits} == expected


@pytest.mark.parametrize("query,expected", [
    ('"prime minister"', {7}),
    ('"minister prime"', set()),
    ('"서초 초구"', {4}),               # a Hangul phrase spans the space: 가서초 초구나
    ('"서초구 반포동"', set()),
    ('"서초구의 반포동"', {2}),
    ('"art exhibition"', {5}),
])
def test_phrases(corpus_archive, query, expected):
    assert match_ids(corpus_archive.conn, query) == expected
    assert match_ids(corpus_archive.conn, query) == brute(query)


@pytest.mark.parametrize("query,expected", [
    ("서초구 OR 국회", {1, 2, 3, 6}),
    ("서초구 -서울", {1, 6}),
    ("서초구 NOT 예산", {1, 2}),
    ("(서초구 OR 특구) -법안", {1, 2, 6}),
    ("K-POP AND prime", {7}),
    ("특구 OR xylophone", {1, 3}),
])
def test_boolean_operators(corpus_archive, query, expected):
    assert match_ids(corpus_archive.conn, query) == expected


def test_one_syllable_query_finds_every_occurrence(corpus_archive):
    expected = {i for i, a in enumerate(CORPUS, 1) if any("서" in f for f in fields(a))}
    assert 8 in expected and 4 in expected  # "서 구청장", "가서초"
    assert match_ids(corpus_archive.conn, "서") == expected
    # a syllable only at the end of a run is found too (run-final token)
    assert match_ids(corpus_archive.conn, "율") == set()
    assert match_ids(corpus_archive.conn, "많") == {6}


@pytest.mark.parametrize("kwargs,expected", [
    ({"site": "tvseoul"}, [1, 2, 6]),
    ({"site": "nuri"}, []),
    ({"section": "경제"}, [2, 6]),
    ({"author": "이영희"}, [2, 6]),
    ({"author": "김철수"}, [1]),
    ({"since": date(2025, 3, 9)}, [1, 2]),
    ({"until": "2025-03-09"}, [1, 6]),
    ({"since": datetime(2025, 3, 10, 0, 0, tzinfo=timezone.utc)}, [2]),
    ({"until": datetime(2025, 3, 9, 1, 0, tzinfo=timezone.utc)}, [1, 6]),
])
def test_filters(corpus_archive, kwargs, expected):
    hits = corpus_archive.search("서초구", order="newest", **kwargs)
    assert sorted(h.id for h in hits) == sorted(expected)


def test_day_filter_uses_the_articles_own_offset(corpus_archive):
    # article 7 is 2025-03-09 23:30 -05:00 (= 03-10 in UTC and KST)
    assert [h.id for h in corpus_archive.search("K-POP", until="2025-03-09")] == [7]
    assert [h.id for h in corpus_archive.search("K-POP", since="2025-03-10")] == [3]


@pytest.mark.parametrize("walk_limit", [1, 2_000])  # 1: the walk gives up, the set plan
def test_newest_first_both_plans(corpus_archive, monkeypatch, walk_limit):
    monkeypatch.setattr(search_mod, "WALK_LIMIT", walk_limit)
    assert [h.id for h in corpus_archive.search("서초구", order="newest")] == [2, 1, 6]
    assert [h.id for h in corpus_archive.search("서초구", order="newest", site="tvseoul",
                                                 limit=2)] == [2, 1]
    assert [h.id for h in corpus_archive.search("K-POP", order="newest")] == [3, 7]


@pytest.mark.parametrize("window", [None, 20_000, 2])
def test_rank_order_and_window(corpus_archive, window):
    hits = corpus_archive.search("서초구", rank_window=window)
    assert all(h.score > 0 for h in hits)
    assert hits == sorted(hits, key=lambda h: -h.score)
    if window == 2:  # only the two most recently archived matches are ranked
        assert {h.id for h in hits} == {2, 6}
    else:
        assert {h.id for h in hits} == {1, 2, 6}
        # title match + short text: article 1 (title 서초구, ...) outranks 2 (body only)
        ids = [h.id for h in hits]
        assert ids.index(1) < ids.index(2)


def test_hits_carry_metadata_and_snippets(corpus_archive):
    hit = corpus_archive.search("서초구", site="tvseoul", section="정치")[0]
    assert hit.id == 1 and hit.site == "tvseoul" and hit.authors == ["김철수"]
    assert hit.published_at == "2025-03-09T10:00:00+09:00"
    assert "[서초구]는 9일" in hit.snippet
    hit = corpus_archive.search("서울", marks=("<b>", "</b>"))[0]
    assert hit.snippet.startswith("<b>서울</b>특별시는")
    hit = corpus_archive.search("art")[0]
    assert "[art] exhibition" in hit.snippet and "st[art]" not in hit.snippet
    hit = corpus_archive.search("AI특구")[0]
    assert "[AI특구]" in hit.snippet


def test_long_text_snippet_is_a_window_around_the_match(archive):
    body = "앞부분 문장입니다. " * 60 + "여기에 규제자유특구 관련 내용이 있다. " + "뒷부분 문장. " * 60
    archive.store_article(Article(url="https://x.example/1", title="제목", body=body),
                          capture_id=None, seen_at=SEEN)
    snippet = archive.search("특구")[0].snippet
    assert "[특구]" in snippet and snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) < 260


@pytest.mark.parametrize("query", [
    "", "   ", '"서초구', '서초구 "특구', "OR 서초구", "서초구 OR", "서초구 OR OR 특구",
    "-서초구", "NOT 서초구", "(서초구", "서초구)", "서초구 AND", "AND 서초구", "()",
    "!!!", "the", "... ,,, ;;", "서초구 NOT",
])
def test_bad_queries_raise_search_query_error(corpus_archive, query):
    with pytest.raises(SearchQueryError):
        corpus_archive.search(query)


@pytest.mark.parametrize("query", [
    "'; DROP TABLE articles; --", "서울' OR 1=1 --", '"; DELETE FROM articles; "',
    "title:서울", "NEAR(서울 부산)", "서울 * 부산", "^서울", "서울\x00", "{title}: 서울",
    "rowid=1", '" OR "" = "',
])
def test_injection_looking_queries_are_harmless(corpus_archive, query):
    try:
        hits = corpus_archive.search(query)
    except SearchQueryError:
        hits = []
    assert all(isinstance(h.id, int) for h in hits)
    assert corpus_archive.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 8
    assert match_ids(corpus_archive.conn, "서초구") == {1, 2, 6}


def test_rewrite_examples():
    assert rewrite_query("서초구") == '"서초 초구"'
    assert rewrite_query("서") == '"서" *'
    assert rewrite_query("AI특구") == '"ai 특구"' or rewrite_query("AI특구") == '"AI 특구"'
    assert rewrite_query("2025년") == '"2025 년" *'
    assert rewrite_query("특구AI") == '"특구 구 AI"'
    assert rewrite_query("서울 -부산") == '("서울" NOT "부산")'
    assert parse_query("서초구 art*").terms[1].prefix


def test_index_analysis():
    assert hangul_bigrams("서초구는 9일").split() == ["서초", "초구", "구는", "는", "9", "일"]
    assert hangul_bigrams("Samsung은").split() == ["Samsung", "은"]
    assert hangul_bigrams("plain ascii") == "plain ascii"
    assert hangul_bigrams(None) is None


def test_index_analysis_memo_is_bounded_and_never_changes_output(monkeypatch):
    memo = hangul._TokenMemo()
    monkeypatch.setattr(hangul, "_token_cache", memo)
    monkeypatch.setattr(hangul, "_TOKEN_CACHE_MAX", 3)
    words = [f"{w}는" for w in ("서초", "서울", "특구", "국회", "부산", "대구", "광주")]
    expected = {w: hangul._RUN_SPLIT.sub(hangul._run_tokens, w) for w in words}
    for _ in range(2):
        assert hangul._bigrams_python(" ".join(words)) == " ".join(expected[w] for w in words)
    # full: the first three stay, later tokens are computed without being kept
    assert list(memo) == words[:3]
    for _ in range(5):  # 8 * 3 misses while full: start over, so a drifting vocabulary
        hangul._bigrams_python(" ".join(words[3:]))  # is not stuck with the first one
    assert len(memo) <= 3 and set(memo) != set(words[:3])


def test_the_c_analyzer_is_built():
    """`pip install -e .` compiles pipelines/store/_bigrams.c (gcc and the Python headers
    are part of the README's set-up); without it every write takes the slower Python path."""
    assert hangul.ACCELERATED, "pipelines/store/_bigrams.c was not compiled"


_ANALYSIS_ALPHABET = st.sampled_from(
    list("가각나다서초구는힣") + ["\uac00", "\ud7a3", "\uabff", "\ud7a4", "ㄱ", "ᄀ", " ", "  ",
                               "\t", "\n", "a", "Z", "9", "é", "-", "·", "\u3000", "😀", "\x00"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ANALYSIS_ALPHABET, max_size=40).map("".join))
def test_c_and_python_analyzers_agree(text):
    """The index written by one must be readable and deletable by the other: same output
    for any text, including run edges, the ends of the syllable block, jamo, astral
    characters and NUL."""
    text = unicodedata.normalize("NFC", text)
    assert hangul._bigrams_c(text) == hangul._bigrams_python(text)


@pytest.mark.parametrize("text", ["", "abc", "café", "서", "서초", "서초구는 9일", "a서b초c",
                                  "가" * 5000, "😀서초😀"])
def test_c_and_python_analyzers_agree_on_edges(text):
    assert hangul._bigrams_c(text) == hangul._bigrams_python(text)


def test_random_korean_text_matches_substring_scan(tmp_path):
    """Property check: for random text over a few syllables, a Hangul query's matches are
    exactly the documents containing it as a substring (precision and recall 1.0)."""
    rng = random.Random(5)
    syl = "가나다서초구"
    docs = [" ".join("".join(rng.choices(syl, k=rng.randint(1, 5)))
                     for _ in range(rng.randint(1, 8))) for _ in range(150)]
    with Archive(tmp_path / "r.db") as ar, ar.batch():
        for i, d in enumerate(docs):
            ar.store_article(Article(url=f"https://r.example/{i}", body=d), capture_id=None,
                             seen_at=SEEN)
    with Archive(tmp_path / "r.db", readonly=True) as ar:
        for _ in range(60):
            q = "".join(rng.choices(syl, k=rng.randint(1, 4)))
            expected = {i + 1 for i, d in enumerate(docs) if q in d}
            assert match_ids(ar.conn, q) == expected, q


def test_any_query_string_is_answered_or_refused_cleanly(corpus_archive):
    """Fuzz: random strings of query syntax never reach SQLite as anything but a valid
    MATCH expression; the only error a user can get is SearchQueryError."""
    rng = random.Random(11)
    alphabet = ['"', "(", ")", "*", "-", " ", " ", "OR", "AND", "NOT", "서초", "구", "art",
                "K", "-", ":", "^", "'", ";", "NEAR", "+", "2025", "년", "\\", "%", "_"]
    for _ in range(400):
        q = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        try:
            hits = corpus_archive.search(q, limit=5)
        except SearchQueryError:
            continue
        assert all(1 <= h.id <= len(CORPUS) for h in hits), q


def _dated_archive(path, dates: list[datetime]) -> Archive:
    """Articles stored in list order (ids 1..n) with the given dates; every third one
    mentions 서울, every other one is from site 'a'."""
    ar = Archive(path, commit_every=10_000)
    for i, when in enumerate(dates, 1):
        ar.store_article(Article(url=f"https://x.example/{i}", site="a" if i % 2 else "b",
                                 title=f"기사 {i}", published_at=when,
                                 body=("서울특별시 소식" if i % 3 == 0 else "부산 소식")),
                         capture_id=None, seen_at=SEEN)
    ar.commit()
    return ar


def _fine_blocks(ar: Archive, monkeypatch, bits: int = 3) -> None:
    """Blocks of 2**bits articles, so a small archive spans many of them."""
    monkeypatch.setattr(search_mod, "SORT_BLOCK_BITS", bits)
    ar.conn.execute("DELETE FROM sort_blocks")
    ar.conn.execute(f"INSERT INTO sort_blocks SELECT id >> {bits}, max(sort_ts) FROM articles "
                    "GROUP BY 1")


def _brute_newest(ar: Archive, limit: int, site: str | None = None) -> list[int]:
    return [r[0] for r in ar.conn.execute(
        "SELECT id FROM articles WHERE body LIKE '%서울%' AND (? IS NULL OR site = ?) "
        "ORDER BY sort_ts DESC, id DESC LIMIT ?", (site, site, limit))]


@pytest.mark.parametrize("layout", ["crawl order", "jitter", "ties", "shuffled"])
def test_newest_first_walk_is_exact(tmp_path, monkeypatch, layout):
    rng = random.Random(7)
    base = datetime(2025, 1, 1, tzinfo=timezone.utc)
    dates = []
    for i in range(400):
        if layout == "ties":
            dates.append(base + timedelta(hours=i // 25))  # 25 articles share each date
        elif layout == "shuffled":
            dates.append(base + timedelta(hours=rng.randrange(400)))
        elif layout == "jitter":  # neighbouring blocks overlap by up to 90 minutes
            dates.append(base + timedelta(minutes=i + rng.randrange(90)))
        elif rng.random() < 0.1:  # backfill: older than what came before
            dates.append(base + timedelta(hours=rng.randrange(max(1, i))))
        else:
            dates.append(base + timedelta(hours=i, minutes=rng.randrange(60)))
    if layout == "crawl order":
        dates[150] = base + timedelta(days=400)  # one wrongly future-dated article
    with _dated_archive(tmp_path / "a.db", dates) as ar:
        _fine_blocks(ar, monkeypatch)
        monkeypatch.setattr(search_mod, "_WALK_CHUNK", 7)
        for limit in (1, 5, 20, 200):
            for site in (None, "a"):
                hits = ar.search("서울", order="newest", limit=limit, site=site)
                assert [h.id for h in hits] == _brute_newest(ar, limit, site), (limit, site)


def test_newest_first_walk_stops_early_and_falls_back_when_dates_do_not_follow_ids(
        tmp_path, monkeypatch):
    base = datetime(2025, 1, 1, tzinfo=timezone.utc)
    chunks: list[str] = []
    real_dumps = search_mod.json.dumps

    def count_chunks(ar: Archive) -> None:  # chunks of matches the walk looked up
        chunks.clear()
        monkeypatch.setattr(search_mod.json, "dumps",
                            lambda v, **kw: chunks.append(v) or real_dumps(v, **kw))

    monkeypatch.setattr(search_mod, "_WALK_CHUNK", 5)
    in_order = [base + timedelta(hours=i) for i in range(300)]
    with _dated_archive(tmp_path / "a.db", in_order) as ar:
        _fine_blocks(ar, monkeypatch)
        count_chunks(ar)
        hits = ar.search("서울", order="newest", limit=5)
        monkeypatch.undo()
        assert [h.id for h in hits] == _brute_newest(ar, 5) == [300, 297, 294, 291, 288]
        assert 1 <= len(chunks) <= 3  # of 20 chunks of matches
    with _dated_archive(tmp_path / "b.db", in_order[::-1]) as ar:  # newest stored first
        _fine_blocks(ar, monkeypatch)
        for name, value in (("_WALK_CHUNK", 5), ("WALK_LIMIT", 20)):
            monkeypatch.setattr(search_mod, name, value)
        count_chunks(ar)
        hits = ar.search("서울", order="newest", limit=5)
        monkeypatch.undo()
        assert [h.id for h in hits] == _brute_newest(ar, 5) == [3, 6, 9, 12, 15]
        assert len(chunks) == 4  # gave up after WALK_LIMIT matches: the set plan answered


def test_sort_blocks_only_ever_rise(archive):
    base = datetime(2025, 1, 1, tzinfo=timezone.utc)
    for i, day in enumerate((3, 1, 2), 1):
        archive.store_article(Article(url=f"https://x.example/{i}", title=f"t{i}", body="b",
                                      published_at=base + timedelta(days=day)),
                              capture_id=None, seen_at=SEEN)
    archive.commit()
    blocks = "SELECT block, max_ts FROM sort_blocks"
    top = int((base + timedelta(days=3)).timestamp())
    assert archive.conn.execute(blocks).fetchall() == [(0, top)]
    archive.conn.execute("UPDATE articles SET sort_ts = sort_ts - 86400 * 10 WHERE id = 1")
    assert archive.conn.execute(blocks).fetchall() == [(0, top)]  # still an upper bound
    archive.conn.execute("UPDATE articles SET sort_ts = ? WHERE id = 2", (top + 60,))
    assert archive.conn.execute(blocks).fetchall() == [(0, top + 60)]


@pytest.mark.parametrize("char,folded", [
    ("é", "e"), ("É", "e"), ("Ü", "u"), ("ñ", "n"), ("İ", "i"), ("Ω", "ω"), ("Ж", "ж"),
    ("ａ", "ａ"), ("中", "中"), ("ㄱ", "ㄱ"), ("①", "①"),
    ("·", " "), ("“", " "), ("…", " "), ("\u3000", " "), ("\xa0", " "), ("😀", " "),
    ("\u0301", " "),
])
def test_fold_char_does_what_unicode61_did_inside_fts5(char, folded):
    """FTS5's ``ascii`` tokenizer keeps every non-ASCII character in a word, so the
    analyzer lowers letters, drops Latin diacritics and turns the rest into spaces."""
    assert hangul.fold_char(char) == folded
    assert hangul.hangul_bigrams(f"q {char} q") == f"q {folded} q"


def test_query_words_are_folded_like_the_index():
    assert rewrite_query("Café") == '"cafe"'
    assert rewrite_query("MÜLLER 서울") == '("muller" AND "서울")'
