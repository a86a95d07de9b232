"""Korean-aware text analysis for the archive's full-text index, and the query rewriter.

Why this exists: SQLite's ``unicode61`` tokenizer makes each Korean eojeol (word plus
particles, e.g. ``서초구는``) one token, so ``서초구`` does not find ``서초구는`` and a noun
inside a compound (``특구`` in ``규제자유특구``) is never found. The ``trigram`` tokenizer
cannot answer 1-2 syllable queries, and on SQLite 3.40.1 a LIKE against it is wrong.
Python's ``sqlite3`` cannot register an FTS5 tokenizer, so the analysis happens *before*
the tokenizer, in a deterministic SQL function used by the triggers that keep the index
in sync (nothing extra is stored in ``articles``).

Index analysis (``hangul_bigrams``, SQL ``na_hangul_bigrams(text)``)
    Every maximal run of Hangul syllables (U+AC00-U+D7A3) is replaced by its overlapping
    bigrams followed by its last syllable as a one-syllable token; ASCII is left to FTS5's
    ``ascii`` tokenizer (words of letters and digits, case folded), so English words,
    numbers and mixed tokens (``AI특구`` -> ``AI`` + ``특구 구``) index as words::

        "서초구는 9일"  ->  " 서초 초구 구는 는 9 일 "

    Any other character is folded here (``fold_char``), because the ``ascii`` tokenizer
    takes every non-ASCII character as part of a word: letters and digits are lowered
    and Latin ones lose their diacritics (``Café`` -> ``Cafe``), anything else (``·``,
    ``“``, ideographic spaces, emoji) becomes a space. That is what ``unicode61
    remove_diacritics 2`` did inside FTS5 until analyzer version 2; the ``ascii``
    tokenizer reads the analysed text, mostly bigrams of three-byte characters, with a
    fifth less CPU (the FTS5 insert is the largest part of an archive write).

    The final one-syllable token does two jobs: (1) it makes every syllable position
    the start of some token, so a one-syllable query (a prefix query) has full recall;
    (2) it is never a bigram, so it separates runs: a bigram phrase cannot match
    across a run boundary (``가서초 초구나`` -> ``가서 서초 초 초구 구나 나``; the phrase
    ``서초 초구`` is interrupted by ``초``). Fields are separate FTS5 columns, so nothing
    matches across fields either.

Query rewriting (``rewrite_query``, SQL ``na_fts_query(q)``)
    The user's query is parsed (words, ``"quoted phrases"``, ``OR``, ``NOT``/``-word``,
    ``AND`` (default), ``word*`` prefixes, parentheses) and every term becomes an FTS5
    phrase of the same tokens the index holds:

    * a Hangul word of n >= 2 syllables -> the phrase of its bigrams (``서초구`` ->
      ``"서초 초구"``): an exact substring match inside one Hangul run;
    * a one-syllable word -> a prefix query (``"서" *``) over bigrams and run-final
      syllables: every occurrence of the syllable;
    * other words -> words, folded as the index folds them (``art`` does not match
      ``start``; ``art*`` does; ``cafe`` finds ``Café``);
    * mixed words keep adjacency: ``AI특구`` -> ``"ai 특구"`` (AI directly followed by a
      Hangul run that starts with 특구), ``2025년`` -> ``"2025 년" *``; a Hangul run
      followed by more text must end there (``특구AI`` -> ``"특구 구 ai"``);
    * quoted phrases are analysed the same way across their spaces: ``"서울 부산"``
      means a Hangul run ending in ``서울`` followed by one starting with ``부산``
      (any spaces or punctuation between; ``서울부산`` written solid does not match).

    Everything the user typed reaches SQLite only as tokens inside double quotes of a
    bound MATCH parameter. Bad syntax raises ``SearchQueryError``.
"""
from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass, field

from pipelines.errors import SearchQueryError

#: Bump when ``hangul_bigrams`` changes: the archive then rebuilds its FTS index, because
#: a contentless FTS5 index can only delete rows whose tokens are reproduced exactly.
#: 2: characters other than ASCII and Hangul syllables folded here (``fold_char``), for
#: FTS5's ``ascii`` tokenizer (schema version 8).
ANALYZER_VERSION = 2

_H = "\uac00-\ud7a3"
_RUN_SPLIT = re.compile(f"([{_H}]+)")
_add = operator.add
_is_nfc = unicodedata.is_normalized
_TOKEN_CACHE_MAX = 50_000


def fold_char(char: str) -> str:
    """The index form of one character that is neither ASCII nor a Hangul syllable.

    One character in, one out, so the compiled analyzer can keep a table of them.
    """
    if not char.isalnum():
        return " "
    low = char.lower()[0]  # "İ".lower() is two characters
    if "\u00c0" <= low <= "\u024f" or "\u1e00" <= low <= "\u1eff":  # Latin
        base = unicodedata.normalize("NFD", low)[0]
        if base.isalnum():
            return base
    return low


class _FoldTable(dict):
    """``str.translate`` table of ``fold_char``, filled as characters are met."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        value = ord(char if char.isascii() or _is_syllable(char) else fold_char(char))
        self[code] = value
        return value


def _is_syllable(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


_FOLD = _FoldTable()


def fold_text(text: str) -> str:
    """``fold_char`` applied to every character that is neither ASCII nor Hangul."""
    return text if text.isascii() else text.translate(_FOLD)


def _run_tokens(match: re.Match[str]) -> str:
    run = match.group()
    return " " + " ".join(map(_add, run, run[1:])) + " " + run[-1] + " "


class _TokenMemo(dict):
    """token -> index form; a miss computes it (``dict.__missing__``), so a hit costs
    one C-level lookup inside ``map``: twice as fast as a Python loop with ``.get``.

    Bounded at ``_TOKEN_CACHE_MAX`` entries (50k are ~11 MB; 300k took ~50 MB of a long
    crawl's memory for ~15% speed). When full it stops adding instead of starting over:
    news vocabularies are Zipfian, so the tokens met first are mostly the frequent ones
    (crawl benchmark text: 0.43 against 0.74 ms a page for clearing when full). After
    many misses it is refilled, so a crawl whose vocabulary drifts is not stuck with an
    old one.
    """

    misses_when_full = 0

    def __missing__(self, token: str) -> str:
        value = _RUN_SPLIT.sub(_run_tokens, fold_text(token))
        if len(self) < _TOKEN_CACHE_MAX:
            self[token] = value
        else:
            self.misses_when_full += 1
            if self.misses_when_full > 8 * _TOKEN_CACHE_MAX:
                self.clear()
                self.misses_when_full = 0
        return value


_token_cache = _TokenMemo()


def _bigrams_python(text: str) -> str:
    """Pure-Python analysis of NFC text, per space-separated token with a memo: news
    text repeats the same eojeols constantly, and a dict lookup is far cheaper than regex
    work per run. Used where the C accelerator could not be compiled."""
    return " ".join(map(_token_cache.__getitem__, text.split(" ")))


try:  # the same analysis in C (pipelines/store/_bigrams.c): identical output, ~20x faster
    # (4.5 against 108 us for a Korean title or body of the archive benchmark)
    from pipelines.store._bigrams import bigrams as _bigrams_c
    from pipelines.store._bigrams import set_fold as _set_fold
    _set_fold(fold_char)  # it asks fold_char once for each character it meets
except Exception:  # pragma: no cover - not built, or a broken build (e.g. inside an egg)
    _bigrams_c = None

#: True when the compiled analyzer is in use (``setup.py`` builds it where a C compiler
#: and the Python headers are present; without them everything still works, slower).
ACCELERATED = _bigrams_c is not None
_analyse = _bigrams_c or _bigrams_python


def hangul_bigrams(text: str | None) -> str | None:
    """The index form of one field: Hangul runs -> bigrams + final syllable; rest kept.

    This is the hot path of ingest (the FTS index flush calls it for every stored field).
    """
    if not text or text.isascii():
        return text
    if not _is_nfc("NFC", text):  # crawled text nearly always is: skip the copy
        text = unicodedata.normalize("NFC", text)
    return _analyse(text)


# ----------------------------------------------------------------------------- query

#: English words dropped from bare (unquoted) query words: they match nearly everything.
STOPWORDS = frozenset(
    "a an the of to in on at by for and or not is are was were be it its this that with "
    "from as".split()
)
_SEGMENT = re.compile(f"([{_H}]+)|([^\\W_{_H}]+)")


@dataclass
class Segment:
    text: str
    hangul: bool


@dataclass
class Term:
    """One word or quoted phrase of the query, already split into segments."""

    raw: str
    segments: list[Segment]
    prefix: bool = False
    quoted: bool = False

    def fts(self) -> str:
        """This term as an FTS5 phrase over the index tokens (see the module docstring)."""
        tokens: list[str] = []
        prefix = False
        last = len(self.segments) - 1
        for i, seg in enumerate(self.segments):
            if not seg.hangul:  # ASCII is lowered by the tokenizer
                tokens.append(seg.text if seg.text.isascii() else fold_text(seg.text).lower())
                if i == last and self.prefix:
                    prefix = True
                continue
            run = seg.text
            if len(run) == 1:
                tokens.append(run)
                if i == last:
                    prefix = True  # a run starting here: bigram "서X" or final "서"
                continue
            tokens.extend(map(_add, run, run[1:]))
            if i < last:
                tokens.append(run[-1])  # more text follows: the run must end here
        phrase = '"' + " ".join(tokens) + '"'
        return phrase + " *" if prefix else phrase

    def pattern(self) -> str:
        """A regex finding this term in original text, for snippets and highlighting."""
        word = "[^\\W_" + _H + "]"  # a word character of a non-Hangul token
        pieces = []
        last = len(self.segments) - 1
        for i, seg in enumerate(self.segments):
            if seg.hangul:
                pieces.append(re.escape(seg.text))
                continue
            piece = re.escape(seg.text)
            if i == 0:
                piece = f"(?<!{word})" + piece
            if i == last:
                piece += f"{word}*" if self.prefix else f"(?!{word})"
            pieces.append(piece)
        return "[\\W_]*".join(pieces)


@dataclass
class Node:
    kind: str  # 'term' | 'and' | 'or' | 'not'
    term: Term | None = None
    children: list["Node"] = field(default_factory=list)


@dataclass
class ParsedQuery:
    """A parsed search: ``fts`` goes to MATCH (as a bound parameter); ``terms`` are the
    positive terms, used to build snippets from the original text."""

    text: str
    fts: str
    terms: list[Term]

    def highlight_regex(self) -> re.Pattern[str] | None:
        pats = sorted({t.pattern() for t in self.terms}, key=len, reverse=True)
        return re.compile("|".join(pats), re.IGNORECASE) if pats else None


def split_segments(text: str) -> list[Segment]:
    text = unicodedata.normalize("NFC", text)
    return [Segment(m.group(), m.group(1) is not None) for m in _SEGMENT.finditer(text)]


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[tuple[str, object, int]] = []  # (kind, value, position)
        self._lex()

    def _lex(self) -> None:
        s, i, n = self.text, 0, len(self.text)
        while i < n:
            ch = s[i]
            if ch.isspace():
                i += 1
            elif ch == '"':
                end = s.find('"', i + 1)
                if end < 0:
                    raise SearchQueryError(
                        f"unbalanced quote: the quote at position {i + 1} is never closed"
                    )
                prefix = end + 1 < n and s[end + 1] == "*"
                self.tokens.append(("phrase", (s[i + 1:end], prefix), i + 1))
                i = end + 1 + (1 if prefix else 0)
            elif ch in "()":
                self.tokens.append((ch, None, i + 1))
                i += 1
            elif ch == "-" and i + 1 < n and not s[i + 1].isspace() and s[i + 1] != "-":
                self.tokens.append(("NOT", "-", i + 1))
                i += 1
            else:
                j = i
                while j < n and not s[j].isspace() and s[j] not in '"()':
                    j += 1
                word = s[i:j]
                if word in ("OR", "AND", "NOT"):
                    self.tokens.append((word, word, i + 1))
                else:
                    stripped = word.rstrip("*")
                    self.tokens.append(("word", (stripped, stripped != word), i + 1))
                i = j


class _Parser:
    """Recursive descent: or := and ('OR' and)* ; and := item+ ; item := [NOT|-] primary."""

    def __init__(self, text: str) -> None:
        self.tokens = _Lexer(text).tokens
        self.pos = 0

    def peek(self) -> tuple[str, object, int] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse(self) -> Node:
        node = self.parse_or()
        tok = self.peek()
        if tok is not None:
            raise SearchQueryError(f"unbalanced parenthesis: ')' at position {tok[2]} has no '('")
        return node

    def parse_or(self) -> Node:
        tok = self.peek()
        if tok is not None and tok[0] == "OR":
            raise SearchQueryError(f"OR at position {tok[2]} needs a search term before it")
        children = [self.parse_and()]
        while (tok := self.peek()) is not None and tok[0] == "OR":
            self.pos += 1
            nxt = self.peek()
            if nxt is None or nxt[0] in ("OR", ")"):
                raise SearchQueryError(f"OR at position {tok[2]} needs a search term after it")
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Node("or", children=children)

    def parse_and(self) -> Node:
        items: list[Node] = []
        while (tok := self.peek()) is not None and tok[0] not in ("OR", ")"):
            if tok[0] == "AND":
                if not items:
                    raise SearchQueryError(f"AND at position {tok[2]} needs a term before it")
                self.pos += 1
                nxt = self.peek()
                if nxt is None or nxt[0] in ("OR", ")", "AND"):
                    raise SearchQueryError(f"AND at position {tok[2]} needs a term after it")
                continue
            negate = tok[0] == "NOT"
            if negate:
                self.pos += 1
                nxt = self.peek()
                if nxt is None or nxt[0] in ("OR", ")", "AND", "NOT"):
                    raise SearchQueryError(f"NOT at position {tok[2]} needs a term after it")
            node = self.parse_primary()
            items.append(Node("not", children=[node]) if negate else node)
        if not items:
            tok = self.peek()
            where = f" at position {tok[2]}" if tok else ""
            raise SearchQueryError(f"empty search expression{where}")
        return items[0] if len(items) == 1 else Node("and", children=items)

    def parse_primary(self) -> Node:
        tok = self.tokens[self.pos]
        self.pos += 1
        kind, value, position = tok
        if kind == "(":
            if (nxt := self.peek()) is not None and nxt[0] == ")":
                raise SearchQueryError(f"empty parentheses at position {position}")
            node = self.parse_or()
            close = self.peek()
            if close is None or close[0] != ")":
                raise SearchQueryError(
                    f"unbalanced parenthesis: '(' at position {position} is never closed"
                )
            self.pos += 1
            return node
        text, prefix = value  # type: ignore[misc]
        quoted = kind == "phrase"
        segments = split_segments(text)
        if not quoted and len(segments) == 1 and not segments[0].hangul \
                and not prefix and segments[0].text.lower() in STOPWORDS:
            segments = []
        return Node("term", term=Term(text, segments, prefix, quoted))


def _compile(node: Node, terms: list[Term], positive: bool) -> str | None:
    """FTS5 text for a node, or None when it holds no searchable token."""
    if node.kind == "term":
        assert node.term is not None
        if not node.term.segments:
            return None
        if positive:
            terms.append(node.term)
        return node.term.fts()
    if node.kind == "or":
        parts = [p for c in node.children if (p := _compile(c, terms, positive))]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
    if node.kind == "not":  # reached only when a NOT has no positive sibling
        raise SearchQueryError(
            "a query cannot consist only of excluded (NOT / -) terms; add a term to find"
        )
    # and: positives ANDed, negatives subtracted with FTS5's binary NOT
    pos, neg = [], []
    for child in node.children:
        if child.kind == "not":
            part = _compile(child.children[0], terms, not positive)
            if part:
                neg.append(part)
        else:
            part = _compile(child, terms, positive)
            if part:
                pos.append(part)
    if not pos:
        if neg:
            raise SearchQueryError(
                "a query cannot consist only of excluded (NOT / -) terms; add a term to find"
            )
        return None
    expr = pos[0] if len(pos) == 1 else "(" + " AND ".join(pos) + ")"
    if neg:
        expr = f"({expr} NOT " + (neg[0] if len(neg) == 1 else "(" + " OR ".join(neg) + ")") + ")"
    return expr


def parse_query(text: str | None) -> ParsedQuery:
    """Parse a user's search query; raise SearchQueryError with a clear message if bad."""
    if text is None or not text.strip():
        raise SearchQueryError("empty search query")
    if len(text) > 1000:
        raise SearchQueryError("search query too long (more than 1000 characters)")
    root = _Parser(text).parse()
    terms: list[Term] = []
    fts = _compile(root, terms, True)
    if not fts:
        raise SearchQueryError(
            f"nothing to search for in {text!r}: only punctuation or stopwords"
        )
    return ParsedQuery(text, fts, terms)


def rewrite_query(text: str) -> str:
    """The FTS5 MATCH expression for a user query (SQL function ``na_fts_query``)."""
    return parse_query(text).fts


# --------------------------------------------------------------------------- snippets

_WS = re.compile(r"\s+")


def make_snippet(
    text: str | None,
    regex: re.Pattern[str] | None,
    *,
    width: int = 200,
    marks: tuple[str, str] = ("[", "]"),
) -> str | None:
    """~width characters of the original text around the first match, matches marked.

    Returns None when the text has no match (the caller then tries another field).
    """
    if not text or regex is None:
        return None
    first = regex.search(text)
    if first is None:
        return None
    # collapse whitespace only around the match: bodies are long, snippets are short
    raw_start = max(0, first.start() - width)
    raw_end = min(len(text), first.end() + 2 * width)
    text_len = len(text)
    text = " ".join(text[raw_start:raw_end].split())
    first = regex.search(text) or first
    start = max(0, first.start() - width // 4)
    if start > 0:
        space = text.rfind(" ", max(0, start - 20), first.start())
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end - 20, end + 20)
        end = space if space > first.end() else end
    cut_left = start > 0 or raw_start > 0
    cut_right = end < len(text) or raw_end < text_len
    window = text[start:end]
    out, last = [], 0
    for m in regex.finditer(window):
        if m.end() == m.start():
            continue
        out.append(window[last:m.start()])
        out.append(marks[0] + m.group() + marks[1])
        last = m.end()
    out.append(window[last:])
    return ("…" if cut_left else "") + "".join(out) + ("…" if cut_right else "")


def snippet_for_query(text: str | None, query: str, marks: tuple[str, str] = ("[", "]"),
                      width: int = 200) -> str | None:
    """SQL ``na_snippet(text, query)``: plain-text snippet of text for a user query."""
    try:
        regex = parse_query(query).highlight_regex()
    except SearchQueryError:
        return None
    return make_snippet(text, regex, width=width, marks=marks)
