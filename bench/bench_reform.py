"""Benchmark of ``govmodel reform`` and ``govmodel report``: wall time, CPU time and peak memory
of each in a fresh process, in every state of the on-disk caches (the model cache and the store
of replications, :mod:`govmodel.sim.store`), against the same command with every cache and reuse
switched off (``GOVMODEL_NO_CACHE=1``), all interleaved round by round; and how often the
expensive steps run in one command (models loaded, YAML files parsed, verifications,
replications simulated).

Run: ``python bench/bench_reform.py [--runs N] [--reform NAME] [--no-report] [--counts-only] [--jobs J]``

States: ``off`` (the reference), ``cold`` (an empty cache folder), ``baseline stored`` (the
baseline's replications already on disk, as after ``govmodel simulate`` or any earlier reform
or report), ``repeat`` (the same command ran before). The ratio to ``off`` says what reuse gains
under the same load; the absolute figures say how far each command is from its target
(``reform`` under 5 s, ``report`` under 10 s, issue #11); ``cores`` (CPU / wall) says how much of
the machine a run obtained. Medians of ``--runs`` rounds (default 5).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["main", "count_calls"]

#: What is counted: (module, function) → the name printed.
COUNTED = {
    ("govmodel.model.load", "load_model"): "load_model",
    ("govmodel.yamlio", "parse_yaml"): "yaml_parses",
    ("govmodel.verify.run", "verify"): "verify",
    ("govmodel.sim.runner", "run_replication"): "replications",
}


def _import_all() -> None:
    import pkgutil

    import govmodel

    for info in pkgutil.walk_packages(govmodel.__path__, "govmodel."):
        if info.name.endswith("__main__"):  # importing it would run the command line
            continue
        try:
            __import__(info.name)
        except Exception:  # noqa: BLE001,S112  (an optional dependency missing: not counted there)
            continue


def count_calls(argv: list[str]) -> dict[str, int]:
    """Run ``govmodel ARGV`` in this process with each counted function wrapped wherever a
    module holds it (``from X import f`` copies included); the calls of each."""
    import importlib

    _import_all()
    counts: Counter[str] = Counter()
    originals: dict[int, Callable[..., Any]] = {}
    for (module, name), label in COUNTED.items():
        original = getattr(importlib.import_module(module), name)

        def wrapped(*a: Any, _f: Callable[..., Any] = original, _l: str = label, **k: Any) -> Any:
            counts[_l] += 1
            return _f(*a, **k)

        originals[id(original)] = wrapped
    for mod in list(sys.modules.values()):
        if not getattr(mod, "__name__", "").startswith("govmodel"):
            continue
        for attr, value in list(vars(mod).items()):
            if id(value) in originals:
                setattr(mod, attr, originals[id(value)])
    from govmodel.cli import main as cli_main
    from govmodel.sim import parallel

    parallel.auto_jobs = lambda tasks: 1  # workers' calls would not be counted here
    argv = [a for i, a in enumerate(argv) if a != "--jobs" and (i == 0 or argv[i - 1] != "--jobs")]

    code = cli_main(argv)
    if code not in (0, 1):
        raise SystemExit(f"govmodel {' '.join(argv)}: exit {code}")
    return {label: counts[label] for label in COUNTED.values()}


def _env(no_cache: bool, store: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("GOVMODEL_NO_CACHE", None)
    if no_cache:
        env["GOVMODEL_NO_CACHE"] = "1"
    if store is not None:
        env["GOVMODEL_CACHE_DIR"] = store
    return env


def _run(argv: list[str], no_cache: bool, store: str | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system of the process and its workers: what the load
    on a shared machine does not change) and peak memory (MiB) of ``python -m govmodel ARGV``
    in a fresh process, with the on-disk caches in ``store``."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "govmodel", *argv],
        env=_env(no_cache, store),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)  # the workers' time is in it (reaped by the child)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"govmodel {' '.join(argv)}: exit {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _counts_in_child(argv: list[str], no_cache: bool, store: str) -> dict[str, int]:
    out = subprocess.run(
        [sys.executable, __file__, "--count", json.dumps(argv)],
        env=_env(no_cache, store),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


STATES = {
    "off": "every cache and reuse off (GOVMODEL_NO_CACHE=1): the reference",
    "cold": "empty cache folder: nothing on disk (first run ever)",
    "baseline stored": "the baseline's replications on disk (an earlier `simulate -n N`, `compare`, "
    "`reform` or `report` ran them), the command's own side not",
    "repeat": "the same command ran before with this cache folder",
}


def _bench(label: str, argv: list[str], runs: int, target: float, replications: int, tmp: Path) -> None:
    """Each state of the on-disk store, interleaved (one run of each per round)."""
    base = tmp / f"{label}-base"
    base.mkdir(mode=0o700)
    _run(["simulate", "-n", str(replications), "--format", "json", "--out", os.devnull], False, str(base))
    warm = tmp / f"{label}-warm"
    shutil.copytree(base, warm)
    _run(argv, False, str(warm))
    times: dict[str, list[tuple[float, float, float]]] = {s: [] for s in STATES}
    for r in range(runs):  # interleaved: the load on the machine hits every state alike
        cold = tmp / f"{label}-cold-{r}"
        cold.mkdir(mode=0o700)
        stored = tmp / f"{label}-base-{r}"
        shutil.copytree(base, stored)
        times["off"].append(_run(argv, True, str(cold)))
        times["cold"].append(_run(argv, False, str(cold)))
        times["baseline stored"].append(_run(argv, False, str(stored)))
        times["repeat"].append(_run(argv, False, str(warm)))

    def med(xs: list[tuple[float, float, float]], i: int) -> float:
        return statistics.median(x[i] for x in xs)

    off = times["off"]
    print(f"govmodel {label} (target < {target:g} s wall), medians of {runs}, interleaved:")
    for state, xs in times.items():
        print(
            f"  {state:<16} wall {med(xs, 0):6.2f} s  CPU {med(xs, 1):6.2f} s  {med(xs, 2):4.0f} MiB  "
            f"{med(xs, 0) / med(off, 0):5.2f}× / {med(xs, 1) / med(off, 1):5.2f}× off (wall / CPU)  "
            f"cores {med(xs, 1) / med(xs, 0):4.2f}  (wall runs {', '.join(f'{x[0]:.1f}' for x in xs)})"
        )
    for state, what in STATES.items():
        print(f"    {state}: {what}")


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs of each command and of its reference (5)")
    ap.add_argument("--reform", default="acting-mayor-in-every-absence", help="bundled reform to assess")
    ap.add_argument("--report-runs", type=int, default=None, help="runs of `report` (default: --runs)")
    ap.add_argument("--no-report", action="store_true", help="leave out `govmodel report` (34 s before #11)")
    ap.add_argument("--counts-only", action="store_true", help="only count the expensive steps")
    ap.add_argument("--jobs", default=None, help="--jobs for the commands (default: theirs, one per CPU)")
    ap.add_argument("--count", metavar="JSON", help=argparse.SUPPRESS)  # the child of the counting run
    args = ap.parse_args(argv)
    if args.count:
        print(json.dumps(count_calls(json.loads(args.count))))
        return
    jobs = ["--jobs", args.jobs] if args.jobs else []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        reform = ["reform", args.reform, "--format", "json", "--out", str(tmp / "r.json"), *jobs]
        commands = [("reform", reform, 5.0, args.runs, 20)]
        if not args.no_report:
            report = ["report", "--out", str(tmp / "r.html"), *jobs]
            commands.append(("report", report, 10.0, args.report_runs or args.runs, 10))
        print(f"load average before: {_load()}; {os.cpu_count()} cores; jobs: {args.jobs or 'default'}")
        for label, cmd, _, _, _ in commands:
            fresh = tmp / f"{label}-count"
            fresh.mkdir(mode=0o700)
            on, off = _counts_in_child(cmd, False, str(fresh)), _counts_in_child(cmd, True, str(fresh))
            print(
                f"{label} calls (empty cache folder): "
                + ", ".join(f"{k} {on[k]} (caches off {off[k]})" for k in on)
            )
        if not args.counts_only:
            for label, cmd, target, runs, n in commands:
                _bench(label, cmd, runs, target, n, tmp)
        print(f"load average after: {_load()}")


if __name__ == "__main__":
    main()
