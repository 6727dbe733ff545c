"""The options several subcommands share, validated the same way everywhere: ``--k``,
``--timeout``, ``-n/--replications``, ``--jobs``, ``--seed`` (finite, in range, never clamped
or defaulted silently; a bad value is exit 2 with the same message on every subcommand), and
the output policy ``--force`` / ``--parents``.

Bad values are reported by argparse (``govmodel check: error: argument --timeout: ...``),
before any work.
"""

from __future__ import annotations

import argparse
import math

from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = [
    "k_type",
    "timeout_type",
    "replications_type",
    "jobs_type",
    "add_jobs_option",
    "seed_type",
    "count_type",
    "add_output_policy",
    "check_k",
    "MAX_TIMEOUT",
    "MAX_REPLICATIONS",
    "MAX_JOBS",
    "MAX_SEED",
]

MAX_TIMEOUT = 4_294_967.0  # seconds: Z3 takes its timeout as an unsigned 32-bit count of milliseconds
MAX_REPLICATIONS = 100_000
MAX_JOBS = 1_024
MAX_SEED = 2**63 - 1


def _int(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} 不是整数 / is not a whole number; expected {what}"
        ) from None


def _ranged(text: str, what: str, low: int, high: int | None) -> int:
    value = _int(text, what)
    if value < low or (high is not None and value > high):
        raise argparse.ArgumentTypeError(f"{value} 超出范围 / is out of range; expected {what}")
    return value


def count_type(what: str, low: int = 0, high: int | None = None):
    """An argparse type for a whole number in [low, high]."""

    def convert(text: str) -> int:
        return _ranged(text, what, low, high)

    convert.__name__ = what
    return convert


def k_type(text: str) -> int:
    """``--k N``: at most N persons absent at once; 0 or more (the cast's size bounds it, see
    :func:`check_k`)."""
    return _ranged(text, "0 or more absences (at most the persons of the cast)", 0, None)


def timeout_type(text: str) -> float:
    """``--timeout S``: seconds per solver query, finite, > 0 and at most the solver's limit."""
    what = f"seconds, a finite number > 0 and at most {MAX_TIMEOUT:.0f}"
    try:
        value = float(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} 不是数字 / is not a number; expected {what}") from None
    if not math.isfinite(value) or value <= 0 or value > MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"{text.strip()} 超出范围 / is out of range; expected {what}")
    return value


def replications_type(text: str) -> int:
    """``-n/--replications N``: 1 to :data:`MAX_REPLICATIONS`."""
    return _ranged(text, f"1 to {MAX_REPLICATIONS} replications", 1, MAX_REPLICATIONS)


def jobs_type(text: str) -> int:
    """``-j/--jobs J``: 1 to :data:`MAX_JOBS` processes."""
    return _ranged(text, f"1 to {MAX_JOBS} processes", 1, MAX_JOBS)


def seed_type(text: str) -> int:
    """``--seed S``: 0 to 2**63 - 1."""
    return _ranged(text, f"a seed from 0 to {MAX_SEED}", 0, MAX_SEED)


JOBS_HELP = (
    "parallel processes; results do not depend on it (default: one per CPU, at least two "
    "replications each; 1 runs everything in this process)"
)


def add_jobs_option(p: argparse.ArgumentParser) -> None:
    """``-j/--jobs J``, default None: the runner picks (:func:`govmodel.sim.runner.auto_jobs`)."""
    p.add_argument("--jobs", "-j", type=jobs_type, default=None, metavar="J", help=JOBS_HELP)


for _f in (k_type, timeout_type, replications_type, jobs_type, seed_type):
    _f.__name__ = _f.__name__.removesuffix("_type")


def add_output_policy(p: argparse.ArgumentParser) -> None:
    """``--force`` and ``--parents`` for a subcommand that writes files."""
    p.add_argument(
        "--force",
        action="store_true",
        help=(
            "经符号链接写入(替换其指向的文件) / write through a symbolic link (replacing the file it "
            "points to)"
        ),
    )
    p.add_argument(
        "--parents",
        action="store_true",
        help="创建缺少的上级文件夹 / create missing parent folders of outputs",
    )


def check_k(k: int | None, model, option: str = "--k") -> None:
    """Refuse ``--k`` above the number of persons in the cast (never clamp it)."""
    if k is not None and model.cast and k > len(model.cast.persons):
        n = len(model.cast.persons)
        raise InputError(
            [
                Problem(
                    SourceRef(option),
                    f"{k} 人缺席超出范围 / {k} absences is out of range",
                    f"至多 {n} 人(名单中的人数) / at most {n} (the persons of the cast)",
                )
            ]
        )
