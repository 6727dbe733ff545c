"""Replaying verification counterexamples as deterministic simulations (`govmodel replay`):
coverage (blocked), separation (same person on both levels), timing (deadline missed), the
classes that cannot be replayed, and the CLI with its exit codes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from govmodel.cli import main
from govmodel.crosscheck.replay import FORMAT, NotReplayable, replay
from govmodel.findings import Finding, Status
from govmodel.sim import load_scenario

pytestmark = pytest.mark.slow  # whole-model verification, then simulation runs


@pytest.fixture(scope="module")
def loaded():
    return load_scenario()  # the bundled baseline (scenarios/baseline.yaml) and its Dalian model


@pytest.fixture(scope="module")
def findings(loaded) -> dict[tuple[str, str], Finding]:
    from govmodel.verify import verify

    return {(f.property, str(f.subject)): f for f in verify(loaded.model).findings}


def _f(findings, prop: str, subject: str) -> Finding:
    f = findings[(prop, subject)]
    assert f.status == Status.violated
    return f


# -- coverage ---------------------------------------------------------------------------------
def test_mayor_on_private_leave_blocks_the_government_document_signature(loaded, findings) -> None:
    f = _f(findings, "coverage.step", "art48_government_document.sign")
    assert [(a.person, a.reason) for a in f.counterexample.absent] == [("p_mayor", "leave_city_private")]
    r = replay(loaded, f)
    assert r.agrees and r.outcome == "blocked"
    assert r.absent == (("p_mayor", "leave_city_private"),) and r.date_source == "ordinary"
    blocked = [s for s in r.steps if s.kind == "blocked"]
    assert [s.node for s in blocked] == ["art48_government_document.sign"]
    b = blocked[0]
    assert b.absent == {"p_mayor": "leave_city_private"}
    assert b.waited_working_days == pytest.approx(20)  # the baseline's give_up_after: nobody comes back
    assert "art. 9" in b.why.en and "names only" in b.why.en and "第9条" in b.why.zh
    assert "nobody present may sign" in b.why.en
    # the steps before were performed, none by the absent mayor, and nothing after the block
    done = [s for s in r.steps if s.kind == "act"]
    assert done and all(s.person != "p_mayor" for s in done)
    assert all(s.start_date <= b.start_date for s in done)
    d = r.as_dict()
    assert d["format"] == FORMAT and d["agrees"] is True and d["outcome"] == "blocked"
    assert d["setup"]["random_absences"] is False
    assert d["steps"][-1]["kind"] == "blocked" and d["steps"][-1]["absent"] == {
        "p_mayor": "leave_city_private"
    }


def test_nobody_holds_the_role_stops_at_once(loaded, findings) -> None:
    # audit bureau: no vice mayor in charge (art. 10, 47)
    f = _f(findings, "coverage.step", "art47_sign_off.review@audit_bureau")
    r = replay(loaded, f)
    assert r.agrees and r.department == "audit_bureau" and not r.department_chosen
    b = r.steps[-1]
    assert b.kind == "blocked" and b.waited_working_days == 0 and "nobody in the cast holds" in b.why.en


def test_replay_is_deterministic(loaded, findings) -> None:
    f = _f(findings, "coverage.step", "art48_government_document.sign")
    assert replay(loaded, f).as_dict() == replay(loaded, f).as_dict()


# -- separation -------------------------------------------------------------------------------
def test_executive_vice_mayor_reviews_and_signs_while_the_mayor_is_abroad(loaded, findings) -> None:
    f = _f(
        findings,
        "separation.two_levels",
        "art48_government_document.review_in_charge > art48_government_document.sign",
    )
    r = replay(loaded, f)
    assert r.agrees and r.outcome == "completed"
    assert r.separation is not None and r.separation.same_person and r.separation.person == "p_vm1"
    by = {s.node: s for s in r.steps if s.kind == "act"}
    review, sign = by["art48_government_document.review_in_charge"], by["art48_government_document.sign"]
    assert review.person == sign.person == "p_vm1"
    assert review.via == () and sign.via == ("art9_executive_vice_mayor_acts_as_mayor",)
    assert review.start <= sign.start
    sd = r.as_dict()["steps"]
    signed = next(s for s in sd if s["step"] == "art48_government_document.sign")
    assert signed["performer"]["directly"] is False and signed["performer"]["via"][0]["articles"] == [9]


# -- timing -----------------------------------------------------------------------------------
def test_urgent_request_lead_time_is_missed_under_the_monthly_executive_meeting(loaded, findings) -> None:
    f = _f(findings, "timing.cadence", "art45_urgent_request_lead_time@major_request")
    r = replay(loaded, f)
    t = r.timing
    assert t is not None
    assert r.agrees and r.date_source == "counterexample"
    assert t.clock_starts.isoformat() == f.counterexample.dates["submitted"]
    assert t.due.isoformat() == f.counterexample.dates["decision_needed_by"]
    assert not t.on_time and t.late_by_working_days > 0 and t.happened is not None and t.happened > t.due
    assert t.meeting_decided is not None and t.meeting_decided[0] == "executive_meeting"


def test_ordinary_lead_time_depends_on_the_meeting_day(loaded, findings) -> None:
    """On the baseline's meeting day (10th working day) the request is in time: the two views
    disagree and the replay says why; on the counterexample's meeting date they agree."""
    f = _f(findings, "timing.cadence", "art45_request_lead_time@major_request")
    on_cadence = replay(loaded, f)
    assert not on_cadence.agrees and on_cadence.timing is not None and on_cadence.timing.on_time
    assert on_cadence.note is not None and "--meetings counterexample" in on_cadence.note.en
    worst = replay(loaded, f, meetings="counterexample")
    assert worst.agrees and worst.timing is not None and (worst.timing.late_by_working_days or 0) > 0
    assert worst.as_dict()["setup"]["meetings_from"] == "counterexample"
    sat = {m.meeting: m for m in worst.meetings}
    assert sat["executive_meeting"].sittings == (
        dt.date.fromisoformat(f.counterexample.dates["next_meeting"]),
    )
    as_json = {b["meeting"]: b for b in worst.as_dict()["setup"]["meetings"]}
    assert as_json["executive_meeting"]["sittings"] == [f.counterexample.dates["next_meeting"]]


def _moves_on(tmp_path_factory):
    reform = tmp_path_factory.mktemp("moves") / "moves.yaml"
    reform.write_text(
        "reform:\n  id: deadline_moves\n  title: {zh: 期限顺延, en: Deadlines move}\n"
        "  rationale: {zh: 解释, en: A reading}\n  amends: [43]\n"
        "  assumptions: {calendar_deadline_moves_past_holidays: true}\n",
        encoding="utf-8",
    )
    return load_scenario(reforms=[reform])


@pytest.mark.parametrize("moves", [False, True], ids=["literal", "deadline-moves"])
def test_calendar_days_limit_over_the_national_day(loaded, findings, moves, tmp_path_factory) -> None:
    """The verifier and the simulation end a calendar-day limit on the same day under both
    readings of ``calendar_deadline_moves_past_holidays`` (literal: the plain end of the
    period, e.g. Sunday 2017-10-15; moved: the next working day)."""
    from govmodel.verify import verify

    if moves:
        loaded = _moves_on(tmp_path_factory)
        found = verify(loaded.model, classes=["timing"]).findings
        findings = {(f.property, str(f.subject)): f for f in found}
    f = _f(findings, "timing.calendar_days", "art43_meeting_request_notice")
    r = replay(loaded, f)
    assert r.agrees
    assert r.timing is not None
    assert r.timing.clock_starts.isoformat() == f.counterexample.dates["start"]
    assert r.timing.due.isoformat() == f.counterexample.dates["deadline"]
    assert r.timing.working_days_inside == f.counterexample.dates["working_days"]
    assert r.as_dict()["timing"]["working_days_inside"] == f.counterexample.dates["working_days"]


# -- not replayable ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "prop", ["conflict.overlap", "unspecified.step", "separation.own_leave", "structure.role_held"]
)
def test_classes_that_cannot_be_replayed(loaded, findings, prop: str) -> None:
    f = next(x for (p, _), x in findings.items() if p == prop)
    with pytest.raises(NotReplayable) as exc:
        replay(loaded, f)
    assert "\n" not in str(exc.value) and f.fingerprint in str(exc.value)


# -- CLI --------------------------------------------------------------------------------------
def test_cli_text_agrees_exit_0(findings, capsys) -> None:
    fp = _f(findings, "coverage.step", "art48_government_document.sign").fingerprint
    assert main(["replay", fp[:10], "--class", "coverage"]) == 0
    out = capsys.readouterr().out
    assert "AGREES" in out and "一致" in out and "BLOCKED" in out and "受阻" in out
    assert "Leave outside Dalian" in out and "离连休假" in out and "art. 9" in out


def test_cli_json_separation(findings, capsys, tmp_path) -> None:
    fp = _f(
        findings,
        "separation.two_levels",
        "art48_government_document.review_in_charge > art48_government_document.sign",
    ).fingerprint
    out = tmp_path / "r.json"
    assert main(["replay", fp, "--class", "separation", "--format", "json", "--out", str(out)]) == 0
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["format"] == FORMAT and d["agrees"] and d["separation"]["person"] == "p_vm1"
    assert d["finding"]["fingerprint"] == fp


def test_cli_disagreement_exit_1(findings, capsys) -> None:
    fp = _f(findings, "timing.cadence", "art45_request_lead_time@major_request").fingerprint
    assert main(["replay", fp, "--class", "timing"]) == 1
    assert "DISAGREES" in capsys.readouterr().out
    assert main(["replay", fp, "--class", "timing", "--meetings", "counterexample"]) == 0


def test_cli_unreplayable_and_unknown_exit_2(findings, capsys) -> None:
    fp = next(
        x for (p, _), x in findings.items() if p == "conflict.overlap" and x.status == Status.violated
    ).fingerprint
    assert main(["replay", fp, "--class", "conflict"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be replayed" in err and "Traceback" not in err
    assert main(["replay", "ffffffffffffffff", "--class", "structure"]) == 2
    assert "no finding has fingerprint" in capsys.readouterr().err


def test_stopped_earlier_by_a_meeting_nobody_may_preside(loaded, findings) -> None:
    """The mayor on private leave: the verifier flags the signature of a government rule, but in
    a run the document already waits at the executive meeting, which nobody may preside over."""
    f = _f(findings, "coverage.step", "art47_sign_off.sign")
    r = replay(loaded, f)
    assert not r.agrees and r.outcome == "unfinished"
    wait = r.steps[-1]
    assert wait.kind == "waiting" and wait.node == "art17_rule_making.decide"
    assert "cannot sit" in wait.why.en and "preside" in wait.why.en and "art. 9" in wait.why.en
    assert r.note is not None and "earlier" in r.note.en
