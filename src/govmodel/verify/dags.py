"""Composed step DAGs per (document type, condition set), built once per model and shared
by the checks that enumerate condition combinations (separation, mandatory).

:func:`dag` gives the networkx graph (:func:`govmodel.graph.procedures.step_dag`); the
checks read the same graph as a :class:`Dag`, kept as its procedures' own DAGs in order
(:func:`govmodel.graph.procedures.step_parts`): every end of one procedure precedes every
start of the next non-empty one, so a step of an earlier procedure precedes every step of a
later one (in a DAG every step reaches an end and is reached from a start), and order within
a procedure is read off that procedure's DAG, computed once per model. No graph is built
per condition set; thousands of condition sets (Dalian) cost a lookup each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx

from govmodel.graph.procedures import Part, procedure_part, step_dag, type_parts
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo
from govmodel.verify.scenarios import condition_sets, procedure_conditions

__all__ = ["Dag", "Piece", "closure", "dag", "dags", "light", "lights"]


def dag(model: Model, doc_type: str, conditions: frozenset[str]) -> nx.DiGraph:
    """``step_dag(model, doc_type, conditions)``, cached for this model (do not mutate)."""
    cache = memo(model, "verify.dag")
    key = (doc_type, conditions)
    if key not in cache:
        cache[key] = step_dag(model, doc_type, conditions)
    graph: nx.DiGraph = cache[key]
    return graph


def dags(model: Model, doc_type: str) -> Iterator[tuple[frozenset[str], nx.DiGraph]]:
    """Every condition combination of the document type with its DAG."""
    for conds in condition_sets(procedure_conditions(model, doc_type)):
        yield conds, dag(model, doc_type, conds)


class Piece:
    """One procedure's DAG: its nodes in order, their steps, edges, starts and ends, and the
    steps before and after each step within it."""

    __slots__ = ("nodes", "steps", "edges", "sources", "ends", "after", "before")

    def __init__(self, part: Part) -> None:
        nodes, edges, sources, ends = part
        self.nodes = tuple(n for n, _ in nodes)
        self.steps: dict[str, t.Step] = {n: data["step"] for n, data in nodes}
        self.edges = tuple(edges)
        self.sources, self.ends = tuple(sources), tuple(ends)
        succ: dict[str, list[str]] = {n: [] for n in self.nodes}
        pred: dict[str, list[str]] = {n: [] for n in self.nodes}
        for u, v in edges:
            succ[u].append(v)
            pred[v].append(u)
        self.after = {n: _closure(n, succ) for n in self.nodes}
        self.before = {n: _closure(n, pred) for n in self.nodes}


def _closure(start: str, nxt: dict[str, list[str]]) -> frozenset[str]:
    seen: set[str] = set()
    todo = list(nxt[start])
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo += nxt[n]
    return frozenset(seen)


class Dag:
    """The composed step DAG of :func:`dag`, read through its procedures (see the module).

    Iterating gives the node ids in the graph's order; ``steps`` maps each to its step."""

    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = [p for p in pieces if p.nodes]
        self.steps: dict[str, t.Step] = {}
        self.pos: dict[str, int] = {}
        for i, p in enumerate(self.pieces):  # (update: a dict comprehension costs twice as much)
            self.steps.update(p.steps)
            self.pos.update(dict.fromkeys(p.nodes, i))
        self._ancestors: dict[str, frozenset[str]] = {}
        self._upto: dict[str, tuple[frozenset[str], tuple[tuple[str, str], ...]]] = {}

    @classmethod
    def of_graph(cls, g: nx.DiGraph) -> Dag:
        """One networkx step DAG (a meeting's pipeline) as a single piece."""
        part: Part = (
            list(g.nodes(data=True)),
            list(g.edges),
            [n for n in g if g.in_degree(n) == 0],
            [n for n in g if g.out_degree(n) == 0],
        )
        return cls([Piece(part)])

    def __iter__(self) -> Iterator[str]:
        return iter(self.steps)

    def __contains__(self, node: object) -> bool:
        return node in self.steps

    def reaches(self, u: str, v: str) -> bool:
        """``v`` is a descendant of ``u``."""
        pu, pv = self.pos[u], self.pos[v]
        return pu < pv or (pu == pv and v in self.pieces[pu].after[u])

    def ancestors(self, node: str) -> frozenset[str]:
        found = self._ancestors.get(node)
        if found is None:
            i = self.pos[node]
            out = set(self.pieces[i].before[node])
            for p in self.pieces[:i]:
                out.update(p.nodes)
            found = self._ancestors[node] = frozenset(out)
        return found

    def upto(self, node: str) -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
        """``node`` with every step before it, and the edges between them (in the graph's
        order of insertion): the graph a step waits on."""
        found = self._upto.get(node)
        if found is None:
            within = self.ancestors(node) | {node}
            out: list[tuple[str, str]] = []
            ends: tuple[str, ...] = ()
            for p in self.pieces[: self.pos[node] + 1]:
                out += [(u, v) for u, v in p.edges if v in within]  # the steps before it are within too
                out += [(a, b) for a in ends for b in p.sources if b in within]
                ends = p.ends
            found = self._upto[node] = (within, tuple(out))
        return found


def light(model: Model, doc_type: str, conditions: frozenset[str]) -> Dag:
    """The :class:`Dag` of ``dag(model, doc_type, conditions)``, cached for this model; one
    object for the types and condition sets with the same procedures and relevant
    conditions (:func:`~govmodel.graph.procedures.step_key`), as :func:`dag` shares graphs."""
    found: Dag | None = memo(model, "verify.light_dag").get((doc_type, conditions))
    if found is None:
        found = next(_lights(model, doc_type, (conditions,)))[1]
    return found


def lights(model: Model, doc_type: str) -> Iterator[tuple[frozenset[str], Dag]]:
    """Every condition combination of the document type with its :class:`Dag`."""
    return _lights(model, doc_type, condition_sets(procedure_conditions(model, doc_type)))


def _lights(
    model: Model, doc_type: str, sets: Iterable[frozenset[str]]
) -> Iterator[tuple[frozenset[str], Dag]]:
    """:func:`light` of each condition set, what is the same for all of them looked up once
    (a type has up to a thousand sets: the per-set lookups were most of the cost, issue #11).
    The keys are :func:`~govmodel.graph.procedures.step_key`'s and those of
    :func:`~govmodel.graph.procedures.step_parts`, computed from the closed conditions."""
    cache = memo(model, "verify.light_dag")
    shared = memo(model, "verify.light_dag_by_key")
    pieces = memo(model, "verify.dag_pieces")
    closed_sets = memo(model, "verify.closed_conditions")
    ids: tuple[str, ...] | None = None
    for conds in sets:
        key = (doc_type, conds)
        found: Dag | None = cache.get(key)
        if found is None:
            if ids is None:
                ids, mentioned, own = type_parts(model, doc_type)
            closed = closed_sets.get(conds)
            if closed is None:
                closed = closed_sets[conds] = model.close_conditions(conds)
            skey = (ids, closed & mentioned)
            found = shared.get(skey)
            if found is None:
                parts = []
                for proc, theirs in own:
                    pkey = (proc.id, closed & theirs)
                    piece = pieces.get(pkey)
                    if piece is None:
                        piece = pieces[pkey] = Piece(procedure_part(model, proc, pkey[1]))
                    parts.append(piece)
                found = shared[skey] = Dag(parts)
            cache[key] = found
        yield conds, found


def closure(model: Model, conditions: frozenset[str]) -> frozenset[str]:
    """``model.close_conditions(conditions)``, cached for this model."""
    cache = memo(model, "verify.closed_conditions")
    found: frozenset[str] | None = cache.get(conditions)
    if found is None:
        found = cache[conditions] = model.close_conditions(conditions)
    return found
