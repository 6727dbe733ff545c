"""Start-up stays light (issue #11): ``--version`` and ``--help`` import no subcommand and none
of the heavy libraries, and ``coverage`` never imports z3 or simpy. The lazily built parser
says exactly what the fully built one says."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version

import pytest

import govmodel
from govmodel.cli import _COMMANDS, build_parser, command_of

HEAVY = (
    "z3",
    "simpy",
    "networkx",
    "pydantic",
    "ruamel.yaml",
    "matplotlib",
    "govmodel.model",
    "govmodel.verify",
)


def _imported_after(args: list[str]) -> list[str]:
    """The heavy modules a fresh interpreter holds after ``govmodel ARGS``."""
    code = (
        "import contextlib, io, sys\n"
        "from govmodel.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    main({args!r})\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


@pytest.mark.parametrize("args", [["--version"], ["--help"], [], ["chek"]])
def test_version_help_and_usage_errors_import_nothing_heavy(args: list[str]) -> None:
    assert _imported_after(args) == []


def test_coverage_imports_neither_z3_nor_simpy() -> None:
    found = _imported_after(["coverage"])
    assert "z3" not in found and "simpy" not in found and "govmodel.verify" not in found


def test_version_is_the_installed_one() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "govmodel", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout == f"govmodel {govmodel.__version__}\n"
    try:
        installed = version("govmodel")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return
    assert installed == govmodel.__version__


def test_the_command_table_says_what_each_module_registers() -> None:
    full = build_parser()
    sub = next(a for a in full._actions if a.dest == "command")
    registered = {a.dest: a.help for a in sub._choices_actions}
    assert registered == _COMMANDS
    assert list(registered) == list(_COMMANDS)  # the same order in the help


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["reform", "x"], ["coverage"]])
def test_lazy_parser_pages_equal_the_full_ones(argv: list[str]) -> None:
    lazy, full = build_parser(argv), build_parser()
    assert lazy.format_help() == full.format_help()
    name = command_of(argv)
    if name:
        subs = [next(a for a in p._actions if a.dest == "command") for p in (lazy, full)]
        assert subs[0].choices[name].format_help() == subs[1].choices[name].format_help()


def test_command_of() -> None:
    assert command_of(["--version"]) == ""
    assert command_of(["check", "--k", "2"]) == "check"
    assert command_of(["chek"]) == ""
