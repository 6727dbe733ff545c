"""Simulation benchmarks (issues #4, #11): figures and ratios from one run, not timed tests.

Every figure is printed as a ratio against a reference measured in the same run, the runs
interleaved (A B C, B C A, ...) and summarized by medians, because a shared machine's load
changes from second to second.

1. Throughput on the tandem workload (4 single-person steps, exponential service, Poisson
   arrivals 0.8/h): govmodel's full machinery (model procedures, performer resolution,
   records) against a minimal plain-SimPy implementation of the same chain, and against Ciw
   (optional, ``pip install govmodel[bench]``). Target (issue #11): at least 1.0x plain SimPy.
2. One simulated year of the baseline per replication (absences, deputies, meetings, Chinese
   calendar), against plain SimPy's time for 10,000 tandem documents in the same round.
3. Parallel replications: ``simulate(..., jobs=1)`` vs ``jobs=2`` for 8 baseline replications,
   wall time and CPU time (this process and its workers). Target: jobs 2 in at most 0.65x the
   wall time of jobs 1 on two idle cores; the results must be identical.
4. Memory bounded by documents in flight without an event log: tracemalloc peak for 10,000
   vs 50,000 tandem documents (ratio near 1), and with an event log for contrast.

Run: ``python bench/bench_sim.py [--quick] [--rounds N] [--only tandem,baseline,jobs,memory]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import simpy

ROOT = Path(__file__).resolve().parents[1]
_LAST_CPU: list[float] = [0.0]  # CPU seconds of the last timed region (read by _interleaved)


class _Timed:
    """Wall and CPU seconds of a region; the CPU figure is also left in ``_LAST_CPU``."""

    def __enter__(self) -> _Timed:
        self.w0, self.c0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.w0
        self.cpu = _LAST_CPU[0] = time.process_time() - self.c0


TANDEM = ROOT / "scenarios" / "tandem-queue.yaml"
MEANS = (0.5, 1.0, 0.8, 0.3)
RATE = 0.8


def plain_simpy(n_docs: int, seed: int, events: list[int] | None = None) -> tuple[float, float]:
    """The same chain in plain SimPy: returns (seconds, mean cycle time in hours); appends
    the number of SimPy events scheduled to ``events`` if given."""
    rng = random.Random(seed)
    env = simpy.Environment()
    desks = [simpy.Resource(env, capacity=1) for _ in MEANS]
    cycle: list[float] = []

    def doc() -> simpy.events.ProcessGenerator:
        t0 = env.now
        for desk, mean in zip(desks, MEANS, strict=True):
            with desk.request() as req:
                yield req
                yield env.timeout(rng.expovariate(1.0 / mean))
        cycle.append(env.now - t0)

    def source() -> simpy.events.ProcessGenerator:
        for _ in range(n_docs):
            yield env.timeout(rng.expovariate(RATE))
            env.process(doc())

    env.process(source())
    with _Timed() as timed:
        env.run()
    took = timed.wall
    if events is not None:
        events.append(next(env._eid))  # type: ignore[attr-defined]  # SimPy's event counter
    return took, statistics.fmean(cycle)


def ciw_run(n_docs: int, seed: int) -> tuple[float, float] | None:
    """The same chain in Ciw (None if Ciw is not installed)."""
    try:
        import ciw
    except ImportError:
        return None
    net = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(RATE), None, None, None],
        service_distributions=[ciw.dists.Exponential(1.0 / m) for m in MEANS],
        routing=[[0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0]],
        number_of_servers=[1, 1, 1, 1],
    )
    ciw.seed(seed)
    q = ciw.Simulation(net)
    with _Timed() as timed:
        q.simulate_until_max_customers(n_docs, method="Finish")
    took = timed.wall
    first: dict[int, float] = {}
    last: dict[int, float] = {}
    for r in q.get_all_records():
        first[r.id_number] = min(first.get(r.id_number, r.arrival_date), r.arrival_date)
        last[r.id_number] = max(last.get(r.id_number, r.exit_date), r.exit_date)
    return took, statistics.fmean(last[i] - first[i] for i in last)


def tandem(n_docs: int) -> Any:
    from govmodel.sim import load_scenario

    loaded = load_scenario(TANDEM)
    spec = loaded.spec.model_copy(
        update={"horizon": loaded.spec.horizon.model_copy(update={"documents": n_docs})}
    )
    return dataclasses.replace(loaded, spec=spec)


def govmodel_run(loaded: Any, seed: int, keep_events: bool = False) -> tuple[float, float]:
    from govmodel.sim import run_replication

    with _Timed() as timed:
        out = run_replication(loaded, 0, seed, keep_events=keep_events)
    return timed.wall, out.kpis["cycle_time_hours/mean"] or 0.0


def events_per_document(n_docs: int) -> tuple[float, float]:
    """SimPy events scheduled per document: govmodel's machinery and plain SimPy."""
    from govmodel.sim.engine import Simulation

    sim = Simulation(tandem(n_docs), 0, 1).run()
    plain: list[int] = []
    plain_simpy(n_docs, 1, plain)
    return next(sim.env._eid) / n_docs, plain[0] / n_docs  # type: ignore[attr-defined]


CPU: dict[str, list[float]] = {}
"""CPU seconds per run of the last :func:`_interleaved`, by name (less sensitive to the load
of a shared machine than wall time: another process's work is not counted)."""


def _interleaved(runs: dict[str, Callable[[int], float | None]], rounds: int) -> dict[str, list[float]]:
    """Each run once per round, the order rotated from round to round; wall seconds per run
    (CPU seconds in :data:`CPU`)."""
    names = list(runs)
    out: dict[str, list[float]] = {n: [] for n in names}
    CPU.clear()
    CPU.update({n: [] for n in names})
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        for n in order:
            took = runs[n](r)
            if took is not None:
                out[n].append(took)
                CPU[n].append(_LAST_CPU[0])
    return out


def _ratio_line(label: str, ref: list[float], other: list[float], target: str = "") -> str:
    """other's speed / ref's speed, from the medians and as the median of per-round ratios."""
    med = statistics.median(ref) / statistics.median(other)
    paired = statistics.median(a / b for a, b in zip(ref, other, strict=True))
    return f"   {label:<28} {med:6.2f}x (median of per-round ratios {paired:.2f}x){target}"


def throughput(n_docs: int, rounds: int) -> None:
    loaded = tandem(n_docs)
    cycles: dict[str, float] = {}

    def gov(r: int) -> float:
        took, cycles["govmodel"] = govmodel_run(loaded, r)
        return took

    def plain(r: int) -> float:
        took, cycles["plain SimPy"] = plain_simpy(n_docs, r)
        return took

    def ciw_(r: int) -> float | None:
        got = ciw_run(n_docs, r)
        if got is None:
            return None
        cycles["Ciw"] = got[1]
        return got[0]

    print(f"1. tandem throughput, {n_docs:,} documents, {rounds} interleaved rounds (medians)")
    t = _interleaved({"govmodel": gov, "plain SimPy": plain, "Ciw": ciw_}, rounds)
    for name, times in t.items():
        if times:
            med = statistics.median(times)
            print(
                f"   {name:<28} {n_docs / med:10,.0f} documents/s  (median {med:.2f} s; "
                f"runs {', '.join(f'{x:.2f}' for x in times)}; last mean cycle {cycles[name]:.2f} h)"
            )
        else:
            print(f"   {name:<28} not installed (pip install 'govmodel[bench]')")
    print("   wall time:")
    print(_ratio_line("govmodel / plain SimPy", t["plain SimPy"], t["govmodel"], "   (target >= 1.0x)"))
    if t["Ciw"]:
        print(_ratio_line("Ciw / plain SimPy", t["plain SimPy"], t["Ciw"]))
        print(_ratio_line("govmodel / Ciw", t["Ciw"], t["govmodel"]))
    c = dict(CPU)
    print(
        "   CPU time (median per document: govmodel "
        f"{statistics.median(c['govmodel']) / n_docs * 1e6:.1f} us, "
        f"plain SimPy {statistics.median(c['plain SimPy']) / n_docs * 1e6:.1f} us):"
    )
    print(_ratio_line("govmodel / plain SimPy", c["plain SimPy"], c["govmodel"], "   (target >= 1.0x)"))
    if c["Ciw"]:
        print(_ratio_line("Ciw / plain SimPy", c["plain SimPy"], c["Ciw"]))
    ours, plain_ = events_per_document(n_docs)
    print(f"   SimPy events per document: govmodel {ours:.2f}, plain SimPy {plain_:.2f}")


def baseline_year(rounds: int) -> None:
    from govmodel.sim import load_scenario, run_replication

    loaded = load_scenario()
    docs: list[float] = []

    def year(r: int) -> float:
        with _Timed() as timed:
            out = run_replication(loaded, r, 2014)
        took = timed.wall
        docs.append(out.kpis["documents"] or 0)
        return took

    def ref(r: int) -> float:
        return plain_simpy(10_000, r)[0]

    t = _interleaved({"baseline year": year, "plain SimPy 10k": ref}, rounds)
    y, p = t["baseline year"], t["plain SimPy 10k"]
    print(f"2. baseline, one simulated year per replication ({rounds} replications, interleaved)")
    print(
        f"   median {statistics.median(y):.3f} s, max {max(y):.3f} s per replication "
        f"({statistics.fmean(docs):,.0f} documents each; target < 2 s)"
    )
    print(f"   reference: plain SimPy, 10,000 tandem documents, median {statistics.median(p):.3f} s")
    print(
        f"   ratio replication / reference  {statistics.median(y) / statistics.median(p):6.2f} "
        f"(median of per-round ratios {statistics.median(a / b for a, b in zip(y, p, strict=True)):.2f})"
    )
    cy, cp = CPU["baseline year"], CPU["plain SimPy 10k"]
    print(
        f"   CPU: median {statistics.median(cy):.3f} s per replication, "
        f"reference {statistics.median(cp):.3f} s, "
        f"ratio {statistics.median(cy) / statistics.median(cp):.2f}"
    )


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process, and of its finished children (the pool's workers)."""
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def parallel(rounds: int, reps: int = 8) -> None:
    from govmodel.sim import load_scenario, simulate

    loaded = load_scenario()
    results: dict[int, list[dict[str, Any]]] = {}
    cpu: dict[int, list[float]] = {1: [], 2: []}
    projected: list[float] = []
    cores: dict[int, list[float]] = {1: [], 2: []}

    def run(jobs: int) -> Callable[[int], float]:
        def go(r: int) -> float:
            # a seed of its own per call: replications already run in this process (or kept in
            # the store, which main() points at a fresh folder) would be reused, not run again
            seed = 1000 * jobs + r
            (own0, kids0), start = _cpu(), time.perf_counter()
            res = simulate(loaded, replications=reps, jobs=jobs, seed=seed)
            took = time.perf_counter() - start
            own1, kids1 = _cpu()
            own, kids = own1 - own0, kids1 - kids0
            cpu[jobs].append(own + kids)
            cores[jobs].append((own + kids) / took)
            if jobs == 2:  # on two idle cores: this process's part, then the workers side by side
                projected.append(own + kids / 2)
            results[jobs] = [o.kpis for o in res.outputs]
            return took

        return go

    print(
        f"3. {reps} baseline replications, simulate(jobs=1) vs simulate(jobs=2), {rounds} interleaved rounds "
        f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start)"
    )
    t = _interleaved({"jobs 1": run(1), "jobs 2": run(2)}, rounds)
    for jobs in (1, 2):
        w = t[f"jobs {jobs}"]
        print(
            f"   jobs {jobs}: wall median {statistics.median(w):.2f} s (runs "
            f"{', '.join(f'{x:.2f}' for x in w)}); "
            f"CPU median {statistics.median(cpu[jobs]):.2f} s; cores obtained (CPU / wall) "
            f"median {statistics.median(cores[jobs]):.2f}"
        )
    w1, w2 = t["jobs 1"], t["jobs 2"]
    per_round = statistics.median(b / a for a, b in zip(w1, w2, strict=True))
    print(
        f"   wall jobs 2 / jobs 1         {statistics.median(w2) / statistics.median(w1):6.2f} "
        f"(median of per-round ratios {per_round:.2f}; target <= 0.65)"
    )
    print(f"   CPU  jobs 2 / jobs 1         {statistics.median(cpu[2]) / statistics.median(cpu[1]):6.2f}")
    if statistics.median(cores[2]) < 1.8:
        print(
            "   jobs 2 obtained fewer than 1.8 cores (the machine is busy): read the projected ratio, "
            "not the wall ratio"
        )
    print(
        f"   projected on idle cores      {statistics.median(projected) / statistics.median(cpu[1]):6.2f} "
        "((CPU of this process + workers' CPU / 2) / CPU of jobs 1: what the wall ratio would be "
        "with two free cores and balanced workers)"
    )
    os.environ["GOVMODEL_NO_CACHE"] = "1"  # run jobs 2's last seed again, in this process, from scratch
    try:
        again = [o.kpis for o in simulate(loaded, replications=reps, jobs=1, seed=2000 + rounds - 1).outputs]
    finally:
        del os.environ["GOVMODEL_NO_CACHE"]
    print(
        "   results identical (jobs 2's last run again with jobs 1): "
        f"{'yes' if again == results[2] else 'NO'}; "
        f"load average {os.getloadavg()[0]:.1f} at end"
    )


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
    print("4. memory (tracemalloc peak), tandem, no event log")
    print(f"   {small:>6} documents {a / 1e6:8.2f} MB")
    print(
        f"   {large:>6} documents {b / 1e6:8.2f} MB   ratio {b / a:.2f} "
        f"for {large / small:.0f}x the documents"
    )
    c, d = peak(small, True), peak(large, True)
    print(f"   with event log: {c / 1e6:.2f} MB vs {d / 1e6:.2f} MB (ratio {d / c:.2f}), for contrast")


SECTIONS = ("tandem", "baseline", "jobs", "memory")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller workloads and 2 rounds (smoke test)")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds per comparison (default 5)")
    ap.add_argument("--docs", type=int, default=20_000, help="tandem documents per run (default 20,000)")
    ap.add_argument(
        "--only", default=",".join(SECTIONS), help=f"comma-separated sections ({', '.join(SECTIONS)})"
    )
    args = ap.parse_args(argv)
    # replications are kept on disk by content (govmodel.sim.store): a store of its own, so a
    # second run of this benchmark simulates again instead of reading the first run's results
    own_store = tempfile.mkdtemp(prefix="bench-sim-store-")
    os.environ["GOVMODEL_CACHE_DIR"] = own_store
    try:
        return _sections(args)
    finally:
        shutil.rmtree(own_store, ignore_errors=True)


def _sections(args: argparse.Namespace) -> int:
    only = set(args.only.split(","))
    rounds = 2 if args.quick else args.rounds
    n = 2_000 if args.quick else args.docs
    print(
        f"python {sys.version.split()[0]}, simpy {simpy.__version__}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    if "tandem" in only:
        throughput(n, rounds)
    if "baseline" in only:
        baseline_year(rounds)
    if "jobs" in only:
        parallel(rounds, 4 if args.quick else 8)
    if "memory" in only:
        memory(2_000 if args.quick else 10_000, 10_000 if args.quick else 50_000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
