"""na_bm25 (pipelines/store/_rank.c, installed by pipelines.store.fts5rank): bm25's
scores, or for a one-phrase query bm25's scores without the phrase's IDF factor, so the
same order as FTS5's own bm25 without its pass over every match; row lengths from the
named table's size records agree with FTS5's xColumnSize. na_bm25_top(k): na_bm25's k
best rows and scores, the other rows bounded without reading their lengths."""
from __future__ import annotations

import math
import random
import sqlite3
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pipelines.store
from pipelines.errors import SearchQueryError
from pipelines.store import fts5rank
from pipelines.store import search as search_mod

WORDS = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "서초", "초구"]
WEIGHTS = (4.0, 2.0, 1.0)


def test_na_bm25_is_built_and_installed():
    """`pip install -e .` compiles _rank.c (gcc and the headers are part of the set-up);
    without it search falls back to FTS5's bm25, which is slower on common words."""
    assert fts5rank.UNAVAILABLE_BECAUSE is None
    assert fts5rank.RANK.startswith("na_bm25(")


def test_without_the_c_module_it_says_why(monkeypatch):
    monkeypatch.setitem(sys.modules, "pipelines.store._rank", None)  # import fails
    monkeypatch.delattr(pipelines.store, "_rank")
    assert fts5rank._install() == "pipelines/store/_rank.c was not compiled"


def test_without_a_reachable_sqlite_library_it_says_why(monkeypatch):
    monkeypatch.setattr(fts5rank.ctypes, "PyDLL", lambda path: object())  # no such symbol
    assert fts5rank._install().startswith("sqlite3_auto_extension not reachable")


def _table(rows: list[tuple[str, str, str]]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, b, c)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    return conn


def _scores(conn: sqlite3.Connection, query: str, function: str,
            table_name: str | None = None) -> dict[int, float]:
    """rowid -> score; table_name: na_bm25's optional first argument (row lengths read
    from the table's docsize records instead of through xColumnSize)."""
    args = ", ".join(map(str, WEIGHTS))
    if table_name is not None:
        args = f"'{table_name}', {args}"
    return dict(conn.execute(f"SELECT rowid, {function}(t, {args}) FROM t WHERE t MATCH ?",
                             (query,)))


def _idf(conn: sqlite3.Connection, query: str) -> float:
    n_rows = conn.execute("SELECT count(*) FROM t").fetchone()[0]
    n_hits = conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchone()[0]
    idf = math.log((n_rows - n_hits + 0.5) / (n_hits + 0.5))
    return idf if idf > 0 else 1e-6


_text = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(_text, _text, _text), min_size=1, max_size=30),
       query=st.sampled_from(["alpha", '"alpha beta"', "서초", '"서초 초구"', "gam*",
                              "a : beta", "{a b} : zeta"]))
def test_one_phrase_scores_are_bm25_without_the_idf(rows, query):
    conn = _table(rows)
    bm25 = _scores(conn, query, "bm25")
    ours = _scores(conn, query, "na_bm25")
    assert ours == _scores(conn, query, "na_bm25", "t") == _scores(conn, query, "na_bm25",
                                                                   "main.t")
    assert ours.keys() == bm25.keys()
    idf = _idf(conn, query)
    for rowid, score in ours.items():
        assert score < 0 or bm25[rowid] == 0
        assert math.isclose(score * idf, bm25[rowid], rel_tol=1e-9, abs_tol=1e-15)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(_text, _text, _text), min_size=1, max_size=30),
       query=st.sampled_from(["alpha beta", "alpha OR 서초", "alpha NOT zeta",
                              '"alpha beta" gamma', "(a : beta) OR (c : delta)", "beta AND gam*"]))
def test_several_phrases_score_as_bm25(rows, query):
    conn = _table(rows)
    bm25 = _scores(conn, query, "bm25")
    ours = _scores(conn, query, "na_bm25", "t")
    assert ours == _scores(conn, query, "na_bm25")
    assert ours.keys() == bm25.keys()
    for rowid, score in ours.items():
        assert math.isclose(score, bm25[rowid], rel_tol=1e-9, abs_tol=1e-15)


def test_weights_and_missing_weights():
    conn = _table([("alpha", "beta", "beta"), ("beta", "alpha", "beta"), ("beta", "beta", "alpha")])
    got = dict(conn.execute("SELECT rowid, na_bm25(t, 1.0, 5.0) FROM t WHERE t MATCH 'alpha'"))
    # a match in column b weighs 5, in c (no weight given) 1, as in column a
    assert got[2] < got[1] == got[3] < 0
    plain = dict(conn.execute("SELECT rowid, na_bm25(t) FROM t WHERE t MATCH 'alpha'"))
    assert plain[1] == plain[2] == plain[3] == got[1]


def _random_table(seed: int, n_rows: int, most_words: int) -> sqlite3.Connection:
    rng = random.Random(seed)
    return _table([tuple(" ".join(rng.choices(WORDS, k=rng.randint(1, most_words)))
                         for _ in range(3)) for _ in range(n_rows)])


def test_as_the_rank_of_an_order_by_rank_query():
    conn = _random_table(7, 300, 15)
    args = ", ".join(map(str, WEIGHTS))
    for query in ("alpha", '"서초 초구"', "alpha beta"):
        ours = conn.execute("SELECT rowid FROM t WHERE t MATCH ? AND rank MATCH ? "
                            "ORDER BY rank, rowid", (query, f"na_bm25({args})")).fetchall()
        theirs = conn.execute(f"SELECT rowid FROM t WHERE t MATCH ? "
                              f"ORDER BY bm25(t, {args}), rowid", (query,)).fetchall()
        assert len(ours) > 10 and ours == theirs


@pytest.mark.parametrize("name", ["other", "nothere", "temp.t", "t_docsize", "", "main."])
def test_a_wrong_table_name_is_an_error_not_wrong_scores(name):
    conn = _table([("alpha beta", "", "")] * 3 + [("alpha", "gamma delta", "")])
    conn.execute("CREATE VIRTUAL TABLE other USING fts5(a, b, c)")
    conn.executemany("INSERT INTO other VALUES (?, ?, ?)", [("x y z w v", "", "")] * 4)
    with pytest.raises(sqlite3.OperationalError, match="must be the name of the FTS5 table"):
        _scores(conn, "alpha", "na_bm25", name)


def test_row_lengths_follow_updates_and_deletes():
    conn = _table([("alpha", "", ""), ("alpha beta", "", ""), ("alpha", "", "")])
    conn.execute("UPDATE t SET b = 'gamma delta eps zeta' WHERE rowid = 1")
    conn.execute("DELETE FROM t WHERE rowid = 2")
    conn.execute("INSERT INTO t(rowid, a) VALUES (9, 'alpha alpha')")
    ours = _scores(conn, "alpha", "na_bm25", "t")
    assert ours == _scores(conn, "alpha", "na_bm25") and set(ours) == {1, 3, 9}
    assert ours[9] < ours[3] < ours[1]  # two matches in 2 tokens; one in 1; one in 5


def test_rows_of_many_long_columns():
    """Size records longer than the function's stack buffer (100 columns of 130+ tokens)."""
    columns = [f"c{i}" for i in range(100)]
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5({', '.join(columns)})")
    rng = random.Random(3)
    for _ in range(20):
        values = [" ".join(rng.choices(WORDS, k=rng.randint(130, 300))) for _ in columns]
        conn.execute(f"INSERT INTO t VALUES ({', '.join('?' * len(columns))})", values)
    (record,) = conn.execute("SELECT sz FROM t_docsize LIMIT 1").fetchone()
    assert len(record) > 128
    named = dict(conn.execute("SELECT rowid, na_bm25(t, 't') FROM t WHERE t MATCH 'alpha'"))
    assert len(named) == 20
    assert named == dict(conn.execute("SELECT rowid, na_bm25(t) FROM t WHERE t MATCH 'alpha'"))


def test_an_empty_table_and_an_empty_row():
    conn = _table([("", "", "")])
    assert conn.execute("SELECT na_bm25(t) FROM t WHERE t MATCH 'alpha'").fetchall() == []
    conn.execute("INSERT INTO t VALUES ('alpha', '', '')")
    (score,) = conn.execute("SELECT na_bm25(t) FROM t WHERE t MATCH 'alpha'").fetchone()
    assert score < 0 and math.isfinite(score)


def test_every_new_connection_has_it(corpus_archive):
    for conn in (corpus_archive.conn, sqlite3.connect(corpus_archive.path)):
        scores = conn.execute(
            "SELECT na_bm25(articles_fts) FROM articles_fts WHERE articles_fts MATCH ?",
            ('"서초 초구"',)).fetchall()
        assert len(scores) == 3 and all(s < 0 for (s,) in scores)


@pytest.mark.parametrize("query", ["서초구", "서울", "art", '"prime minister"',
                                   "서초구 예산", "K-POP OR 예산"])
@pytest.mark.parametrize("plan", [{"rank_window": None}, {"rank_window": 2}, {"site": "tvseoul"}])
@pytest.mark.parametrize("limit", [1, 2, 20])
def test_search_order_is_bm25s(corpus_archive, monkeypatch, query, plan, limit):
    ours = [h.id for h in corpus_archive.search(query, limit=limit, **plan)]
    monkeypatch.setattr(search_mod, "RANK", fts5rank.BM25)
    monkeypatch.setattr(search_mod, "rank_for", lambda top=None: fts5rank.BM25)
    assert ours == [h.id for h in corpus_archive.search(query, limit=limit, **plan)]


@pytest.mark.parametrize("plan, ranker", [({}, "na_bm25_top(20,"),
                                          ({"rank_window": None}, "na_bm25_top(20,"),
                                          ({"site": "tvseoul"}, "na_bm25(")])
def test_every_rank_plan_ranks_with_it(corpus_archive, monkeypatch, plan, ranker):
    """Unfiltered plans rank with na_bm25_top, the filtered one with na_bm25 (a row that
    the filter drops after ranking must not count towards the best 20)."""
    seen = []

    def rank_for(top=None):
        seen.append(fts5rank.rank_for(top))
        return "no_such_rank()"
    monkeypatch.setattr(search_mod, "rank_for", rank_for)
    monkeypatch.setattr(search_mod, "RANK", "no_such_rank()")
    with pytest.raises(SearchQueryError, match="no_such_rank"):
        corpus_archive.search("서초구", limit=20, **plan)
    assert [h.id for h in corpus_archive.search("서초구", order="newest", **plan)]
    assert (seen[0] if seen else fts5rank.RANK).startswith(ranker)


# ---------------------------------------------------------------------- na_bm25_top

def _top(conn: sqlite3.Connection, query: str, k: int, function: str,
         order: str = "ORDER BY rank LIMIT :k") -> list[tuple[int, float]]:
    args = ", ".join(map(str, WEIGHTS))
    rank = f"na_bm25_top({k}, 't', {args})" if function == "top" else f"na_bm25('t', {args})"
    return conn.execute(f"SELECT rowid, rank FROM t WHERE t MATCH :q AND rank MATCH :rank "
                        f"{order}", {"q": query, "k": k, "rank": rank}).fetchall()


def _same_best(ours: list[tuple[int, float]], exact: list[tuple[int, float]]) -> None:
    """The same scores in the same order; the same rows except among ties at the k-th."""
    assert [s for _, s in ours] == [s for _, s in exact]
    if exact:
        kth = exact[-1][1]
        assert {r for r, s in ours if s != kth} == {r for r, s in exact if s != kth}


_long_text = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(st.tuples(_text, _text, _long_text), min_size=1, max_size=60),
       query=st.sampled_from(["alpha", '"alpha beta"', "서초", "gam*", "alpha OR zeta",
                              "a : beta", "alpha beta"]),
       k=st.integers(1, 8))
def test_top_k_gives_na_bm25s_best_k(rows, query, k):
    conn = _table(rows)
    _same_best(_top(conn, query, k, "top"), _top(conn, query, k, "exact"))
    # as search runs it: ranked over a window of the most recent matches
    window = ("AND rowid IN (SELECT rowid FROM t WHERE t MATCH :q ORDER BY rowid DESC "
              "LIMIT 25) ORDER BY rank LIMIT :k")
    _same_best(_top(conn, query, k, "top", window), _top(conn, query, k, "exact", window))


@pytest.mark.parametrize("strong_at", [0, 1, 5])
def test_top_k_does_not_score_rows_that_cannot_be_among_the_best(strong_at):
    """A row whose bound already loses to the k-th best so far is given that bound:
    better than its own score (its length was never read), worse than every one of the
    best k. The k-th best follows the rows seen: a strong row after weak ones raises it."""
    filler = " ".join(["zeta"] * 300)
    weak = ("", "", f"alpha {filler}")
    rows = [weak] * 22
    rows[strong_at] = ("alpha alpha", "", "alpha")
    strong = strong_at + 1
    conn = _table(rows)
    everyone = "ORDER BY rowid"  # every row, in the order FTS5 gives them to the function
    ours = dict(_top(conn, "alpha", 1, "top", everyone))
    exact = dict(_top(conn, "alpha", 1, "exact", everyone))
    assert ours.keys() == exact.keys() and ours[strong] == exact[strong]
    bounded = [r for r in ours if ours[r] != exact[r]]
    assert bounded == list(range(strong + 1, 23))  # every weak row after the strong one
    assert all(exact[strong] < ours[r] < exact[r] for r in bounded)  # rank: lower is better
    assert _top(conn, "alpha", 1, "top") == [(strong, exact[strong])]


def test_a_row_whose_bound_ties_the_kth_best_is_scored():
    """Row 2's bound (from its instance alone: one token) equals row 1's exact score;
    only its length, read, shows that it is worse."""
    conn = _table([("alpha", "", ""), ("alpha", "", "zeta zeta zeta")])
    ours = dict(_top(conn, "alpha", 1, "top", "ORDER BY rowid"))
    assert ours == dict(_top(conn, "alpha", 1, "exact", "ORDER BY rowid"))
    assert ours[1] < ours[2]


def test_top_k_with_the_rank_read_twice_a_row():
    conn = _random_table(3, 200, 30)
    args = ", ".join(map(str, WEIGHTS))
    for k in (1, 3, 10):
        got = conn.execute("SELECT rowid, rank, rank + 0 FROM t WHERE t MATCH 'alpha' "
                           "AND rank MATCH ? ORDER BY rank LIMIT ?",
                           (f"na_bm25_top({k}, 't', {args})", k)).fetchall()
        assert all(a == b for _, a, b in got)
        _same_best([(r, a) for r, a, _ in got], _top(conn, "alpha", k, "exact"))


@pytest.mark.parametrize("args", ["0", "-1", "'5'", "1.5", "1000001", ""])
def test_top_k_needs_a_count(args):
    conn = _table([("alpha", "", "")])
    with pytest.raises(sqlite3.OperationalError, match="na_bm25_top: its first argument"):
        conn.execute(f"SELECT na_bm25_top(t{', ' if args else ''}{args}) FROM t "
                     "WHERE t MATCH 'alpha'").fetchall()


def test_rank_for():
    assert fts5rank.rank_for() == fts5rank.rank_for(None) == fts5rank.RANK
    assert fts5rank.rank_for(20) == "na_bm25_top(20, 'articles_fts', 4.0, 2.0, 1.0, 2.0)"
    for bad in (0, -3, True, 2.0):
        with pytest.raises(ValueError, match="top must be a positive integer"):
            fts5rank.rank_for(bad)


def test_rank_for_without_na_bm25(monkeypatch):
    monkeypatch.setattr(fts5rank, "AVAILABLE", False)
    monkeypatch.setattr(fts5rank, "RANK", fts5rank.BM25)
    assert fts5rank.rank_for(20) == fts5rank.BM25
