"""One replication: a run of the engine, and the plain, picklable output a worker hands back
(its flat measures, the gaps it met, latency points, optionally the event log). Apart from
:mod:`.runner` (which merges replications) so the worker pool (:mod:`.parallel`) and the
store of replications (:mod:`.reuse`) need not import the runner that starts them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from govmodel.errors import Problem, ScenarioError, UnknownYearError
from govmodel.refs import SourceRef
from govmodel.sim.engine import Simulation
from govmodel.sim.loaded import LoadedScenario
from govmodel.sim.measures import PERCENTILES
from govmodel.sim.measures import Measure as M
from govmodel.sim.records import Blocked, EventRow

__all__ = ["ReplicationOutput", "measures", "run_replication"]


@dataclass
class ReplicationOutput:
    """What one replication hands back (plain data, picklable)."""

    replication: int
    kpis: dict[str, float | None]
    blocked: dict[str, Blocked]  # by Blocked.key, the first gap of each kind seen
    latency_points: dict[str, list[tuple[float, int]]]
    events: list[EventRow] | None = None
    queue_samples: dict[str, list[int]] | None = None


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
        n for n in rec.acts if n not in {p.id for p in (model.cast.persons if model.cast else ())}
    )
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


def run_replication(
    loaded: LoadedScenario,
    replication: int,
    seed: int,
    *,
    keep_events: bool = False,
    sample_queues: bool = False,
) -> ReplicationOutput:
    """Run one replication and extract its measures.

    Raises
    ------
    ScenarioError
        If the run reaches a year whose holidays are not known (names the fix).
    """
    try:
        sim = Simulation(
            loaded, replication, seed, keep_events=keep_events, sample_queues=sample_queues
        ).run()
    except UnknownYearError as caught:
        # SimPy re-raises a copy built from args; the original (with .year) is the cause
        exc = caught.__cause__ if isinstance(caught.__cause__, UnknownYearError) else caught
        raise ScenarioError(
            [
                Problem(
                    SourceRef(loaded.path),
                    f"the simulation reached {exc.year}, whose holidays are not known",
                    f"add the State Council's holiday notice for {exc.year} under calendar.holidays "
                    "(see data/holidays/), or end the horizon and its drain period earlier",
                )
            ]
        ) from None
    rec = sim.rec
    return ReplicationOutput(
        replication=replication,
        kpis=measures(sim),
        blocked=dict(rec.blocked_info),
        latency_points={k: h.points() for k, h in sorted(rec.latency_days.items())},
        events=rec.events if keep_events else None,
        queue_samples=rec.queue_samples if sample_queues else None,
    )
