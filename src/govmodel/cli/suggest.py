"""``govmodel suggest ROOT_CAUSE_ID [MODEL] --out FILE``: a candidate amendment for one root
cause of ``govmodel check``, as a reform overlay (the format of ``scenarios/reforms/``).

The candidates of the root cause are tried in order; each is applied to the model and
verified (as ``govmodel reform`` does, within ``k`` = the resilience of the root cause's most
severe findings, at least 1): the first that closes every one of them and opens no gap is written,
its ``closes:`` listing the findings it closes. Exit 0 when written; 1 when no candidate
closes the root cause (the best one is still written when ``--out`` is given, marked so,
or nothing when the model's vocabulary cannot express the change); 2 bad input.
"""

from __future__ import annotations

import argparse
import sys

from govmodel.cli.common import add_model_argument, model_from_args, verify_with_progress, write_atomic

__all__ = ["add_parser", "run", "suggest"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "suggest",
        help="为根本原因生成修订建议 / write a candidate amendment for a root cause",
        description="Write a reform overlay that closes the findings of ROOT_CAUSE_ID (from govmodel "
        "check) and opens no gap, checked by verification before it is written. Exit 0 "
        "written; 1 no candidate closes it; 2 bad input.",
    )
    p.add_argument(
        "root_cause",
        metavar="ROOT_CAUSE_ID",
        help=(
            "govmodel check 列出的根本原因编号 / a root cause id printed by govmodel check (a unique "
            "prefix is enough)"
        ),
    )
    add_model_argument(p)
    p.add_argument(
        "--out",
        metavar="FILE",
        help="写入改革文件 / write the reform file to FILE (default: standard output)",
    )
    p.set_defaults(run=run)


def suggest(model, results, root_id: str):  # the search lives in crosscheck (cli only runs it)
    from govmodel.crosscheck.suggest import suggest as search

    return search(model, results, root_id)


def run(args: argparse.Namespace) -> int:
    from govmodel.verify import Bounds
    from govmodel.verify.amendments import reform_yaml

    model = model_from_args(args)
    results = verify_with_progress(model, Bounds())
    found = suggest(model, results, args.root_cause)
    rc, overlay, verdict, k = found.root, found.overlay, found.verdict, found.k
    if overlay is None:
        if rc.note is not None:  # the model's vocabulary cannot express the change
            sys.stderr.write(
                f"{rc.id}: 改革文件无法消除此根本原因:{rc.note.zh} / no reform overlay can close this "
                f"root cause: {rc.note.en}\n"
            )
        else:
            sys.stderr.write(
                f"{rc.id}: 没有候选修订能消除此根本原因 / no candidate amendment closes this root cause\n"
            )
        return 1
    text = reform_yaml(overlay, rc)
    text = text.replace(
        "judge it with: govmodel reform FILE", f"judge it with: govmodel reform FILE --k {k}", 1
    )
    if verdict != "as_claimed":
        text = (
            "# 注意: 此候选未能消除全部结果 / NOTE: this candidate does not close every finding "
            f"({verdict})\n" + text
        )
    if args.out:
        write_atomic(args.out, text)
    else:
        sys.stdout.write(text)
    if verdict != "as_claimed":
        sys.stderr.write(
            f"{rc.id}: 候选修订未能消除全部结果 / the candidate does not close every finding ({verdict})\n"
        )
        return 1
    return 0
