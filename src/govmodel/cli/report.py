"""``govmodel report [MODEL] [--out FILE]``: one self-contained HTML file with the model,
article coverage, findings, the baseline simulation and every shipped reform."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from govmodel.cli.common import (
    add_model_argument,
    input_path,
    model_from_args,
    verify_with_progress,
    write_atomic,
)
from govmodel.cli.options import add_jobs_option, add_output_policy, check_k, k_type, replications_type

if TYPE_CHECKING:
    from govmodel.sim.loaded import LoadedScenario
    from govmodel.sim.runner import Prefetch

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="生成HTML报告 / write one self-contained HTML report")
    add_model_argument(p)
    p.add_argument(
        "--out", default="govmodel-report.html", metavar="FILE", help="default: govmodel-report.html"
    )
    p.add_argument(
        "--scenario",
        metavar="SCENARIO",
        type=input_path("scenario"),
        help="scenario to simulate (default: the baseline)",
    )
    p.add_argument(
        "--replications",
        "-n",
        type=replications_type,
        default=10,
        metavar="N",
        help=(
            "replications of the simulation and of each reform's paired simulation (default 10, "
            "as the baseline scenario)"
        ),
    )
    p.add_argument(
        "--k",
        type=k_type,
        default=None,
        metavar="N",
        help="absences at most in verification (default: everyone)",
    )
    p.add_argument(
        "--reform",
        action="append",
        default=None,
        metavar="FILE",
        type=input_path("reform"),
        help="reform files to compare (default: every scenarios/reforms/*.yaml); repeatable",
    )
    p.add_argument(
        "--no-sim", action="store_true", help="leave out the simulation (and the reforms' simulated change)"
    )
    add_jobs_option(p)
    p.add_argument(
        "--sweep",
        metavar="DIR",
        default=None,
        help="加入敏感性分析 / add the sensitivity section from a finished `govmodel sweep --out DIR`",
    )
    add_output_policy(p)
    p.set_defaults(run=run)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    from govmodel.crosscheck.assess import assess_reform
    from govmodel.report.coverage import coverage
    from govmodel.report.html import build_report
    from govmodel.report.verify_json import results_data
    from govmodel.verify import Bounds

    model = model_from_args(args)
    check_k(args.k, model)
    sensitivity = _sweep_outputs(args.sweep) if args.sweep else None
    files = args.reform if args.reform is not None else sorted(_reforms_folder().glob("*.yaml"))
    # every replication starts now, in one pool; this process verifies and judges meanwhile
    prefetch, loaded = (None, {}) if args.no_sim else _prefetch(args, files)
    try:
        _log("验证 verifying …")
        check = results_data(verify_with_progress(model, Bounds(k=args.k), reuse=True))
        reform_bounds = Bounds(k=1)  # as `govmodel reform` judges them
        base = verify_with_progress(model, reform_bounds, reuse=True) if files else None  # once for all
        judged = []
        for f in files:
            _log(f"改革 reform {f} …")
            judged.append(
                assess_reform(
                    f,
                    model,
                    bounds=reform_bounds,
                    scenario=args.scenario,
                    simulate=False,
                    before_results=base,
                )
            )
        sim = plots = None
        if prefetch is not None:
            from govmodel.report.plots import render_plots
            from govmodel.report.sim_json import sim_to_dict
            from govmodel.sim import compare, load_scenario, simulate

            _log("仿真 simulating …")
            prefetch.wait(upto=loaded[None])  # the scenario's own: plotted while the reforms' run
            result = simulate(loaded[None], replications=args.replications, jobs=args.jobs, progress=None)
            sim, plots = sim_to_dict(result), render_plots(result)
            prefetch.wait()
            judged = [  # each reform's paired comparison, as `govmodel reform` runs it
                dataclasses.replace(
                    a,
                    comparison=compare(
                        loaded[None],
                        loaded.get(f) or load_scenario(args.scenario, reforms=[f]),
                        replications=args.replications,
                        jobs=args.jobs,
                    ),
                )
                for a, f in zip(judged, files, strict=True)
            ]
    finally:
        if prefetch is not None:
            prefetch.cancel()
    reforms = [a.as_dict() for a in judged]
    write_atomic(
        args.out, build_report(model, coverage(model), check, sim, plots, reforms, sensitivity), "--out"
    )
    print(f"wrote {args.out}")
    return 0


def _prefetch(args: argparse.Namespace, files: list) -> tuple[Prefetch, dict[Path | None, LoadedScenario]]:
    """Every replication the report will ask for, started now in one pool
    (:func:`govmodel.sim.runner.start_prefetch`): the scenario's (its own section) and each
    reform's paired comparison; with the scenarios loaded (None: the scenario itself). A reform
    whose scenario does not load is left out here: judging it reports why."""
    from govmodel.errors import InputError
    from govmodel.sim import load_scenario
    from govmodel.sim.runner import compare_tasks, simulate_tasks, start_prefetch

    base = load_scenario(args.scenario)
    loaded: dict[Path | None, LoadedScenario] = {None: base}
    wanted = [(base, simulate_tasks(base, args.replications)[1])]
    for f in files:
        try:
            reformed = loaded[f] = load_scenario(args.scenario, reforms=[f])
        except InputError:
            continue
        tasks = compare_tasks(base, reformed, args.replications)[1]
        wanted += [(base, tasks), (reformed, tasks)]
    return start_prefetch(wanted, jobs=args.jobs), loaded


def _sweep_outputs(folder: str) -> dict:
    """The summary and plots ``govmodel sweep --out DIR`` wrote (checked before any work)."""
    from govmodel.errors import InputError, Problem
    from govmodel.refs import SourceRef

    path = Path(folder)
    summary = path / "summary.txt"
    if not summary.is_file():
        raise InputError(
            [
                Problem(
                    SourceRef(f"--sweep {folder}"),
                    "no summary.txt here",
                    "the --out folder of a finished `govmodel sweep`",
                )
            ]
        )
    plots = {p.name: p.read_bytes() for p in sorted((path / "plots").glob("*.png"))}
    return {"summary": summary.read_text(encoding="utf-8"), "plots": plots}


def _reforms_folder() -> Path:
    from govmodel.bundled import data_root

    return data_root() / "scenarios" / "reforms"
