"""Site-file selector rules: a CSS or XPath string from a site file, compiled once.

Site files are written by people who copy a selector from browser devtools, so both
syntaxes are accepted: a string starting with `/`, `./` or `(` is XPath, anything else
CSS. Compiled selectors are cached by their text, so a crawl of one site pays the
translation cost once, not once per page.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from cssselect import HTMLTranslator, SelectorError
from lxml import etree

from pipelines.errors import SiteConfigError
from pipelines.extract.page import element_text

_TRANSLATOR = HTMLTranslator()


def is_xpath(selector: str) -> bool:
    s = selector.lstrip()
    return s.startswith(("/", "./", "(", "..")) or s.startswith("descendant")


@lru_cache(maxsize=512)
def compile_selector(selector: str) -> etree.XPath:
    """XPath object for a CSS or XPath selector; SiteConfigError names a bad one."""
    try:
        if is_xpath(selector):
            return etree.XPath(selector.strip())
        return etree.XPath(_TRANSLATOR.css_to_xpath(selector.strip()))
    except (SelectorError, etree.XPathSyntaxError, ValueError) as exc:
        raise SiteConfigError(f"bad selector {selector!r}: {exc}") from None


def css(selector: str) -> etree.XPath:
    """Compile a CSS selector at import time (for module-level constants)."""
    return etree.XPath(_TRANSLATOR.css_to_xpath(selector))


def select(root: Any, selector: str) -> list[Any]:
    """Matches of selector under root: elements, or strings for XPath text()/@attr."""
    try:
        result = compile_selector(selector)(root)
    except etree.XPathEvalError:
        return []
    if isinstance(result, list):
        return result
    if result in (None, ""):
        return []
    return [result]


def _text_of(item: Any) -> str:
    if isinstance(item, str):
        return " ".join(str(item).split())
    try:
        return " ".join(element_text(item).split())
    except (AttributeError, ValueError, TypeError):
        return ""


def select_texts(root: Any, selector: str) -> list[str]:
    """Whitespace-normalised, non-empty texts of every match."""
    return [t for t in (_text_of(x) for x in select(root, selector)) if t]


def select_text(root: Any, selector: str) -> str | None:
    """Text of the first non-empty match, or None."""
    texts = select_texts(root, selector)
    return texts[0] if texts else None
