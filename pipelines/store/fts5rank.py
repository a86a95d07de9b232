"""The ranking function search uses: ``na_bm25`` from C where it can be installed, else
FTS5's own ``bm25``. Both give the same order (see ``_rank.c`` for why na_bm25 is faster);
``na_bm25_top`` gives it for the best k rows and does not read the length of rows that
cannot be among them (``rank_for(top=k)``).

Python's ``sqlite3`` module cannot load SQLite extensions, so the C entry point is
registered with ``sqlite3_auto_extension``, called through ctypes on the SQLite library
that the ``sqlite3`` module itself is linked with (found through its own handle, so a
Python with a private SQLite gets it too). From then on SQLite adds ``na_bm25`` to every
connection it opens in this process: the archive's, datasette's, a notebook's. A
connection opened before that module was imported would not have it; the archive opens
its connections after, and in a process where it could not be installed ``RANK`` is
bm25.
"""
from __future__ import annotations

import ctypes
import sqlite3

from pipelines.store.schema import BM25_WEIGHTS

#: The ``rank`` argument of an FTS5 query for each ranking function, with the weights.
#: na_bm25's optional first argument names the table, so that it reads each row's length
#: straight from ``articles_fts_docsize`` (FTS5's xColumnSize runs a statement per row).
_WEIGHTS = ", ".join(map(str, BM25_WEIGHTS))
NA_BM25 = f"na_bm25('articles_fts', {_WEIGHTS})"
BM25 = f"bm25({_WEIGHTS})"


def _install() -> str | None:
    """Register the entry point; None when it is in place, else why not."""
    try:
        from pipelines.store import _rank
    except ImportError:
        return "pipelines/store/_rank.c was not compiled"
    import _sqlite3

    try:  # a Python with _sqlite3 built in has no file for it: look in the program itself
        library = ctypes.PyDLL(getattr(_sqlite3, "__file__", None))
        auto_extension = library.sqlite3_auto_extension
    except (OSError, AttributeError) as exc:
        return f"sqlite3_auto_extension not reachable: {exc}"
    auto_extension.argtypes = [ctypes.c_void_p]
    auto_extension.restype = ctypes.c_int
    rc = auto_extension(_rank.entry_point())
    return None if rc == 0 else f"sqlite3_auto_extension failed with code {rc}"


def _has_na_bm25(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.na_rank_probe USING fts5(x)")
    except sqlite3.OperationalError:  # no FTS5 at all: nothing to rank
        return False
    try:
        conn.execute("INSERT INTO temp.na_rank_probe VALUES ('a')")
        conn.execute("SELECT na_bm25(na_rank_probe), na_bm25_top(na_rank_probe, 1) "
                     "FROM temp.na_rank_probe WHERE na_rank_probe MATCH 'a'").fetchall()
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        conn.execute("DROP TABLE temp.na_rank_probe")


def _check() -> str | None:
    why = _install()
    if why is None:
        probe = sqlite3.connect(":memory:")
        try:
            if not _has_na_bm25(probe):
                why = "installed, but new connections do not have na_bm25"
        finally:
            probe.close()
    return why


#: Why na_bm25 is not in use (None when it is): ``newsarchive stats`` prints it.
UNAVAILABLE_BECAUSE: str | None = _check()
AVAILABLE = UNAVAILABLE_BECAUSE is None
#: The FTS5 ``rank`` expression search ranks with (``... AND rank MATCH :rank``).
RANK = NA_BM25 if AVAILABLE else BM25


def rank_for(top: int | None = None) -> str:
    """The ``rank`` expression for a query that keeps only its ``top`` best rows
    (``ORDER BY rank LIMIT top``, with nothing filtering the FTS5 rows after ranking).

    With na_bm25 installed that is ``na_bm25_top``: the same rows, order and scores as
    ``RANK`` for those ``top``, and most other rows scored from the index alone with an
    upper bound that already loses (their scores are not bm25's: never use them). A
    query that filters ranked rows afterwards, or wants every row's score, needs ``RANK``
    (``top=None``).
    """
    if top is None or not AVAILABLE:
        return RANK
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ValueError(f"top must be a positive integer, got {top!r}")
    return f"na_bm25_top({top}, 'articles_fts', {_WEIGHTS})"
