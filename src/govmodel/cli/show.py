"""``govmodel show NAME [MODEL]``"""

from __future__ import annotations

import argparse
import sys

from govmodel.cli.common import add_model_argument, model_from_args

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="模型对某角色、文件类型或会议的规定 / what the model says about NAME")
    p.add_argument(
        "name",
        metavar="NAME",
        help="角色、人员、文件类型、会议或其他要素:ID或中英文名称；"
        "assumptions:每个命名假设及切换后改变的结论 / "
        "a role, person, document type, meeting or other element: its id or its Chinese or English name; "
        "'assumptions': every named assumption and the findings switching it changes "
        "(verifies once per assumption)",
    )
    add_model_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from govmodel.report.show import show_text

    model = model_from_args(args)
    if args.name == "assumptions" and model.get("assumptions") is None:
        from govmodel.report.assumptions import assumptions_text
        from govmodel.verify.assumptions import effects

        sys.stdout.write(assumptions_text(effects(model)))
        return 0
    sys.stdout.write(show_text(model, args.name))
    return 0
