import sys

from setuptools import Extension, setup

# Configuration is in setup.cfg. This file adds the optional C accelerators (the Hangul
# index analysis, pure Python where it cannot be compiled; the na_bm25 FTS5 ranking
# function, FTS5's own bm25 where it cannot; the UTF-8 page check, a decode where it
# cannot) and lets scrapyd-deploy build an egg. An egg
# gets no compiled module: zipped eggs load one through a setuptools stub that fails on
# modules, and the fallbacks give the same results.
EXTENSIONS = [
    Extension("pipelines.store._bigrams", ["pipelines/store/_bigrams.c"], optional=True),
    Extension("pipelines.store._rank", ["pipelines/store/_rank.c"], optional=True),
    Extension("pipelines.extract._utf8", ["pipelines/extract/_utf8.c"], optional=True),
]
setup(ext_modules=[] if "bdist_egg" in sys.argv else EXTENSIONS)
