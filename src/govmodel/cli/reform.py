"""``govmodel reform FILE``: a reform proposal judged three ways (verification diff with
its claims, paired simulation, semantic diff of authority). Exit 0 when the reform does what
it claims and opens no gap; 1 when it opens a gap or misses a claim; 2 bad input; 3 when a
verification result is unknown (it takes precedence over 1)."""

from __future__ import annotations

import argparse
import json
import sys

from govmodel.cli.common import add_model_argument, input_path, write_atomic
from govmodel.cli.options import (
    add_jobs_option,
    add_output_policy,
    check_k,
    k_type,
    replications_type,
    seed_type,
)

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "reform",
        help="评估改革方案 / assess a reform proposal (verify, simulate, authority diff)",
        description="Assess a reform file: findings closed, opened and unchanged (and the reform's "
        "claims), each simulated measure's change with its 95 % interval (paired, common "
        "random numbers), and who may perform each act before and after.",
    )
    p.add_argument(
        "file", metavar="FILE", type=input_path("reform"), help="reform YAML (scenarios/reforms/*.yaml)"
    )
    add_model_argument(p)
    p.add_argument(
        "--scenario",
        metavar="SCENARIO",
        type=input_path("scenario"),
        help="scenario for the paired simulation (default: the baseline)",
    )
    p.add_argument(
        "--k",
        type=k_type,
        default=1,
        metavar="N",
        help="absences at most in verification (default 1: single points of failure)",
    )
    p.add_argument(
        "--k-authority",
        type=k_type,
        default=2,
        metavar="N",
        help="absences per scenario in the authority diff (default 2)",
    )
    p.add_argument(
        "--replications",
        "-n",
        type=replications_type,
        default=20,
        metavar="N",
        help="paired replications (default 20: enough to resolve the headline changes)",
    )
    p.add_argument(
        "--seed", type=seed_type, default=None, metavar="S", help="random seed (default: the scenario's)"
    )
    add_jobs_option(p)
    p.add_argument("--no-sim", action="store_true", help="skip the paired simulation")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--out", metavar="FILE")
    add_output_policy(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from govmodel.cli.common import model_from_args
    from govmodel.crosscheck.assess import assess_reform
    from govmodel.verify import Bounds

    model = model_from_args(args)
    check_k(args.k, model)
    check_k(args.k_authority, model, "--k-authority")
    a = assess_reform(
        args.file,
        model,
        bounds=Bounds(k=args.k),
        scenario=args.scenario,
        simulate=not args.no_sim,
        replications=args.replications,
        seed=args.seed,
        jobs=args.jobs,
        k_authority=args.k_authority,
        progress=None,
    )
    data = a.as_dict()
    if args.format == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        from govmodel.report.reform_text import reform_text

        comp = None
        if a.comparison is not None:
            from govmodel.report.sim_text import render_comparison_text

            comp = render_comparison_text(a.comparison, limit=25)
        from govmodel.report.names import Names

        text = reform_text(data, comp, names=Names(a.after))
    if args.out:
        write_atomic(args.out, text, "--out")
    else:
        sys.stdout.write(text)
    from govmodel.cli import EXIT_OK, EXIT_UNKNOWN, EXIT_VIOLATIONS

    if any(c.change == "unknown" for c in a.findings):  # the contract: an unknown result is 3, over 1
        return EXIT_UNKNOWN
    return EXIT_OK if a.verdict == "as_claimed" else EXIT_VIOLATIONS
