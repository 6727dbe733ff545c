"""Sweep benchmarks (issue #12): points per second serially and on a Dask LocalCluster, the
ratio, and what Dask costs per point. Figures from one run, not timed tests.

1. The same sweep (default: the bundled quick Morris screening of the baseline, 33 points)
   run serially in this process and on a LocalCluster of ``--workers`` single-threaded
   worker processes (default 2); both tables must be identical. The cluster is started
   before the clock starts (its start-up is reported apart).
2. Dask's overhead per point: the same number of no-op tasks through the same cluster and the
   same code path (``run_tasks``), and the cluster's time beyond the ideal
   ``serial time / workers``, per point.

Run: ``.venv/bin/python bench/bench_sweep.py [--quick] [--workers N] [--spec FILE]``
(``--quick``: the synthetic two-factor tandem sweep of the tests, 24 points).
"""

from __future__ import annotations

import argparse
import logging
import os
import time
from pathlib import Path

from govmodel.sweep import plan_sweep, run_sweep
from govmodel.sweep.execute import run_tasks

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "scenarios" / "sweeps" / "baseline-morris-quick.yaml"
QUICK = ROOT / "tests" / "sweep" / "good" / "two-factors.sweep.yaml"


def noop(_shared: object, index: int) -> int:
    return index


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="the small synthetic sweep of the tests")
    ap.add_argument("--spec", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    spec = args.spec or (QUICK if args.quick else SPEC)
    plan = plan_sweep(spec)
    n = len(plan.X)
    print(
        f"sweep {spec.name}: {n} points × {plan.ctx.replications} replication(s); {os.cpu_count()} cores, "
        f"{args.workers} workers"
    )

    t0 = time.perf_counter()
    serial = run_sweep(plan, scheduler="serial", validate_kpis=False)
    t_serial = time.perf_counter() - t0

    from distributed import LocalCluster

    t0 = time.perf_counter()
    cluster = LocalCluster(
        n_workers=args.workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    )
    t_start = time.perf_counter() - t0
    try:
        t0 = time.perf_counter()
        local = run_sweep(plan, scheduler=cluster.scheduler_address, validate_kpis=False)
        t_local = time.perf_counter() - t0
        t0 = time.perf_counter()
        run_tasks(
            noop, plan.ctx, [(i,) for i in range(n)], lambda _r: None, scheduler=cluster.scheduler_address
        )
        t_noop = time.perf_counter() - t0
    finally:
        cluster.close()
    assert local.table.equals(serial.table), "the cluster's table differs from the serial one"

    print(f"serial:        {t_serial:7.2f} s   {n / t_serial:7.2f} points/s")
    print(
        f"local cluster: {t_local:7.2f} s   {n / t_local:7.2f} points/s   (start-up {t_start:.2f} s, "
        "not included)"
    )
    print(
        f"ratio cluster/serial: {t_serial / t_local:.2f}x with {args.workers} workers (ideal "
        f"{args.workers:.0f}x)"
    )
    print(
        f"Dask overhead per point: {1000 * t_noop / n:.1f} ms for a no-op task (connect, scatter, "
        "submit, gather); "
        f"{1000 * (t_local * args.workers - t_serial) / n:.1f} ms of worker time beyond serial/workers"
    )
    print("tables identical: yes")


if __name__ == "__main__":
    main()
