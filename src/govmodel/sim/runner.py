"""Replications, serial or in parallel processes, and their merged result.

Each replication is independent and fully determined by (scenario, seed, replication index),
so the result is the same whether replications run in one process or in several
(:class:`~concurrent.futures.ProcessPoolExecutor`); results are merged in replication order.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from govmodel.errors import InputError, Problem, ScenarioError, UnknownYearError
from govmodel.refs import SourceRef
from govmodel.sim.budget import check_budget
from govmodel.sim.engine import Simulation
from govmodel.sim.loaded import LoadedScenario
from govmodel.sim.measures import PERCENTILES
from govmodel.sim.measures import Measure as M
from govmodel.sim.records import Blocked, EventRow
from govmodel.sim.stats import paired_differences, summarize

__all__ = ["ReplicationOutput", "SimResult", "Comparison", "run_replication", "simulate", "compare", "measures"]

COMPARE_FORMAT = "govmodel-sim/1-compare"
"""Format tag of :meth:`Comparison.as_dict` (the JSON of ``govmodel compare``)."""


@dataclass
class ReplicationOutput:
    """What one replication hands back (plain data, picklable)."""

    replication: int
    kpis: dict[str, float | None]
    blocked: dict[str, Blocked]  # by Blocked.key, the first gap of each kind seen
    latency_points: dict[str, list[tuple[float, int]]]
    events: list[EventRow] | None = None
    queue_samples: dict[str, list[int]] | None = None


@dataclass
class SimResult:
    """Replications of one scenario and their summary (mean and 95 % interval per measure)."""

    loaded: LoadedScenario
    seed: int
    outputs: list[ReplicationOutput]
    summary: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def documents(self) -> int:
        return int(sum(o.kpis["documents"] or 0 for o in self.outputs))



@dataclass
class Comparison:
    """Paired replications of two scenarios with common random numbers: B − A per measure."""

    a: SimResult
    b: SimResult
    differences: dict[str, dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        """The comparison as JSON data (``docs/sim-json.md``): B − A per measure, paired by
        replication (common random numbers), with its 95 % interval."""
        diffs = {}
        for key, d in self.differences.items():
            ci = d["ci95"]
            diffs[key] = {
                "a": d["a"], "b": d["b"], "difference": d["mean"], "ci95": ci, "n": d["n"],
                "significant": bool(ci and (ci[0] > 0 or ci[1] < 0)),
            }
        return {
            "format": COMPARE_FORMAT,
            "a": {"id": self.a.loaded.name, "path": self.a.loaded.path, "documents": self.a.documents},
            "b": {"id": self.b.loaded.name, "path": self.b.loaded.path, "documents": self.b.documents},
            "seed": self.a.seed,
            "replications": len(self.a.outputs),
            "common_random_numbers": True,
            "differences": diffs,
        }



def measures(sim: Simulation) -> dict[str, float | None]:
    """The flat measures of a finished replication (keys: :attr:`Measure.key`)."""
    rec, model = sim.rec, sim.model
    k: dict[str, float | None] = {
        "documents": rec.arrived,
        "measured": rec.measured,
        "completed": rec.completed,
        "abandoned": rec.abandoned,
        "unfinished": rec.measured - rec.completed - rec.abandoned,
    }
    hours = sim.clock.hours_per_day
    k[M("cycle_time_hours", None, "mean").key] = rec.cycle_hours.mean
    for name, q in PERCENTILES:
        k[M("cycle_time_hours", None, name).key] = rec.cycle_hours.quantile(q)
    for dtype in sorted({a.type for a in sim.spec.arrivals}):
        h = rec.latency_days.get(dtype)
        k[M("latency_working_days", dtype, "mean").key] = h.mean if h else None
        for name, q in PERCENTILES:
            k[M("latency_working_days", dtype, name).key] = h.quantile(q) if h else None
    for lid, (ok, n) in sorted(rec.on_time.items()):
        k[M("on_time_rate", lid).key] = ok / n if n else None
        k[M("on_time_count", lid).key] = n
    window = max(rec.end - rec.warmup, 1e-9)
    names = sorted(set(p.id for p in model.cast.persons) if model.cast else set()) + sorted(
        n for n in rec.acts if n not in {p.id for p in (model.cast.persons if model.cast else ())})
    caps = {n: (r.capacity if r is not None else None) for n, r in sim._institutions.items()}
    for n in names:
        cap = caps.get(n, 1) if n in caps else 1
        if cap is None:
            k[M("utilization", n).key] = None
        else:
            k[M("utilization", n).key] = rec.busy.get(n, 0.0) / (window * cap)
        k[M("queue_length", n).key] = rec.waiting.get(n, 0.0) / window
        k[M("acts", n).key] = rec.acts.get(n, 0)
    for rule in model.deputy_rules:
        if rule.kind != "entrusts":
            k[M("deputy_activations", rule.id).key] = rec.deputy.get(rule.id, 0)
    for key in sorted(set(rec.blocked_waits) | set(rec.abandoned_by)):
        k[M("could_not_proceed", key).key] = rec.abandoned_by.get(key, 0)
        k[M("blocked_waits", key).key] = rec.blocked_waits.get(key, 0)
        k[M("blocked_wait_working_days", key).key] = rec.blocked_hours.get(key, 0.0) / hours
    for mid, board in sorted(sim.boards.items()):
        c = rec.meetings.get(mid) or Counter[str]()
        held = c.get("held", 0)
        k[M("meeting", mid, "held").key] = held
        k[M("meeting", mid, "held_ad_hoc").key] = c.get("held_ad_hoc", 0)
        k[M("meeting", mid, "postponed").key] = c.get("postponed", 0)
        k[M("meeting", mid, "decided").key] = c.get("decided", 0)
        k[M("meeting", mid, "backlog_mean").key] = c.get("backlog_after", 0) / held if held else None
        k[M("meeting", mid, "backlog_end").key] = len(board.pending)
    for reason in sorted(r.id for r in model.absence_reasons):
        k[M("absence_episodes", reason).key] = rec.absences.get(reason, 0)
    return k


def run_replication(loaded: LoadedScenario, replication: int, seed: int, *, keep_events: bool = False,
                    sample_queues: bool = False) -> ReplicationOutput:
    """Run one replication and extract its measures.

    Raises
    ------
    ScenarioError
        If the run reaches a year whose holidays are not known (names the fix).
    """
    try:
        sim = Simulation(loaded, replication, seed, keep_events=keep_events, sample_queues=sample_queues).run()
    except UnknownYearError as caught:
        # SimPy re-raises a copy built from args; the original (with .year) is the cause
        exc = caught.__cause__ if isinstance(caught.__cause__, UnknownYearError) else caught
        raise ScenarioError([Problem(
            SourceRef(loaded.path), f"the simulation reached {exc.year}, whose holidays are not known",
            f"add the State Council's holiday notice for {exc.year} under calendar.holidays "
            "(see data/holidays/), or end the horizon and its drain period earlier",
        )]) from None
    rec = sim.rec
    return ReplicationOutput(
        replication=replication,
        kpis=measures(sim),
        blocked=dict(rec.blocked_info),
        latency_points={k: h.points() for k, h in sorted(rec.latency_days.items())},
        events=rec.events if keep_events else None,
        queue_samples=rec.queue_samples if sample_queues else None,
    )


_WORKER: LoadedScenario | None = None


def _init(loaded: LoadedScenario) -> None:
    import signal

    global _WORKER
    _WORKER = loaded
    # Ctrl-C reaches the whole process group: the parent answers it (exit 130, one line); a
    # worker printing its own KeyboardInterrupt traceback would defeat that.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(args: tuple[int, int, bool, bool]) -> ReplicationOutput | tuple[Problem, ...]:
    rep, seed, keep, sample = args
    assert _WORKER is not None
    try:
        return run_replication(_WORKER, rep, seed, keep_events=keep, sample_queues=sample)
    except InputError as exc:  # exceptions with data do not survive pickling: send the data
        return exc.problems


def simulate(loaded: LoadedScenario, *, replications: int | None = None, seed: int | None = None,
             jobs: int = 1, keep_events: bool = False, sample_queues: bool = False,
             progress: bool | None = False, max_events: int | None = None) -> SimResult:
    """Run the replications of a scenario.

    Parameters
    ----------
    loaded : LoadedScenario
    replications, seed : int, optional
        Override the scenario's.
    jobs : int
        Parallel processes (1: in this process). Results do not depend on it.
    keep_events : bool
        Keep the event log (one row per act) of every replication.
    sample_queues : bool
        Sample daily, per person, the documents waiting for him (in his queue, or for his
        return when nobody may stand in); replication 0 only, for plots.
    progress : bool or None
        Show a progress bar on stderr (None: only if stderr is a terminal).
    max_events : int, optional
        The budget of simulation events per replication (default
        :data:`~govmodel.sim.budget.DEFAULT_MAX_EVENTS`); a scenario whose figures imply more
        is refused before anything runs.

    Returns
    -------
    SimResult

    Raises
    ------
    ScenarioError
        If the scenario's estimate exceeds the budget, or a run reaches an unknown year.
    """
    check_budget(loaded, max_events)
    n = replications or loaded.spec.replications
    s = loaded.spec.seed if seed is None else seed
    tasks = [(i, s, keep_events, sample_queues and i == 0) for i in range(n)]
    outputs = _run(loaded, tasks, jobs, progress, f"simulate {loaded.name}")
    _zero_fill(outputs)
    return SimResult(loaded, s, outputs, summarize([o.kpis for o in outputs]))


_COUNTS = ("could_not_proceed/", "blocked_waits/", "blocked_wait_working_days/", "on_time_count/")


def _zero_fill(outputs: list[ReplicationOutput], prefixes: tuple[str, ...] = _COUNTS) -> None:
    """A gap that did not occur in a replication occurred zero times there."""
    keys = {k for o in outputs for k in o.kpis if k.startswith(prefixes)}
    for o in outputs:
        for k in keys:
            o.kpis.setdefault(k, 0)


def compare(a: LoadedScenario, b: LoadedScenario, *, replications: int | None = None, seed: int | None = None,
            jobs: int = 1, progress: bool | None = False, max_events: int | None = None) -> Comparison:
    """Paired replications of A and B with common random numbers (same seed, same stream
    names, same replication indices); differences B − A with 95 % intervals. Both scenarios
    are checked against the budget of events before either runs."""
    check_budget(a, max_events)
    check_budget(b, max_events)
    n = replications or max(a.spec.replications, b.spec.replications)
    s = a.spec.seed if seed is None else seed
    ra = simulate(a, replications=n, seed=s, jobs=jobs, progress=progress, max_events=max_events)
    rb = simulate(b, replications=n, seed=s, jobs=jobs, progress=progress, max_events=max_events)
    _zero_fill(ra.outputs + rb.outputs, _COUNTS + ("deputy_activations/",))  # a rule not in force acted 0 times
    return Comparison(ra, rb, paired_differences([o.kpis for o in ra.outputs], [o.kpis for o in rb.outputs]))


def _bar(total: int, progress: bool | None, desc: str) -> Callable[[], None]:
    if progress is False:
        return lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit="rep", file=sys.stderr, disable=None if progress is None else False, leave=False)
    return lambda: bar.update(1)


def _run(loaded: LoadedScenario, tasks: Sequence[tuple[int, int, bool, bool]], jobs: int,
         progress: bool | None, desc: str) -> list[ReplicationOutput]:
    """The outputs of ``tasks``: those this process already ran for the same scenario content,
    seed and index reused (:mod:`govmodel.sim.reuse`), the others run."""
    from govmodel.sim.reuse import reused

    return reused(loaded, tasks, lambda todo: _run_fresh(loaded, todo, jobs, progress, desc))


def _run_fresh(loaded: LoadedScenario, tasks: Sequence[tuple[int, int, bool, bool]], jobs: int,
               progress: bool | None, desc: str) -> list[ReplicationOutput]:
    tick = _bar(len(tasks), progress, desc)
    jobs = max(1, min(jobs, len(tasks), os.cpu_count() or 1))
    out: list[ReplicationOutput] = []
    if jobs == 1:
        for rep, seed, keep, sample in tasks:
            out.append(run_replication(loaded, rep, seed, keep_events=keep, sample_queues=sample))
            tick()
        return out
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(loaded,)) as pool:
        for o in pool.map(_work, tasks):
            if isinstance(o, tuple):
                raise ScenarioError(list(o))
            out.append(o)
            tick()
    return out
