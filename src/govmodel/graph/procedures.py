"""Procedures as step graphs: which steps a document of a type goes through, in which order,
under which conditions. When several procedures govern one type (art. 47 and 48 both apply
to a government rule) they are chained in the order the model declares them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx

from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.memo import memo

__all__ = [
    "step_dag",
    "step_key",
    "step_parts",
    "type_parts",
    "procedure_part",
    "applicable_steps",
    "paths_to_issue",
    "procedure_dag",
]


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
    for node, step, preds in _applied(proc, conditions, prefix):
        g.add_node(node, step=step, procedure=proc.id)
        for p in preds:
            g.add_edge(p, node)
    return g


def _applied(
    proc: t.Procedure, conditions: frozenset[str], prefix: bool = True
) -> Iterator[tuple[str, t.Step, Iterable[str]]]:
    """Each step of ``proc`` that applies, in order: its node id, the step, and the node ids
    of the applying steps it directly follows (:func:`procedure_dag`'s nodes and edges)."""
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
            yield name(step.id), step, [name(p) for p in live_preds(step.id)]


def _part(proc: t.Procedure, conditions: frozenset[str]) -> Part:
    """``procedure_dag(proc, conditions)`` as the plain lists of :data:`Part`, equal to those
    read off the graph (nodes in the graph's order with the same data, edges in its order,
    sources, ends) without building it: a networkx graph per procedure and condition set was
    most of the cost of the step DAGs of a model (issue #11)."""
    data: dict[str, dict] = {}  # node → its data, in the order the graph adds nodes
    succ: dict[str, dict[str, None]] = {}  # node → its successors, in the order of their edges
    entered: set[str] = set()
    for node, step, preds in _applied(proc, conditions):
        if node not in data:
            data[node], succ[node] = {}, {}
        data[node].update(step=step, procedure=proc.id)
        for p in preds:  # add_edge adds the nodes it names, a predecessor first
            if p not in data:
                data[p], succ[p] = {}, {}
            succ[p][node] = None
            entered.add(node)
    return (
        list(data.items()),
        [(u, v) for u, vs in succ.items() for v in vs],
        [n for n in data if n not in entered],
        [n for n in data if not succ[n]],
    )


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


def type_parts(
    model: Model, doc_type: str
) -> tuple[tuple[str, ...], frozenset[str], list[tuple[t.Procedure, frozenset[str]]]]:
    """What the keys of ``doc_type``'s DAGs are made of, to key many condition sets at once:
    the ids of the procedures governing it, the conditions they mention, and each procedure
    with the conditions it mentions. Under closed conditions ``c``, :func:`step_key` is
    ``(ids, c & mentioned)`` and each key of :func:`step_parts` ``(proc.id, c & its own)``."""
    procs = model.procedures_for(doc_type)
    cache = memo(model, "graph.mentioned")
    own = [(p, _mentioned(p, cache)) for p in procs]
    return tuple(p.id for p in procs), frozenset().union(*(m for _, m in own)), own


def procedure_part(model: Model, proc: t.Procedure, conditions: frozenset[str]) -> Part:
    """The :data:`Part` of ``proc`` under ``conditions`` (the ones it mentions that hold), as
    :func:`step_parts` gives it (memoized per model, shared with it; do not mutate)."""
    cache = memo(model, "graph.procedure_dag")
    key = (proc.id, conditions)
    found: Part | None = cache.get(key)
    if found is None:
        found = cache[key] = _part(proc, conditions)
    return found


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
            memo[key] = _part(proc, key[1])
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
