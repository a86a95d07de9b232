"""The section a page's own menu marks as current.

Why: many sites name no section in metadata or breadcrumbs, yet their menu highlights
the one the story belongs to, for the reader ('<li class="on"><a>사회</a></li>' on Korean
CMSs, WordPress's 'current-menu-parent', 'aria-current').
The last resort for a page's section, after every named source.
"""
from __future__ import annotations

import re
from typing import Any

from lxml import etree

from pipelines.extract.page import text_of as _text

#: Items marked current, by class word or aria-current (one XPath: lxml walks the page
#: once, the class words are tested here).
_MARKED = etree.XPath(
    "//li[@class][contains(@class, 'on') or contains(@class, 'active') "
    "or contains(@class, 'current') or contains(@class, 'selected')]"
    " | //a[@class][contains(@class, 'on') or contains(@class, 'active') "
    "or contains(@class, 'current') or contains(@class, 'selected')]"
    " | //*[@aria-current='page' or @aria-current='true']")
#: (Not WordPress's '-ancestor' marks, which also light up a menu group such as 'Teams'
#: above the story's category, nor 'current_page_parent', its page of all posts.)
_CURRENT_WORDS = frozenset({
    "on", "active", "current", "selected", "is-active", "is-current", "is_active",
    "current-menu-item", "current-menu-parent", "current_page_item",
})
#: Class or id words of a site's menu ('gnb', 'main-nav', 'menu-primary').
_MENU = re.compile(r"(?i)gnb|lnb|menu|(?:^|[\s_-])nav")
_TABS = re.compile(r"(?i)tab(?!le)")
#: What a menu also marks that is no section: its home and all-stories entries.
_NOT_SECTION_ITEMS = frozenset({
    "홈", "home", "메인", "main", "전체", "전체기사", "전체 기사", "최신기사", "news", "뉴스",
    "all", "all news", "latest", "latest news", "top", "front page", "homepage",
})


def _in_menu(el: Any) -> bool:
    for x in el.iterancestors():
        if x.tag == "nav":
            return True
        names = f"{x.get('class') or ''} {x.get('id') or ''}"
        if _TABS.search(names):
            return False  # a box's tabs ('ul.tab_menu li.on'): '많이 본' is no section
        if _MENU.search(names):
            return x.tag not in ("body", "html")
        if x.tag in ("body", "main", "article"):
            return False
    return False


def current_menu_item(doc: Any) -> str | None:
    """The label of the first menu item marked current, or None.

    The first one: a menu marks the section and, in its sub-menu, the sub-section.
    Only items of a site menu count (a tab box's 'on' tab or a slider's 'active' slide
    are not menus), and only short labels.
    """
    for el in _MARKED(doc):
        if el.get("aria-current") is None and not (
                _CURRENT_WORDS & set((el.get("class") or "").split())):
            continue
        if not _in_menu(el):
            continue
        link = el if el.tag == "a" else next(el.iter("a"), None)
        href = (link.get("href") or "").strip() if link is not None else ""
        if not href or href[0] == "#" or href[:11].lower() == "javascript:":
            continue  # a tab or a toggle, not a link to a section
        text = _text(link)
        if (text and len(text) <= 30 and len(text.split()) <= 4
                and any(c.isalpha() for c in text)
                and text.lower() not in _NOT_SECTION_ITEMS):
            return text
    return None
