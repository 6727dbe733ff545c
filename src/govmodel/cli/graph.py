"""``govmodel graph [MODEL] --out FILE [--document-type T | --meeting M | --role R]``"""

from __future__ import annotations

import argparse

from govmodel.cli.common import add_model_argument, model_from_args, write_atomic
from govmodel.cli.options import add_output_policy

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("graph", help="绘制权力关系图 / draw the authority graph (.png .svg .pdf .graphml)")
    add_model_argument(p)
    p.add_argument("--out", required=True, metavar="FILE", help=".png, .svg, .pdf or .graphml")
    f = p.add_mutually_exclusive_group()
    f.add_argument("--document-type", metavar="T", help="the procedure of one document type")
    f.add_argument("--meeting", metavar="M", help="one meeting: members, presider, pipelines")
    f.add_argument("--role", metavar="R", help="one role and its relations")
    add_output_policy(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from govmodel.report.graph_plot import render_graph

    data = render_graph(
        model_from_args(args),
        args.out,
        document_type=args.document_type,
        meeting=args.meeting,
        role=args.role,
    )
    write_atomic(args.out, data, "--out")
    print(f"wrote {args.out}")
    return 0
