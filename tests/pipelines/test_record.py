import pickle
from datetime import datetime, timedelta, timezone

import pytest

from pipelines.record import RECORD_KEYS, Article, Author, Teaser, content_hash, normalise_text

KST = timezone(timedelta(hours=9))


def make_article(**kw):
    base = dict(
        url="http://x.kr/news/article.html?no=1",
        title="서초구 AI 특구",
        body="첫 문단.\n\n둘째 문단.",
        authors=[Author("심현주", "서울1본부장", None)],
        teasers=[Teaser("다른 기사", "http://x.kr/news/article.html?no=2", None, "정치")],
        published_at=datetime(2025, 4, 9, 9, 5, 3, tzinfo=KST),
    )
    base.update(kw)
    return Article(**base)


def test_json_form_has_exactly_the_record_keys_and_iso_dates():
    data = make_article().to_dict()
    assert tuple(data) == RECORD_KEYS
    assert data["published_at"] == "2025-04-09T09:05:03+09:00"
    assert data["authors"] == [{"name": "심현주", "role": "서울1본부장", "email": None}]
    assert data["teasers"][0]["section"] == "정치"


def test_json_is_utf8_not_ascii_escaped():
    assert "서초구" in make_article().to_json()


def test_round_trip_through_dict():
    article = make_article(modified_at=datetime(2025, 4, 10, tzinfo=KST), sources={"title": "cms"})
    again = Article.from_dict(article.to_dict())
    assert again == article


@pytest.mark.parametrize("protocol", [2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL])
def test_round_trip_through_pickle(protocol):
    """Articles cross from extraction workers to the crawl process pickled."""
    article = make_article(authors=[Author("심현주", "서울1본부장", "s@x.kr"), Author("김철수")],
                           teasers=[Teaser("t1", "http://x.kr/1", "snip", "정치"),
                                    Teaser("t2", "http://x.kr/2")])
    again = pickle.loads(pickle.dumps(article, protocol=protocol))
    assert again == article and again.teasers[1].snippet is None
    assert again.authors[0].email == "s@x.kr" and type(again.teasers[0]) is Teaser


def test_naive_dates_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        make_article(published_at=datetime(2025, 4, 9, 9, 5))


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("서초구는  9일\n밝혔다", "서초구는 9일 밝혔다", True),
        ("Cafe\u0301", "Caf\u00e9", True),  # NFD vs NFC
        ("서초구는", "서초구가", False),
    ],
)
def test_content_hash_ignores_whitespace_and_composition_only(a, b, same):
    assert (content_hash("t", a) == content_hash("t", b)) is same


def test_normalise_text_empty():
    assert normalise_text(None) == ""
    assert make_article(body="", title=None).content_hash is None


def test_normalise_text_collapses_exactly_the_whitespace_a_regex_does():
    """The split-based normalisation must hash as the `\\s+` regex one did, or archives
    made before would see every article as changed."""
    import re
    import sys
    import unicodedata

    from pipelines.record import normalise_text

    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert len(spaces) > 20  # tab, newline, \x1c-\x1f, NBSP, ideographic space, ...
    samples = [spaces + "서초구는 " + spaces + "a\u200bb" + spaces, "x\x1cy\u3000z\xa0 ",
               "e\u0301 \u1100\u1161", "\u200b", "  \n\t "]
    for text in samples:
        expected = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
        assert normalise_text(text) == expected


def _whitespace_samples() -> list[str]:
    import random
    import sys

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert max(spaces) == "\u3000"  # _bigrams.c tests nothing above it
    # Latin-1, BMP and astral text, so every string kind of CPython is exercised
    letters = list("ab서é\u3000\xa0\U0001f600") + spaces
    rng = random.Random(5)
    samples = ["".join(rng.choices(letters, k=rng.randint(0, 40))) for _ in range(2000)]
    return samples + ["", " ", "a", "a b", " a", "a ", "서\u3000초", "é\u3000", "\U0001f600 \n"]


def test_compiled_whitespace_collapse_equals_the_split():
    """The C collapse (pipelines/store/_bigrams.c) must give exactly `" ".join(split())`,
    in the same string representation (`==` is False across CPython's string kinds):
    stored text hashes would change otherwise."""
    from pipelines import record

    assert record._collapse is not record._collapse_python, "_bigrams.c was not compiled"
    for text in _whitespace_samples():
        assert record._collapse(text) == record._collapse_python(text), repr(text)
