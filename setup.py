from setuptools import setup

# Configuration is in setup.cfg; this file lets scrapyd-deploy build an egg.
setup()
