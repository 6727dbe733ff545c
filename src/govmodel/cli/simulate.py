"""``govmodel simulate [SCENARIO]``: run a scenario's replications and report the measures."""

from __future__ import annotations

import argparse
import sys

from govmodel.cli.common import input_path, write_atomic
from govmodel.cli.options import add_jobs_option, add_output_policy, replications_type, seed_type

__all__ = ["add_parser", "run", "add_run_options"]


def add_run_options(p: argparse.ArgumentParser) -> None:
    """Options shared by ``simulate`` and ``compare``."""
    p.add_argument(
        "--replications",
        "-n",
        type=replications_type,
        default=None,
        metavar="N",
        help="replications (default: the scenario's)",
    )
    p.add_argument(
        "--seed", type=seed_type, default=None, metavar="S", help="random seed (default: the scenario's)"
    )
    add_jobs_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    p.add_argument(
        "--out", "-o", metavar="FILE", help="write the report to FILE (whole or not at all) instead of stdout"
    )
    p.add_argument(
        "--progress", dest="progress", action="store_true", default=None, help="always show the progress bar"
    )
    p.add_argument("--no-progress", dest="progress", action="store_false", help="never show the progress bar")
    p.add_argument(
        "--max-events",
        type=int,
        default=None,
        metavar="N",
        help="budget of simulation events per replication, estimated from the scenario before it runs "
        "(default 2,000,000); a scenario above it is refused (exit 2)",
    )
    add_output_policy(p)


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "simulate",
        help="仿真公文流转 / simulate document flow under a scenario (SimPy)",
        description="Simulate documents flowing through the model's procedures over the Chinese "
        "working-day calendar, with absences, deputy rules, meetings and time limits. "
        "Default scenario: the bundled baseline.",
    )
    p.add_argument(
        "scenario",
        nargs="?",
        default=None,
        metavar="SCENARIO",
        type=input_path("scenario"),
        help="scenario YAML (default: scenarios/baseline.yaml)",
    )
    add_run_options(p)
    p.add_argument(
        "--reform",
        action="append",
        default=[],
        metavar="FILE",
        type=input_path("reform"),
        help="apply a reform file (model overlay and its scenario changes); repeatable",
    )
    p.add_argument("--events", metavar="FILE", help="write the event log (CSV, one row per act)")
    p.add_argument("--plots", metavar="DIR", help="write plots (PNG) into DIR")
    p.set_defaults(run=run)


def _check(args: argparse.Namespace) -> None:
    from govmodel.errors import InputError, Problem
    from govmodel.refs import SourceRef

    problems = []
    if args.replications is not None and args.replications < 1:
        problems.append(Problem(SourceRef("--replications"), f"{args.replications}", "at least 1"))
    if args.jobs is not None and args.jobs < 1:
        problems.append(Problem(SourceRef("--jobs"), f"{args.jobs}", "at least 1"))
    if args.seed is not None and args.seed < 0:
        problems.append(Problem(SourceRef("--seed"), f"{args.seed}", "a non-negative integer"))
    if getattr(args, "max_events", None) is not None and args.max_events < 1:
        problems.append(Problem(SourceRef("--max-events"), f"{args.max_events}", "at least 1"))
    if problems:
        raise InputError(problems)


def emit(text: str, out: str | None) -> None:
    if out:
        write_atomic(out, text, "--out")
    else:
        sys.stdout.write(text)


def run(args: argparse.Namespace) -> int:
    from govmodel.report.sim_json import render_json
    from govmodel.report.sim_text import render_text
    from govmodel.sim import load_scenario, simulate

    _check(args)
    loaded = load_scenario(args.scenario, reforms=args.reform)
    result = simulate(
        loaded,
        replications=args.replications,
        seed=args.seed,
        jobs=args.jobs,
        keep_events=bool(args.events),
        sample_queues=bool(args.plots),
        progress=args.progress,
        max_events=args.max_events,
    )
    if args.events:
        from govmodel.report.sim_csv import render_events_csv

        write_atomic(args.events, render_events_csv(result), "--events")
    if args.plots:
        from govmodel.outputs import prepare_folder
        from govmodel.report.plots import render_plots

        folder = prepare_folder(args.plots, "--plots")
        for name, data in render_plots(result).items():
            write_atomic(folder / name, data, "--plots")
    emit(render_json(result) if args.format == "json" else render_text(result), args.out)
    return 0
