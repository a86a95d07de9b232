"""Local test web servers for crawl tests: several news sites, each on its own port.

    with SiteServer(KoreanSite()) as kr:
        ...crawl kr.base_url...
        kr.targets()          # every path+query requested, in order

Sites (each module holds its pages *and* the ground truth the tests assert):

* `korean.KoreanSite`  한울뉴스, the `article.html?no=N` CMS, with EUC-KR pages, a
  tracked feed link, a teaser-only article, and the `trouble` error cases mounted.
* `ndsoft.NdsoftSite`  누리일보, the `articleView.html?idxno=N` CMS, with validators.
* `english.EnglishSite` The Harbor Gazette: robots.txt, sitemap index, news sitemap,
  JSON-LD, a disallowed /private/ page and an off-site link.
"""
from tests.crawler.webserver.common import Story
from tests.crawler.webserver.english import EnglishSite
from tests.crawler.webserver.korean import KoreanSite
from tests.crawler.webserver.ndsoft import NdsoftSite
from tests.crawler.webserver.server import Hit, Reply, SiteServer

__all__ = ["EnglishSite", "Hit", "KoreanSite", "NdsoftSite", "Reply", "SiteServer", "Story"]
