"""How an article's teasers are stored: each distinct card once, and a row per place.

A news site shows the same few hundred teaser cards (latest, most read, section boxes) on
every one of its pages, so one row per teaser repeated the same headline and snippet tens
of thousands of times: on the crawl benchmark's pages, 45 teasers a page but only 2,629
distinct cards in 44,958 teasers, and the teasers table was 31% of the archive. A card
(URL, headline, snippet, the teased article once archived) is now kept once in
``teaser_cards``; ``page_teasers`` says which page shows which card, where and in which
box; the ``teasers`` view joins them back into the old table's columns for readers.

A card is found by a 63-bit hash of its URL, headline and snippet (``card_id``, the
unique ``hash`` column), which the writer computes without a lookup: a card already
stored is skipped with ``ON CONFLICT DO NOTHING``, and ``CardCache`` remembers the cards
already written with their row ids, so most pages insert no card and look none up. The
card's row id stays sequential: with the hash as the row id, every new card went to a
random place in the table, and an ingest of 20,000 articles whose cards are all
different (the archive benchmark's) took ~20% more CPU than one row per teaser; a random
insert into the small hash index costs about what the old table's own indexes did. (Two
different cards with the same hash would share the first one's text; see below.)

The hash's top ``URL_BITS`` bits hash the URL alone, so all cards of one URL sit in one
range of the hash index, and linking a newly archived article to the cards that teased
it (``link_targets``) searches that range: no index of card URLs is needed. Such an
index cost every new card a random insert of its URL text; without it, and with the
target index holding only linked cards, an ingest of the archive benchmark's cards (all
but a few new) spent 25-33% less on them (schema version 6). The other 35 bits hash the
whole card: two cards of the same URL share an id with a chance of 2**-35 a pair, some
one-in-a-thousand at 10 million URLs with three variants each; cards of different URLs
need both parts to agree (2**-63).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
import sqlite3
from collections.abc import Iterable

from pipelines.record import Article
from pipelines.store.rows import ROWS_PER_INSERT, insert_rows
from pipelines.urls import cached_canonical_url

#: Card ids a writer remembers before it starts over (~70 bytes each).
CARD_CACHE_SIZE = 200_000
#: Bits of a card hash that hash its URL alone (the top ones); the other CARD_BITS hash
#: the whole card. 63 in all: a positive SQLite integer.
URL_BITS = 28
CARD_BITS = 63 - URL_BITS
_CARD_MASK = (1 << CARD_BITS) - 1


def _url_part(url: str) -> int:
    digest = hashlib.blake2b(url.encode("utf-8", "surrogatepass"), digest_size=4).digest()
    return int.from_bytes(digest, "big") >> (32 - URL_BITS)


#: Card ids remembered (~850 bytes each with their text): a site shows the same cards on
#: page after page, and two blake2b hashes a card were ~10% of the writer's time
#: (a replay of 3,000 benchmark pages' writes: 0.76-0.79 against 0.67-0.71 ms a page).
CARD_ID_MEMO = 8192


@lru_cache(maxsize=CARD_ID_MEMO)
def card_id(url: str, title: str | None, snippet: str | None) -> int:
    """The id of the card with this canonical URL, headline and snippet."""
    key = "\x1f".join((url, title or "", "\x00" if snippet is None else snippet))
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return (_url_part(url) << CARD_BITS) | (int.from_bytes(digest, "big") & _CARD_MASK)


def url_range(url: str) -> tuple[int, int]:
    """The first and last card hash any card of this URL can have."""
    low = _url_part(url) << CARD_BITS
    return low, low | _CARD_MASK


class CardCache:
    """The row ids of cards this writer has stored, by hash, so that a page's teasers
    need neither insert their cards again nor look their ids up.

    Cleared on every rollback (``Archive._forget_tx_ids``): a card written in a
    rolled-back transaction is gone. Cards are never deleted otherwise.
    """

    def __init__(self, limit: int = CARD_CACHE_SIZE) -> None:
        self.limit = limit
        self.ids: dict[int, int] = {}

    def clear(self) -> None:
        self.ids.clear()

    def remember(self, ids: Iterable[tuple[int, int]]) -> None:
        if len(self.ids) > self.limit:
            self.ids.clear()
        self.ids.update(ids)


def teaser_keys(conn: sqlite3.Connection, article_id: int) -> tuple[set, int]:
    """(box, URL) of the teasers stored for an article, and the next free position."""
    rows = conn.execute(
        "SELECT p.box, c.url, p.position FROM page_teasers p "
        "JOIN teaser_cards c ON c.id = p.card_id WHERE p.article_id = ?", (article_id,)
    ).fetchall()
    return {(r[0], r[1]) for r in rows}, 1 + max((r[2] for r in rows), default=-1)


def add_teasers(conn: sqlite3.Connection, article_id: int, article: Article,
                known: tuple[set, int] | None, cards: CardCache) -> None:
    """Store the article's teasers not stored yet (known: what teaser_keys returned)."""
    if not article.teasers:
        return
    keys, position = known if known is not None else (set(), 0)
    places = []
    card_ids: dict[int, int] = {}
    new_cards: dict[int, tuple] = {}
    for teaser in article.teasers:
        url = cached_canonical_url(teaser.url)
        if (teaser.section, url) in keys:
            continue
        keys.add((teaser.section, url))
        h = card_id(url, teaser.title, teaser.snippet)
        known_id = cards.ids.get(h)
        if known_id is not None:
            card_ids[h] = known_id
        else:
            new_cards[h] = (h, url, teaser.title, teaser.snippet, url)
        places.append((article_id, position, teaser.section, h))
        position += 1
    if new_cards:
        card_ids.update(_store_cards(conn, new_cards, cards))
    insert_rows(conn, "INSERT INTO page_teasers(article_id, position, box, card_id) VALUES ",
                "(?,?,?,?)", [(a, p, box, card_ids[h]) for a, p, box, h in places])


def _store_cards(conn: sqlite3.Connection, new_cards: dict[int, tuple],
                 cards: CardCache) -> dict[int, int]:
    """Insert cards not stored yet; their row ids by hash, also remembered in cards."""
    # a card already archived (by another writer, or before the cache was cleared) is
    # left as it is, its target included, and is looked up below
    got = dict(insert_rows(
        conn, "INSERT INTO teaser_cards(hash, url, title, snippet, target_article_id) VALUES ",
        "(?,?,?,?,(SELECT id FROM articles WHERE url = ?))", list(new_cards.values()),
        " ON CONFLICT(hash) DO NOTHING RETURNING hash, id"))
    missing = [h for h in new_cards if h not in got]
    for start in range(0, len(missing), ROWS_PER_INSERT):
        chunk = missing[start:start + ROWS_PER_INSERT]
        got.update(conn.execute(
            "SELECT hash, id FROM teaser_cards WHERE hash IN (%s)" % ",".join("?" * len(chunk)),
            chunk).fetchall())
    cards.remember(got.items())
    return got


def link_targets(conn: sqlite3.Connection, article_id: int, url: str) -> None:
    """A new article is the target of every card that teased its URL before."""
    # '+' keeps the planner on the hash range (the target index holds linked cards only)
    conn.execute("UPDATE teaser_cards SET target_article_id = ? WHERE hash BETWEEN ? AND ? "
                 "AND url = ? AND +target_article_id IS NULL", (article_id, *url_range(url), url))
