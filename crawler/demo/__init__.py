"""뉴스데모: the demo Korean regional news site bundled with newsarchive.

`newsarchive demo` serves it on 127.0.0.1 and crawls it; the end-to-end tests compare
the resulting archive with the ground truth here.

- `content`: ground truth (`ARTICLES`, `SECTIONS`, `SITE_NAME`, `article_path`,
  `expected_records`), generated from `stories` with a fixed seed.
- `pages` / `ndsoft` / `chrome` / `feeds`: HTML (article.html?no= and articleView.html?idxno=
  skins), RSS, sitemap, robots.txt.
- `routes.render(target, base_url, today)`: what the server sends for a URL.
- `server.DemoServer`: the HTTP server; `save_pages`: saves fixture pages.
- `site.yaml`: the site file the crawler uses for it.
"""
