"""``govmodel check [MODEL] [--assume NAME=on|off] [--format text|json|sarif|junit]
[--out FILE] [--baseline FILE] [--k N] [--timeout S]``

Exit codes: 0 no violation outside the baseline; 1 new violations; 2 bad input (model,
options or baseline: one message per problem with file:line); 3 a result is unknown and
there is no new violation (an unknown is never a pass).
"""

from __future__ import annotations

import argparse
import sys

from govmodel.cli.common import add_model_argument, input_path, model_from_args, verify_with_progress, write_atomic
from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = ["add_parser", "add_bounds_arguments", "bounds_from_args", "run", "exit_code"]

_FORMATS = ("text", "json", "sarif", "junit")


def _nonneg_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative; expected 0 or more absences")
    return value


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value} is not positive; expected seconds > 0")
    return value


def add_bounds_arguments(p: argparse.ArgumentParser) -> None:
    from govmodel.verify.properties import CLASSES

    p.add_argument("--k", type=_nonneg_int, default=None, metavar="N",
                   help="at most N persons absent at once (default: every person of the cast)")
    p.add_argument("--timeout", type=_positive, default=10.0, metavar="S",
                   help="solver timeout per query in seconds (default 10); a timeout makes the result unknown")
    p.add_argument("--related-max", type=_nonneg_int, default=1, metavar="N",
                   help="related departments a document may touch (default 1)")
    p.add_argument("--class", dest="classes", action="append", choices=tuple(CLASSES), default=None,
                   help="check only this property class (repeatable)")


def bounds_from_args(args: argparse.Namespace):  # -> Bounds
    from govmodel.verify.scenarios import Bounds

    return Bounds(k=args.k, related_max=args.related_max, timeout=args.timeout)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="用Z3验证规则 / verify the rules with Z3 (proofs, gaps, counterexamples)",
                       description="Check every property of the model: holds (proved within the bounds), violated "
                                   "(smallest counterexample, articles) or unknown (timeout). Exit 0 ok, 1 new "
                                   "violations, 2 bad input, 3 unknown.")
    add_model_argument(p)
    p.add_argument("--format", choices=_FORMATS, default="text")
    p.add_argument("--out", metavar="FILE", help="write the report to FILE (whole or not at all)")
    p.add_argument("--baseline", metavar="FILE", type=input_path("baseline"), help="YAML file of accepted findings, each with a justification")
    p.add_argument("--write-baseline", metavar="FILE",
                   help="also write a baseline skeleton accepting every current violation (justifications to fill in)")
    add_bounds_arguments(p)
    from govmodel.cli.check_readings import add_readings_arguments

    add_readings_arguments(p)
    p.set_defaults(run=run)


def exit_code(comparison, results) -> int:  # (Comparison, Results) -> int
    from govmodel.cli import EXIT_OK, EXIT_UNKNOWN, EXIT_VIOLATIONS
    from govmodel.findings import Status

    if comparison.new:
        return EXIT_VIOLATIONS
    if results.with_status(Status.unknown):
        return EXIT_UNKNOWN
    return EXIT_OK


def render(fmt: str, results, comparison) -> str:
    if fmt == "json":
        from govmodel.report.verify_json import results_json as render_fn
    elif fmt == "sarif":
        from govmodel.report.verify_sarif import results_sarif as render_fn
    elif fmt == "junit":
        from govmodel.report.verify_junit import results_junit as render_fn
    else:
        from govmodel.report.verify_text import results_text as render_fn
    return render_fn(results, comparison)


def run(args: argparse.Namespace) -> int:
    from govmodel.verify.baseline import compare, load_baseline

    model = model_from_args(args)
    baseline = load_baseline(args.baseline) if args.baseline else None
    if args.k is not None and model.cast and args.k > len(model.cast.persons):
        raise InputError([Problem(SourceRef("--k"), f"{args.k} absences", f"at most {len(model.cast.persons)} (the persons of the cast)")])
    if getattr(args, "readings", None):
        from govmodel.cli.check_readings import run_readings

        return run_readings(args, model)
    results = verify_with_progress(model, bounds_from_args(args), args.classes)
    comparison = compare(results, baseline)
    text = render(args.format, results, comparison if baseline else None)
    if args.out:
        write_atomic(args.out, text)
    else:
        sys.stdout.write(text)
    if args.write_baseline:
        from govmodel.verify.baseline import baseline_yaml

        write_atomic(args.write_baseline, baseline_yaml(results))
    return exit_code(comparison, results)
