"""The one place the version lives; the archive records it on every crawl run."""
__version__ = "0.1.0"
