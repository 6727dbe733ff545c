"""Sweeps on a Dask LocalCluster and resumed after a kill: the same table as a serial run."""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from govmodel.sweep import plan_sweep, run_sweep

GOOD = Path(__file__).parent / "good"
SPEC = GOOD / "two-factors.sweep.yaml"

pytestmark = pytest.mark.slow


def test_local_cluster_with_two_workers_gives_the_serial_table(tmp_path):
    plan = plan_sweep(SPEC)
    serial = run_sweep(plan, scheduler="serial")
    cluster = run_sweep(plan, tmp_path / "parts", scheduler="local", workers=2)
    n = len(plan.X) * plan.ctx.replications * len(plan.ctx.kpis)
    assert cluster.table.num_rows == n
    assert not any(math.isnan(v) for v in cluster.table["value"].to_pylist())
    for idx in cluster.indices.values():
        assert all(
            math.isfinite(v) for v in idx["mu_star"]["value"] + idx["mu_star"]["conf"] + idx["sigma"]["value"]
        )
    assert cluster.table.equals(serial.table)
    assert cluster.indices == serial.indices


def test_an_existing_cluster_by_address(tmp_path, monkeypatch):
    from distributed import LocalCluster

    plan = plan_sweep(SPEC)
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.scheduler_address)
        from govmodel.sweep.execute import resolve_scheduler

        result = run_sweep(plan, scheduler=resolve_scheduler(None))
    assert result.table.equals(run_sweep(plan, scheduler="serial").table)


def _sweep(out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "govmodel",
            "sweep",
            str(SPEC),
            "--out",
            str(out),
            "-n",
            "6",
            "--no-progress",
            *extra,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("scheduler", ["serial", "local"])
def test_a_sweep_killed_half_way_resumes_to_the_identical_table(tmp_path, scheduler):
    reference = tmp_path / "reference"
    assert _sweep(reference, "--scheduler", "serial").wait(timeout=600) == 0
    out = tmp_path / "killed"
    proc = _sweep(out, "--scheduler", scheduler, "--workers", "2")
    parts = out / "parts"
    deadline = time.monotonic() + 300
    while (
        len(list(parts.glob("point-*.parquet"))) < 8 and proc.poll() is None and time.monotonic() < deadline
    ):
        time.sleep(0.01)
    assert proc.poll() is None, "the sweep finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = len(list(parts.glob("point-*.parquet")))
    assert 8 <= done < 24 and not (out / "table.parquet").exists()
    resumed = _sweep(out, "--scheduler", scheduler, "--workers", "2", "--resume")
    _, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err.decode()
    assert pq.read_table(out / "table.parquet").equals(pq.read_table(reference / "table.parquet"))
