"""The simulation executes the model's deputy rules: the executive vice mayor signs while the
mayor is abroad (art. 9); nobody signs while the mayor is on private leave, and that gap is
recorded with its reason."""

from __future__ import annotations

from pathlib import Path

from govmodel.sim import load_scenario, simulate

GOOD = Path(__file__).parent / "good"


def _run(name: str, **kw):
    return simulate(load_scenario(GOOD / f"{name}.yaml"), keep_events=True, **kw)


def test_executive_vice_mayor_signs_while_mayor_abroad() -> None:
    r = _run("mayor-abroad")
    k = r.outputs[0].kpis
    assert k["deputy_activations/art9_executive_vice_mayor_acts_as_mayor"] > 0
    assert k["abandoned"] == 0
    signs = [e for e in r.outputs[0].events or () if e.activity == "art48_government_document.sign"]
    by_deputy = [e for e in signs if e.deputy_rules == "art9_executive_vice_mayor_acts_as_mayor"]
    assert by_deputy and all(e.resource == "p_vm1" for e in by_deputy)
    assert all("2025-03-10" <= e.start[:10] <= "2025-03-21" for e in by_deputy)
    assert all(e.resource == "p_mayor" for e in signs if e.deputy_rules == "")


def test_nobody_signs_while_mayor_on_private_leave() -> None:
    r = _run("mayor-private-leave")
    k = r.outputs[0].kpis
    assert k["deputy_activations/art9_executive_vice_mayor_acts_as_mayor"] == 0
    key = "art48_government_document.sign: mayor absent (leave_city_private)"
    assert k[f"blocked_waits/{key}"] > 0
    assert k[f"could_not_proceed/{key}"] > 0  # gave up after 3 working days
    assert k["abandoned"] == k[f"could_not_proceed/{key}"]
    gap = r.outputs[0].blocked[key]
    assert gap.kind == "all_absent" and gap.key == key
    assert gap.example_absent == {"p_mayor": "leave_city_private"}
    assert "no deputy rule" in gap.why
    signs = [e for e in r.outputs[0].events or () if e.activity == "art48_government_document.sign"]
    assert not [e for e in signs if "2025-03-10" <= e.start[:10] <= "2025-03-21"]


def test_no_absence_no_gap() -> None:
    k = _run("minimal").outputs[0].kpis
    assert k["abandoned"] == 0
    assert not [key for key in k if key.startswith("blocked_waits/")]
