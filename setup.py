from setuptools import Extension, setup

# Configuration is in setup.cfg; this file adds the optional C accelerator of the Hangul
# index analysis (pure Python is used where it cannot be compiled) and lets
# scrapyd-deploy build an egg.
setup(
    ext_modules=[
        Extension("pipelines.store._bigrams", ["pipelines/store/_bigrams.c"], optional=True),
    ],
)
