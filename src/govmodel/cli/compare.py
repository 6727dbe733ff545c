"""``govmodel compare A B``: paired replications of two scenarios with common random
numbers; each measure's difference B − A with its 95 % confidence interval."""

from __future__ import annotations

import argparse

from govmodel.cli.common import input_path
from govmodel.cli.simulate import _check, add_run_options, emit

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "compare",
        help="比较两个情景 / compare two scenarios (paired replications, common random numbers)",
        description="Run A and B with the same seed and replication indices (common random "
        "numbers: separate streams for arrivals, document attributes, service times and "
        "absences) and report each measure's difference B − A with its 95 % interval.",
    )
    p.add_argument("a", metavar="A", type=input_path("scenario"), help="scenario YAML A (the reference)")
    p.add_argument(
        "b",
        metavar="B",
        type=input_path("scenario", "reform"),
        help="scenario YAML B, or a reform file: B = A with the reform applied",
    )
    add_run_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from govmodel.report.sim_json import render_comparison_json
    from govmodel.report.sim_text import render_comparison_text
    from govmodel.sim import compare, load_scenario
    from govmodel.sim.loaded import is_reform_file

    _check(args)
    a = load_scenario(args.a)
    b = load_scenario(args.a, reforms=[args.b]) if is_reform_file(args.b) else load_scenario(args.b)
    c = compare(
        a,
        b,
        replications=args.replications,
        seed=args.seed,
        jobs=args.jobs,
        progress=args.progress,
        max_events=args.max_events,
    )
    emit(render_comparison_json(c) if args.format == "json" else render_comparison_text(c), args.out)
    return 0
