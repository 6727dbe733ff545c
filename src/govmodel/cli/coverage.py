"""``govmodel coverage [MODEL] [--format text|json]``"""

from __future__ import annotations

import argparse
import sys

from govmodel.cli.common import add_model_argument, model_from_args, write_atomic
from govmodel.cli.options import add_output_policy

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "coverage",
        help="每条条文的编码情况 / article coverage (every article of the rules)",
        description="Each article: encoded (with the element ids) or non_operational (with the reason).",
    )
    add_model_argument(p)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    add_output_policy(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from govmodel.report.coverage import coverage_json, coverage_text

    model = model_from_args(args)
    text = coverage_json(model) if args.format == "json" else coverage_text(model)
    if args.out:
        write_atomic(args.out, text, "--out")
    else:
        sys.stdout.write(text)
    return 0
