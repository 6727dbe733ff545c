"""``govmodel check --readings all|NAME,… [--max-readings N] [--scheduler …]``: verify under
every combination of the chosen named assumptions (a sample when there are more than N) and
report each finding as robust, reading-dependent (with the readings that make it appear or
disappear) or never. Exit 1 if some reading violates a property, 3 if only unknowns, else 0."""

from __future__ import annotations

import argparse
import sys

from govmodel.cli.options import count_type
from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = ["add_readings_arguments", "run_readings"]


def add_readings_arguments(p: argparse.ArgumentParser) -> None:
    from govmodel.cli.sweep import add_scheduler_arguments

    p.add_argument(
        "--readings",
        metavar="all|NAME,…",
        default=None,
        help="验证所选解读的每种组合 / verify under every combination of these named assumptions "
        "(on/off) and say which findings are robust and which depend on which readings",
    )
    p.add_argument(
        "--max-readings",
        type=count_type("a number of combinations, 1 or more", low=1),
        default=128,
        metavar="N",
        help="with --readings: check a seeded sample of N combinations when there are more (default 128)",
    )
    add_scheduler_arguments(p)


def run_readings(args: argparse.Namespace, model) -> int:  # (Namespace, Model) -> int
    from govmodel.cli import EXIT_OK, EXIT_UNKNOWN, EXIT_VIOLATIONS
    from govmodel.cli.bounds import bounds_from_args
    from govmodel.cli.common import write_atomic
    from govmodel.report.readings_text import readings_json, readings_text
    from govmodel.sweep.execute import resolve_scheduler
    from govmodel.sweep.readings import check_readings, reading_names

    problems = [
        Problem(SourceRef(opt), f"{opt} with --readings", "--readings reports robustness only (text or json)")
        for opt, given in (
            ("--baseline", args.baseline),
            ("--write-baseline", args.write_baseline),
            ("--format", args.format not in ("text", "json")),
        )
        if given
    ]
    if problems:
        raise InputError(problems)
    names = reading_names(model, args.readings)
    report = check_readings(
        model,
        names,
        bounds_from_args(args),
        args.classes,
        max_combinations=args.max_readings,
        scheduler=resolve_scheduler(args.scheduler),
        workers=args.workers,
        progress=None,
    )
    text = readings_json(report) if args.format == "json" else readings_text(report)
    if args.out:
        write_atomic(args.out, text, "--out")
    else:
        sys.stdout.write(text)
    if any(f.unknown_in for f in report.findings):  # 3 takes precedence over 1 (the exit-code contract)
        return EXIT_UNKNOWN
    if report.by_verdict("robust") or report.by_verdict("reading_dependent"):
        return EXIT_VIOLATIONS
    return EXIT_OK
