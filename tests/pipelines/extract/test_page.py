"""The page layer's helpers: element_text must be exactly what lxml's text_content() is,
and page_bytes exactly the bytes html_bytes makes of the decoded text."""
from __future__ import annotations

import gzip
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.errors import NotHTMLError
from pipelines.extract.page import decode_input, element_text, html_bytes, page_bytes, parse_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PAGES = sorted(FIXTURES.glob("pages/*.html")) + sorted(FIXTURES.glob("demo/**/*.html"))

EDGE_CASES = """<html><head><title>t &amp; u</title><script>var a = "<b>";</script>
<style>p { color: red }</style></head><body>
<div>lead <!-- a comment --> <b>bold</b> tail<br>after &nbsp; &lt;x&gt; 한글
<p>nested <span>deep <i>deeper</i> back</span> out</p> end</div>
<ul><li> one </li><li></li><li>\t two\n</li></ul><textarea>raw <b>text</b></textarea>
</body></html>"""


def _trees() -> list:
    # parse_html drops comments; lxml.html keeps them, and neither counts them as text
    trees = [parse_html(EDGE_CASES), lxml.html.fromstring(EDGE_CASES)]
    trees += [parse_html(decode_input(p.read_bytes(), None, None)) for p in PAGES]
    return trees


@pytest.mark.parametrize("tree", _trees(), ids=lambda t: str(id(t)))
def test_element_text_is_text_content_for_every_element(tree):
    checked = 0
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        assert element_text(el) == el.text_content(), el.tag
        checked += 1
    assert checked > 10


def test_element_text_excludes_tail_and_comments():
    doc = lxml.html.fromstring("<div><p>in <!-- c --><b>b</b></p>tail</div>")
    p = doc.find("p")
    assert element_text(p) == "in b"
    assert element_text(doc) == "in btail"


BENCHMARK_PAGES = Path(__file__).resolve().parents[4] / "shared/data/article-extraction-benchmark"

#: bodies where the decoded text is not the body's own UTF-8 (each must take the slow path)
#: and where it is (the fast path), with the charset the server sent
PAGE_BYTES_CASES = [
    ("plain utf-8", "<html><body><p>서초구는 오늘</p></body></html>".encode(), "utf-8"),
    ("ascii, cp949 declared", b"<html><body><p>plain</p></body></html>", "euc-kr"),
    ("utf-8 BOM", b"\xef\xbb\xbf<html><body><p>\xed\x95\x9c</p></body></html>", None),
    ("BOM and an override", b"\xef\xbb\xbf<html><body>x</body></html>", "utf-8"),
    ("xml declaration", '<?xml version="1.0" encoding="utf-8"?><html><body>한</body></html>'.encode(),
     None),
    ("control characters",
     ("<html><body>" + "본문 " * 40 + "a\x01b\x0cc\x1fd 한</body></html>").encode(), "utf-8"),
    ("invalid utf-8 replaced",
     ("<html><body>" + "서초구는 " * 30).encode() + b"\xff\xfe</body></html>", "utf-8"),
    ("a detected single-byte charset", b"<html><body>\xed\x95 \xff\xfe ok \xc3</body></html>",
     "utf-8"),
    ("a real U+FFFD", "<html><body>a\ufffdb 한</body></html>".encode(), "utf-8"),
    ("noncharacters", "<html><body>a\ufffeb\uffffc 한</body></html>".encode(), "utf-8"),
    ("cp949 body", "<html><body><p>서초구는 오늘</p></body></html>".encode("cp949"), "euc-kr"),
    ("cp949 labelled utf-8", "<html><body><p>서초구는 오늘</p></body></html>".encode("cp949"),
     "utf-8"),
    ("jamo filler syllable", "<html><body>\u3164\u3138\u3157\u3141 한</body></html>".encode(),
     "utf-8"),
    ("latin-1", "<html><body>café</body></html>".encode("latin-1"), "iso-8859-1"),
    # detection reads these bytes as EBCDIC (cp037): ASCII text that is not the bytes
    ("ascii text from other bytes", b"\x0c\x7f\xc3", None),
]


@pytest.mark.parametrize("body,charset", [(b, c) for _, b, c in PAGE_BYTES_CASES],
                         ids=[name for name, _, _ in PAGE_BYTES_CASES])
def test_page_bytes_is_html_bytes_of_the_decoded_text(body, charset):
    assert page_bytes(body, charset) == html_bytes(decode_input(body, charset))
    assert page_bytes(memoryview(body), charset) == html_bytes(decode_input(body, charset))


def test_page_bytes_of_text_input():
    text = "<?xml version='1.0'?><html><body>a\x01b\ufffe 한</body></html>"
    assert page_bytes(text) == html_bytes(decode_input(text))


def test_page_bytes_on_every_fixture_and_benchmark_page():
    paths = PAGES + sorted(BENCHMARK_PAGES.glob("html/*.html.gz"))
    for path in paths:
        body = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        for charset in (None, "utf-8", "euc-kr"):
            assert page_bytes(body, charset) == html_bytes(decode_input(body, charset)), path
    assert len(paths) > 150  # the benchmark pages are there (../shared beside the checkout)


@pytest.mark.parametrize("html, expected", [
    ("<h3>청년 주거에 2조원<br>지하철 개선에 1조원</h3>", "청년 주거에 2조원\n지하철 개선에 1조원"),
    ("<div><p>- 청년 주거</p>\n<p>- 지하철   개선</p></div>", "- 청년 주거\n- 지하철 개선"),
    ("<h2>one <b>bold</b> line<script>var x;</script> end</h2>", "one bold line end"),
    ("<div>a<!-- note -->b</div>", "ab"),
    ("<div><br><br></div>", ""),
])
def test_line_text(html, expected):
    from pipelines.extract.page import line_text

    assert line_text(lxml.html.fragment_fromstring(html)) == expected


def test_line_text_deeper_than_the_stack_is_one_line():
    import sys

    from pipelines.extract.page import line_text

    el = lxml.html.fragment_fromstring("<h3>" + "<span>" * 200 + "deep<br>text"
                                       + "</span>" * 200 + "</h3>")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(150)
    try:
        assert line_text(el) == "deeptext"  # element_text's reading: no line breaks
    finally:
        sys.setrecursionlimit(limit)


@pytest.mark.parametrize("text", ["", " ", "plain", " a\u3000 b\n", "서초구는\t 오늘 ", "a\x1c\x1db"])
def test_collapse_is_split_and_join(text):
    from pipelines.extract.page import collapse

    assert collapse(text) == " ".join(text.split())
    assert collapse(None) == ""


def test_collapse_returns_a_plain_str_for_lxml_text_results():
    """An XPath text result is a str subclass that keeps its whole tree alive; what the
    extractor keeps (teaser titles, labels) must not be one, even when nothing changes."""
    from pipelines.extract.page import collapse

    value = lxml.html.fromstring("<div><p class='x'>plain</p></div>").xpath("//p/@class")[0]
    assert type(value) is not str
    assert type(collapse(value)) is str and collapse(value) == "x"


# ------------------------------------------------------------------ the UTF-8 fast path

def test_the_utf8_fast_path_is_built():
    """`pip install -e .` compiles pipelines/extract/_utf8.c; without it every page is
    decoded to find out that it is UTF-8."""
    from pipelines.extract import page

    assert page._page_utf8 is not None, "pipelines/extract/_utf8.c was not compiled"


#: pieces of pages: ASCII markup and text, Korean, every kind of control byte, and each
#: way UTF-8 can be invalid or hold a character the general path must see
_PIECES = [b"<html><body><p>", b"</p></body></html>", b"plain text ", b"  \n\t\r",
           "서초구는 ".encode(), "😀".encode(), "é".encode(), b"\x00", b"\x01", b"\x0b",
           b"\x0c", b"\x1f", b"\x7f", b"\x80", b"\xc0\xaf", b"\xc3", b"\xe0\x80\xaf",
           b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xff", b"\xef\xbf\xbd",
           b"\xef\xbf\xbe", b"\xef\xbf\xbf", b"\xef\xbf\xbc", "\u3164".encode(), b"\xe3\x85\xa3",
           b"\xef\xbb\xbf", b"<?xml version='1.0'?>", b"<?XML?>", b"{", b"[", b"%PDF",
           b"<meta charset=euc-kr>", b"<meta charset=utf-8>", "서".encode("cp949"), b"\xe2\x80"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map(b"".join),
       st.sampled_from([None, "utf-8", "euc-kr", "iso-8859-1", "utf-16"]),
       st.sampled_from([None, "utf-8", "cp949"]))
def test_page_bytes_fast_path_gives_what_the_general_path_gives(body, charset, override):
    try:
        expected = html_bytes(decode_input(body, charset, override))
    except NotHTMLError:
        with pytest.raises(NotHTMLError):
            page_bytes(body, charset, override)
        return
    assert page_bytes(body, charset, override) == expected


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map(b"".join))
def test_page_utf8_checks_and_cleans_as_python_does(body):
    from pipelines.extract.page import _CONTROL_BYTES, _page_utf8

    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or any(c in text for c in "\ufffd\ufffe\uffff\u3164"):
        assert _page_utf8(body) is None
    else:
        assert _page_utf8(body) == body.translate(None, _CONTROL_BYTES)


def test_page_utf8_returns_a_clean_page_itself():
    from pipelines.extract.page import _page_utf8

    body = "<p>서초구는 오늘</p>\n".encode() * 100
    assert _page_utf8(body) is body
    assert _page_utf8(b"<p>a\x01b</p>" * 3) == b"<p>ab</p>" * 3


@pytest.mark.parametrize("body", [
    b" " * 5000 + b"<html><body>x</body></html>",  # a blank start of 4,096 characters
    b" " * 4095 + "<html><body>서초구는</body></html>".encode(),
    b"\n" * 4094 + "<?xml version='1.0'?><html><body>한</body></html>".encode(),
    "\u3000".encode() * 4000 + b"<?xml version='1.0'?><html>x</html>",
    "\u3000".encode() * 5000 + b"<html>x</html>",
    b"<html><body>" + b"\x0c" * 300 + "한</body></html>".encode(),  # FF: dropped, not binary
    b"<html><body>" + b"\x01" * 300 + "한</body></html>".encode(),  # too many controls
    b"<html><body>" + b"\x01" * 3 + "한".encode() * 300 + b"</body></html>",
    b"   %PDF-1.4 \xed\x95\x9c",
    b"  [1, 2, \"\xed\x95\x9c\"]",
    "서초구는 오늘".encode() * 3000,  # longer than the head, no markup
], ids=lambda b: repr(b[:12]) + f"..{len(b)}")
@pytest.mark.parametrize("charset", [None, "utf-8"])
def test_page_bytes_fast_path_at_the_edges_of_the_head(body, charset):
    try:
        expected = html_bytes(decode_input(body, charset))
    except NotHTMLError:
        with pytest.raises(NotHTMLError):
            page_bytes(body, charset)
        return
    assert page_bytes(body, charset) == expected


@pytest.mark.parametrize("body,charset", [(b, c) for _, b, c in PAGE_BYTES_CASES],
                         ids=[name for name, _, _ in PAGE_BYTES_CASES])
def test_page_bytes_without_the_c_extension(body, charset, monkeypatch):
    """Where _utf8.c is not built, every page takes the general path, with the same
    result."""
    from pipelines.extract import page

    monkeypatch.setattr(page, "_page_utf8", None)
    assert page_bytes(body, charset) == html_bytes(decode_input(body, charset))
