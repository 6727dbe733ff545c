"""Mandatory steps: each ``orderings`` element of the model ("no Y without X before it")
holds on every path of the composed step DAG of each document type it governs, under every
combination of the document's conditions.

Under fixed conditions a step waits for every predecessor that applies (alternative routes
are resolved by the conditions, which are enumerated), so "every way to Y passes X" means X
precedes Y in the DAG. Two independent answers are compared: the graph one (X among the
ancestors of Y: dominance in the precedence order) and Z3's (an execution, each done step
with all its predecessors done, that does Y and no X). If they disagree the result is
``unknown``, reported, never a pass. When the graph finds X before Y everywhere, Z3 is asked
once per property, for the disjunction of its questions (:meth:`Asker.none_reach`); only when
that is not proved are the questions asked one by one (the witness needs the one that fails).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any

import networkx as nx
import z3

from govmodel.findings import Counterexample, Finding, SceneWitness, Status, Subject, TraceStep
from govmodel.graph.procedures import procedure_dag
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import caching_enabled, memo
from govmodel.refs import Label
from govmodel.verify import decode, terms
from govmodel.verify.checks.vacuous import matches
from govmodel.verify.dags import Dag, closure, dag, lights
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds, condition_sets, mentioned_conditions, procedure_conditions

__all__ = ["Asker", "properties", "evaluate", "graph_path", "solver_path"]


def graph_path(g: nx.DiGraph, firsts: set[str], target: str) -> list[str] | None:
    """The steps that must be done before ``target`` when no ``firsts`` step is among them
    (None: some ``firsts`` step precedes ``target`` on every way to it).

    In a step DAG under fixed conditions a step waits for all its predecessors (alternatives
    are resolved by the conditions, which are enumerated), so "every way to Y passes X" is
    "X is an ancestor of Y".
    """
    before = nx.ancestors(g, target)
    if target in firsts or before & firsts:
        return None
    return [n for n in nx.topological_sort(g) if n in before or n == target]


class Asker:
    """One incremental Z3 solver for the many DAG questions of one property: every edge,
    target and excluded step is a guarded constraint, and each question is a check under the
    assumptions naming its edges (terms are built once, questions cost one SAT call)."""

    def __init__(self, timeout: float):
        self.solver = z3.SimpleSolver()  # every check names the target's guard: see solve._incremental
        self.solver.set("timeout", max(1, int(timeout * 1000)))
        self.done: dict[str, z3.BoolRef] = {}
        self.guards: dict[tuple[str, ...], z3.BoolRef] = {}
        self.answers: dict[
            tuple[str, frozenset[tuple[str, str]], frozenset[str]], tuple[str, frozenset[str]]
        ] = {}

    def _var(self, n: str) -> z3.BoolRef:
        if n not in self.done:
            self.done[n] = terms.var(f"done!{n}")
        return self.done[n]

    def _guard(self, key: tuple[str, ...], constraint: Callable[[], z3.BoolRef]) -> z3.BoolRef:
        if key not in self.guards:
            g = self.guards[key] = terms.var(f"guard!{len(self.guards)}")
            terms.add(self.solver, [terms.implies(g, constraint())])
        return self.guards[key]

    def ask(self, g: nx.DiGraph, firsts: set[str], target: str) -> tuple[str, list[str] | None]:
        """Is there an execution (each done step has all its predecessors done) that reaches
        ``target`` with no ``firsts`` step done? ``sat`` with the steps done, ``unsat``, or ``unknown``."""
        status, done = self.decide(list(g.edges), {n for n in firsts if n in g}, target)
        if status != "sat":
            return status, None
        needed = nx.ancestors(g, target) | {target}
        return "sat", [n for n in nx.topological_sort(g) if n in needed and n in done]

    def decide(
        self, edges: Sequence[tuple[str, str]], firsts: set[str], target: str
    ) -> tuple[str, frozenset[str]]:
        """The question of :meth:`ask` over these edges (the graph of ``target`` and every
        step before it): the answer and the steps of the question the execution found does
        (none unless ``sat``). Each question is asked once of this solver."""
        key = (target, frozenset(edges), frozenset(firsts))
        found = self.answers.get(key)
        if found is not None:
            return found
        answer = terms.check(self.solver, self._lits(edges, firsts, target))
        if answer == z3.unsat:
            found = ("unsat", frozenset())
        elif answer != z3.sat:
            found = ("unknown", frozenset())
        else:
            m = self.solver.model()
            nodes = {target, *firsts, *(n for e in edges for n in e)}
            found = (
                "sat",
                frozenset(n for n in nodes if terms.truth(m, self._var(n))),
            )
        self.answers[key] = found
        return found

    def _lits(self, edges: Sequence[tuple[str, str]], firsts: set[str], target: str) -> list[z3.BoolRef]:
        """The guards of a question: the target done, no ``firsts`` step done, every edge kept."""

        def undone(n: str) -> z3.BoolRef:
            return terms.neg(self._var(n))

        def waits(u: str, v: str) -> z3.BoolRef:
            return terms.implies(self._var(v), self._var(u))

        lits = [self._guard(("target", target), partial(self._var, target))]
        lits += [self._guard(("not", n), partial(undone, n)) for n in sorted(firsts)]
        lits += [self._guard(("edge", u, v), partial(waits, u, v)) for u, v in edges]
        return lits

    def none_reach(self, questions: Sequence[tuple[Sequence[tuple[str, str]], set[str], str]]) -> bool:
        """Every question of :meth:`decide` (edges, firsts, target) proved ``unsat`` in one
        check, of their disjunction: True, and each is answered ``unsat``. False when some
        question has (or may have) an execution, or the solver gave no answer: ask them one by
        one then. (One proof per property instead of one per question: the DAG questions of a
        property are hundreds, each a SAT call; the answers are the same.)"""
        picks, keys = [], []
        for edges, firsts, target in questions:
            key = (target, frozenset(edges), frozenset(firsts))
            found = self.answers.get(key)
            if found is None:
                picks.append(terms.conj(self._lits(edges, firsts, target)))
                keys.append(key)
            elif found[0] != "unsat":
                return False
        if not picks:
            return True
        some = terms.var(f"some!{len(self.guards)}!{len(self.answers)}")
        terms.add(self.solver, [terms.implies(some, terms.disj(picks))])
        if terms.check(self.solver, [some]) != z3.unsat:
            return False
        for key in keys:
            self.answers[key] = ("unsat", frozenset())
        return True

    @classmethod
    def of(cls, model: Model, timeout: float) -> Asker:
        """One asker per model and timeout, its answers shared by every property (a fresh
        one with caching switched off)."""
        if not caching_enabled():
            return cls(timeout)
        cache = memo(model, "verify.mandatory_asker")
        found: Asker | None = cache.get(timeout)
        if found is None:
            found = cache[timeout] = cls(timeout)
        return found


def solver_path(g: nx.DiGraph, firsts: set[str], target: str, timeout: float) -> tuple[str, list[str] | None]:
    """One question to a fresh :class:`Asker`."""
    return Asker(timeout).ask(g, firsts, target)


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    meetings = {m.id for m in model.meetings}
    for o in model.orderings:
        for dt in o.applies_to:
            if dt in meetings:  # a precondition on the meeting's agenda items (未经协调的问题，不得提请…审议)
                yield Property(
                    "mandatory.ordering",
                    Subject(o.id, scope=(dt,)),
                    Label(
                        f"{decode.label_of(model, dt).zh}议题:{o.label.zh}",
                        f"{decode.label_of(model, dt).en} agenda: {o.label.en}",
                    ),
                    (o.id,),
                    o.id,
                    {"ordering": o.id, "meeting": dt},
                )
                continue
            for ty in [d.id for d in model.document_types if dt in model.supertypes(d.id)]:
                yield Property(
                    "mandatory.ordering",
                    Subject(o.id, scope=(ty,)),
                    Label(f"{decode.label_of(model, ty).zh}:{o.label.zh}", f"{ty}: {o.label.en}"),
                    (o.id,),
                    o.id,
                    {"ordering": o.id, "document_type": ty},
                )


def _agenda_dags(
    model: Model, meeting: str
) -> tuple[tuple[str, ...], list[tuple[frozenset[str], nx.DiGraph]]]:
    """The conditions of a meeting's agenda pipelines and their DAG under every combination."""
    procs = [p for p in model.get(meeting).procedures if p.purpose == "agenda"]
    conds = mentioned_conditions([s for p in procs for s in p.steps])
    out = [(cs, procedure_dag(p, model.close_conditions(cs))) for cs in condition_sets(conds) for p in procs]
    return conds, out


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    """Check the ordering on every path under every condition combination."""
    o = model.get(prop.parameters["ordering"])
    ty = prop.parameters.get("document_type") or prop.parameters["meeting"]
    graphs: list[tuple[frozenset[str], Dag, nx.DiGraph | None]]
    if "meeting" in prop.parameters:
        conds, agenda = _agenda_dags(model, ty)
        graphs = [(cs, Dag.of_graph(g), g) for cs, g in agenda]
    else:
        conds = procedure_conditions(model, ty)
        graphs = [(cs, d, None) for cs, d in lights(model, ty)]
    bd = {**bounds.as_dict(model), "condition_sets": 2 ** len(conds), "conditions": list(conds)}
    asker = Asker.of(model, bounds.timeout)
    cases = list(_targets(model, o, graphs))
    if _proved(asker, cases):  # the graph and Z3 agree on every question: it holds
        return _holds(model, prop, conds, bd)
    asked: dict[tuple[str, frozenset[str], frozenset[str]], tuple[str, list[str] | None]] = {}
    for cs, d, g, firsts, target in cases:
        before = d.ancestors(target)
        passes = target in firsts or bool(before & firsts)  # the graph's answer (graph_path is None)
        key = (target, before, frozenset(firsts & before))
        if key not in asked:  # the same question under another condition set: ask Z3 once
            within, edges = d.upto(target)
            status, done = asker.decide(edges, firsts & within, target)
            path = None
            if status == "sat":  # the steps done, in the graph's topological order
                sub = (g if g is not None else dag(model, ty, cs)).subgraph(within)
                path = [n for n in nx.topological_sort(sub) if n in done]
            asked[key] = (status, path)
        status, by_solver = asked[key]
        if status == "unknown" or (status == "sat") == passes:
            return prop.finding(
                model,
                Status.unknown,
                Label(
                    "图算法与求解器结论不一致或求解超时",
                    "graph and solver disagree, or the solver timed out",
                ),
                bounds=bd,
            )
        if by_solver is not None:
            return _violated(model, prop, o, ty, cs, by_solver, firsts, bd)
    return _holds(model, prop, conds, bd)


_Case = tuple[frozenset[str], Dag, "nx.DiGraph | None", set[str], str]


def _targets(
    model: Model, o: t.Ordering, graphs: list[tuple[frozenset[str], Dag, nx.DiGraph | None]]
) -> Iterator[_Case]:
    """Each condition set the ordering applies under, with its DAG, the steps that match its
    first pattern, and each step matching its then pattern (sorted), one per case."""
    kinds: dict[str, tuple[bool, bool]] = {}  # node → (matches first, matches then): a node is one step
    for cs, d, g in graphs:
        closed = closure(model, cs)
        if (o.unless and o.unless in closed) or (o.when and o.when not in closed):
            continue
        firsts: set[str] = set()
        thens: list[str] = []
        for n in d:
            kind = kinds.get(n)
            if kind is None:
                kind = kinds[n] = (matches(model, o.first, d.steps[n]), matches(model, o.then, d.steps[n]))
            if kind[0]:
                firsts.add(n)
            if kind[1]:
                thens.append(n)
        for target in sorted(thens):
            yield cs, d, g, firsts, target


def _proved(asker: Asker, cases: list[_Case]) -> bool:
    """The graph finds a first step before every target, and Z3 proves, in one check, that no
    execution reaches a target without one (:meth:`Asker.none_reach`). False otherwise: the
    cases are then asked one by one, as the answer and its witness need."""
    questions: list[tuple[tuple[tuple[str, str], ...], set[str], str]] = []
    seen: set[tuple[str, frozenset[str], frozenset[str]]] = set()
    for _cs, d, _g, firsts, target in cases:
        before = d.ancestors(target)
        if not (target in firsts or before & firsts):
            return False
        key = (target, before, frozenset(firsts & before))
        if key not in seen:
            seen.add(key)
            within, edges = d.upto(target)
            questions.append((edges, firsts & within, target))
    return asker.none_reach(questions)


def _holds(model: Model, prop: Property, conds: tuple[str, ...], bd: dict[str, Any]) -> Finding:
    return prop.finding(
        model,
        Status.holds,
        Label(
            f"已证明:{2 ** len(conds)}种条件组合下的每条路径都先经过该步骤",
            f"proved on every path under all {2 ** len(conds)} condition combinations",
        ),
        bounds=bd,
    )


def _violated(
    model: Model,
    prop: Property,
    o: t.Ordering,
    ty: str,
    cs: frozenset[str],
    path: list[str],
    firsts: set[str],
    bd: dict[str, Any],
) -> Finding:
    first = decode.act_label(model, o.first.act)
    trace = tuple(
        TraceStep(
            Label(
                f"{n}:{decode.act_label(model, model.get(n).act).zh}",
                f"{n}: {decode.act_label(model, model.get(n).act).en}",
            ),
            tuple(model.get(n).articles),
            n,
        )
        for n in path
    )
    why = (
        Label(f"此条件下没有「{first.zh}」步骤", f"no '{first.en}' step under these conditions")
        if not firsts
        else Label(f"该路径绕过了「{first.zh}」", f"the path bypasses '{first.en}'")
    )
    meeting = any(m.id == ty for m in model.meetings)
    what = (
        Label(f"{decode.label_of(model, ty).zh}的议题", f"an item of the {decode.label_of(model, ty).en}")
        if meeting
        else Label(decode.label_of(model, ty).zh, f"a {decode.label_of(model, ty).en}")
    )
    msg = Label(
        f"{what.zh}可以不经{first.zh}而{decode.act_label(model, o.then.act).zh}:{why.zh}",
        f"{what.en} can reach '{decode.act_label(model, o.then.act).en}' without '{first.en}': {why.en}",
    )
    scene = SceneWitness(meeting=ty) if meeting else SceneWitness(document_type=ty)
    cx = Counterexample(cast=scene, conditions=tuple(sorted(cs)), trace=trace)
    return prop.finding(model, Status.violated, msg, counterexample=cx, extra=(path[-1],), bounds=bd)
