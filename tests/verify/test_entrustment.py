"""Entrustment as a choice of the principal: an ``entrusts`` rule limited to one meeting
gives that meeting's acts two results (not entrusted: the gap; entrusted: who acts), never
"no rule names a stand-in", and leaves the other meetings alone."""

from __future__ import annotations

from pathlib import Path

from govmodel.findings import Status
from govmodel.model import load_model
from govmodel.verify import Bounds, verify

MODEL = Path(__file__).parent / "bad" / "entrustment-limited-to-one-meeting"


def _findings():
    res = verify(load_model(MODEL), Bounds(k=1), classes=["coverage"])
    return {str(f.subject): f for f in res.findings}


def test_both_branches_for_the_named_meeting_only() -> None:
    got = _findings()
    assert got["executive_meeting.presides"].status == Status.violated
    assert got["executive_meeting.presides@entrusted"].status == Status.holds
    assert "plenary_meeting.presides@entrusted" not in got


def test_the_gap_without_entrustment_names_the_rule_not_a_missing_stand_in() -> None:
    f = _findings()["executive_meeting.presides"]
    assert f.cause is not None and f.cause.kind == "not_entrusted"
    assert f.cause.target == "art3_mayor_entrusts_executive_vice_mayor"
    assert f.counterexample is not None
    assert not any("no rule names a stand-in" in s.text.en for s in f.counterexample.trace)
    assert f.message.en.startswith("not entrusted:")


def test_unlimited_entrustment_gives_no_branch(tmp_path) -> None:
    import shutil

    shutil.copytree(MODEL, tmp_path / "m")
    rules = tmp_path / "m" / "rules.yaml"
    text = rules.read_text(encoding="utf-8").replace("    meetings: [executive_meeting]\n", "")
    rules.write_text(text.replace("acts: [convenes, presides]", "acts: all"), encoding="utf-8")
    res = verify(load_model(tmp_path / "m"), Bounds(k=1), classes=["coverage"])
    assert not any(f.subject.branch == "entrusted" for f in res.findings)


def test_entrustment_limited_to_acts_only_branches_every_meeting(tmp_path) -> None:
    import shutil

    shutil.copytree(MODEL, tmp_path / "m")
    rules = tmp_path / "m" / "rules.yaml"
    text = rules.read_text(encoding="utf-8").replace("    meetings: [executive_meeting]\n", "")
    rules.write_text(text.replace("acts: [convenes, presides]", "acts: [presides]"), encoding="utf-8")
    res = verify(load_model(tmp_path / "m"), Bounds(k=1), classes=["coverage"])
    branched = {str(f.subject) for f in res.findings if f.subject.branch == "entrusted"}
    assert branched == {"executive_meeting.presides@entrusted", "plenary_meeting.presides@entrusted"}
