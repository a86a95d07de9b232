"""HTML bytes -> text, with the charset quirks of Korean news sites.

Why not just trust the declared charset: Korean sites label pages EUC-KR while the
bytes use CP949 (the Windows superset: 똠, 햏, 뷁 are CP949-only), servers send
`charset=utf-8` for legacy CP949 pages and vice versa after a CMS migration, and many
pages declare nothing. So every declared charset is tried *strictly*; a failure falls
through to detection (UTF-8, then CP949, then charset-normalizer), and only the very
last resort decodes with replacement characters. Valid non-ASCII UTF-8 wins over a
declared legacy charset, because legacy-encoded Korean text is practically never valid
UTF-8 by accident.
"""
from __future__ import annotations

import codecs
import re

from pipelines.errors import NotHTMLError

__all__ = ["charset_from_content_type", "decode_html", "normalise_charset"]

#: Labels whose bytes are really CP949 in the wild.
_KOREAN_LABELS = frozenset({
    "euc-kr", "euc_kr", "euckr", "x-euc-kr", "cseuckr", "ks_c_5601-1987", "ks_c_5601",
    "ks_c_5601-1989", "ksc5601", "ksc_5601", "ks-c-5601", "ks-c-5601-1987", "korean",
    "x-windows-949", "windows-949", "ms949", "cp949", "uhc", "iso-ir-149", "csksc56011987",
})
#: Labels browsers decode as windows-1252 (WHATWG encoding standard).
_LATIN_LABELS = frozenset({
    "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819",
    "ibm819", "iso_8859-1", "windows-1252", "cp1252", "x-cp1252",
})
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[bytes, ...] = (
    b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"PK\x03\x04", b"PK\x05\x06",
    b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!\x1a", b"\x7fELF", b"wOFF", b"wOF2",
)
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,512}?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)
_XML_ENCODING = re.compile(
    rb"""^\s*<\?xml\b[^>]{0,200}?\bencoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""", re.I)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([^"';,\s]+)""", re.I)


def normalise_charset(label: str | None) -> str | None:
    """A charset label -> the Python codec to decode it with, or None if unknown.

    EUC-KR family labels become cp949, Latin-1/ASCII become cp1252 (as browsers do).
    """
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    if not key:
        return None
    if key in _KOREAN_LABELS:
        return "cp949"
    if key in _LATIN_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(key).name
    except (LookupError, ValueError):
        return None
    if name in ("euc_kr", "johab"):
        return "cp949"
    if name == "utf-8-sig":
        return "utf-8"
    return name


def charset_from_content_type(value: str | bytes | None) -> str | None:
    """The lowercased `charset` parameter of a Content-Type header value, or None."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    m = _CT_CHARSET.search(value)
    if not m:
        return None
    label = m.group(1).strip().lower()
    return label or None


def _check_binary(head: bytes) -> None:
    for magic in _MAGIC:
        if head.startswith(magic):
            raise NotHTMLError(f"not an HTML page: binary data (starts with {magic!r})")
    if b"\x00" in head[:1024]:
        raise NotHTMLError("not an HTML page: binary data (NUL bytes)")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared_in_document(head: bytes) -> str | None:
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace")
    name = normalise_charset(label)
    if name and name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a meta tag cannot really declare UTF-16 in an 8-bit stream
    return name


_HANGUL = re.compile(r"[가-힣]")
_HANJA = re.compile(r"[\u4e00-\u9fff\uf900-\ufaff]")
_SINGLE_BYTE = ("cp125", "iso8859", "latin", "koi8", "mac", "ascii", "cp437", "cp850", "cp866")


def _prefer_utf8(legacy: str, utf8: str, name: str) -> bool:
    """Both decodings are valid: is the bytes' UTF-8 reading the real one?

    For single-byte charsets a valid non-ASCII UTF-8 reading is practically never an
    accident. CP949 pairs can happen to be valid UTF-8 ('홰' is C8 B3, also 'ȳ'), so
    there the reading with more Hangul and less Hanja (UTF-8 mojibake in CP949 is
    mostly Hanja) wins. Other multi-byte charsets keep their declaration.
    """
    if name.startswith(_SINGLE_BYTE):
        return True
    if name == "cp949":
        return _score(utf8) > _score(legacy)
    return False


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _mostly_hangul(text: str) -> bool:
    """True when text reads as Korean: nearly all its non-ASCII characters are Hangul.

    Why: servers label pages ISO-8859-1 by default, and a single-byte charset decodes
    any bytes, so a Korean page sent with that label would be archived as mojibake.
    Latin-1 text read as CP949 gives mostly Hanja and symbols, never this.
    """
    hangul = len(_HANGUL.findall(text))
    return hangul >= 20 and hangul >= 0.9 * len(_NON_ASCII.findall(text))


def _score(text: str) -> int:
    return len(_HANGUL.findall(text)) - len(_HANJA.findall(text))


def _is_ascii(data: bytes) -> bool:
    try:
        return data.isascii()
    except AttributeError:  # pragma: no cover - bytes.isascii exists since 3.7
        return all(b < 128 for b in data)


def _detect(data: bytes) -> tuple[str, str] | None:
    # UTF-8 first: real CP949 Korean text is practically never valid UTF-8 (its common
    # lead bytes B0-C1 are invalid there), while Latin UTF-8 ('é' = C3 A9) is valid CP949.
    for encoding in ("utf-8", "cp949"):
        text = _strict(data, encoding)
        if text is not None:
            return text, encoding
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - detection is best effort
        best = None
    if best is not None and best.encoding:
        name = normalise_charset(best.encoding) or best.encoding
        text = _strict(data, name)
        if text is not None:
            return text, name
    return None


def decode_html(data: bytes, http_charset: str | None = None,
                override: str | None = None) -> tuple[str, str]:
    """bytes -> (text, encoding actually used).

    Order: `override` (site file) > BOM > HTTP header charset > <meta charset> /
    http-equiv / XML declaration in the first 4 KB > detection. Raises NotHTMLError for
    empty input or binary data (NUL bytes or a PDF/PNG/JPEG/GIF/ZIP/gzip signature).
    """
    text, name = _decode(data, http_charset, override)
    if text.startswith("\ufeff"):
        text = text[1:]  # a BOM left over when an override or declaration won
    return text, name


def reads_as_utf8(data: bytes, http_charset: str | None = None,
                  override: str | None = None) -> bool:
    """Whether `decode_html` reads data as UTF-8 (or as ASCII, the same text), given that
    data is strict UTF-8 without a BOM: the question `page.page_bytes` asks before giving
    libxml2 the page's own bytes. False where `_decode` below would raise or might pick
    another charset; it mirrors `_decode`'s order, so change them together.
    """
    if not data or data.isspace():  # `not data.strip()` without copying the page
        return False
    try:
        _check_binary(data[:1024])
    except NotHTMLError:
        return False
    if _is_ascii(data):
        return True
    declared = [normalise_charset(override)] if override else []
    if http_charset:
        declared.append(normalise_charset(http_charset))
    declared.append(_declared_in_document(data[:4096]))
    for name in declared:
        if name and not name.startswith(("utf-16", "utf-32")):
            return name == "utf-8"  # strict UTF-8 reads strictly as the first one named
    return True  # nothing declared: _detect tries UTF-8 first


def _decode(data: bytes, http_charset: str | None, override: str | None) -> tuple[str, str]:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise NotHTMLError(f"not an HTML page: expected bytes, got {type(data).__name__}")
    data = bytes(data)
    if not data.strip():
        raise NotHTMLError("not an HTML page: empty document")

    declared: list[str] = []
    if override:
        name = normalise_charset(override)
        if name:
            declared.append(name)
    if not declared:
        for bom, name in _BOMS:
            if data.startswith(bom):
                body = data[len(bom):]
                text = _strict(body, name)
                if text is not None:
                    return text, name
                return body.decode(name, "replace"), name
    _check_binary(data[:1024])

    if http_charset:
        name = normalise_charset(http_charset)
        if name:
            declared.append(name)
    head = data[:4096]
    in_doc = _declared_in_document(head)
    if in_doc:
        declared.append(in_doc)

    if _is_ascii(data):
        # Pure ASCII decodes identically in every ASCII-compatible charset.
        first = declared[0] if declared else "utf-8"
        if first.startswith(("utf-16", "utf-32")):
            first = "utf-8"
        return data.decode("ascii"), first

    for name in declared:
        if name.startswith(("utf-16", "utf-32")):
            continue
        text = _strict(data, name)
        if text is None:
            continue
        if name != "utf-8":
            utf8 = _strict(data, "utf-8")
            if utf8 is not None and _prefer_utf8(text, utf8, name):
                return utf8, "utf-8"
            if name.startswith(_SINGLE_BYTE):
                korean = _strict(data, "cp949")
                if korean is not None and _mostly_hangul(korean):
                    return korean, "cp949"
        return text, name

    detected = _detect(data)
    if detected is not None:
        return detected

    # Last resort: the candidate that needs the fewest replacement characters.
    candidates = [n for n in declared if not n.startswith(("utf-16", "utf-32"))]
    candidates += [n for n in ("utf-8", "cp949") if n not in candidates]
    best_text, best_name, best_bad = "", "utf-8", None
    for name in candidates:
        try:
            text = data.decode(name, "replace")
        except LookupError:
            continue
        bad = text.count("\ufffd")
        if best_bad is None or bad < best_bad:
            best_text, best_name, best_bad = text, name, bad
    return best_text, best_name
