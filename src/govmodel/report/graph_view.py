"""What a view of the authority graph shows, in words: the subgraph for a document type, a
meeting, a role or the overview (filters of the one graph :func:`govmodel.graph.build_graph`
builds), the overview's panels, and the bilingual labels of nodes and relations."""

from __future__ import annotations

import networkx as nx

from govmodel.errors import InputError, Problem
from govmodel.graph.build import build_graph
from govmodel.model import Model
from govmodel.refs import Label, SourceRef
from govmodel.report.words import RELATIONS

__all__ = ["view", "panels"]

_STRUCTURE = {"acts_for", "entrusts", "grants_leave", "convenes", "presides", "member_of", "specializes"}


def _unknown(kind: str, name: str, known: list[str]) -> InputError:
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    return InputError(
        [
            Problem(
                SourceRef(f"--{kind}"),
                f"unknown {kind.replace('-', ' ')} {name!r}",
                f"did you mean {close[0]!r}?" if close else f"one of {', '.join(sorted(known))}",
            )
        ]
    )


def view(
    model: Model, *, document_type: str | None = None, meeting: str | None = None, role: str | None = None
) -> tuple[nx.MultiDiGraph, str]:
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
            if v in keep and ("act_zh" in d or (d["type"] == "precedes" and u in keep)):
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
        sub.remove_edges_from(
            [(u, v, k) for u, v, k, d in sub.edges(keys=True, data=True) if d["type"] == "specializes"]
        )
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
    return G.edge_subgraph(
        [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["type"] in _STRUCTURE]
    ).copy(), "panels"


def _declared_steps(model: Model, doc_type: str) -> nx.DiGraph:
    """Every step of every procedure of the type, whatever the conditions (a reader wants
    the whole procedure), chained in model order."""
    g = nx.DiGraph()
    sinks: list[str] = []
    for proc in model.procedures_for(doc_type):
        previous = None
        names = [f"{proc.id}.{st.id}" for st in proc.steps]
        for st, name in zip(proc.steps, names, strict=True):
            g.add_node(name)
            for p in st.after if st.after is not None else ((previous,) if previous else ()):
                g.add_edge(f"{proc.id}.{p}", name)
            previous = st.id
        sources = [n for n in names if g.in_degree(n) == 0]
        g.add_edges_from((s_, t_) for s_ in sinks for t_ in sources)
        sinks = [n for n in names if g.out_degree(n) == 0]
    return g


_REL = RELATIONS  # the overview's relations in words (never the graph's edge ids)


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _wrap_zh(text: str, width: int) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width)) or text


def _label(data: dict) -> str:
    """A node's whole bilingual name, wrapped, never cut; a step is named with its document
    (procedure) and act: 以市政府名义发文 · 签发 / Issuing a document … · signs."""
    zh, en = data.get("label_zh", ""), data.get("label_en", "")
    if data.get("kind") == "step":
        act = data.get("act", "")
        lab = Label(data["act_zh"], data["act_en"]) if "act_zh" in data else None
        doc_zh = zh.split("·")[0].strip()
        doc_en = en.rsplit(": ", 1)[0].strip()
        zh = f"{doc_zh} · {lab.zh if lab else act}"
        en = f"{doc_en} · {lab.en if lab else act}"
        cond = data.get("when") and f"if {data['when']}" or data.get("unless") and f"unless {data['unless']}"
        if cond:
            return f"{_wrap_zh(zh, 14)}\n{_wrap(en, 26)}\n[{cond}]"
    return f"{_wrap_zh(zh, 14)}\n{_wrap(en, 26)}"


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

    def kind(n: str) -> str | None:
        return g.nodes[n].get("kind")

    out: list[tuple[str, list[tuple[str, str, str]]]] = []
    hubs = sorted(n for n in g if kind(n) in ("meeting", "body"))
    used: set[tuple[str, str]] = set()
    for hub in hubs:
        edges = [
            (u, v, " · ".join(w))
            for (u, v), w in merged.items()
            if hub in (u, v) and kind(u) != kind(v) or v == hub
        ]
        edges = [e for e in edges if (e[0], e[1]) not in used and hub in e[:2]]
        if edges:
            used |= {(u, v) for u, v, _ in edges}
            d = g.nodes[hub]
            out.append((f"{d.get('label_zh', '')} / {d.get('label_en', '')}", edges))
    groups = (
        ("代行与委托 / Deputies and entrustment", {"acts_for", "entrusts"}),
        ("准假 / Leave", {"grants_leave"}),
        ("角色层级 / Role hierarchy", {"specializes"}),
    )
    for title, types in groups:
        edges = [
            (u, v, " · ".join(merged[(u, v)]))
            for u, v, d in g.edges(data=True)
            if d["type"] in types and (u, v) not in used
        ]
        edges = list(dict.fromkeys(edges))
        used |= {(u, v) for u, v, _ in edges}
        if edges:
            out.append((title, edges))
    rest = [(u, v, " · ".join(w)) for (u, v), w in merged.items() if (u, v) not in used]
    if rest:
        out.append(("其他 / Other", rest))
    return out


def _merged(g: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    """Parallel relations between two nodes as one edge with all their words."""
    merged: dict[tuple[str, str], list[str]] = {}
    for u, v, d in g.edges(data=True):
        act = Label(d["act_zh"], d["act_en"]) if "act_zh" in d else None
        zh, en = (act.zh, act.en) if act else _REL.get(d["type"], (d["type"], d["type"].replace("_", " ")))
        words = merged.setdefault((u, v), [])
        if f"{zh} {en}" not in words:
            words.append(f"{zh} {en}")
    return [(u, v, " · ".join(w)) for (u, v), w in merged.items()]
