"""The lazy command parser: ``--help`` is the same whether the command modules are loaded
or not (so the table of commands in ``cli/parser.py`` names what the modules register, in
their order, with their help, in every language), and each command is parsed by its real
module."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from siec_desk.cli import parser
from siec_desk.cli.parser import ALL, COMMANDS, build_parser, parse_arguments
from siec_desk.core import i18n


@pytest.fixture(params=["en", "fr", "ar"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield str(request.param)
    i18n.set_language("en")


@pytest.mark.usefixtures("language")
def test_help_is_the_same_with_or_without_the_command_modules() -> None:
    light = build_parser(None).format_help()
    assert light == build_parser(ALL).format_help()
    for name, _module, help_text in COMMANDS:
        assert name in light and str(help_text).split()[0] in light


def command_help(load: str, name: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        build_parser(load).parse_args([name, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("name", [name for name, _module, _help in COMMANDS])
def test_each_command_is_parsed_by_its_own_module(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    own = command_help(name, name, capsys)
    assert own == command_help(ALL, name, capsys)
    assert own.startswith(f"usage: siec-desk {name} [-h]")


def test_arguments_reach_the_command_handler() -> None:
    args = parse_arguments(["--db", "x.sqlite3", "advisor", "rename", "2", "Nadia B."])
    assert (args.db, args.advisor, args.new_name) == ("x.sqlite3", "2", "Nadia B.")
    assert args.handler.__name__ == "_rename"
    assert not hasattr(args, "_command")
    batch = parse_arguments(["letters", "--from", "2026-01-01", "--to", "2026-01-31", "--out", "d"])
    assert batch.handler.__name__ == "_batch"  # "letters" is registered with "letter"


def test_no_command_opens_the_window_and_a_wrong_option_is_a_usage_error() -> None:
    assert parse_arguments(["--lang", "fr"]).handler is None
    with pytest.raises(SystemExit) as exit_:
        parse_arguments(["--no-such-option"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        parse_arguments(["--no-such-option", "advisor", "list"])
    assert exit_.value.code == 2


def test_a_bundle_sees_every_command_module() -> None:
    """PyInstaller follows ``import`` statements only: ``_bundled`` names every module."""
    source = Path(parser.__file__).read_text(encoding="utf-8")
    function = next(
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef) and node.name == "_bundled"
    )
    named = {
        alias.name
        for node in ast.walk(function)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert named == {module for _name, module, _help in COMMANDS}
