"""Replications, serial or in parallel processes, and their merged result.

Each replication is independent and fully determined by (scenario, seed, replication index),
so the result is the same whether replications run in one process or in several
(:class:`~concurrent.futures.ProcessPoolExecutor`); results are merged in replication order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from govmodel.model.memo import caching_enabled
from govmodel.sim.budget import check_budget
from govmodel.sim.loaded import LoadedScenario
from govmodel.sim.parallel import Running, Task, auto_jobs
from govmodel.sim.replication import ReplicationOutput, measures, run_replication
from govmodel.sim.reuse import Planned, reused, scenario_digest
from govmodel.sim.stats import paired_differences, summarize

__all__ = [
    "ReplicationOutput",
    "SimResult",
    "Comparison",
    "run_replication",
    "simulate",
    "compare",
    "measures",
    "auto_jobs",
    "start_compare",
    "ComparisonUnderWay",
    "simulate_tasks",
    "compare_tasks",
    "Prefetch",
    "start_prefetch",
]

COMPARE_FORMAT = "govmodel-sim/1-compare"
"""Format tag of :meth:`Comparison.as_dict` (the JSON of ``govmodel compare``)."""


@dataclass
class SimResult:
    """Replications of one scenario and their summary (mean and 95 % interval per measure,
    computed when first read: the bootstrap intervals cost more than a replication, and a
    comparison never reads its sides' summaries)."""

    loaded: LoadedScenario
    seed: int
    outputs: list[ReplicationOutput]
    _summary: dict[str, dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def summary(self) -> dict[str, dict[str, Any]]:
        if self._summary is None:
            self._summary = summarize([o.kpis for o in self.outputs])
        return self._summary

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
                "a": d["a"],
                "b": d["b"],
                "difference": d["mean"],
                "ci95": ci,
                "n": d["n"],
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


def simulate(
    loaded: LoadedScenario,
    *,
    replications: int | None = None,
    seed: int | None = None,
    jobs: int | None = 1,
    keep_events: bool = False,
    sample_queues: bool = False,
    progress: bool | None = False,
    max_events: int | None = None,
) -> SimResult:
    """Run the replications of a scenario.

    Parameters
    ----------
    loaded : LoadedScenario
    replications, seed : int, optional
        Override the scenario's.
    jobs : int or None
        Parallel processes (1: in this process; None: :func:`auto_jobs`). Results do not
        depend on it.
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
    s, tasks = simulate_tasks(loaded, replications, seed, keep_events, sample_queues)
    outputs = _run(loaded, tasks, jobs, progress, f"simulate {loaded.name}")
    _zero_fill(outputs)
    return SimResult(loaded, s, outputs)


_COUNTS = ("could_not_proceed/", "blocked_waits/", "blocked_wait_working_days/", "on_time_count/")


def simulate_tasks(
    loaded: LoadedScenario,
    replications: int | None = None,
    seed: int | None = None,
    keep_events: bool = False,
    sample_queues: bool = False,
) -> tuple[int, list[Task]]:
    """The seed and the tasks of :func:`simulate` (the scenario's replications and seed unless
    overridden; queues sampled in replication 0 only)."""
    n = replications or loaded.spec.replications
    s = loaded.spec.seed if seed is None else seed
    return s, [(i, s, keep_events, sample_queues and i == 0) for i in range(n)]


def compare_tasks(
    a: LoadedScenario, b: LoadedScenario, replications: int | None = None, seed: int | None = None
) -> tuple[int, list[Task]]:
    """The seed and the tasks of :func:`compare` (both sides run the same tasks: common random
    numbers; A's seed, the larger of the two replication counts, unless overridden)."""
    n = replications or max(a.spec.replications, b.spec.replications)
    s = a.spec.seed if seed is None else seed
    return s, [(i, s, False, False) for i in range(n)]


def _zero_fill(outputs: list[ReplicationOutput], prefixes: tuple[str, ...] = _COUNTS) -> None:
    """A gap that did not occur in a replication occurred zero times there."""
    keys = {k for o in outputs for k in o.kpis if k.startswith(prefixes)}
    for o in outputs:
        for k in keys:
            o.kpis.setdefault(k, 0)


def compare(
    a: LoadedScenario,
    b: LoadedScenario,
    *,
    replications: int | None = None,
    seed: int | None = None,
    jobs: int | None = 1,
    progress: bool | None = False,
    max_events: int | None = None,
) -> Comparison:
    """Paired replications of A and B with common random numbers (same seed, same stream
    names, same replication indices); differences B − A with 95 % intervals. Both scenarios
    are checked against the budget of events before either runs."""
    return start_compare(
        a, b, replications=replications, seed=seed, jobs=jobs, progress=progress, max_events=max_events
    ).result()


class ComparisonUnderWay:
    """The replications of a comparison under way (:func:`start_compare`)."""

    def __init__(
        self,
        a: LoadedScenario,
        b: LoadedScenario,
        seed: int,
        plans: tuple[Planned, Planned],
        running: Running,
    ) -> None:
        self.a, self.b, self.seed, self.plans, self.running = a, b, seed, plans, running

    def result(self) -> Comparison:
        """The comparison, once every replication has run."""
        fresh = self.running.result()
        pa, pb = self.plans
        oa, ob = pa.complete(fresh[: len(pa.missing)]), pb.complete(fresh[len(pa.missing) :])
        _zero_fill(oa)
        _zero_fill(ob)
        ra, rb = SimResult(self.a, self.seed, oa), SimResult(self.b, self.seed, ob)
        _zero_fill(oa + ob, _COUNTS + ("deputy_activations/",))  # a rule not in force acted 0 times
        return Comparison(ra, rb, paired_differences([o.kpis for o in oa], [o.kpis for o in ob]))

    def cancel(self) -> None:
        """Stop the workers (nothing when the result has been collected)."""
        self.running.cancel()


def start_compare(
    a: LoadedScenario,
    b: LoadedScenario,
    *,
    replications: int | None = None,
    seed: int | None = None,
    jobs: int | None = 1,
    progress: bool | None = False,
    max_events: int | None = None,
) -> ComparisonUnderWay:
    """:func:`compare`, its replications started now (in worker processes when there are
    several: one pool for both sides) and collected by ``.result()``, so the caller may work
    meanwhile; those already run (this process, the on-disk store) are reused."""
    check_budget(a, max_events)
    check_budget(b, max_events)
    s, tasks = compare_tasks(a, b, replications, seed)
    pa, pb = Planned(a, tasks), Planned(b, tasks)
    todo = [(0, t) for t in pa.missing] + [(1, t) for t in pb.missing]
    running = _start((a, b), todo, jobs, progress, f"compare {a.name} {b.name}")
    return ComparisonUnderWay(a, b, s, (pa, pb), running)


def _run(
    loaded: LoadedScenario,
    tasks: Sequence[tuple[int, int, bool, bool]],
    jobs: int | None,
    progress: bool | None,
    desc: str,
) -> list[ReplicationOutput]:
    """The outputs of ``tasks``: those this process already ran for the same scenario content,
    seed and index reused (:mod:`govmodel.sim.reuse`), the others run."""
    return reused(loaded, tasks, lambda todo: _run_fresh(loaded, todo, jobs, progress, desc))


def _start(
    scenarios: tuple[LoadedScenario, ...],
    tasks: Sequence[tuple[int, Task]],
    jobs: int | None,
    progress: bool | None,
    desc: str,
) -> Running:
    """Start running ``tasks`` (scenario index, task): the one place replications are run."""
    return Running(scenarios, tasks, jobs, progress, desc)


def _run_fresh(
    loaded: LoadedScenario,
    tasks: Sequence[Task],
    jobs: int | None,
    progress: bool | None,
    desc: str,
) -> list[ReplicationOutput]:
    return _start((loaded,), [(0, t) for t in tasks], jobs, progress, desc).result()


# -- several commands' replications at once ------------------------------------------------
# The replications of several commands' worth of work started at once, in one pool
# (issue #11: ``govmodel report`` simulates the baseline and then judges every bundled reform,
# each with its own paired comparison).
#
# :func:`start_prefetch` takes the tasks each later call will ask for (:func:`simulate_tasks`,
# :func:`compare_tasks`), drops those already kept (in this process or on disk, as
# :class:`~govmodel.sim.reuse.Planned` finds them) and those two calls share (a reform's A side
# is the baseline; a reform that changes no scenario setting has the baseline's content), and
# starts the rest in one :class:`~govmodel.sim.parallel.Running`, so the workers are busy while
# this process verifies. :meth:`Prefetch.wait` keeps the outputs where
# :func:`~govmodel.sim.runner.simulate` and :func:`~govmodel.sim.runner.compare` look first,
# which then run nothing. A replication is fully determined by its scenario's content, the seed
# and its index, so the results are those the calls would have computed themselves. With
# caching switched off nothing can be kept, so nothing is prefetched.


class Prefetch:
    """Replications under way for later calls (:func:`start_prefetch`), one
    :class:`~govmodel.sim.reuse.Planned` per distinct scenario, in the order first asked for."""

    def __init__(self, plans: list[Planned], running: Running | None) -> None:
        self.plans, self.running = plans, running
        self.kept = 0  # plans completed (their outputs kept for the later calls)

    def wait(self, upto: LoadedScenario | None = None) -> None:
        """Keep every prefetched replication for the later calls (running them here with one
        process); with ``upto``, only those of the scenarios asked for up to that one (the
        workers go on with the rest: the caller can use these meanwhile)."""
        stop = len(self.plans)
        if upto is not None:
            digest = scenario_digest(upto)
            stop = next((i + 1 for i, p in enumerate(self.plans) if p.digest == digest), self.kept)
        while self.kept < stop:
            assert self.running is not None
            plan = self.plans[self.kept]
            plan.complete(self.running.take(len(plan.missing)))
            self.kept += 1

    def cancel(self) -> None:
        """Stop the workers (nothing once :meth:`wait` has kept everything)."""
        if self.running is not None:
            self.running.cancel()


def start_prefetch(
    wanted: Sequence[tuple[LoadedScenario, Sequence[Task]]],
    *,
    jobs: int | None = None,
    progress: bool | None = False,
    max_events: int | None = None,
) -> Prefetch:
    """Start the replications of every (scenario, tasks) pair in ``wanted`` that is not kept
    yet, each distinct one once, in one pool of ``jobs`` processes (None: one per CPU)."""
    if not caching_enabled():
        return Prefetch([], None)
    merged: dict[str, tuple[LoadedScenario, dict[Task, None]]] = {}
    for loaded, tasks in wanted:
        digest = scenario_digest(loaded)
        if digest not in merged:
            check_budget(loaded, max_events)
            merged[digest] = (loaded, {})
        merged[digest][1].update(dict.fromkeys(t for t in tasks if not t[2]))  # no event log is kept
    plans: list[Planned] = []
    scenarios: list[LoadedScenario] = []
    todo: list[tuple[int, Task]] = []
    for loaded, distinct in merged.values():
        plan = Planned(loaded, list(distinct))
        if plan.missing:
            plans.append(plan)
            todo += [(len(scenarios), t) for t in plan.missing]
            scenarios.append(loaded)
    if not todo:
        return Prefetch([], None)
    return Prefetch(plans, _start(tuple(scenarios), todo, jobs, progress, "replications"))
