"""The overview graph a reader can follow (issue 9 item 7): no crossing edges, relations in
words (never edge ids), whole labels, steps named with their document; graphml complete."""

from __future__ import annotations

import govmodel as gm
from govmodel.graph.build import build_graph
from govmodel.report.graph_layout import _two_columns
from govmodel.report.graph_plot import crossings, panels, to_graphml_bytes, view
from govmodel.report.graph_view import _label


def test_overview_panels_do_not_cross_and_use_words():
    g, layout = view(gm.load_model())
    assert layout == "panels"
    parts = panels(g)
    assert len(parts) >= 8
    drawn = set()
    for title, edges in parts:
        assert crossings(_two_columns(edges), edges) == 0, title
        for _, _, words in edges:
            assert "_" not in words, words  # "member_of", "acts_for": ids, not words
        drawn |= {(u, v) for u, v, _ in edges}
    assert drawn == {(u, v) for u, v in g.edges()}  # every relation of the overview is drawn


def test_labels_are_whole_and_steps_name_their_document():
    g = build_graph(gm.load_model())
    for _n, d in g.nodes(data=True):
        lab = _label(d)
        assert "…" not in lab
        if d.get("kind") == "step" and d["id"] == "art48_government_document.sign":
            assert lab.startswith(
                "以市政府名义发文 · 签发"
            ) and "Issuing a document in the government's name · signs" in lab.replace("\n", " ")


def test_graphml_stays_complete():
    import io

    import networkx as nx

    model = gm.load_model()
    full = build_graph(model)
    back = nx.read_graphml(io.BytesIO(to_graphml_bytes(full)))
    assert (
        back.number_of_nodes() == full.number_of_nodes() and back.number_of_edges() == full.number_of_edges()
    )
