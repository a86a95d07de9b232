"""What every newsarchive command shares: the --db option, exit codes, error handling.

Kept apart from crawler.cli so that command modules (crawler.cli_exports) can import it
without importing the CLI itself, which also runs as `python -m crawler.cli`.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from pipelines.errors import NewsArchiveError

F = TypeVar("F", bound=Callable[..., Any])

#: Exit codes of crawl commands, documented in the README.
EXIT_OK, EXIT_FAILURES, EXIT_CANNOT_RUN, EXIT_LOCKED = 0, 1, 2, 3

DB_OPTION = click.option(
    "--db", "db", default="archive.db", show_default=True, type=click.Path(dir_okay=False),
    help="The SQLite archive file.",
)


def user_errors(exit_code: int = 1) -> Callable[[F], F]:
    """Turn library errors into `Error: ...` and an exit code instead of a traceback."""

    def decorate(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except NewsArchiveError as exc:
                from crawler.lock import ArchiveLockedError

                click.echo(f"Error: {exc}", err=True)
                sys.exit(EXIT_LOCKED if isinstance(exc, ArchiveLockedError) else exit_code)

        return wrapper  # type: ignore[return-value]

    return decorate
