"""How much work a scenario asks for, estimated from its figures before anything runs.

A scenario is only figures: an arrival rate of 1,000,000 documents an hour, a horizon of
centuries or an absence every 0.0001 working days are valid numbers that would exhaust the
memory or the patience of whoever runs them. :func:`check_budget` estimates the events one
replication implies (documents × their steps, absence episodes, meeting sittings) from the
expected values of the scenario's Poisson figures, and refuses a scenario above the budget up
front, with the estimate, the figure that drives it (at its position) and the option that
raises the budget (``--max-events``).

The estimate is an expectation, not a bound: a run may do somewhat more; the budget only has
to tell a scenario that fits in minutes from one that never ends.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from govmodel.errors import Problem, ScenarioError
from govmodel.refs import SourceRef

if TYPE_CHECKING:
    from govmodel.sim.scenario import ScenarioFile

__all__ = ["DEFAULT_MAX_EVENTS", "Estimate", "estimate", "check_budget"]

DEFAULT_MAX_EVENTS = 2_000_000
"""Events per replication (about a minute of SimPy on a laptop; the bundled baseline needs
about 10,000)."""

_WORKING_DAYS_PER_YEAR = 250  # as engine.WORKING_DAYS_PER_YEAR (not imported: keeps this light)
_DRAIN_DAYS = 60  # the engine's default drain, in working days


@dataclass
class Estimate:
    """Expected work of one replication."""

    documents: float = 0.0
    events: float = 0.0
    working_days: float = 0.0
    # (events, where, what) for each figure, largest first after :func:`estimate`
    parts: list[tuple[float, SourceRef | None, str]] = field(default_factory=list)


def _hours_per_day(spec: Any) -> float:
    cal = spec.calendar
    return cal.hours_per_day or (24.0 if cal.kind == "none" else 8.0)


def _days(spec: Any, value: float, unit: str) -> float:
    return value / _hours_per_day(spec) if unit == "hours" else value


def _arrival_days(spec: Any) -> float:
    """Working days during which documents arrive (inf: the horizon counts documents)."""
    hz = spec.horizon
    if hz.end is not None:
        days = (hz.end - hz.start).days + 1
        return float(days) if spec.calendar.kind == "none" else days * _WORKING_DAYS_PER_YEAR / 365.0
    if hz.length is not None:
        return _days(spec, hz.length.value, hz.length.unit)
    return math.inf


def _per_day(spec: Any, rate: Any) -> float:
    if rate.per == "hour":
        return float(rate.value * _hours_per_day(spec))
    return float(rate.value if rate.per == "working_day" else rate.value / _WORKING_DAYS_PER_YEAR)


def _steps(model: Any, doc_type: str, cache: dict[str, int]) -> int:
    if doc_type not in cache:
        from govmodel.graph.procedures import applicable_steps

        try:
            cache[doc_type] = len(applicable_steps(model, doc_type))
        except Exception:  # an estimate: a type the planner cannot lay out counts as one step
            cache[doc_type] = 1
    return cache[doc_type]


def _holders(loaded: Any, absence: Any) -> int:
    if absence.who is not None:
        return 1
    cast = getattr(loaded.model, "cast", None)
    persons = getattr(cast, "persons", None) or ()
    n = sum(1 for p in persons if absence.role in (getattr(p, "roles", None) or ()))
    return max(n, 1)


def _where(spec: ScenarioFile, node: object, fieldname: str | None = None) -> SourceRef | None:
    return spec.positions.of(node, fieldname)


def estimate(loaded: Any) -> Estimate:
    """The expected events of one replication of ``loaded`` (a LoadedScenario)."""
    spec = loaded.spec
    est = Estimate()
    days = _arrival_days(spec)
    cap = spec.horizon.documents
    steps: dict[str, int] = {}
    stream_docs = []
    for a in spec.arrivals:
        departments = len(loaded.departments) if a.departments == "all" else len(a.departments)
        per_day = _per_day(spec, a.rate) * departments
        docs = per_day * days if per_day > 0 else 0.0
        stream_docs.append((a, docs, per_day, departments))
    rate = sum(p for _, _, p, _ in stream_docs)
    if cap is not None and rate > 0 and cap < rate * days:  # the horizon counts documents: it ends sooner
        est.working_days = cap / rate
        stream_docs = [(a, cap * p / rate, p, n) for a, _, p, n in stream_docs]
    else:
        est.working_days = days if rate > 0 or math.isfinite(days) else 0.0
    for a, docs, per_day, departments in stream_docs:
        ev = docs * (_steps(loaded.model, a.type, steps) + 1)
        est.documents += docs
        where = _where(spec, a.rate, "value") or _where(spec, a)
        est.parts.append(
            (
                ev,
                where,
                f"{a.type}: {_num(per_day)} documents a working day "
                f"({_num(a.rate.value)} per {a.rate.per} from {departments} department(s)), "
                f"{_num(docs)} documents over {_num(est.working_days)} working days",
            )
        )
    drain = (
        _days(spec, spec.horizon.drain.value, spec.horizon.drain.unit) if spec.horizon.drain else _DRAIN_DAYS
    )
    span = est.working_days + drain
    for ab in spec.absences:
        if ab.rate is not None:
            rate = _per_day(spec, ab.rate)
            where = _where(spec, ab.rate, "value") or _where(spec, ab)
        elif ab.every is not None:
            rate = math.inf if ab.every.value <= 0 else 1.0 / ab.every.value
            where = _where(spec, ab.every, "value") or _where(spec, ab)
        else:
            continue
        episodes = rate * span * _holders(loaded, ab)
        est.parts.append(
            (
                2 * episodes,
                where,
                f"absences ({ab.reason}): {_num(episodes)} episodes over {_num(span)} working days",
            )
        )
    boards = len(spec.meetings) + sum(1 for m in loaded.model.meetings if getattr(m, "cadence", None))
    if boards:  # at most one sitting a working day per meeting kind
        est.parts.append(
            (
                boards * span,
                _where(spec, spec.horizon),
                f"meetings: up to {_num(boards * span)} sittings over {_num(span)} working days",
            )
        )
    est.events = sum(e for e, _, _ in est.parts)
    est.parts.sort(key=lambda p: -p[0] if not math.isnan(p[0]) else 0)
    return est


def _num(x: float) -> str:
    if math.isinf(x):
        return "unbounded"
    if x >= 1e6:
        return f"{x:.2g}".replace("e+", "e")
    return f"{x:,.0f}" if x >= 10 else f"{x:.3g}"


def check_budget(loaded: Any, max_events: int | None = None) -> Estimate:
    """Refuse a scenario whose estimate exceeds ``max_events`` per replication.

    Raises
    ------
    ScenarioError
        With the estimate, the figure that drives it (at its position) and the option that
        raises the budget.
    """
    budget = DEFAULT_MAX_EVENTS if max_events is None else max_events
    est = estimate(loaded)
    if not est.events <= budget:  # also NaN and inf
        _, where, what = est.parts[0]
        raise ScenarioError(
            [
                Problem(
                    where or SourceRef(loaded.path),
                    (
                        f"the scenario implies about {_num(est.events)} simulation events per replication"
                        if math.isfinite(est.events)
                        else "the scenario implies an unbounded number of simulation events"
                    )
                    + f"; the most: {what}",
                    f"at most {budget:,} events per replication: lower the figure or shorten the horizon, "
                    f"or raise the budget with --max-events N",
                )
            ]
        )
    return est
