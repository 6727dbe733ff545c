"""Command line: parse → run → render → exit code.

Exit codes: 0 ok; 1 new violations (check); 2 bad input (one message per problem, never a
traceback); 3 a verification result is unknown.
Each subcommand lives in its own module and registers itself with :func:`add_parser`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from govmodel.errors import GovmodelError, InputError

__all__ = ["main", "EXIT_OK", "EXIT_VIOLATIONS", "EXIT_BAD_INPUT", "EXIT_UNKNOWN"]

EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT, EXIT_UNKNOWN = 0, 1, 2, 3

_COMMANDS = ("coverage", "show", "graph", "schema", "check", "explain", "simulate", "compare", "reform", "report", "replay", "init", "sweep")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors are bad input too: exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    parser = _Parser(prog="govmodel", description="govmodel:政府工作规则的形式化模型、验证与仿真 / "
                     "formal model, verification and simulation of government work rules")
    parser.add_argument("--version", action="version", version=f"govmodel {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in _COMMANDS:
        try:
            module = importlib.import_module(f"govmodel.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"govmodel.cli.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("govmodel")
    except PackageNotFoundError:
        return "0+unknown"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except InputError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except GovmodelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
