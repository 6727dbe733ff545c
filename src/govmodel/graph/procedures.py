"""Procedures as step graphs: which steps a document of a type goes through, in which order,
under which conditions. When several procedures govern one type (art. 47 and 48 both apply
to a government rule) they are chained in the order the model declares them."""

from __future__ import annotations

import networkx as nx

from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo

__all__ = ["step_dag", "step_key", "step_parts", "applicable_steps", "paths_to_issue", "procedure_dag"]


def _applies(step: t.Step, conditions: frozenset[str]) -> bool:
    if step.when and step.when not in conditions:
        return False
    return not (step.unless and step.unless in conditions)


def procedure_dag(
    proc: t.Procedure, conditions: frozenset[str] = frozenset(), prefix: bool = True
) -> nx.DiGraph:
    """The steps of one procedure that apply under ``conditions``, with precedence edges.

    A step without ``after`` follows the previous step; ``after: []`` starts in parallel.
    When a predecessor does not apply, its own predecessors stand in, so order is kept.
    """
    g = nx.DiGraph()
    name = (lambda s: f"{proc.id}.{s}") if prefix else (lambda s: s)
    preds: dict[str, tuple[str, ...]] = {}
    previous: str | None = None
    for step in proc.steps:
        preds[step.id] = step.after if step.after is not None else ((previous,) if previous else ())
        previous = step.id
    live = {s.id for s in proc.steps if _applies(s, conditions)}

    def live_preds(sid: str, seen: frozenset[str] = frozenset()) -> set[str]:
        listed = [p for p in preds.get(sid, ()) if p not in seen]
        direct = {p for p in listed if p in live}
        if direct:  # alternatives in ``after`` (route or submit_direct): the ones that apply
            return direct
        out: set[str] = set()
        for p in listed:
            out |= live_preds(p, seen | {p})
        return out

    for step in proc.steps:
        if step.id in live:
            g.add_node(name(step.id), step=step, procedure=proc.id)
            for p in live_preds(step.id):
                g.add_edge(name(p), name(step.id))
    return g


def _mentioned(proc: t.Procedure, cache: dict) -> frozenset[str]:
    """The conditions ``proc``'s steps mention (``cache``: the model's memo, by procedure id)."""
    found: frozenset[str] | None = cache.get(proc.id)
    if found is None:
        found = cache[proc.id] = frozenset(c for s in proc.steps for c in (s.when, s.unless) if c)
    return found


def _relevant(model: Model, procs: tuple[t.Procedure, ...], conditions: frozenset[str]) -> frozenset[str]:
    """The ``conditions`` any of ``procs`` mentions."""
    if not procs:
        return frozenset()
    unions = memo(model, "graph.mentioned_by")
    key = tuple(p.id for p in procs)
    found: frozenset[str] | None = unions.get(key)
    if found is None:
        cache = memo(model, "graph.mentioned")
        found = unions[key] = frozenset().union(*(_mentioned(p, cache) for p in procs))
    return conditions & found


def step_key(model: Model, doc_type: str, conditions: frozenset[str] = frozenset()) -> tuple:
    """What :func:`step_dag` (and :func:`step_parts`) of ``doc_type`` under ``conditions``
    depend on: the procedures governing the type and the conditions they mention that hold.
    Types governed by the same procedures share their DAG under equal keys."""
    procs = model.procedures_for(doc_type)
    return (tuple(p.id for p in procs), _relevant(model, procs, model.close_conditions(conditions)))


def step_dag(model: Model, doc_type: str, conditions: frozenset[str] = frozenset()) -> nx.DiGraph:
    """All steps a document of ``doc_type`` goes through, procedures chained in model order.

    The result is frozen and memoized per model (:func:`govmodel.model.memo.memo`) and
    (the procedures governing the type, the conditions that matter).
    """
    conditions = model.close_conditions(conditions)
    procs = model.procedures_for(doc_type)
    relevant = _relevant(model, procs, conditions)
    cache = memo(model, "graph.step_dag")
    key = (tuple(p.id for p in procs), relevant)  # types governed by the same procedures share it
    if key not in cache:
        parts = _parts(procs, relevant, memo(model, "graph.procedure_dag"), memo(model, "graph.mentioned"))
        cache[key] = nx.freeze(_chain(parts))
    return cache[key]


Part = tuple[list[tuple[str, dict]], list[tuple[str, str]], list[str], list[str]]
"""One procedure's DAG as plain lists: nodes (with data), edges, sources, ends."""


def step_parts(
    model: Model, doc_type: str, conditions: frozenset[str] = frozenset()
) -> list[tuple[tuple[str, frozenset[str]], Part]]:
    """The procedures' own DAGs that :func:`step_dag` chains, in order, each with its key
    (procedure id, the conditions it mentions that hold): every end of one procedure's DAG
    precedes every start of the next non-empty one."""
    conditions = model.close_conditions(conditions)
    procs = model.procedures_for(doc_type)
    relevant = _relevant(model, procs, conditions)
    return _parts(procs, relevant, memo(model, "graph.procedure_dag"), memo(model, "graph.mentioned"))


def _parts(
    procs: tuple[t.Procedure, ...], conditions: frozenset[str], memo: dict, mentioned: dict
) -> list[tuple[tuple[str, frozenset[str]], Part]]:
    out = []
    for proc in procs:
        key = (proc.id, conditions & _mentioned(proc, mentioned))
        if key not in memo:  # a procedure's DAG depends only on the conditions it mentions
            sub = procedure_dag(proc, key[1])
            memo[key] = (
                list(sub.nodes(data=True)),
                list(sub.edges),
                [n for n in sub if sub.in_degree(n) == 0],
                [n for n in sub if sub.out_degree(n) == 0],
            )
        out.append((key, memo[key]))
    return out


def _chain(parts: list[tuple[tuple[str, frozenset[str]], Part]]) -> nx.DiGraph:
    """Chain the procedures' DAGs (each memoized as plain node and edge lists per the
    conditions it mentions) and build the graph once."""
    nodes: list[tuple[str, dict]] = []
    edges: list[tuple[str, str]] = []
    sinks: list[str] = []
    for _, (sub_nodes, sub_edges, sources, ends) in parts:
        if not sub_nodes:
            continue
        nodes += sub_nodes
        edges += sub_edges
        edges += [(a, b) for a in sinks for b in sources]
        sinks = ends
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return g


def applicable_steps(
    model: Model, doc_type: str, conditions: frozenset[str] = frozenset()
) -> list[tuple[str, t.Step]]:
    """(node id, step) in a topological order."""
    g = step_dag(model, doc_type, conditions)
    return [
        (n, g.nodes[n]["step"])
        for n in nx.lexicographical_topological_sort(g, key=_order_key(model, doc_type))
    ]


def _order_key(model: Model, doc_type: str):
    order: dict[str, int] = {}
    for proc in model.procedures_for(doc_type):
        for step in proc.steps:
            order[f"{proc.id}.{step.id}"] = len(order)
    return lambda n: order.get(n, 0)


def paths_to_issue(model: Model, doc_type: str, conditions: frozenset[str] = frozenset()) -> list[list[str]]:
    """Every path from submission (a source step) to issue (a sink step)."""
    g = step_dag(model, doc_type, conditions)
    sources = [n for n in g if g.in_degree(n) == 0]
    sinks = [n for n in g if g.out_degree(n) == 0]
    paths: list[list[str]] = []
    for s in sources:
        for e in sinks:
            if s == e:
                paths.append([s])
            else:
                paths.extend(nx.all_simple_paths(g, s, e))
    return paths
