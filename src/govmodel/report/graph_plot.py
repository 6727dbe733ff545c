"""Drawing the authority graph with matplotlib (bilingual labels, CJK font from pip), and
exporting it as GraphML. The views are filters of the one graph built by
:func:`govmodel.graph.build_graph`, small enough for a person to read."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from govmodel.errors import InputError, Problem
from govmodel.graph.build import build_graph
from govmodel.model import Model
from govmodel.refs import SourceRef
from govmodel.report.graph_layout import _position, _three_columns, _two_columns, crossings
from govmodel.report.graph_view import _REL, _label, _merged, panels, view
from govmodel.report.words import KINDS

__all__ = ["view", "draw", "panels", "crossings", "to_graphml_bytes", "render_graph"]

_COLORS = {
    "person": "#f6d8ae",
    "role": "#9ecae1",
    "body": "#c7e9c0",
    "meeting": "#fdae6b",
    "document_type": "#dadaeb",
    "procedure": "#bcbddc",
    "step": "#e5f5e0",
    "department": "#fee0d2",
    "time_limit": "#fcbba1",
}


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
        ax.annotate(
            "",
            xy=(x1, y1),
            xytext=(x0, y0),
            zorder=1,
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#999999" if same else "#666666",
                "lw": 0.8,
                "shrinkA": 30,
                "shrinkB": 30,
                "connectionstyle": style,
            },
        )
        if words.startswith("之后"):  # order within the steps: shown by the column itself
            continue
        lx, ly = (x0 + 0.18, (y0 + y1) / 2) if same else (x0 + 0.3 * (x1 - x0), y0 + 0.3 * (y1 - y0))
        _draw_words(ax, lx, ly, words, family)
    _draw_nodes(ax, g, pos, family)
    ys = [y for _, y in pos.values()]
    ax.set_xlim(-0.35, 2.35)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
    for x, (zh, en) in enumerate(
        (
            ("办理人", "who acts"),
            ("步骤(按顺序)", "steps, in order"),
            ("会议、程序与文件", "meetings, procedures, documents"),
        )
    ):
        ax.text(x, max(ys) + 0.6, f"{zh} / {en}", ha="center", fontsize=9, fontfamily=family, color="#444444")
    ax.set_title(title, fontfamily=family, fontsize=12)
    ax.axis("off")
    fig.tight_layout()
    return fig


def _draw_words(ax, x: float, y: float, words: str, family: str) -> None:
    """An edge's words on a white box, a third of the way along it (every view alike)."""
    box = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
    ax.text(x, y, words, ha="center", va="center", fontsize=6.5, fontfamily=family, zorder=2, bbox=box)


def _draw_nodes(ax, g: nx.MultiDiGraph, pos: dict, family: str) -> None:
    """Each node as a boxed bilingual label, coloured by its kind (every view draws nodes alike)."""
    for node, (x, y) in pos.items():
        d = g.nodes[node]
        ax.text(
            x,
            y,
            _label(d),
            ha="center",
            va="center",
            fontsize=7,
            fontfamily=family,
            zorder=3,
            bbox={
                "boxstyle": "round,pad=0.35",
                "fc": _COLORS.get(d.get("kind"), "#dddddd"),
                "ec": "#555555",
                "lw": 0.6,
            },
        )


def _draw_panels(g: nx.MultiDiGraph, title: str, parts: list | None = None):
    import math

    import matplotlib.pyplot as plt

    from govmodel.report.fonts import use_cjk_font

    family = use_cjk_font()
    parts = panels(g) if parts is None else parts
    cols = min(3, len(parts))
    rows = math.ceil(len(parts) / cols)
    heights = [
        max(len({n for e in edges for n in e[:2]}) for _, edges in parts[r * cols : (r + 1) * cols])
        for r in range(rows)
    ]
    fig, axes = plt.subplots(
        rows,
        cols,
        figsize=(8.5 * cols, sum(1.0 + 0.75 * h for h in heights)),
        gridspec_kw={"height_ratios": heights},
        squeeze=False,
    )
    for ax, (name, edges) in zip(axes.flat, parts, strict=False):
        pos = _two_columns(edges)
        for u, v, words in edges:
            (x0, y0), (x1, y1) = pos[u], pos[v]
            ax.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                zorder=1,
                arrowprops={"arrowstyle": "-|>", "color": "#777777", "lw": 0.8, "shrinkA": 42, "shrinkB": 42},
            )
            _draw_words(ax, x0 + 0.3 * (x1 - x0), y0 + 0.3 * (y1 - y0), words, family)
        _draw_nodes(ax, g, pos, family)
        ys = [y for _, y in pos.values()]
        ax.set_xlim(-0.45, 1.45)
        ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
        ax.set_title(name, fontfamily=family, fontsize=10)
        ax.axis("off")
    for ax in list(axes.flat)[len(parts) :]:
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
    nx.draw_networkx_edges(
        g, pos, ax=ax, arrows=True, arrowsize=12, node_size=1800, edge_color="#777777", width=0.8
    )  # straight: labels sit on their edges
    _draw_nodes(ax, g, {n: pos[n] for n in g}, family)  # boxed labels read better than circles
    labels = {}
    for u, v, d in g.edges(data=True):
        if d["type"] == "precedes" or layout == "layers":  # a step's box already names its act
            continue
        act = (d["act_zh"], d["act_en"]) if "act_zh" in d else None
        rel = _REL.get(d["type"], (d["type"], d["type"].replace("_", " ")))
        labels[(u, v)] = f"{act[0]} {act[1]}" if act else f"{rel[0]} {rel[1]}"
    nx.draw_networkx_edge_labels(
        g,
        pos,
        edge_labels=labels,
        ax=ax,
        font_size=6,
        font_family=family,
        rotate=False,
        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
    )
    from matplotlib.patches import Patch

    kinds = sorted({d.get("kind") for _, d in g.nodes(data=True)})
    ax.legend(
        handles=[Patch(color=_COLORS.get(k, "#ddd"), label=f"{KINDS.get(k, k)} {k}") for k in kinds],
        loc="lower left",
        prop={"family": family, "size": 8},
    )
    ax.set_title(title, fontfamily=family, fontsize=12)
    ax.axis("off")
    fig.tight_layout()
    return fig


def to_graphml_bytes(g: nx.MultiDiGraph) -> bytes:
    """GraphML needs scalar attributes: tuples become comma-separated text, None empty."""
    h = nx.MultiDiGraph()

    def scal(v: object) -> object:
        return (
            ",".join(map(str, v)) if isinstance(v, (tuple, list, frozenset, set)) else "" if v is None else v
        )

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
        raise InputError(
            [
                Problem(
                    SourceRef(str(out)),
                    f"output type {suffix or '(none)'!r}",
                    "a file ending in .png, .svg, .pdf or .graphml",
                )
            ]
        )
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
