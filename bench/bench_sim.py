"""Simulation benchmarks (issue #4): figures and ratios from one run, not timed tests.

1. Throughput on the tandem workload (4 single-person steps, exponential service, Poisson
   arrivals 0.8/h, 50,000 documents): govmodel's full machinery (model procedures, performer
   resolution, records) against a minimal plain-SimPy implementation of the same chain, in
   the same run. Target: at least 0.5x plain SimPy.
2. One simulated year of the baseline per replication (absences, deputies, meetings, Chinese
   calendar). Target: under 2 s.
3. Memory bounded by documents in flight without an event log: tracemalloc peak for 10,000
   vs 50,000 tandem documents (ratio near 1), and with an event log for contrast.

Run: ``/work/venv/bin/python bench/bench_sim.py [--quick]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import simpy

ROOT = Path(__file__).resolve().parents[1]
TANDEM = ROOT / "scenarios" / "tandem-queue.yaml"
MEANS = (0.5, 1.0, 0.8, 0.3)
RATE = 0.8


def plain_simpy(n_docs: int, seed: int) -> tuple[float, float]:
    """The same chain in plain SimPy: returns (seconds, mean cycle time in hours)."""
    rng = random.Random(seed)
    env = simpy.Environment()
    desks = [simpy.Resource(env, capacity=1) for _ in MEANS]
    cycle: list[float] = []

    def doc() -> simpy.events.ProcessGenerator:
        t0 = env.now
        for desk, mean in zip(desks, MEANS):
            with desk.request() as req:
                yield req
                yield env.timeout(rng.expovariate(1.0 / mean))
        cycle.append(env.now - t0)

    def source() -> simpy.events.ProcessGenerator:
        for _ in range(n_docs):
            yield env.timeout(rng.expovariate(RATE))
            env.process(doc())

    env.process(source())
    start = time.perf_counter()
    env.run()
    return time.perf_counter() - start, statistics.fmean(cycle)


def tandem(n_docs: int):
    from govmodel.sim import load_scenario

    loaded = load_scenario(TANDEM)
    spec = loaded.spec.model_copy(update={"horizon": loaded.spec.horizon.model_copy(update={"documents": n_docs})})
    return dataclasses.replace(loaded, spec=spec)


def govmodel_run(n_docs: int, seed: int, keep_events: bool = False) -> tuple[float, float]:
    from govmodel.sim import run_replication

    loaded = tandem(n_docs)
    start = time.perf_counter()
    out = run_replication(loaded, 0, seed, keep_events=keep_events)
    return time.perf_counter() - start, out.kpis["cycle_time_hours/mean"] or 0.0


def throughput(n_docs: int, rounds: int) -> None:
    print(f"1. tandem throughput, {n_docs} documents, best of {rounds}")
    g = min(govmodel_run(n_docs, s)[0] for s in range(rounds))
    p = min(plain_simpy(n_docs, s)[0] for s in range(rounds))
    print(f"   govmodel (full machinery)  {n_docs / g:10,.0f} documents/s  ({g:.2f} s)")
    print(f"   plain SimPy (same chain)   {n_docs / p:10,.0f} documents/s  ({p:.2f} s)")
    print(f"   ratio govmodel / plain     {p / g:10.2f}x   (target >= 0.5x)")


def baseline_year(reps: int) -> None:
    from govmodel.sim import load_scenario, run_replication

    loaded = load_scenario()
    times, docs = [], []
    for r in range(reps):
        start = time.perf_counter()
        out = run_replication(loaded, r, 2014)
        times.append(time.perf_counter() - start)
        docs.append(out.kpis["documents"])
    print(f"2. baseline, one simulated year per replication ({reps} replications)")
    print(f"   mean {statistics.fmean(times):.2f} s, max {max(times):.2f} s per replication "
          f"({statistics.fmean(docs):,.0f} documents each; target < 2 s)")


def peak(n_docs: int, keep_events: bool) -> int:
    from govmodel.sim import run_replication

    loaded = tandem(n_docs)
    gc.collect()
    tracemalloc.start()
    run_replication(loaded, 0, 1, keep_events=keep_events)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def memory(small: int, large: int) -> None:
    a, b = peak(small, False), peak(large, False)
    print(f"3. memory (tracemalloc peak), tandem, no event log")
    print(f"   {small:>6} documents {a / 1e6:8.2f} MB")
    print(f"   {large:>6} documents {b / 1e6:8.2f} MB   ratio {b / a:.2f} for {large / small:.0f}x the documents")
    c, d = peak(small, True), peak(large, True)
    print(f"   with event log: {c / 1e6:.2f} MB vs {d / 1e6:.2f} MB (ratio {d / c:.2f}), for contrast")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller workloads (smoke test)")
    args = ap.parse_args(argv)
    n = 10_000 if args.quick else 50_000
    print(f"python {sys.version.split()[0]}, simpy {simpy.__version__}")
    throughput(n, 1 if args.quick else 3)
    baseline_year(2 if args.quick else 5)
    memory(2_000 if args.quick else 10_000, 10_000 if args.quick else 50_000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
