"""Tests for pipelines.extract.encoding: declared, mislabelled and undeclared Korean pages."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.errors import NotHTMLError
from pipelines.extract.encoding import charset_from_content_type, decode_html, normalise_charset

BODY = "서울 서초구는 똠방각하 뷁 햏 양재 AI 특구 업무협약을 맺었다고 9일 밝혔다."


def page(meta: str = "", body: str = BODY) -> str:
    return f"<!DOCTYPE html><html><head>{meta}<title>기사</title></head><body><p>{body}</p></body></html>"


@pytest.fixture
def euckr_meta() -> str:
    return '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'


def test_utf8_without_bom() -> None:
    html = page('<meta charset="utf-8">')
    assert decode_html(html.encode("utf-8")) == (html, "utf-8")


def test_utf8_with_bom_is_stripped() -> None:
    html = page()
    text, enc = decode_html(codecs.BOM_UTF8 + html.encode("utf-8"))
    assert (text, enc) == (html, "utf-8")


def test_utf8_bom_with_override_still_stripped() -> None:
    html = page()
    assert decode_html(codecs.BOM_UTF8 + html.encode("utf-8"), override="utf-8") == (html, "utf-8")


def test_utf16_bom() -> None:
    html = page()
    assert decode_html(codecs.BOM_UTF16_LE + html.encode("utf-16-le")) == (html, "utf-16-le")


def test_cp949_labelled_euckr_with_cp949_only_syllables(euckr_meta: str) -> None:
    html = page(euckr_meta)
    data = html.encode("cp949")
    with pytest.raises(UnicodeDecodeError):
        data.decode("euc-kr")  # the premise: strict EUC-KR cannot read 똠
    assert decode_html(data) == (html, "cp949")
    assert decode_html(data, http_charset="EUC-KR") == (html, "cp949")
    assert decode_html(data, http_charset="ks_c_5601-1987") == (html, "cp949")


@pytest.mark.parametrize("label", ["euc-kr", "EUC-KR", "ks_c_5601-1987", "x-windows-949", "cp949",
                                   "windows-949", "ms949", "euc_kr"])
def test_korean_labels_map_to_cp949(label: str) -> None:
    assert normalise_charset(label) == "cp949"


def test_utf8_mislabelled_as_euckr_in_header_and_meta(euckr_meta: str) -> None:
    html = page(euckr_meta)
    assert decode_html(html.encode("utf-8"), http_charset="euc-kr") == (html, "utf-8")


def test_cp949_mislabelled_as_utf8() -> None:
    html = page('<meta charset="utf-8">')
    assert decode_html(html.encode("cp949"), http_charset="utf-8") == (html, "cp949")


def test_undeclared_cp949() -> None:
    html = page()
    assert decode_html(html.encode("cp949")) == (html, "cp949")


@pytest.mark.parametrize("word", ["홰", "뷁", "똠방", "한국"])
def test_short_cp949_that_is_also_valid_utf8(word: str) -> None:
    # '홰' is C8 B3 in CP949, which is also valid UTF-8 ('ȳ'): Hangul must win.
    html = f"<p>{word}</p>"
    assert decode_html(html.encode("cp949"), http_charset="euc-kr") == (html, "cp949")
    assert decode_html(html.encode("cp949"), override="cp949") == (html, "cp949")
    assert decode_html(html.encode("utf-8"), http_charset="euc-kr") == (html, "utf-8")


def test_meta_http_equiv_and_xml_declaration() -> None:
    html = page('<META HTTP-EQUIV="content-type" CONTENT="text/html;charset=KS_C_5601-1987">')
    assert decode_html(html.encode("cp949")) == (html, "cp949")
    rss = '<?xml version="1.0" encoding="EUC-KR"?><rss><channel><title>똠 뉴스</title></channel></rss>'
    assert decode_html(rss.encode("cp949")) == (rss, "cp949")


def test_override_wins_over_header() -> None:
    html = page()
    data = html.encode("cp949")
    assert decode_html(data, http_charset="utf-8", override="euc-kr") == (html, "cp949")


def test_latin1_label_decodes_as_windows_1252() -> None:
    html = "<html><body>caf\u00e9 \u2014 na\u00efve</body></html>"
    assert decode_html(html.encode("cp1252"), http_charset="iso-8859-1") == (html, "cp1252")


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "us-ascii"])
def test_korean_page_sent_with_a_latin_label_is_read_as_korean(label: str) -> None:
    # servers label pages ISO-8859-1 by default: a Korean page without a meta tag would
    # otherwise be archived as mojibake
    page = ("<p>서울시는 9일 시청에서 기자회견을 열고 내년도 예산안을 발표했다. “예산” 규모는 "
            "올해보다 5% 늘어난 48조원이다.</p>")
    assert decode_html(page.encode("cp949"), label) == (page, "cp949")


@pytest.mark.parametrize("text, encoding", [
    ("Ação de graças: você não está só. É verdade, João comeu pão à noite, ótimo! " * 5,
     "latin-1"),
    ("Élève, à côté de l’été, où ça dépasse. Déjà vu, très bien, garçon, naïve. " * 5,
     "cp1252"),
    ("Grüße aus München! Über die Brücke, schön, Straße, Mädchen, Öl, Äpfel. " * 5,
     "latin-1"),
])
def test_latin_text_with_a_latin_label_stays_latin(text: str, encoding: str) -> None:
    assert decode_html(text.encode(encoding), "iso-8859-1") == (text, "cp1252")


def test_pure_ascii_reports_declared_encoding() -> None:
    html = '<html><head><meta charset="euc-kr"></head><body>plain ascii</body></html>'
    assert decode_html(html.encode("ascii")) == (html, "cp949")
    assert decode_html(b"<p>hi</p>") == ("<p>hi</p>", "utf-8")


def test_unknown_declared_charset_is_ignored() -> None:
    html = page('<meta charset="x-no-such-charset">')
    assert decode_html(html.encode("utf-8"), http_charset="bogus") == (html, "utf-8")


def test_last_resort_replaces_few_characters() -> None:
    data = page().encode("utf-8") + b"\xff\xfe\xfd broken"
    text, enc = decode_html(data, http_charset="utf-8")
    assert BODY in text
    assert "\ufffd" in text


@pytest.mark.parametrize("data", [
    b"", b"   \n\t ", b"%PDF-1.7\n%\xe2\xe3", b"\x89PNG\r\n\x1a\n\x00\x00", b"\xff\xd8\xff\xe0\x00\x10JFIF",
    b"GIF89a\x01\x00", b"PK\x03\x04\x14\x00", b"\x1f\x8b\x08\x00", b"<html>\x00\x01\x02binary",
])
def test_not_html(data: bytes) -> None:
    with pytest.raises(NotHTMLError):
        decode_html(data)


@pytest.mark.parametrize("value, expected", [
    ("text/html; charset=UTF-8", "utf-8"),
    ('text/html; charset="EUC-KR"', "euc-kr"),
    (b"text/html;charset=ks_c_5601-1987", "ks_c_5601-1987"),
    ("text/html; Charset = 'cp949'; foo=bar", "cp949"),
    ("text/html", None),
    (None, None),
    ("", None),
])
def test_charset_from_content_type(value, expected) -> None:
    assert charset_from_content_type(value) == expected


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600), st.sampled_from([None, "utf-8", "euc-kr", "latin-1", "bogus"]),
       st.sampled_from([None, "cp949", "utf-8"]))
def test_decode_html_never_raises_other_errors(data: bytes, charset, override) -> None:
    try:
        text, enc = decode_html(data, http_charset=charset, override=override)
    except NotHTMLError:
        return
    assert isinstance(text, str) and isinstance(enc, str)
    codecs.lookup(enc)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3) | st.sampled_from(" .,<>p"),
               min_size=1, max_size=200))
def test_hangul_roundtrip_utf8_and_cp949(body: str) -> None:
    html = f"<p>{body}</p>"
    assert decode_html(html.encode("utf-8"))[0] == html
    text, enc = decode_html(html.encode("cp949"), http_charset="euc-kr")
    assert text == html
    if _not_utf8(html.encode("cp949")):
        # Undeclared or declared UTF-8: only bytes that are not valid UTF-8 can be
        # recognised as CP949 (a lone '홰' is byte-identical to UTF-8 'ȳ').
        assert decode_html(html.encode("cp949")) == (html, "cp949")
        assert decode_html(html.encode("cp949"), http_charset="utf-8") == (html, "cp949")


def test_latin_utf8_is_not_taken_for_cp949() -> None:
    html = "<p>caf\u00e9 cr\u00e8me br\u00fbl\u00e9e</p>"
    assert decode_html(html.encode("utf-8")) == (html, "utf-8")


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
