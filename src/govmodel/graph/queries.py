"""Pure queries over the authority graph and the model (networkx style: G first, return
values, no printing, no mutation)."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from govmodel.graph.authority import NO_CONTEXT, Context, Performer, performers
from govmodel.graph.procedures import applicable_steps
from govmodel.model import Model

__all__ = ["acts_for_graph", "deputy_chains", "deputy_cycles", "unreachable_roles", "who_may"]


def acts_for_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """deputy role → principal role, one edge per pair (rules in the ``rules`` attribute)."""
    h = nx.DiGraph()
    for u, v, data in G.edges(data=True):
        if data.get("type") == "acts_for":
            if h.has_edge(u, v):
                h[u][v]["rules"] += (data["rule"],)
            else:
                h.add_edge(u, v, rules=(data["rule"],), articles=data["articles"])
    return h


def deputy_chains(G: nx.MultiDiGraph, role: str) -> list[list[str]]:
    """Every chain of stand-ins for a role: [role, deputy, deputy's deputy, …] (role ids)."""
    h = acts_for_graph(G).reverse(copy=False)
    start = f"role:{role}"
    if start not in h:
        return [[role]]
    chains = []
    leaves = [n for n in nx.descendants(h, start) if h.out_degree(n) == 0] or [start]
    for leaf in leaves:
        for path in nx.all_simple_paths(h, start, leaf) if leaf != start else [[start]]:
            chains.append([n.split(":", 1)[1] for n in path])
    return chains or [[role]]


def deputy_cycles(G: nx.MultiDiGraph) -> list[list[str]]:
    """Cycles in the acts-for relation (each a list of role ids); empty when there are none."""
    return [[n.split(":", 1)[1] for n in c] for c in nx.simple_cycles(acts_for_graph(G))]


def unreachable_roles(G: nx.MultiDiGraph) -> list[str]:
    """Roles no person holds (directly, through a department, or as a deputy) and that no
    step, meeting or leave rule uses: dead weight in the model."""
    out = []
    for n, data in G.nodes(data=True):
        if data.get("kind") != "role" or data.get("scope") == "group":
            continue
        if G.degree(n) == 0:
            out.append(data["id"])
    return out


def who_may(
    model: Model,
    act: str,
    doc_type: str,
    ctx: Context = NO_CONTEXT,
    absent: Mapping[str, str] | None = None,
    conditions: frozenset[str] = frozenset(),
) -> dict[str, tuple[Performer, ...]]:
    """For each step of ``doc_type``'s procedures that performs ``act``: who may do it now."""
    return {
        node: performers(model, step.by, step.act, doc_type, ctx, absent)
        for node, step in applicable_steps(model, doc_type, conditions)
        if step.act == act
    }
