import sys

from setuptools import Extension, setup

# Configuration is in setup.cfg. This file adds the optional C accelerator of the Hangul
# index analysis (pure Python is used where it cannot be compiled) and lets
# scrapyd-deploy build an egg. An egg gets no compiled module: zipped eggs load one
# through a setuptools stub that fails on modules, and the Python analyzer is identical.
EXTENSIONS = [
    Extension("pipelines.store._bigrams", ["pipelines/store/_bigrams.c"], optional=True),
]
setup(ext_modules=[] if "bdist_egg" in sys.argv else EXTENSIONS)
