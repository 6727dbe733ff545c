"""Benchmark of ``govmodel reform`` and ``govmodel report``: wall time and peak memory of each
in a cold process, against the same command with every cache and reuse switched off
(``GOVMODEL_NO_CACHE=1``), run interleaved in the same benchmark; and how often the expensive
steps run in one command (models loaded, YAML files parsed, verifications, replications
simulated).

Run: ``python bench/bench_reform.py [--runs N] [--reform NAME] [--no-report] [--counts-only]``

The reference is the same command with caches off, so the ratio says what reuse gains under
the same load; the absolute figures say how far each command is from its target (``reform``
under 5 s, ``report`` under 10 s, issue #11). Medians of ``--runs`` runs (default 5).
"""

from __future__ import annotations

import argparse
import json
import os
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

    code = cli_main(argv)
    if code not in (0, 1):
        raise SystemExit(f"govmodel {' '.join(argv)}: exit {code}")
    return {label: counts[label] for label in COUNTED.values()}


def _run(argv: list[str], no_cache: bool) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system: what the load on a shared machine does not
    change) and peak memory (MiB) of ``python -m govmodel ARGV`` in a fresh process."""
    env = dict(os.environ)
    env.pop("GOVMODEL_NO_CACHE", None)
    if no_cache:
        env["GOVMODEL_NO_CACHE"] = "1"
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "govmodel", *argv], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"govmodel {' '.join(argv)}: exit {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _counts_in_child(argv: list[str], no_cache: bool) -> dict[str, int]:
    env = dict(os.environ)
    env.pop("GOVMODEL_NO_CACHE", None)
    if no_cache:
        env["GOVMODEL_NO_CACHE"] = "1"
    out = subprocess.run([sys.executable, __file__, "--count", json.dumps(argv)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _bench(label: str, argv: list[str], runs: int, target: float) -> None:
    on: list[tuple[float, float, float]] = []
    off: list[tuple[float, float, float]] = []
    for _ in range(runs):  # interleaved: the load on the machine hits both alike
        off.append(_run(argv, no_cache=True))
        on.append(_run(argv, no_cache=False))

    def med(xs: list[tuple[float, float, float]], i: int) -> float:
        return statistics.median(x[i] for x in xs)

    print(f"{label}: median wall {med(on, 0):.2f} s, CPU {med(on, 1):.2f} s, {med(on, 2):.0f} MiB "
          f"(wall runs: {', '.join(f'{x[0]:.2f}' for x in on)}; target < {target:g} s)")
    print(f"  caches off: wall {med(off, 0):.2f} s, CPU {med(off, 1):.2f} s, {med(off, 2):.0f} MiB "
          f"(wall runs: {', '.join(f'{x[0]:.2f}' for x in off)})")
    print(f"  → {med(on, 0) / med(off, 0):.2f}× the wall time, {med(on, 1) / med(off, 1):.2f}× the CPU time "
          "of the same command with every cache and reuse off")


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="runs of each command and of its reference (5)")
    ap.add_argument("--reform", default="acting-mayor-in-every-absence", help="bundled reform to assess")
    ap.add_argument("--report-runs", type=int, default=None, help="runs of `report` (default: --runs)")
    ap.add_argument("--no-report", action="store_true", help="leave out `govmodel report` (34 s before #11)")
    ap.add_argument("--counts-only", action="store_true", help="only count the expensive steps")
    ap.add_argument("--count", metavar="JSON", help=argparse.SUPPRESS)  # the child of the counting run
    args = ap.parse_args(argv)
    if args.count:
        print(json.dumps(count_calls(json.loads(args.count))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        reform = ["reform", args.reform, "--format", "json", "--out", str(Path(tmp, "r.json"))]
        commands = [("reform", reform, 5.0, args.runs)]
        if not args.no_report:
            report = ["report", "--out", str(Path(tmp, "r.html"))]
            commands.append(("report", report, 10.0, args.report_runs or args.runs))
        print(f"load average before: {_load()}; {os.cpu_count()} cores")
        for label, cmd, _, _ in commands:
            on, off = _counts_in_child(cmd, False), _counts_in_child(cmd, True)
            print(f"{label} calls: " + ", ".join(f"{k} {on[k]} (caches off {off[k]})" for k in on))
        if not args.counts_only:
            for label, cmd, target, runs in commands:
                _bench(f"govmodel {label}", cmd, runs, target)
        print(f"load average after: {_load()}")


if __name__ == "__main__":
    main()
