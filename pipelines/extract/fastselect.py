"""CSS selectors answered from a per-page class/id index instead of a libxml2 XPath scan.

A cssselect XPath such as `descendant-or-self::div[@class and contains(concat(' ',
normalize-space(@class), ' '), ' art_top ')]` evaluates its predicate on every element
of the page: ~0.4 ms on a 600-element article page, and a CMS profile asks a dozen such
questions per page (a quarter of the extraction time, measured with py-spy on the crawl
benchmark's pages). One pass over the page's class and id attributes (which the page
index makes anyway) answers them all: the elements carrying the selector's class or id
are looked up, then checked against the whole selector with ordinary CSS matching.

Only the common subset is answered this way: type, class, id and attribute
(`[a]`, `=`, `~=`, `^=`, `$=`, `*=`) selectors joined by descendant or child
combinators, asked of the document's root. Anything else (pseudo-classes, sibling
combinators, a sub-tree as root, no index) runs the cssselect XPath, so the answer is
always the same elements in the same (document) order; tests compare the two.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable

from cssselect import HTMLTranslator, parse
from cssselect import parser as css_parser
from lxml import etree

_TRANSLATOR = HTMLTranslator()
#: XPath's normalize-space() whitespace: what separates the tokens of a class attribute
_XML_SPACE = re.compile(r"[ \t\r\n]+")


@lru_cache(maxsize=8192)
def _class_tokens(cls: str) -> tuple[str, ...]:
    """The distinct tokens of a class attribute (pages repeat a few hundred values)."""
    return tuple(dict.fromkeys(t for t in _XML_SPACE.split(cls) if t))


class DocIndex:
    """Elements of one parsed page by class token and by id, in document order.

    Filled by the page index's scan of the class/id attributes (`structured.index_page`
    calls `add` in document order); valid until the tree is changed, so it is used
    before any cleaning.
    """

    def __init__(self, root: Any) -> None:
        self.root = root
        self.by_class: dict[str, list[Any]] = {}
        self.by_id: dict[str, list[Any]] = {}
        #: document position of every element with a class or id
        self.position: dict[Any, int] = {}
        self._order: dict[Any, int] | None = None

    def add(self, el: Any, cls: str, ident: str) -> None:
        self.position[el] = len(self.position)
        if cls:
            for token in _class_tokens(cls):
                self.by_class.setdefault(token, []).append(el)
        if ident:
            self.by_id.setdefault(ident, []).append(el)

    def order_of(self, elements: list[Any]) -> list[Any]:
        """elements sorted into document order."""
        pos = self.position
        if all(el in pos for el in elements):
            return sorted(elements, key=pos.__getitem__)
        if self._order is None:  # rare: results without class or id from several selectors
            self._order = {el: i for i, el in enumerate(self.root.iter())}
        return sorted(elements, key=self._order.__getitem__)


# A compound selector: (tag or None, classes, ids, attribute tests)
_Compound = tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[Callable[[Any], bool], ...]]
# A complex selector, left to right: [(None, c0), (combinator, c1), ...]
_Chain = list[tuple[str | None, _Compound]]


class _Unsupported(Exception):
    pass


def _attr_test(name: str, op: str, value: str | None) -> Callable[[Any], bool]:
    if op == "exists":
        return lambda el: el.get(name) is not None
    if value is None:
        raise _Unsupported(op)
    if op == "=":
        return lambda el: el.get(name) == value
    if not value:  # cssselect makes an empty ^= $= *= ~= never match; keep XPath for it
        raise _Unsupported(op)
    if op == "~=":
        return lambda el: value in _XML_SPACE.split(el.get(name) or "")
    if op == "^=":
        return lambda el: (el.get(name) or "").startswith(value)
    if op == "$=":
        return lambda el: (el.get(name) or "").endswith(value)
    if op == "*=":
        return lambda el: value in (el.get(name) or "")
    raise _Unsupported(op)


def _compound(tree: Any) -> _Compound:
    classes: list[str] = []
    ids: list[str] = []
    tests: list[Callable[[Any], bool]] = []
    while True:
        if isinstance(tree, css_parser.Class):
            classes.append(tree.class_name)
        elif isinstance(tree, css_parser.Hash):
            ids.append(tree.id)
        elif isinstance(tree, css_parser.Attrib):
            if tree.namespace or tree.flag:
                raise _Unsupported("attribute namespace or flag")
            value = tree.value.value if tree.value is not None else None
            tests.append(_attr_test(tree.attrib.lower(), tree.operator, value))
        elif isinstance(tree, css_parser.Element):
            if tree.namespace:
                raise _Unsupported("namespace")
            tag = tree.element.lower() if tree.element else None
            return tag, tuple(classes), tuple(ids), tuple(tests)
        else:
            raise _Unsupported(type(tree).__name__)
        tree = tree.selector


def _chain(tree: Any) -> _Chain:
    parts: _Chain = []
    while isinstance(tree, css_parser.CombinedSelector):
        if tree.combinator not in (" ", ">"):
            raise _Unsupported(tree.combinator)
        parts.append((tree.combinator, _compound(tree.subselector)))
        tree = tree.selector
    parts.append((None, _compound(tree)))
    parts.reverse()
    return parts


def _matches(el: Any, compound: _Compound) -> bool:
    tag, classes, ids, tests = compound
    if tag is not None and el.tag != tag:
        return False
    if classes:
        cls = el.get("class")
        if not cls:
            return False
        tokens = _class_tokens(cls)
        if any(c not in tokens for c in classes):
            return False
    if ids and any(el.get("id") != i for i in ids):
        return False
    return all(test(el) for test in tests)


def _matches_chain(el: Any, chain: _Chain, k: int) -> bool:
    """Does el match chain[k], with chain[:k] matched by its ancestors as combined?"""
    if not _matches(el, chain[k][1]):
        return False
    if k == 0:
        return True
    combinator = chain[k][0]
    if combinator == ">":
        parent = el.getparent()
        return parent is not None and _matches_chain(parent, chain, k - 1)
    return any(_matches_chain(anc, chain, k - 1) for anc in el.iterancestors())


def _keyed_compound(compound: _Compound) -> bool:
    return bool(compound[1] or compound[2])


def _keyed(compound: _Compound, index: DocIndex) -> list[Any] | None:
    """The indexed elements that may match compound (by its id or class), or None."""
    _tag, classes, ids, _tests = compound
    if ids:
        return index.by_id.get(ids[0], [])
    if classes:
        return min((index.by_class.get(c, []) for c in classes), key=len)
    return None


def _run_chain(chain: _Chain, index: DocIndex) -> list[Any]:
    """Elements matching one complex selector, in document order."""
    last = len(chain) - 1
    keyed = _keyed(chain[last][1], index)
    if keyed is not None:
        return [el for el in keyed if _matches_chain(el, chain, last)]
    tag = chain[last][1][0]
    # no class or id on the subject: walk below the elements that carry the nearest
    # keyed ancestor compound (each sub-tree once), or the whole page
    scopes: list[Any] | None = None
    for _comb, compound in reversed(chain[:last]):
        scopes = _keyed(compound, index)
        if scopes is not None:
            break
    if scopes is None:
        scopes = [index.root]
    elif len(scopes) > 1:
        # a scope inside an earlier one is walked with it; the rest are disjoint and in
        # document order, so their walks concatenate in document order
        taken: set[Any] = set()
        outer = []
        for scope in scopes:
            if not any(anc in taken for anc in scope.iterancestors()):
                outer.append(scope)
            taken.add(scope)
        scopes = outer
    found: list[Any] = []
    for scope in scopes:
        for el in scope.iter(tag) if tag else scope.iter():
            if el is scope and scope is not index.root or not isinstance(el.tag, str):
                continue
            if _matches_chain(el, chain, last):
                found.append(el)
    return found


class Selector:
    """A compiled CSS selector; called like an `etree.XPath` on a root element.

    `sel(root, index)` answers from index when root is the document the index was made
    for and the selector is in the supported subset; otherwise the XPath runs.
    """

    def __init__(self, css: str) -> None:
        self.css = css
        self.xpath = etree.XPath(_TRANSLATOR.css_to_xpath(css))
        try:
            self.chains: list[_Chain] | None = []
            for sel in parse(css):
                if sel.pseudo_element:
                    raise _Unsupported("pseudo-element")
                self.chains.append(_chain(sel.parsed_tree))
        except _Unsupported:
            self.chains = None
        # a selector part with no class or id walks the page in Python, slower than XPath
        if self.chains and not all(any(_keyed_compound(c) for _, c in chain)
                                   for chain in self.chains):
            self.chains = None

    def __call__(self, root: Any, index: DocIndex | None = None) -> list[Any]:
        if index is None or self.chains is None or root is not index.root:
            return self.xpath(root)
        if len(self.chains) == 1:
            return _run_chain(self.chains[0], index)
        found: list[Any] = []
        seen: set[Any] = set()
        parts = 0
        for chain in self.chains:
            added = False
            for el in _run_chain(chain, index):
                if el not in seen:
                    seen.add(el)
                    found.append(el)
                    added = True
            parts += added
        return found if parts <= 1 else index.order_of(found)

    def __repr__(self) -> str:
        return f"Selector({self.css!r})"
