"""Where the nodes of a graph view go: layered steps, rings around a subject, two columns per
panel and three for a meeting's or role's view, ordered to keep crossings few."""

from __future__ import annotations

import networkx as nx

__all__ = ["crossings"]


def _layers(g: nx.MultiDiGraph) -> dict:
    """Steps left to right by precedence; each actor just left of the first step it acts in,
    stacked when several act in the same step."""
    steps = nx.DiGraph([(u, v) for u, v, d in g.edges(data=True) if d["type"] == "precedes"])
    steps.add_nodes_from(n for n, d in g.nodes(data=True) if d.get("kind") == "step")
    pos: dict = {}
    for i, gen in enumerate(nx.topological_generations(steps)):
        gen = sorted(gen)
        for j, n in enumerate(gen):
            pos[n] = (3.0 * i, (len(gen) - 1) / 2 - j * 1.6)
    top = max((y for _, y in pos.values()), default=0) + 2.2
    taken: set = set()
    for n in sorted(g, key=lambda n: (g.nodes[n].get("kind", ""), n)):
        if n in pos:
            continue
        xs = [pos[v][0] for v in g.successors(n) if v in pos]
        x = round(sum(xs) / len(xs) / 1.5) * 1.5 if xs else -3.0
        while (x, top) in taken:
            x += 1.5
        taken.add((x, top))
        pos[n] = (x, top)
    return pos


def _position(g: nx.MultiDiGraph, layout: str) -> dict:
    """Layered left-to-right for procedures; the subject in the middle of a ring for a
    meeting or role; a seeded spring layout (reproducible) for the overview."""
    if layout == "layers":
        return _layers(g)
    center = g.graph.get("center")
    if layout == "radial" and center in g:
        rest = sorted((n for n in g if n != center), key=lambda n: (g.nodes[n].get("kind", ""), n))
        inner, outer = rest[:14], rest[14:]
        return nx.shell_layout(g, nlist=[[center], inner] + ([outer] if outer else []))
    inner = sorted(n for n, d in g.nodes(data=True) if d.get("kind") in ("meeting", "body"))
    outer = sorted(n for n in g if n not in inner)
    return nx.shell_layout(g, nlist=[inner, outer] if inner and outer else [sorted(g)], scale=1.0)


def _two_columns(edges: list[tuple[str, str, str]]) -> dict:
    """Sources left, targets right, each column ordered by the mean position of its
    neighbours (a few sweeps of the barycenter heuristic); a node on both sides is drawn once,
    in the column where it has more edges."""
    left = list(dict.fromkeys(u for u, _, _ in edges))
    right = [v for v in dict.fromkeys(v for _, v, _ in edges) if v not in left]
    if not right:  # a chain inside one set (a hierarchy): split by depth
        right = [v for v in left if any(v == t for _, t, _ in edges) and not any(v == s for s, _, _ in edges)]
        left = [u for u in left if u not in right]
    order = {n: i for i, n in enumerate(sorted(left))} | {n: i for i, n in enumerate(sorted(right))}
    for _ in range(4):
        for col, other_side in ((right, 0), (left, 1)):

            def bary(n: str, other_side: int = other_side) -> float:
                near = [
                    order[e[other_side]]
                    for e in edges
                    if n in e[:2] and e[other_side] in order and e[other_side] != n
                ]
                return sum(near) / len(near) if near else order[n]

            col.sort(key=lambda n: (bary(n), n))
            order.update({n: i for i, n in enumerate(col)})
    pos = {}
    for col, x in ((left, 0.0), (right, 1.0)):
        for i, n in enumerate(col):
            pos[n] = (x, -(i - (len(col) - 1) / 2))
    return pos


def crossings(pos: dict, edges: list[tuple[str, str, str]]) -> int:
    """Pairs of straight edges that cross (sharing an end is not crossing)."""

    def ccw(a, b, c):
        return (c[1] - a[1]) * (b[0] - a[0]) - (b[1] - a[1]) * (c[0] - a[0])

    segs = [(pos[u], pos[v], {u, v}) for u, v, _ in edges if u in pos and v in pos]
    n = 0
    for i in range(len(segs)):
        for j in range(i + 1, len(segs)):
            (a, b, ea), (c, d, eb) = segs[i], segs[j]
            if ea & eb:
                continue
            if ccw(a, b, c) * ccw(a, b, d) < 0 and ccw(c, d, a) * ccw(c, d, b) < 0:
                n += 1
    return n


def _three_columns(g: nx.MultiDiGraph, edges: list[tuple[str, str, str]]) -> dict:
    """A meeting's or role's view in layers: who acts (left), the steps in their order
    (middle), the meetings, procedures and documents they serve (right); the left and right
    columns ordered by the mean position of their neighbours, to keep crossings few."""

    def kind(n: str) -> str | None:
        return g.nodes[n].get("kind")

    col = {
        n: 1 if kind(n) == "step" else 2 if kind(n) in ("meeting", "procedure", "document_type") else 0
        for n in g
    }
    steps = nx.DiGraph(
        [(u, v) for u, v, d in g.edges(data=True) if d["type"] == "precedes" and col[u] == col[v] == 1]
    )
    steps.add_nodes_from(n for n in g if col[n] == 1)
    middle = (
        [n for gen in nx.topological_generations(steps) for n in sorted(gen)]
        if nx.is_directed_acyclic_graph(steps)
        else sorted(steps)
    )
    order = {n: i for i, n in enumerate(middle)}
    columns = {0: sorted(n for n in g if col[n] == 0), 1: middle, 2: sorted(n for n in g if col[n] == 2)}
    for c in (0, 2):
        order.update({n: i for i, n in enumerate(columns[c])})
    for _ in range(4):
        for c in (0, 2):

            def bary(n: str, c: int = c) -> float:
                near = [
                    order[m]
                    for u, v, _ in edges
                    for m in ((v,) if u == n else (u,) if v == n else ())
                    if col[m] != c and m in order
                ]
                return sum(near) / len(near) if near else order[n]

            columns[c].sort(key=lambda n: (bary(n), n))
            order.update({n: i for i, n in enumerate(columns[c])})
    tallest = max(len(ns) for ns in columns.values())
    pos = {}
    for c, ns in columns.items():
        gap = tallest / max(len(ns), 1)
        for i, n in enumerate(ns):
            pos[n] = (float(c), -(i + 0.5) * gap)
    return pos
