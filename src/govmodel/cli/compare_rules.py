"""``govmodel compare-rules A B``: two rule sets lined up by concern (deputizing, meetings,
sign-off, leave, time limits): where they differ, and which gaps one has that the other closes."""

from __future__ import annotations

import argparse

from govmodel.cli.common import input_path, write_atomic
from govmodel.cli.options import add_output_policy, k_type

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "compare-rules",
        help="按关注点对照两套规则 / line up two rule sets by concern",
        description="Line up the deputy rules, meetings, sign-off steps, leave rules and time limits "
        "of A and B by id; say where they are the same, differ, or exist in one only; and, after "
        "verifying both (--k absences), which gaps (violated properties) one has that the other closes.",
    )
    p.add_argument(
        "a", metavar="A", type=input_path("model"), help="model folder A (or a bundled model's name)"
    )
    p.add_argument(
        "b", metavar="B", type=input_path("model"), help="model folder B (or a bundled model's name)"
    )
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="输出格式 / output format (default text)"
    )
    p.add_argument("--out", metavar="FILE", help="写入文件 / write to FILE instead of standard output")
    p.add_argument(
        "--k",
        type=k_type,
        default=1,
        metavar="N",
        help="验证时至多缺位人数 / absences per scenario when verifying (default 1)",
    )
    p.add_argument(
        "--no-verify",
        action="store_true",
        help="只对照规则，不验证 / line up the rules only, without verifying (no gaps)",
    )
    add_output_policy(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from govmodel.crosscheck.rulesets import compare_rules
    from govmodel.model import load_model
    from govmodel.report.rules_text import render_rules_json, render_rules_text

    a, b = load_model(args.a), load_model(args.b)
    ra = rb = None
    if not args.no_verify:
        from govmodel.verify import Bounds, verify

        ra, rb = verify(a, Bounds(k=args.k)), verify(b, Bounds(k=args.k))
    c = compare_rules(a, b, ra, rb)
    text = render_rules_json(c) if args.format == "json" else render_rules_text(c)
    if args.out:
        write_atomic(args.out, text, "--out")
    else:
        sys.stdout.write(text)
    return 0
