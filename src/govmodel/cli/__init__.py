"""Command line: parse → run → render → exit code.

Exit codes (the contract, the same for every subcommand):

- 0 ok;
- 1 findings: new violations (check), a reform that opens a gap or misses a claim, a replay
  that disagrees;
- 2 bad input of any kind, output paths and options included (one message per problem, never
  a traceback), reported before any work where it can be;
- 3 a verification result is unknown (it takes precedence over 1: an unknown is never a pass,
  and the violations found may not be all);
- 130 interrupted (Ctrl-C): one line, no traceback;
- 70 internal error (a bug): one line with the version and the file where the full traceback
  was written; never 1, which CI reads as "findings".

Each subcommand lives in its own module and registers itself with :func:`add_parser`.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from typing import NoReturn

__all__ = [
    "main",
    "build_parser",
    "command_of",
    "EXIT_OK",
    "EXIT_VIOLATIONS",
    "EXIT_BAD_INPUT",
    "EXIT_UNKNOWN",
    "EXIT_INTERRUPTED",
    "EXIT_INTERNAL",
]

EXIT_OK, EXIT_VIOLATIONS, EXIT_BAD_INPUT, EXIT_UNKNOWN = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_INTERNAL = 70  # EX_SOFTWARE (sysexits.h): an internal error

# Options that name an output, checked before any work: (dest, as named in messages, is a folder)
_OUTPUTS = (
    ("out", "--out", False),
    ("write_baseline", "--write-baseline", False),
    ("events", "--events", False),
    ("plots", "--plots", True),
    ("init_dir", "DIR", True),
)
_FOLDER_OUT = ("sweep",)  # commands whose --out names a folder

# Every subcommand with its one-line help as its module registers it (tests/cli/test_startup.py
# keeps the two equal): the top-level help lists them without importing any subcommand.
_COMMANDS: dict[str, str] = {
    "coverage": "每条条文的编码情况 / article coverage (every article of the rules)",
    "validate": "检查模型文件(不求解) / check a model's files without solving",
    "show": "模型对某角色、文件类型或会议的规定 / what the model says about NAME",
    "graph": "绘制权力关系图 / draw the authority graph (.png .svg .pdf .graphml)",
    "schema": "模型文件的JSON Schema / JSON Schema of model files",
    "check": "用Z3验证规则 / verify the rules with Z3 (proofs, gaps, counterexamples)",
    "explain": "解释一项检查结果 / explain one finding (articles and story)",
    "suggest": "为根本原因生成修订建议 / write a candidate amendment for a root cause",
    "simulate": "仿真公文流转 / simulate document flow under a scenario (SimPy)",
    "compare": "比较两个情景 / compare two scenarios (paired replications, common random numbers)",
    "reform": "评估改革方案 / assess a reform proposal (verify, simulate, authority diff)",
    "report": "生成HTML报告 / write one self-contained HTML report",
    "replay": "把反例作为模拟重演 / replay a finding's counterexample as a simulation",
    "init": "新建模型骨架或复制内置模型 / start a model in DIR: a skeleton, or a copy of a bundled model",
    "sweep": "敏感性分析:哪些假设重要 / sensitivity sweep: which assumed figures matter (SALib, Dask)",
    "compare-rules": "按关注点对照两套规则 / line up two rule sets by concern",
}


def _remembered_words() -> None:
    """argparse translates each of its words (``usage:``, ``options`` …) through gettext, which
    looks for catalogues on disk at every call: ~50 calls and 200 ``stat`` calls per command
    line, half the parser's cost. The answers depend only on the environment, so they are
    kept for the process."""
    words = getattr(argparse, "_", None)
    if words is not None and not hasattr(words, "cache_info"):
        argparse._ = functools.lru_cache(maxsize=None)(words)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors are bad input too: exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked for."""

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str = argparse.SUPPRESS,
        default: str = argparse.SUPPRESS,
        help: str | None = None,
    ) -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        _print_version()
        parser.exit()


def _print_version() -> None:
    # The package root is loaded before any of its modules; read from it, not imported (no
    # module imports the public API: tests/test_layers.py). It is the installed version
    # (tests/cli/test_startup.py), without the cost of importlib.metadata.
    version = sys.modules["govmodel"].__version__
    sys.stdout.write(f"govmodel {version}\n")


def command_of(argv: Sequence[str]) -> str:
    """The subcommand ``argv`` names ("" when none: ``--help``, ``--version``, a typo). The
    top-level options take no value, so it is the first argument that is not an option."""
    first = next((a for a in argv if not a.startswith("-")), "")
    return first if first in _COMMANDS else ""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. With ``argv``, only the subcommand it names is built in full
    (its module imported); the others are listed by their help line alone, so ``--version``,
    ``--help`` and a light command import no more than they need."""
    import importlib

    wanted = command_of(argv) if argv is not None else None
    _remembered_words()
    parser = _Parser(
        prog="govmodel",
        description="govmodel:政府工作规则的形式化模型、验证与仿真 / "
        "formal model, verification and simulation of government work rules",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    built = []
    for name, head in _COMMANDS.items():
        if wanted is not None and name != wanted:
            sub.add_parser(name, help=head)
            continue
        try:
            module = importlib.import_module(f"govmodel.cli.{name.replace('-', '_')}")
        except ModuleNotFoundError as exc:
            if exc.name != f"govmodel.cli.{name.replace('-', '_')}":
                raise
            continue
        module.add_parser(sub)
        built.append(name)
        if name not in ("schema", "init"):  # every command that reads inputs (govmodel.paths: confinement)
            sub.choices[name].add_argument(
                "--allow-outside",
                action="append",
                default=[],
                metavar="FOLDER",
                help="也可读取该文件夹中的文件 / let inputs name files in FOLDER too, outside the "
                "model's folder or the project (repeatable)",
            )
            sub.choices[name].add_argument(
                "--no-cache",
                action="store_true",
                help="不用任何缓存或复用 / switch every cache and reuse off (as GOVMODEL_NO_CACHE=1): "
                "compute everything afresh",
            )
    # every subcommand's page opens with its bilingual one-line help (中文 / English)
    helps = {a.dest: a.help for a in sub._choices_actions}
    for p in (parser, *(sub.choices[n] for n in built)):
        for action in p._actions:
            if action.dest == "help":
                action.help = "显示帮助并退出 / show this help message and exit"
            elif isinstance(action, _Version):
                action.help = "显示版本并退出 / show the version and exit"
    if not built:
        return parser
    from govmodel.cli.help_zh import bilingual

    for name in built:
        p = sub.choices[name]
        bilingual(name, p)
        line = helps.get(name)
        if line and line not in (p.description or ""):
            p.description = f"{line}.\n{p.description}" if p.description else line
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("govmodel")
    except PackageNotFoundError:
        return "0+unknown"


def _check_outputs(args: argparse.Namespace) -> None:
    from govmodel.outputs import OutputError, check_output

    problems = []
    for dest, label, folder in _OUTPUTS:
        value = getattr(args, dest, None)
        if value is not None:
            folder = folder or (dest == "out" and getattr(args, "command", None) in _FOLDER_OUT)
            problems += check_output(value, label, folder=folder)
    if problems:
        raise OutputError(problems)


def _internal_error(exc: BaseException) -> int:
    """One line on standard error; the full traceback in a file (never on the terminal, where
    CI logs would keep it)."""
    import tempfile
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        where = f" at {'/'.join(last.filename.replace(chr(92), '/').split('/')[-2:])}:{last.lineno}"
    try:
        fd, path = tempfile.mkstemp(prefix="govmodel-crash-", suffix=".txt")
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(f"govmodel {_version()}\nargv: {sys.argv!r}\n\n")
            fh.write("".join(traceback.format_exception(exc)))
        saved = f"traceback in {path}"
    except OSError:
        saved = "the traceback could not be written"
    print(
        f"govmodel: 内部错误 / internal error ({type(exc).__name__}{where}); govmodel {_version()}; {saved}; "
        "请报告 / please report it",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


@contextlib.contextmanager
def _no_cache(on: bool) -> Iterator[None]:
    """``--no-cache``: ``GOVMODEL_NO_CACHE=1`` while the command runs (worker processes inherit
    it), as it was afterwards (``main`` may run again in the same process)."""
    from govmodel.model.memo import NO_CACHE_ENV

    before = os.environ.get(NO_CACHE_ENV)
    if on:
        os.environ[NO_CACHE_ENV] = "1"
    try:
        yield
    finally:
        if on and before is None:
            os.environ.pop(NO_CACHE_ENV, None)
        elif on and before is not None:
            os.environ[NO_CACHE_ENV] = before


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line; returns the exit code (see the module's docstring)."""
    own = argv is None  # a process of its own (not a caller's)
    try:
        if own:  # collect garbage less often (Python's 700 made a tenth of a check's CPU; 10,000
            gc.set_threshold(200_000, 20, 20)  # still 28 collections, ~25 ms: now ~10, ~1 ms)
        argv = sys.argv[1:] if argv is None else list(argv)
        if argv == ["--version"]:  # what the parser would print, without building it
            _print_version()
            return EXIT_OK
        parser = build_parser(argv)
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # usage errors (2, message printed), --help and --version (0)
            return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
        if own:  # what the imports built lives as long as the process: no collection walks it
            gc.freeze()  # (a check's one older-generation collection walked it for ~60 ms)
        from govmodel.outputs import output_policy
        from govmodel.paths import allow_outside

        with (
            output_policy(force=getattr(args, "force", False), parents=getattr(args, "parents", False)),
            _no_cache(getattr(args, "no_cache", False)),
        ):
            _check_outputs(args)
            with allow_outside(getattr(args, "allow_outside", None) or ()):
                return int(args.run(args) or 0)
    except BrokenPipeError:
        # the reader went away (`govmodel check | head`): not an error; keep Python quiet at exit
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return _interrupted()
    except Exception as exc:  # noqa: BLE001  (the contract: any bug is exit 70, never a traceback)
        if _interrupt_in_foreign_call(exc):
            return _interrupted()
        return _failed(exc)
    finally:
        if own:  # nor does the collection at interpreter exit (~40 ms after a check)
            gc.freeze()


def _interrupted() -> int:
    print("\ngovmodel: 已中断 / interrupted", file=sys.stderr)
    return EXIT_INTERRUPTED


def _interrupt_in_foreign_call(exc: Exception) -> bool:
    """Ctrl-C that landed while ctypes converted an argument of a foreign call (z3's API is
    ctypes calls): ctypes replaces the KeyboardInterrupt with
    ``ArgumentError("argument N: KeyboardInterrupt: ")``, keeping only its name."""
    import ctypes  # loaded already whenever it can have raised

    return isinstance(exc, ctypes.ArgumentError) and ": KeyboardInterrupt" in str(exc)


def _failed(exc: Exception) -> int:
    """Bad input (one message per problem) is exit 2; anything else is a bug, exit 70.
    (:mod:`govmodel.errors` is imported here, so ``--version`` and ``--help`` never load it.)"""
    from govmodel.errors import GovmodelError, InputError

    if isinstance(exc, InputError):
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if isinstance(exc, GovmodelError):
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _internal_error(exc)
