"""What a document goes through, computed once per (type, conditions) from the model.

The steps are the model's: :func:`govmodel.graph.procedures.step_dag` gives the steps that
apply to a type under a set of conditions and their precedence; nothing is hand-written.
Each step gets its service-time sampler (scenario), its probability if optional, and, for
collective decisions, the meetings that may take it. Each time limit of the model that applies
gets the steps it is measured between and its duration in its own unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from govmodel.calendar import parse_duration
from govmodel.graph.authority import actor_kind
from govmodel.graph.context import ContextParts, context_parts, holder_parts
from govmodel.graph.procedures import applicable_steps, step_dag
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import caching_enabled, memo
from govmodel.model.vocab import DEADLINE_MOVES
from govmodel.sim.dists import Sampler, make_sampler
from govmodel.sim.scenario import ScenarioFile

if TYPE_CHECKING:
    from govmodel.sim.loaded import LoadedScenario

__all__ = ["StepPlan", "LimitPlan", "DocPlan", "Planner", "government_targets", "shared_planner"]


def government_targets(model: Model) -> frozenset[str]:
    """Targets of a ``submits`` step that mean the document reaches the government: the roles
    and bodies the model declares ``receives_for_government``."""
    return frozenset(x.id for x in (*model.roles, *model.bodies) if x.receives_for_government)


@dataclass(frozen=True, slots=True)
class StepPlan:
    """One step of a document's plan."""

    index: int
    node: str
    step: t.Step
    preds: tuple[int, ...]
    sample: Sampler
    take_probability: float
    meetings: tuple[str, ...]
    mark: bool
    simple: bool
    context: ContextParts
    """The parts of a document's context that can change who performs the step (the
    performers' cache in :mod:`govmodel.sim.performers` is keyed on these only)."""
    holder_context: ContextParts = ContextParts(False, False)
    """The same for one holder of an all-holders step (会签): who stands in for him."""


@dataclass(frozen=True, slots=True)
class LimitPlan:
    """A time limit as measured for one plan: from the end of step ``start`` (None: arrival)
    to the end of step ``end`` (None: the document's completion)."""

    id: str
    duration: Any
    start: int | None
    end: int | None
    moves: bool = False
    """A calendar-day or month deadline on a day off moves to the next working day (the
    assumption declared with the effect :data:`~govmodel.model.vocab.DEADLINE_MOVES`, as the
    verifier reads it)."""


@dataclass(frozen=True, slots=True)
class DocPlan:
    doc_type: str
    conditions: frozenset[str]
    steps: tuple[StepPlan, ...]
    chain: bool
    sinks: tuple[int, ...]
    limits: tuple[LimitPlan, ...]
    succs: tuple[tuple[int, ...], ...] = ()
    """Each step's successors (step indices, ascending): who may start when it is done."""
    context: ContextParts = ContextParts(False, False)
    """The parts of a document's context that can change who performs any of its simple
    steps (the document's process keeps their performers per plan and these parts only)."""


def _applies(el: Any, conditions: frozenset[str]) -> bool:
    return not ((el.when and el.when not in conditions) or (el.unless and el.unless in conditions))


class Planner:
    """Builds and caches :class:`DocPlan` objects for a model and a scenario."""

    def __init__(self, model: Model, spec: ScenarioFile):
        self.model, self.spec = model, spec
        self._cache: dict[tuple[str, frozenset[str]], DocPlan] = {}
        self._samplers: dict[int, Sampler] = {}
        self._targets = government_targets(model)

    def plan(self, doc_type: str, conditions: frozenset[str]) -> DocPlan:
        key = (doc_type, conditions)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._build(doc_type, conditions)
        return found

    def _sampler(self, node: str, step: t.Step) -> Sampler:
        st = self.spec.service_times
        spec = st.steps.get(node) or st.acts.get(step.act) or st.default
        got = self._samplers.get(id(spec))
        if got is None:
            got = self._samplers[id(spec)] = make_sampler(spec.dist, **spec.params())
        return got

    def _meetings(self, step: t.Step) -> tuple[str, ...]:
        if step.collective:
            return (step.collective,)
        return tuple(a for a in step.by if actor_kind(self.model, a) == "meeting")

    def _build(self, doc_type: str, conditions: frozenset[str]) -> DocPlan:
        g = step_dag(self.model, doc_type, conditions)
        order = [n for n, _ in applicable_steps(self.model, doc_type, conditions)]
        index = {n: i for i, n in enumerate(order)}
        limits = self._limits(doc_type, conditions, order, g)
        marks = {lp.start for lp in limits if lp.start is not None} | {
            lp.end for lp in limits if lp.end is not None
        }
        steps = []
        for i, n in enumerate(order):
            step: t.Step = g.nodes[n]["step"]
            preds = tuple(sorted(index[p] for p in g.predecessors(n)))
            p = self.spec.optional_steps.get(n, 0.0) if step.optional else 1.0
            meetings = (
                self._meetings(step)
                if self.model.act_meaning(step.act) == "collective_decision" or step.collective
                else ()
            )
            simple = p >= 1.0 and not meetings and bool(step.by) and not step.all_holders
            parts = context_parts(self.model, step.by, step.act, doc_type)
            each = (
                [holder_parts(self.model, a, step.act, doc_type) for a in step.by] if step.all_holders else []
            )
            holder = ContextParts(any(c.department for c in each), any(c.related for c in each))
            steps.append(
                StepPlan(
                    i, n, step, preds, self._sampler(n, step), p, meetings, i in marks, simple, parts, holder
                )
            )
        chain = all(s.preds == ((s.index - 1,) if s.index else ()) for s in steps)
        sinks = tuple(i for i, n in enumerate(order) if g.out_degree(n) == 0)
        read = [s.context for s in steps if s.simple]
        context = ContextParts(any(c.department for c in read), any(c.related for c in read))
        succs = tuple(tuple(s.index for s in steps if i in s.preds) for i in range(len(steps)))
        return DocPlan(doc_type, conditions, tuple(steps), chain, sinks, limits, succs, context)

    def _limits(
        self, doc_type: str, conditions: frozenset[str], order: list[str], g: nx.DiGraph
    ) -> tuple[LimitPlan, ...]:
        out = []
        targets = self._targets
        default_start = next(
            (
                i
                for i, n in enumerate(order)
                if self.model.act_meaning(g.nodes[n]["step"].act) == "submits"
                and g.nodes[n]["step"].target in targets
            ),
            None,
        )
        for tl in self.model.time_limits_for(doc_type):
            if tl.duration is None or tl.kind not in ("lead_time", "deadline", "advance_notice"):
                continue
            if not _applies(tl, conditions):
                continue
            span = self.spec.time_limits.get(tl.id)
            start, end = default_start, None
            if span is not None and span.starts_after is not None:
                start = order.index(span.starts_after) if span.starts_after in order else None
            if span is not None and span.ends_after is not None and span.ends_after in order:
                end = order.index(span.ends_after)
            out.append(
                LimitPlan(
                    tl.id,
                    parse_duration(tl.duration.value, tl.duration.unit.value),
                    start,
                    end,
                    self.model.effect_on(DEADLINE_MOVES),
                )
            )
        return tuple(out)


def shared_planner(loaded: LoadedScenario) -> Planner:
    """The scenario's planner, shared by the replications a process runs of it: a document's
    plan depends on the model and the scenario only (service-time samplers draw from the
    document's own stream), and building plans was a tenth of a replication."""
    if not caching_enabled():
        return Planner(loaded.model, loaded.spec)
    kept = memo(loaded, "sim.planner")
    found: Planner | None = kept.get("planner")
    if found is None:
        found = kept["planner"] = Planner(loaded.model, loaded.spec)
    return found
