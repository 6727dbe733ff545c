"""``govmodel show assumptions``: what switching each assumption changes is computed by
verifying the model both ways, never written by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.model import load_model
from govmodel.verify import Bounds
from govmodel.verify.assumptions import effects

HERE = Path(__file__).parent


@pytest.fixture()
def gated(tmp_path: Path) -> Path:
    """The covered-with-deputy model, its deputy rule made a named assumption (on by default)."""
    d = tmp_path / "gated"
    shutil.copytree(HERE / "good" / "covered-with-deputy", d)
    rules = (d / "rules.yaml").read_text(encoding="utf-8")
    rules = rules.replace(
        "    when_absent_for: [away, sick]\n",
        "    when_absent_for: [away, sick]\n    requires_assumption: art2_deputy_stands_in\n",
    )
    (d / "rules.yaml").write_text(rules, encoding="utf-8")
    base = (d / "base.yaml").read_text(encoding="utf-8")
    base = base.replace(
        "assumptions:\n",
        "assumptions:\n  - id: art2_deputy_stands_in\n"
        "    statement: {zh: 副局长代行, en: The deputy stands in}\n    articles: [2]\n"
        "    default: true\n    rationale: {zh: 第二条, en: Art. 2}\n",
    )
    (d / "base.yaml").write_text(base, encoding="utf-8")
    return d


def test_switching_an_assumption_opens_what_it_held(gated: Path) -> None:
    model = load_model(gated)
    got = {e.assumption.id: e for e in effects(model, Bounds(k=1))}
    e = got["art2_deputy_stands_in"]
    assert e.in_force and [(f.property, str(f.subject)) for f in e.opens] == [
        ("coverage.step", "art3_sign_off.sign"),
        ("structure.role_used", "deputy_director"),
    ]
    assert not e.closes
    off = model.with_assumptions({"art2_deputy_stands_in": False})
    e = {x.assumption.id: x for x in effects(off, Bounds(k=1))}["art2_deputy_stands_in"]
    assert not e.in_force and ("coverage.step", "art3_sign_off.sign") in [
        (f.property, str(f.subject)) for f in e.closes
    ]
    assert not got["default_cast"].opens and not got["default_cast"].closes


def test_show_assumptions_command(gated: Path, capsys) -> None:
    assert main(["show", "assumptions", str(gated)]) == 0
    out = capsys.readouterr().out
    assert "art2_deputy_stands_in  [第2条 / art. 2]  默认 default: 开 on" in out
    # every absence counted (k = the whole cast): the signature already fails with both away
    assert "opens 1, closes 0, changes the counterexample of 1" in out and "+ [第1条 / art. 1]" in out


@pytest.mark.slow
def test_dalian_assumption_effects() -> None:
    got = {e.assumption.id: e for e in effects(load_model())}

    def subjects(fs):
        return {(f.property, str(f.subject)) for f in fs}

    assert (
        "conflict.overlap",
        "art46_routing_and_approval.approve ~ art43_national_meeting_request.finalize",
    ) in subjects(got["art43_finalization_replaces_art46_approval"].closes)
    assert ("timing.calendar_days", "art51_instruction_report_deadline") in subjects(
        got["art51_in_principle_is_soft"].opens
    )
    assert ("timing.calendar_days", "art43_meeting_request_notice") in subjects(
        got["art43_art51_days_are_calendar_days"].closes
    )
