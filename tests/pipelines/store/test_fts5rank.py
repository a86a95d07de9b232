"""na_bm25 (pipelines/store/_rank.c, installed by pipelines.store.fts5rank): bm25's
scores, or for a one-phrase query bm25's scores without the phrase's IDF factor, so the
same order as FTS5's own bm25 without its pass over every match; row lengths from the
named table's size records agree with FTS5's xColumnSize."""
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


def test_as_the_rank_of_an_order_by_rank_query():
    rng = random.Random(7)
    rows = [tuple(" ".join(rng.choices(WORDS, k=rng.randint(1, 15))) for _ in range(3))
            for _ in range(300)]
    conn = _table(rows)
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
def test_search_order_is_bm25s(corpus_archive, monkeypatch, query, plan):
    ours = [h.id for h in corpus_archive.search(query, **plan)]
    monkeypatch.setattr(search_mod, "RANK", fts5rank.BM25)
    assert ours == [h.id for h in corpus_archive.search(query, **plan)]


@pytest.mark.parametrize("plan", [{}, {"rank_window": None}, {"site": "tvseoul"}])
def test_every_rank_plan_ranks_with_it(corpus_archive, monkeypatch, plan):
    monkeypatch.setattr(search_mod, "RANK", "no_such_rank()")
    with pytest.raises(SearchQueryError, match="no_such_rank"):
        corpus_archive.search("서초구", **plan)
    assert [h.id for h in corpus_archive.search("서초구", order="newest", **plan)]
