"""Every command documents itself: `--help` works and says something."""
import click
import pytest
from click.testing import CliRunner

from crawler.cli import cli


def all_commands(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


COMMANDS = list(all_commands(cli))


def test_the_core_commands_exist():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"demo", "crawl", "extract", "search"} <= names


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_text(path, command):
    assert command.help and len(command.help.strip()) > 20, f"{' '.join(path)} has no help text"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert command.help.strip().splitlines()[0] in result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"option {param.opts} of {' '.join(path)} has no help"
