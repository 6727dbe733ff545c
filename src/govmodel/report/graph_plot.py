"""Drawing the authority graph with matplotlib (bilingual labels, CJK font from pip), and
exporting it as GraphML. The views are filters of the one graph built by
:func:`govmodel.graph.build_graph`, small enough for a person to read."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from govmodel.errors import InputError, Problem
from govmodel.graph.build import build_graph
from govmodel.model import ACT_LABELS, Act, Model
from govmodel.refs import SourceRef

__all__ = ["view", "draw", "panels", "crossings", "to_graphml_bytes", "render_graph"]

_COLORS = {
    "person": "#f6d8ae", "role": "#9ecae1", "body": "#c7e9c0", "meeting": "#fdae6b",
    "document_type": "#dadaeb", "procedure": "#bcbddc", "step": "#e5f5e0", "department": "#fee0d2",
    "time_limit": "#fcbba1",
}
_STRUCTURE = {"acts_for", "entrusts", "grants_leave", "convenes", "presides", "member_of", "specializes"}


def _unknown(kind: str, name: str, known: list[str]) -> InputError:
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    return InputError([Problem(SourceRef(f"--{kind}"), f"unknown {kind.replace('-', ' ')} {name!r}",
                               f"did you mean {close[0]!r}?" if close else f"one of {', '.join(sorted(known))}")])


def view(model: Model, *, document_type: str | None = None, meeting: str | None = None,
         role: str | None = None) -> tuple[nx.MultiDiGraph, str]:
    """A readable subgraph and a layout name ('layers' or 'spring')."""
    G = build_graph(model)
    if document_type:
        if f"document_type:{document_type}" not in G:
            raise _unknown("document-type", document_type, [d.id for d in model.document_types])
        declared = _declared_steps(model, document_type)
        keep = {f"step:{n}" for n in declared}
        sub = nx.MultiDiGraph()
        for n in keep:
            sub.add_node(n, **G.nodes[n])
        for u, v, k, d in G.edges(keys=True, data=True):
            if v in keep and (d["type"] in {a.value for a in Act} or (d["type"] == "precedes" and u in keep)):
                sub.add_node(u, **G.nodes[u])
                sub.add_edge(u, v, key=k, **d)
        for u, v in declared.edges:  # procedures chained in order
            sub.add_edge(f"step:{u}", f"step:{v}", key="precedes", type="precedes")
        return sub, "layers"
    if meeting:
        if f"meeting:{meeting}" not in G:
            raise _unknown("meeting", meeting, [m.id for m in model.meetings])
        m = f"meeting:{meeting}"
        keep = {m} | set(G.predecessors(m))
        for p in G.successors(m):
            if G.nodes[p]["kind"] == "procedure":
                for s in G.successors(p):
                    keep.add(s)
                    keep |= {u for u in G.predecessors(s) if G.nodes[u]["kind"] in ("role", "body")}
        sub = G.subgraph(keep).copy()
        sub.remove_edges_from([(u, v, k) for u, v, k, d in sub.edges(keys=True, data=True) if d["type"] == "specializes"])
        sub.graph["center"] = m
        return sub, "radial"
    if role:
        r = f"role:{role}"
        if r not in G:
            raise _unknown("role", role, [x.id for x in model.roles] + [g.id for g in model.role_groups])
        keep = {r} | set(G.predecessors(r)) | set(G.successors(r))
        sub = G.subgraph(keep).copy()
        sub.graph["center"] = r
        return sub, "radial"
    return G.edge_subgraph([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["type"] in _STRUCTURE]).copy(), "panels"


def _declared_steps(model: Model, doc_type: str) -> nx.DiGraph:
    """Every step of every procedure of the type, whatever the conditions (a reader wants
    the whole procedure), chained in model order."""
    g = nx.DiGraph()
    sinks: list[str] = []
    for proc in model.procedures_for(doc_type):
        previous = None
        names = [f"{proc.id}.{st.id}" for st in proc.steps]
        for st, name in zip(proc.steps, names):
            g.add_node(name)
            for p in st.after if st.after is not None else ((previous,) if previous else ()):
                g.add_edge(f"{proc.id}.{p}", name)
            previous = st.id
        sources = [n for n in names if g.in_degree(n) == 0]
        g.add_edges_from((s_, t_) for s_ in sinks for t_ in sources)
        sinks = [n for n in names if g.out_degree(n) == 0]
    return g


_REL = {  # the overview's relations in words (never the graph's edge ids)
    "acts_for": ("代行", "acts for"), "entrusts": ("委托", "entrusts"), "grants_leave": ("准假", "grants leave to"),
    "convenes": ("召集", "convenes"), "presides": ("主持", "presides"), "member_of": ("组成", "member of"),
    "specializes": ("属于", "is a"), "attends": ("列席", "attends"), "organizes": ("组织", "organizes"),
    "files_with": ("备案", "files with"), "precedes": ("之后", "then"),
}


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _wrap_zh(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width)) or text


def _label(data: dict) -> str:
    """A node's whole bilingual name, wrapped, never cut; a step is named with its document
    (procedure) and act: 以市政府名义发文 · 签发 / Issuing a document … · signs."""
    zh, en = data.get("label_zh", ""), data.get("label_en", "")
    if data.get("kind") == "step":
        act = data.get("act", "")
        lab = ACT_LABELS.get(Act(act)) if act in Act.__members__ else None
        doc_zh = zh.split("·")[0].strip()
        doc_en = en.rsplit(": ", 1)[0].strip()
        zh = f"{doc_zh} · {lab.zh if lab else act}"
        en = f"{doc_en} · {lab.en if lab else act}"
        cond = data.get("when") and f"if {data['when']}" or data.get("unless") and f"unless {data['unless']}"
        if cond:
            return f"{_wrap_zh(zh, 14)}\n{_wrap(en, 26)}\n[{cond}]"
    return f"{_wrap_zh(zh, 14)}\n{_wrap(en, 26)}"


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


def panels(g: nx.MultiDiGraph) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The overview in panels a reader can follow, each (title, [(source, target, words)]):
    one per meeting and per body (everyone who convenes, presides over, belongs to or attends
    it: every edge ends in the one node, so none cross), then deputies, leave and the role
    hierarchy (two columns ordered to avoid crossings). Parallel relations between the same
    two nodes are one straight edge with all their words."""
    merged: dict[tuple[str, str], list[str]] = {}
    for u, v, d in g.edges(data=True):
        zh, en = _REL.get(d["type"], (d["type"], d["type"].replace("_", " ")))
        words = merged.setdefault((u, v), [])
        if f"{zh} {en}" not in words:
            words.append(f"{zh} {en}")
    kind = lambda n: g.nodes[n].get("kind")  # noqa: E731
    out: list[tuple[str, list[tuple[str, str, str]]]] = []
    hubs = sorted(n for n in g if kind(n) in ("meeting", "body"))
    used: set[tuple[str, str]] = set()
    for hub in hubs:
        edges = [(u, v, " · ".join(w)) for (u, v), w in merged.items() if hub in (u, v) and kind(u) != kind(v) or v == hub]
        edges = [e for e in edges if (e[0], e[1]) not in used and hub in e[:2]]
        if edges:
            used |= {(u, v) for u, v, _ in edges}
            d = g.nodes[hub]
            out.append((f"{d.get('label_zh', '')} / {d.get('label_en', '')}", edges))
    groups = (("代行与委托 / Deputies and entrustment", {"acts_for", "entrusts"}), ("准假 / Leave", {"grants_leave"}),
              ("角色层级 / Role hierarchy", {"specializes"}))
    for title, types in groups:
        edges = [(u, v, " · ".join(merged[(u, v)])) for u, v, d in g.edges(data=True)
                 if d["type"] in types and (u, v) not in used]
        edges = list(dict.fromkeys(edges))
        used |= {(u, v) for u, v, _ in edges}
        if edges:
            out.append((title, edges))
    rest = [(u, v, " · ".join(w)) for (u, v), w in merged.items() if (u, v) not in used]
    if rest:
        out.append(("其他 / Other", rest))
    return out


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
            def bary(n: str) -> float:
                near = [order[e[other_side]] for e in edges if n in e[:2] and e[other_side] in order and e[other_side] != n]
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


def _merged(g: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    """Parallel relations between two nodes as one edge with all their words."""
    merged: dict[tuple[str, str], list[str]] = {}
    for u, v, d in g.edges(data=True):
        act = ACT_LABELS.get(Act(d["type"])) if d["type"] in Act.__members__ else None
        zh, en = (act.zh, act.en) if act else _REL.get(d["type"], (d["type"], d["type"].replace("_", " ")))
        words = merged.setdefault((u, v), [])
        if f"{zh} {en}" not in words:
            words.append(f"{zh} {en}")
    return [(u, v, " · ".join(w)) for (u, v), w in merged.items()]


def _three_columns(g: nx.MultiDiGraph, edges: list[tuple[str, str, str]]) -> dict:
    """A meeting's or role's view in layers: who acts (left), the steps in their order
    (middle), the meetings, procedures and documents they serve (right); the left and right
    columns ordered by the mean position of their neighbours, to keep crossings few."""
    kind = lambda n: g.nodes[n].get("kind")  # noqa: E731
    col = {n: 1 if kind(n) == "step" else 2 if kind(n) in ("meeting", "procedure", "document_type") else 0 for n in g}
    steps = nx.DiGraph([(u, v) for u, v, d in g.edges(data=True) if d["type"] == "precedes" and col[u] == col[v] == 1])
    steps.add_nodes_from(n for n in g if col[n] == 1)
    middle = [n for gen in nx.topological_generations(steps) for n in sorted(gen)] if nx.is_directed_acyclic_graph(steps) \
        else sorted(steps)
    order = {n: i for i, n in enumerate(middle)}
    columns = {0: sorted(n for n in g if col[n] == 0), 1: middle, 2: sorted(n for n in g if col[n] == 2)}
    for c in (0, 2):
        order.update({n: i for i, n in enumerate(columns[c])})
    for _ in range(4):
        for c in (0, 2):
            def bary(n: str) -> float:
                near = [order[m] for u, v, _ in edges for m in ((v,) if u == n else (u,) if v == n else ())
                        if col[m] != c and m in order]
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


def _draw_layers(g: nx.MultiDiGraph, title: str):
    import matplotlib.pyplot as plt

    from govmodel.report.fonts import use_cjk_font

    family = use_cjk_font()
    edges = _merged(g)
    pos = _three_columns(g, edges)
    height = max(6.0, 0.85 * max(sum(1 for p in pos.values() if p[0] == c) for c in (0.0, 1.0, 2.0)))
    fig, ax = plt.subplots(figsize=(20, height))
    for u, v, words in edges:
        (x0, y0), (x1, y1) = pos[u], pos[v]
        same = x0 == x1
        style = "arc3,rad=-0.35" if same else "arc3"
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=1,
                    arrowprops={"arrowstyle": "-|>", "color": "#999999" if same else "#666666", "lw": 0.8,
                                "shrinkA": 30, "shrinkB": 30, "connectionstyle": style})
        if words.startswith("之后"):  # order within the steps: shown by the column itself
            continue
        lx, ly = (x0 + 0.18, (y0 + y1) / 2) if same else (x0 + 0.3 * (x1 - x0), y0 + 0.3 * (y1 - y0))
        ax.text(lx, ly, words, ha="center", va="center", fontsize=6.5, fontfamily=family, zorder=2,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    _draw_nodes(ax, g, pos, family)
    ys = [y for _, y in pos.values()]
    ax.set_xlim(-0.35, 2.35)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
    for x, (zh, en) in enumerate((("办理人", "who acts"), ("步骤(按顺序)", "steps, in order"), ("会议、程序与文件", "meetings, procedures, documents"))):
        ax.text(x, max(ys) + 0.6, f"{zh} / {en}", ha="center", fontsize=9, fontfamily=family, color="#444444")
    ax.set_title(title, fontfamily=family, fontsize=12)
    ax.axis("off")
    fig.tight_layout()
    return fig


def _draw_nodes(ax, g: nx.MultiDiGraph, pos: dict, family: str) -> None:
    """Each node as a boxed bilingual label, coloured by its kind (every view draws nodes alike)."""
    for node, (x, y) in pos.items():
        d = g.nodes[node]
        ax.text(x, y, _label(d), ha="center", va="center", fontsize=7, fontfamily=family, zorder=3,
                bbox={"boxstyle": "round,pad=0.35", "fc": _COLORS.get(d.get("kind"), "#dddddd"), "ec": "#555555", "lw": 0.6})


def _draw_panels(g: nx.MultiDiGraph, title: str, parts: list | None = None):
    import math

    import matplotlib.pyplot as plt

    from govmodel.report.fonts import use_cjk_font

    family = use_cjk_font()
    parts = panels(g) if parts is None else parts
    cols = min(3, len(parts))
    rows = math.ceil(len(parts) / cols)
    heights = [max(len({n for e in edges for n in e[:2]}) for _, edges in parts[r * cols:(r + 1) * cols]) for r in range(rows)]
    fig, axes = plt.subplots(rows, cols, figsize=(8.5 * cols, sum(1.0 + 0.75 * h for h in heights)),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    for ax, (name, edges) in zip(axes.flat, parts):
        pos = _two_columns(edges)
        for u, v, words in edges:
            (x0, y0), (x1, y1) = pos[u], pos[v]
            ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=1,
                        arrowprops={"arrowstyle": "-|>", "color": "#777777", "lw": 0.8, "shrinkA": 42, "shrinkB": 42})
            ax.text(x0 + 0.3 * (x1 - x0), y0 + 0.3 * (y1 - y0), words, ha="center", va="center", fontsize=6.5,
                    fontfamily=family, zorder=2, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
        _draw_nodes(ax, g, pos, family)
        ys = [y for _, y in pos.values()]
        ax.set_xlim(-0.45, 1.45)
        ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
        ax.set_title(name, fontfamily=family, fontsize=10)
        ax.axis("off")
    for ax in list(axes.flat)[len(parts):]:
        ax.axis("off")
    fig.suptitle(title, fontfamily=family, fontsize=13)
    fig.tight_layout(rect=(0, 0, 1, 0.98))
    return fig


def draw(g: nx.MultiDiGraph, layout: str, title: str):
    """A matplotlib figure of the view (the overview: :func:`panels`)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from govmodel.report.fonts import use_cjk_font

    if layout == "panels":
        return _draw_panels(g, title)
    if layout == "radial":  # a meeting or a role: layered, straight labelled edges
        return _draw_layers(g, title)
    family = use_cjk_font()
    n = max(g.number_of_nodes(), 1)
    size = min(8 + 0.45 * n, 40)
    fig, ax = plt.subplots(figsize=(size * 1.3, size))
    pos = _position(g, layout)
    nx.draw_networkx_edges(g, pos, ax=ax, arrows=True, arrowsize=12, node_size=1800, edge_color="#777777",
                           width=0.8)  # straight: labels sit on their edges
    for node, data in g.nodes(data=True):  # boxed labels read better than circles
        x, y = pos[node]
        ax.text(x, y, _label(data), ha="center", va="center", fontsize=7, fontfamily=family, zorder=3,
                bbox={"boxstyle": "round,pad=0.35", "fc": _COLORS.get(data.get("kind"), "#dddddd"), "ec": "#555555", "lw": 0.6})
    labels = {}
    for u, v, d in g.edges(data=True):
        if d["type"] == "precedes" or layout == "layers":  # a step's box already names its act
            continue
        act = ACT_LABELS.get(Act(d["type"])) if d["type"] in Act.__members__ else None
        rel = _REL.get(d["type"], (d["type"], d["type"].replace("_", " ")))
        labels[(u, v)] = f"{act.zh} {act.en}" if act else f"{rel[0]} {rel[1]}"
    nx.draw_networkx_edge_labels(g, pos, edge_labels=labels, ax=ax, font_size=6, font_family=family, rotate=False,
                                 bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    from matplotlib.patches import Patch

    kinds = sorted({d.get("kind") for _, d in g.nodes(data=True)})
    zh = {"person": "人员", "role": "角色", "body": "机构", "meeting": "会议", "document_type": "文件类型",
          "procedure": "程序", "step": "步骤", "department": "部门", "time_limit": "时限"}
    ax.legend(handles=[Patch(color=_COLORS.get(k, "#ddd"), label=f"{zh.get(k, k)} {k}") for k in kinds],
              loc="lower left", prop={"family": family, "size": 8})
    ax.set_title(title, fontfamily=family, fontsize=12)
    ax.axis("off")
    fig.tight_layout()
    return fig


def to_graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """GraphML needs scalar attributes: tuples become comma-separated text, None empty."""
    h = nx.MultiDiGraph()
    scal = lambda v: ",".join(map(str, v)) if isinstance(v, (tuple, list, frozenset, set)) else "" if v is None else v  # noqa: E731
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: scal(v) for k, v in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: scal(b) for a, b in d.items()})
    for k, v in g.graph.items():
        h.graph[k] = scal(v)
    buf = io.BytesIO()
    nx.write_graphml(h, buf)
    return buf.getvalue()


def render_graph(model: Model, out: str | Path, **filters: str | None) -> bytes:
    """The view as the bytes of the file ``out`` names by its suffix (``.png``, ``.svg``,
    ``.pdf`` or ``.graphml``); the caller writes them, whole or not at all."""
    suffix = Path(out).suffix.lower()
    if suffix not in (".png", ".svg", ".pdf", ".graphml"):
        raise InputError([Problem(SourceRef(str(out)), f"output type {suffix or '(none)'!r}",
                                  "a file ending in .png, .svg, .pdf or .graphml")])
    g, layout = view(model, **filters)
    if suffix == ".graphml":
        return to_graphml_bytes(build_graph(model) if not any(filters.values()) else g)
    what = next((f"{k}={v}" for k, v in filters.items() if v), "overview 总览")
    fig = draw(g, layout, f"{model.ruleset.title.zh} / {model.ruleset.title.en} — {what}")
    buf = io.BytesIO()
    fig.savefig(buf, format=suffix[1:], dpi=110)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return buf.getvalue()
