"""Response body -> parsed page: text decoding checks, Hangul jamo repair, the lxml parse.

Kept apart from the field rules in core.py: this is the part every page pays for first
(decode, then libxml2), tuned for speed: the parser builds plain `HtmlElement` proxies
in C, drops comments and processing instructions, and gets UTF-8 bytes cleaned of
characters libxml2 rejects with C-level `encode`/`translate` rather than regexes.
"""
from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from pipelines.errors import NotHTMLError
from pipelines.extract.encoding import decode_html, reads_as_utf8
from pipelines.record import collapse_spaces

__all__ = ["compose_jamo_sequences", "decode_input", "element_text", "parse_html"]

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

_CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JONG = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_JAMO_SEQ = re.compile("\u3164([%s])([\u314f-\u3163])([%s]|\u3164)" % (_CHO, _JONG))


def compose_jamo_sequences(text: str) -> str:
    """KS X 1001 "8-byte" syllables (filler + jamo, e.g. 'ㅤㄸㅗㅁ') -> one syllable ('똠').

    EUC-KR pages write the 8,822 syllables missing from the charset this way; decoded
    as CP949 they come out as four visible jamo, which breaks titles and search.
    """
    if "\u3164" not in text:
        return text

    def one(m: "re.Match[str]") -> str:
        cho = _CHO.index(m.group(1))
        jung = ord(m.group(2)) - 0x314F
        jong = 0 if m.group(3) == "\u3164" else _JONG.index(m.group(3)) + 1
        return chr(0xAC00 + (cho * 21 + jung) * 28 + jong)

    return _JAMO_SEQ.sub(one, text)


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample.strip():
        return True
    if "\x00" in sample:
        return True
    if sample.lstrip().startswith("%PDF"):
        return True
    return len(_CONTROL.findall(sample)) > 0.05 * len(sample)


def _looks_json(text: str) -> bool:
    head = text.lstrip()[:1]
    if head not in ("{", "["):
        return False
    # JSON bodies have no tags; an HTML page never starts with { or [ and a tag soon after
    return not re.search(r"<(?:html|head|body|div|p|title|meta|article)\b", text[:5000], re.I)


def decode_input(html: bytes | str, http_charset: str | None = None,
                 override: str | None = None) -> str:
    """Page text from bytes or str; NotHTMLError when it is not a page at all."""
    return _decoded(html, http_charset, override)[0]


def _decoded(html: bytes | str, http_charset: str | None,
             override: str | None) -> tuple[str, str, str | None]:
    """(page text, the same text before the jamo repair, the encoding it was decoded
    from or None for str input)."""
    encoding = None
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if not data.strip():
            raise NotHTMLError("empty response body")
        if data.lstrip().startswith(b"%PDF"):
            raise NotHTMLError("the response is a PDF document, not HTML")
        text, encoding = decode_html(data, http_charset=http_charset, override=override)
    elif isinstance(html, str):
        text = html
    else:
        raise NotHTMLError(f"expected bytes or str, got {type(html).__name__}")
    if not text or not text.strip():
        raise NotHTMLError("empty response body")
    if _looks_binary(text):
        raise NotHTMLError("the response is binary, not HTML")
    if _looks_json(text):
        raise NotHTMLError("the response is JSON, not HTML")
    return compose_jamo_sequences(text), text, encoding


_BOM_UTF8 = b"\xef\xbb\xbf"

try:  # the check and the control characters' removal in one pass (pipelines/extract/_utf8.c)
    from pipelines.extract._utf8 import page_utf8 as _page_utf8
except Exception:  # pragma: no cover - not built: every page takes the general path
    _page_utf8 = None
#: Bytes of the page's start decoded for the checks that read it (`_looks_binary` reads
#: 4,096 characters, at most 4 bytes each), with room for a character cut at the end and
#: for the first few characters after any leading space.
_HEAD_BYTES = 4 * 4096 + 64


def _utf8_page_bytes(data: bytes, http_charset: str | None, override: str | None) -> bytes | None:
    """What page_bytes returns for a page that reads as strict UTF-8, found without
    decoding the page; None when the general path must decide (not UTF-8, another
    charset declared, a BOM, characters the decoded text would change or lack, an XML
    declaration, and pages the general path refuses: empty, binary, JSON)."""
    if data[:3] == _BOM_UTF8:
        return None
    cleaned = _page_utf8(data)
    if cleaned is None or not reads_as_utf8(data, http_charset, override):
        return None
    head = data[:_HEAD_BYTES].decode("utf-8", "ignore")
    if not head[:4096].strip():
        return None  # _looks_binary's blank start
    start = head.lstrip()[:5]  # the text's first characters: the blank start is shorter
    if start[0] in "{[" or start.lower() == "<?xml" or start.startswith("%PDF"):
        return None  # JSON, an XML declaration, a PDF: as _decoded and page_bytes decide
    if cleaned is not data and _looks_binary(head):
        return None  # control characters (none when nothing was dropped): too many?
    return cleaned


def page_bytes(html: bytes | str, http_charset: str | None = None,
               override: str | None = None) -> bytes:
    """``html_bytes(decode_input(html, ...))``: the UTF-8 bytes libxml2 parses.

    Why not always that: most pages arrive as UTF-8, and when the text is exactly the
    strict UTF-8 reading of the body (no replacement character, no BOM, nothing the
    jamo repair or `html_bytes` would change) encoding it again gives back the body's
    own bytes; only the control characters need removing (~2% of a page's extraction).
    """
    if _page_utf8 is not None and isinstance(html, (bytes, bytearray, memoryview)):
        fast = _utf8_page_bytes(bytes(html), http_charset, override)
        if fast is not None:
            return fast
    text, decoded, encoding = _decoded(html, http_charset, override)
    if (encoding is not None and text is decoded
            # ASCII text read from other bytes (an EBCDIC codec that detection chose)
            # is not the body's own bytes
            and (encoding == "utf-8" or (text.isascii() and text.encode("ascii") == html))
            and not html[:3] == _BOM_UTF8 and "\ufffd" not in text
            and "\ufffe" not in text and "\uffff" not in text
            and _XML_DECL.match(text) is None):
        return bytes(html).translate(None, _CONTROL_BYTES)
    return html_bytes(text)


#: Element proxies made in C: lxml.html's default lookup calls a Python function for every
#: element a tree walk touches (FormElement, InputElement, ...), which cost more than the
#: walk itself. Every element is a plain HtmlElement (text_content, cssselect, ...) here.
_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity,
)
#: Comments and processing instructions are never text; dropping them at parse time
#: spares every later pass from skipping them. No ID hash table (`collect_ids`): nothing
#: looks elements up through libxml2's id(), and building it costs ~8% of the parse.
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                           default_doctype=False, collect_ids=False, huge_tree=True)
_PARSER.set_element_class_lookup(_LOOKUP)
#: C0 controls other than tab/LF/CR: libxml2 rejects or mangles them.
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])


def html_bytes(text: str) -> bytes:
    """Page text as the UTF-8 bytes libxml2 is given (see `parse_html`).

    `encode(..., "ignore")` drops lone surrogates and `bytes.translate` the control
    characters, both in C and several times faster than a regex substitution over the
    whole page. The extractor keeps these bytes for other whole-page byte searches
    (`structured.index_page`) instead of encoding the page a second time.
    """
    text = _XML_DECL.sub("", text, count=1)
    if "\ufffe" in text or "\uffff" in text:
        text = text.replace("\ufffe", "").replace("\uffff", "")
    return text.encode("utf-8", "ignore").translate(None, _CONTROL_BYTES)


def parse_html_bytes(data: bytes) -> Any:
    """`html_bytes` -> lxml tree (HtmlElement nodes, no comments)."""
    try:
        doc = etree.fromstring(data, parser=_PARSER) if data.strip() else None
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise NotHTMLError(f"not an HTML document: {exc}") from None
    if doc is None or not isinstance(doc.tag, str):
        raise NotHTMLError("not an HTML document")
    return doc


#: An e-mail address anywhere in a text (bylines, mailto links, reporter lines).
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def element_text(el: Any) -> str:
    """All the text below el: the string lxml's ``text_content()`` and XPath ``string()``
    give (text nodes only; no comments, no tail).

    Why not ``text_content()``: it evaluates an XPath expression on every call, and the
    extractor asks for the text of ~100 elements a page (teaser cards, headings, labels);
    libxml2's text serialisation returns the same string in a third of the time. An
    element with no children is its own text, in a third of that again (most of the
    elements asked about are a headline's or a label's innermost one).
    """
    if not len(el):
        return el.text or ""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def collapse(text: str | None) -> str:
    """Runs of whitespace as one space, the ends trimmed; "" for None."""
    return collapse_spaces(text) if text else ""


def text_of(el: Any) -> str:
    """`element_text` collapsed; "" for a node without text of its own kind (a comment)."""
    try:
        return collapse(element_text(el))
    except (ValueError, AttributeError, TypeError):
        return ""


_LINE_BREAKING = frozenset({"br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt",
                            "tr", "blockquote"})
_NO_TEXT = frozenset({"script", "style", "noscript", "template"})


def line_text(el: Any) -> str:
    """The text below el as lines: a <br> or a block element ends one ('부제 하나<br>부제 둘'
    is two lines, where `element_text` runs them together); spaces collapsed in each line,
    empty lines dropped."""
    parts: list[str] = []
    try:
        _line_parts(el, parts)
    except RecursionError:  # nested deeper than the stack: one line, as element_text reads it
        return collapse(element_text(el))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _line_parts(node: Any, parts: list[str]) -> None:
    # module-level recursion: a nested closure would be a reference cycle holding the tree
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _LINE_BREAKING:
        parts.append("\n")
    if tag and tag not in _NO_TEXT:
        if node.text:
            parts.append(node.text)
        for child in node:
            _line_parts(child, parts)
            if child.tail:
                parts.append(child.tail)
    if tag in _LINE_BREAKING:
        parts.append("\n")


def parse_html(text: str) -> Any:
    """Page text -> lxml tree (HtmlElement nodes, no comments), parsed from UTF-8 bytes."""
    return parse_html_bytes(html_bytes(text))
