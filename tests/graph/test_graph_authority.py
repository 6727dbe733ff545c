"""Role resolution and deputizing on the tiny model (tests/model/good/minimal)."""

from pathlib import Path

import pytest

from govmodel.graph import Context, build_graph, holders, performers
from govmodel.graph.queries import deputy_chains, deputy_cycles
from govmodel.model import load_model

MINIMAL = Path(__file__).parents[1] / "model" / "good" / "minimal"


@pytest.fixture(scope="module")
def model():
    return load_model(MINIMAL)


def test_holders_resolve_through_the_cast(model):
    assert holders(model, "mayor") == ("p_mayor",)
    assert set(holders(model, "vice_mayor")) == {"p_vm1", "p_vm2"}
    assert holders(model, "department_head", Context("finance")) == ("p_fin_head",)
    assert holders(model, "department_head") == ()


def test_present_holder_acts_directly(model):
    (p,) = performers(model, ["mayor"], "approves", "request")
    assert p.person == "p_mayor" and not p.deputized


def test_deputy_acts_only_for_the_reasons_named(model):
    (p,) = performers(model, ["mayor"], "approves", "request", absent={"p_mayor": "abroad_visit"})
    assert p.person == "p_vm1" and p.via == ("art2_acting_mayor",)
    assert performers(model, ["mayor"], "approves", "request", absent={"p_mayor": "leave_city_private"}) == ()


def test_absent_deputy_leaves_nobody(model):
    absent = {"p_mayor": "abroad_visit", "p_vm1": "abroad_visit"}
    assert performers(model, ["mayor"], "approves", "request", absent=absent) == ()


def test_exclude_removes_a_person(model):
    assert (
        performers(model, ["mayor"], absent={"p_mayor": "abroad_visit"}, exclude=frozenset({"p_vm1"})) == ()
    )


def test_graph_has_typed_nodes_and_edges(model):
    G = build_graph(model)
    assert G.nodes["role:mayor"]["kind"] == "role"
    assert G.nodes["person:p_mayor"]["label_zh"] == "市长甲"
    edge = G.get_edge_data("role:executive_vice_mayor", "role:mayor")
    (data,) = edge.values()
    assert data["type"] == "acts_for" and data["reasons"] == ("abroad_visit",) and data["articles"] == (2,)
    assert G.has_edge("role:department_head", "step:art3_request.sign", key="signs")
    assert G.has_edge("step:art3_request.sign", "step:art3_request.approve", key="precedes")
    assert G.has_edge("role:mayor", "role:vice_mayor", key="grants_leave:art4_vm_leave")
    assert G.nodes["step:art3_request.sign"]["pos"].endswith("rules.yaml:31:9")


def test_deputy_chains_and_cycles(model):
    G = build_graph(model)
    assert deputy_chains(G, "mayor") == [["mayor", "executive_vice_mayor"]]
    assert deputy_cycles(G) == []


def test_meetings_only_absence_stops_only_meeting_acts():
    from govmodel.model import load_model as load

    dalian = load()
    absent = {"p_mayor": "meeting_conflict"}
    (p,) = performers(dalian, ["mayor"], "signs", "government_document", absent=absent)
    assert p.person == "p_mayor"  # a meeting conflict does not stop him signing
    assert performers(dalian, ["mayor"], "presides", None, absent=absent, meeting=True) == ()


def _renamed(tmp_path, old: str, new: str):
    """The minimal model with one role renamed everywhere (its declared meaning kept)."""
    import shutil

    folder = tmp_path / "renamed"
    shutil.copytree(MINIMAL, folder)
    for f in folder.glob("*.yaml"):
        f.write_text(f.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return load_model(folder)


def test_a_relative_role_is_found_by_its_declared_meaning_whatever_its_id(tmp_path):
    model = _renamed(tmp_path, "department_head", "section_chief")
    assert holders(model, "section_chief", Context("finance")) == ("p_fin_head",)
    (p,) = performers(model, ["section_chief"], "signs", "request", Context("education"))
    assert p.person == "p_edu_head"


def test_a_department_role_without_a_meaning_is_held_by_nobody(tmp_path):
    model = _renamed(tmp_path, "    meaning: head_of_department\n", "")
    assert holders(model, "department_head", Context("finance")) == ()
