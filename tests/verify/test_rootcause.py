"""Severity, portfolio classes, root causes and suggested amendments (issue #8 items 1, 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.findings import Status
from govmodel.model import load_model
from govmodel.verify import Bounds, verify

HERE = Path(__file__).parent
NO_SIGNER = HERE / "bad" / "no-signer-when-absent"


@pytest.fixture(scope="module")
def dalian_results(dalian):
    return verify(dalian, Bounds())


def _by_subject(results, prefix: str):
    return {
        str(f.subject): f
        for f in results.findings
        if f.subject.relation is None and f.subject.element == prefix
    }


def test_a_structural_gap_in_one_department_does_not_hide_a_single_absence_elsewhere(dalian_results) -> None:
    # the audit bureau has no vice mayor in charge (art. 10): resilience 0 there; every other
    # department's vice mayor stops its art. 47/48 review by one absence, reported on its own
    for step in ("art47_sign_off.review", "art48_government_document.review_in_charge"):
        found = _by_subject(dalian_results, step)
        assert len(found) == 2, sorted(found)
        audit = found[f"{step}@audit_bureau"]
        other = next(f for s, f in found.items() if s != f"{step}@audit_bureau")
        assert (audit.resilience, audit.severity) == (0, "critical")
        assert (other.resilience, other.severity) == (1, "high")
        assert other.counterexample.absent[0].roles[0] == "vice_mayor"
        assert other.cause.id == "stand_in:vice_mayor_in_charge"
        assert audit.cause.id == "unheld:vice_mayor_in_charge"


def test_every_violation_has_a_resilience_and_a_severity_derived_from_it(dalian_results) -> None:
    for f in dalian_results.with_status(Status.violated):
        r = f.resilience
        assert r is not None and f.severity == ("critical", "high", "medium", "low")[min(r, 3)]


def test_dalian_root_causes_are_distinct_cover_every_violation_and_lead_with_the_most_severe(
    dalian_results,
) -> None:
    rcs = dalian_results.root_causes
    assert 20 <= len(rcs) <= 30
    ids = [rc.id for rc in rcs]
    assert len(set(ids)) == len(ids)
    grouped = [f.fingerprint for rc in rcs for f in rc.findings]
    assert sorted(grouped) == sorted(f.fingerprint for f in dalian_results.with_status(Status.violated))
    ranks = [rc.severity.rank for rc in rcs]
    assert ranks == sorted(ranks)
    for expected in (
        "reasons:art9_executive_vice_mayor_acts_as_mayor",
        "stand_in:secretary_general",
        "unheld:vice_mayor_in_charge",
        "stand_in:party_group_secretary",
        "cadence:executive_meeting",
    ):
        assert expected in ids
    art9 = next(rc for rc in rcs if rc.id == "reasons:art9_executive_vice_mayor_acts_as_mayor")
    assert (
        art9.articles == (9,)
        and art9.amendment["change"][0]["id"] == "art9_executive_vice_mayor_acts_as_mayor"
    )
    assert "leave_city_private" in art9.amendment["change"][0]["set"]["when_absent_for"]


def test_root_cause_summaries_name_leave_situations_by_label_not_id(dalian, dalian_results) -> None:
    rc = next(rc for rc in dalian_results.root_causes if rc.id == "no_approver:leaving_city")
    assert "离开本市" in rc.summary.zh and "leaving the city" in rc.summary.en
    for rc in dalian_results.root_causes:
        for situation in dalian.leave_situations:
            assert f"({situation.id})" not in rc.summary.zh + rc.summary.en


def test_check_text_leads_with_root_causes_and_json_lists_them(tmp_path: Path, capsys) -> None:
    assert main(["check", str(NO_SIGNER)]) == 1
    text = capsys.readouterr().out.splitlines()
    assert text[2].startswith("根本原因 Root causes: 2")
    assert "reasons:art2_deputy_acts_for_director" in text[3]
    out = tmp_path / "r.json"
    assert main(["check", str(NO_SIGNER), "--format", "json", "--out", str(out)]) == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == "1.2"
    rc = data["root_causes"][0]
    assert set(rc) >= {"id", "articles", "summary", "severity", "findings", "amendment"}
    assert rc["severity"] == "high" and rc["summary"]["zh"] and rc["summary"]["en"]
    by_fp = {r["fingerprint"]: r for r in data["results"]}
    assert all(by_fp[fp]["root_cause"] == rc["id"] for fp in rc["findings"])


def test_min_severity_filters_the_report_and_the_exit_code(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert (
        main(["check", str(NO_SIGNER), "--format", "json", "--min-severity", "critical", "--out", str(out)])
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["violated"] == 0 and data["root_causes"] == []
    assert (
        main(["check", str(NO_SIGNER), "--format", "json", "--min-severity", "medium", "--out", str(out)])
        == 1
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {r["severity"] for r in data["results"] if r["status"] == "violated"} == {"high", "medium"}


def test_suggest_writes_an_overlay_that_reform_judges_as_claimed(tmp_path: Path) -> None:
    from govmodel.crosscheck.assess import compare_findings
    from govmodel.model import apply_reform, load_model, load_reform
    from govmodel.verify import Bounds

    out = tmp_path / "suggested.yaml"
    assert main(["suggest", "reasons:art2", str(NO_SIGNER), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 修订建议") and "reform:" in text and "sick" in text
    # what govmodel reform's verification view judges (its simulation needs the Dalian scenario)
    model = load_model(NO_SIGNER)
    reform = load_reform(out)
    changes = {
        c.key: c.change
        for c in compare_findings(
            verify(model, Bounds(k=1)), verify(apply_reform(model, reform), Bounds(k=1))
        )
    }
    assert reform.closes and all(changes[k] == "closed" for k in reform.closes)
    assert "opened" not in changes.values()


def test_suggest_refuses_an_unknown_root_cause(capsys) -> None:
    assert main(["suggest", "no_such_cause", str(NO_SIGNER)]) == 2
    assert "ROOT_CAUSE_ID" in capsys.readouterr().err


def test_a_lead_time_no_cadence_can_serve_is_its_own_root_cause_and_suggest_says_why(capsys) -> None:
    # 5 working days ahead: even a weekly meeting (on any working day of its week) may be 9
    # working days away, so no cadence of the vocabulary closes it: not a cadence root cause
    slow = HERE / "bad" / "meeting-cadence-too-slow"
    results = verify(load_model(slow), Bounds(k=1))
    ids = [rc.id for rc in results.root_causes]
    assert "lead_time:art5_lead_time" in ids and not any(i.startswith("cadence:") for i in ids)
    assert main(["suggest", "lead_time:art5_lead_time", str(slow)]) == 1
    err = capsys.readouterr().err
    assert "改革文件无法消除" in err and "no reform overlay can close" in err and "ad hoc" in err


def test_combine_does_what_both_overlays_do() -> None:
    from govmodel.crosscheck.suggest import combine

    a = {
        "id": "x",
        "title": {"zh": "甲", "en": "A"},
        "amends": [9],
        "change": [{"id": "r", "set": {"acts": "all"}}],
    }
    b = {
        "id": "y",
        "title": {"zh": "乙", "en": "B"},
        "amends": [7],
        "change": [{"id": "r", "set": {"acts": "all"}}],
        "add": {"deputy_rules": [{"id": "d"}]},
    }
    both = combine(a, b)
    assert (
        both["id"] == "x"
        and both["title"] == {"zh": "甲；并且乙", "en": "A; and B"}
        and both["amends"] == [7, 9]
    )
    assert both["change"] == a["change"] and both["add"] == {"deputy_rules": [{"id": "d"}]}


@pytest.mark.slow
def test_every_dalian_root_cause_an_overlay_can_close_gets_a_suggestion_judged_as_claimed(
    dalian, dalian_results, tmp_path: Path
) -> None:
    """Every root cause with a candidate gets an overlay that ``reform --no-sim`` judges
    ``as_claimed``; the others are the kinds an overlay cannot close (each says why). One
    verification of the model per ``k`` is shared by every root cause."""
    from govmodel.crosscheck.assess import assess_reform
    from govmodel.crosscheck.suggest import suggest
    from govmodel.verify.amendments import reform_yaml

    before: dict = {}
    judged = {}
    for rc in dalian_results.root_causes:
        s = suggest(dalian, dalian_results, rc.id, before=before)
        judged[rc.id] = s.verdict
        if rc.amendment is None:
            assert s.overlay is None and s.verdict == "none" and rc.note is not None, rc.id
            assert rc.kind in NOT_BY_OVERLAY, rc.id
            continue
        assert s.verdict == "as_claimed", (rc.id, s.verdict)
        path = tmp_path / f"{rc.id.replace(':', '_')}.yaml"
        path.write_text(reform_yaml(s.overlay, rc), encoding="utf-8")
        a = assess_reform(path, dalian, bounds=Bounds(k=s.k), simulate=False, before_results=before.get(s.k))
        assert a.verdict == "as_claimed", rc.id
        change = {c.key: c.change for c in a.findings}
        mine = [change.get(f"{f.property}:{f.subject}") for f in rc.findings]
        # closed, or gone (an act nobody performed now has an actor: the question is answered)
        assert set(mine) <= {"closed", "gone", "still_holds"} and {"closed", "gone"} & set(mine), (
            rc.id,
            mine,
        )
    print(judged)
    assert sum(v == "as_claimed" for v in judged.values()) >= 20, judged


# Root-cause kinds no overlay of the model's vocabulary closes faithfully (see the notes of
# verify/amendments.py's amendment()): each root cause of these kinds says why.
NOT_BY_OVERLAY = {
    "recusal",
    "conflict",
    "calendar",
    "two_limits",
    "vague_limit",
    "no_approver",
    "lead_time",
    "nobody_named",
    "other",
}


@pytest.mark.parametrize(
    ("fixture", "root", "k"),
    [
        ("entrustment-limited-to-one-meeting", "not_entrusted:art3_mayor_entrusts_executive_vice_mayor", 1),
        ("quorum-broken-by-two-absences", "quorum:executive_meeting", 2),
    ],
)
def test_meeting_root_causes_get_a_candidate_the_verifier_judges_as_claimed(fixture, root, k) -> None:
    from govmodel.crosscheck.suggest import suggest

    model = load_model(HERE / "bad" / fixture)
    results = verify(model, Bounds(k=k))
    s = suggest(model, results, root)
    assert s.verdict == "as_claimed" and s.overlay is not None, (root, s.verdict)
    if root.startswith("not_entrusted"):
        # the entrustment's deputy stands in of right, for the same acts and meeting only
        (rule,) = s.overlay["add"]["deputy_rules"]
        assert (rule["kind"], rule["principal"], rule["deputy"]) == (
            "acts_for",
            "mayor",
            "executive_vice_mayor",
        )
        assert rule["acts"] == ["convenes", "presides"] and rule["meetings"] == ["executive_meeting"]
    else:
        # the smallest step first: 半数以上 with the number itself (2 of 4, not 3)
        (change,) = s.overlay["change"]
        assert change["id"] == "executive_meeting"
        assert change["set"]["quorum"][0]["bound"] == "at_least"
        assert change["set"]["quorum"][0]["share"] == "1/2"
        assert "threshold itself" in s.overlay["rationale"]["en"]
