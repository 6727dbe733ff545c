"""``govmodel check [MODEL] [--assume NAME=on|off] [--format text|json|sarif|junit]
[--out FILE] [--baseline FILE] [--k N] [--timeout S] [--min-severity LEVEL]``

Exit codes: 0 no violation outside the baseline; 1 new violations; 2 bad input (model,
options, baseline or output path: one message per problem with file:line); 3 a result is
unknown (even with new violations: an unknown is never a pass, and the violations found may
not be all).
"""

from __future__ import annotations

import argparse
import sys

from govmodel.cli.bounds import add_bounds_arguments, bounds_from_args
from govmodel.cli.common import (
    add_model_argument,
    input_path,
    model_from_args,
    verify_with_progress,
    write_atomic,
)
from govmodel.cli.options import add_output_policy, check_k

# add_bounds_arguments and bounds_from_args live in cli/bounds.py (shared by check, explain, replay
# and check --readings): named here too, for their importers
__all__ = ["add_parser", "add_bounds_arguments", "bounds_from_args", "run", "exit_code"]

_FORMATS = ("text", "json", "sarif", "junit")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="用Z3验证规则 / verify the rules with Z3 (proofs, gaps, counterexamples)",
        description="Check every property of the model: holds (proved within the bounds), violated "
        "(smallest counterexample, articles) or unknown (timeout). Exit 0 ok, 1 new "
        "violations, 2 bad input, 3 unknown.",
    )
    add_model_argument(p)
    p.add_argument("--format", choices=_FORMATS, default="text")
    p.add_argument("--out", metavar="FILE", help="write the report to FILE (whole or not at all)")
    p.add_argument(
        "--baseline",
        metavar="FILE",
        type=input_path("baseline"),
        help="YAML file of accepted findings, each with a justification",
    )
    p.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="also write a baseline skeleton accepting every current violation (justifications to fill in)",
    )
    p.add_argument(
        "--min-severity",
        choices=("critical", "high", "medium", "low"),
        default=None,
        help="只报告至少此严重程度的违反 / report (and fail on) only violations at least this severe "
        "(from their resilience: critical 0, high 1, medium 2, low 3 or more absences)",
    )
    add_bounds_arguments(p)
    from govmodel.cli.check_readings import add_readings_arguments

    add_readings_arguments(p)
    add_output_policy(p)
    p.set_defaults(run=run)


def at_least(results, severity: str):  # (Results, str) -> Results
    """The results without the violations (and root causes) less severe than ``severity``."""
    import dataclasses

    from govmodel.findings import Severity, Status

    rank = Severity(severity).rank

    def keep(f) -> bool:
        return f.status != Status.violated or f.severity.rank <= rank

    rcs = tuple(
        dataclasses.replace(rc, findings=tuple(f for f in rc.findings if keep(f)))
        for rc in results.root_causes
        if rc.severity.rank <= rank
    )
    return dataclasses.replace(
        results,
        findings=tuple(f for f in results.findings if keep(f)),
        root_causes=rcs,
        min_severity=severity,
    )


def exit_code(comparison, results) -> int:  # (Comparison | None, Results) -> int
    """None: no baseline (every violation is new)."""
    from govmodel.cli import EXIT_OK, EXIT_UNKNOWN, EXIT_VIOLATIONS
    from govmodel.findings import Status

    if results.with_status(Status.unknown):  # takes precedence: the violations found may not be all
        return EXIT_UNKNOWN
    if comparison.new if comparison is not None else results.with_status(Status.violated):
        return EXIT_VIOLATIONS
    return EXIT_OK


def render(fmt: str, results, comparison, model=None) -> str:
    if fmt == "json":
        from govmodel.report.verify_json import results_json as render_fn
    elif fmt == "sarif":
        from govmodel.report.verify_sarif import results_sarif as render_fn
    elif fmt == "junit":
        from govmodel.report.verify_junit import results_junit as render_fn
    else:
        from govmodel.report.verify_text import results_text

        return results_text(results, comparison, model=model)  # names, not ids
    return render_fn(results, comparison)


def run(args: argparse.Namespace) -> int:
    model = model_from_args(args)
    baseline = None
    if args.baseline:  # (verify.baseline is imported only with one: issue #11)
        from govmodel.verify.baseline import load_baseline

        baseline = load_baseline(args.baseline)
    check_k(args.k, model)
    if getattr(args, "readings", None):
        from govmodel.cli.check_readings import run_readings

        return run_readings(args, model)
    results = verify_with_progress(model, bounds_from_args(args), args.classes)
    if getattr(args, "min_severity", None):
        results = at_least(results, args.min_severity)
    comparison = None
    if baseline is not None:
        from govmodel.verify.baseline import compare

        comparison = compare(results, baseline)
    text = render(args.format, results, comparison, model=model)
    if args.out:
        write_atomic(args.out, text, "--out")
    else:
        sys.stdout.write(text)
    if args.write_baseline:
        from govmodel.verify.baseline import baseline_yaml

        write_atomic(args.write_baseline, baseline_yaml(results), "--write-baseline")
    return exit_code(comparison, results)
