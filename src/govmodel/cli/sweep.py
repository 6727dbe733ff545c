"""``govmodel sweep SPEC [--out DIR] [--csv] [--scheduler serial|local|ADDRESS] [--workers N]
[--resume] [--force]``: a sensitivity sweep (see :mod:`govmodel.sweep`).

Writes into DIR: ``table.parquet`` (one row per point × replication × KPI, with the factors'
values; ``table.csv`` too with ``--csv``), ``indices.json``, ``summary.txt`` and
``plots/<kpi>.png``; the summary is also printed. Finished points are kept in ``DIR/parts/``
until the sweep completes, so a killed sweep continues with ``--resume``.
Exit codes: 0 ok, 2 bad input (spec, scenario, options, outputs).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govmodel.cli.common import write_atomic
from govmodel.cli.options import count_type, replications_type, seed_type
from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = ["add_parser", "add_scheduler_arguments", "run"]


def add_scheduler_arguments(p: argparse.ArgumentParser) -> None:
    """``--scheduler`` and ``--workers`` (shared with ``check --readings``)."""
    p.add_argument(
        "--scheduler",
        metavar="serial|local|ADDRESS",
        default=None,
        help="where tasks run / 任务在何处运行: 'serial' (this process), 'local' (a Dask LocalCluster on "
        "this machine's cores; default) or a Dask scheduler address such as tcp://host:8786 "
        "(default: $DASK_SCHEDULER_ADDRESS if set)",
    )
    p.add_argument(
        "--workers",
        type=count_type("a number of workers, 1 or more", low=1),
        default=None,
        metavar="N",
        help="worker processes of the local cluster (default: the machine's cores)",
    )


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "sweep",
        help="敏感性分析:哪些假设重要 / sensitivity sweep: which assumed figures matter (SALib, Dask)",
        description="Run a sweep spec: the scenario at every point of a design (grid, Morris, Sobol, Latin "
        "hypercube) over its assumed figures, with common random numbers across points; "
        "write the tidy table, the indices with 95 % intervals, a plot per KPI and a "
        "bilingual summary. Exit 0 ok, 2 bad input.",
    )
    p.add_argument("spec", metavar="SPEC", help="sweep spec YAML (see docs/sweep.md)")
    p.add_argument(
        "--out",
        "-o",
        metavar="DIR",
        default=None,
        help="输出文件夹 / output folder (default: sweep-<id> in the current folder)",
    )
    p.add_argument("--csv", action="store_true", help="also write table.csv")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="what is printed: the summary or the indices (JSON)",
    )
    p.add_argument(
        "--replications",
        "-n",
        type=replications_type,
        default=None,
        metavar="N",
        help="replications per point (default: the spec's)",
    )
    p.add_argument("--seed", type=seed_type, default=None, metavar="S", help="seed (default: the spec's)")
    add_scheduler_arguments(p)
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue a sweep whose finished points are stored in DIR/parts/",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help=(
            "重新开始并覆盖输出 / start over: discard stored points and overwrite the outputs (and write "
            "through symbolic links)"
        ),
    )
    p.add_argument(
        "--parents", action="store_true", help="创建缺少的上级文件夹 / create missing parent folders of DIR"
    )
    p.add_argument(
        "--progress", dest="progress", action="store_true", default=None, help="always show the progress bar"
    )
    p.add_argument("--no-progress", dest="progress", action="store_false", help="never show the progress bar")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from govmodel.sweep.execute import resolve_scheduler
    from govmodel.sweep.run import check_kpis, plan_sweep, run_sweep
    from govmodel.sweep.store import PartStore

    if args.resume and args.force:
        raise InputError([Problem(SourceRef("--resume"), "--resume with --force", "one of them")])
    plan = plan_sweep(args.spec, replications=args.replications, seed=args.seed)
    out = Path(args.out) if args.out else Path(f"sweep-{plan.spec.sweep.id}")
    from govmodel.outputs import OutputError, check_output

    found = check_output(out, "--out", folder=True)
    if found:
        raise OutputError(found)
    table = out / "table.parquet"
    if table.exists() and not (args.force or args.resume):
        raise InputError(
            [
                Problem(
                    SourceRef(str(table)),
                    "the sweep's outputs exist",
                    "--force to overwrite them, or another --out",
                )
            ]
        )
    check_kpis(plan)  # before anything is written
    store = out / "parts"
    if args.force:
        PartStore.discard(store)
    from govmodel.outputs import prepare_folder

    prepare_folder(out, "--out")
    prepare_folder(out / "plots", "--out")
    result = run_sweep(
        plan,
        store,
        scheduler=resolve_scheduler(args.scheduler),
        workers=args.workers,
        resume=args.resume,
        progress=args.progress,
        validate_kpis=False,
    )
    _write_outputs(result, out, csv=args.csv)
    PartStore(store).remove()
    from govmodel.report.sweep_text import sweep_json, sweep_text

    sys.stdout.write(sweep_json(result) if args.format == "json" else sweep_text(result))
    return 0


def _write_outputs(result, out: Path, csv: bool) -> None:  # (SweepResult, Path, bool) -> None
    import pyarrow as pa
    import pyarrow.parquet as pq

    from govmodel.report.sweep_plot import render_sweep_plots
    from govmodel.report.sweep_text import sweep_json, sweep_text

    sink = pa.BufferOutputStream()
    pq.write_table(result.table, sink)
    write_atomic(out / "table.parquet", sink.getvalue().to_pybytes())
    if csv:
        import pyarrow.csv as pcsv

        sink = pa.BufferOutputStream()
        pcsv.write_csv(result.table, sink)
        write_atomic(out / "table.csv", sink.getvalue().to_pybytes())
    write_atomic(out / "indices.json", sweep_json(result))
    write_atomic(out / "summary.txt", sweep_text(result))
    from govmodel.outputs import prepare_folder

    plots = prepare_folder(out / "plots", "--out")  # a folder of the output folder (no --parents needed)
    for name, data in render_sweep_plots(result).items():
        write_atomic(plots / name, data)
