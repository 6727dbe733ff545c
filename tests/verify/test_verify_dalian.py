"""The real gaps of the Dalian rules (bundled model, default assumptions) and what they do
guarantee: a regression net for the findings the analysis note reports."""

from __future__ import annotations

import pytest

from govmodel.findings import Results
from govmodel.model import Model
from govmodel.verify import Bounds, verify

pytestmark = pytest.mark.slow  # whole-model verification


@pytest.fixture(scope="module")
def results(dalian: Model) -> Results:
    return verify(dalian, Bounds())


def _get(results: Results, prop: str, subject: str):
    return next(f for f in results.findings if f.property == prop and str(f.subject) == subject)


def test_no_unknowns(results: Results) -> None:
    assert not [str(f.subject) for f in results.findings if f.status == "unknown"]


def test_acting_mayor_approves_his_own_leave(results: Results) -> None:
    f = _get(results, "separation.own_leave", "art54_vice_mayor_and_secretary_general_leave")
    assert f.status == "violated"
    assert [(a.person, a.reason) for a in f.counterexample.absent] in (
        [("p_mayor", "abroad_visit")],
        [("p_mayor", "out_of_city_official")],
    )
    assert {9, 54} <= set(f.articles)


def test_nobody_grants_the_mayors_leave(results: Results) -> None:
    assert _get(results, "unspecified.leave", "leaving_city:mayor").status == "violated"


def test_audit_bureau_has_no_vice_mayor_in_charge(results: Results) -> None:
    f = _get(results, "unspecified.role", "vice_mayor_in_charge")
    assert f.status == "violated" and "audit_bureau" in f.counterexample.cast["departments"]


def test_mayor_signature_breaks_with_one_absence_art9_names_two_reasons(results: Results) -> None:
    f = _get(results, "coverage.step", "art47_sign_off.sign")
    assert f.status == "violated" and f.bounds["resilience"] == 1
    assert f.counterexample.absent[0].reason not in ("abroad_visit", "out_of_city_official")


def test_legality_review_precedes_publishing_normative_documents(results: Results) -> None:
    f = _get(results, "mandatory.ordering", "art48_legality_review_before_issue@normative_document")
    assert f.status == "holds"


def test_no_deputy_cycles(results: Results) -> None:
    assert _get(results, "structure.deputy_cycles", "deputy_rules").status == "holds"


def test_calendar_days_shrink_over_holidays(results: Results) -> None:
    f = _get(
        results, "timing.calendar_days", "art43_meeting_request_notice"
    )  # art. 51 is 原则上 (soft) by default
    assert f.status == "violated"
    assert f.bounds["fewest_working_days"] < f.bounds["fewest_without_holidays"]
    assert f.counterexample.dates["holidays"]


def test_monthly_meeting_cannot_meet_the_lead_time(results: Results) -> None:
    found = [f for f in results.findings if f.property == "timing.cadence"]
    assert found and all(f.status == "violated" for f in found)
    assert all(f.bounds["worst_wait_working_days"] > 10 for f in found)


def test_two_limits_on_one_meeting_request_flip_on_the_calendar(results: Results) -> None:
    """Art. 43's 15 calendar days and art. 45's 10 working days bind one meeting request: which
    is stricter depends on the date (the holiday calendar), and the result gives a date for each."""
    f = _get(results, "timing.two_limits", "art43_meeting_request_notice ~ art45_request_lead_time")
    assert f.status == "violated"
    d = f.counterexample.dates
    assert d["a_stricter_from"] != d["b_stricter_from"] and d["a_stricter_from"] >= "2014-06-28"
    # a month always asks more than 10 working days: it alone binds
    assert (
        _get(results, "timing.two_limits", "art43_national_meeting_notice ~ art45_request_lead_time").status
        == "holds"
    )


def test_the_government_decides_under_a_vague_limit_only(results: Results) -> None:
    f = _get(results, "timing.vague_limit", "art45_request_lead_time@request")
    assert f.status == "violated" and "art46_prompt_sign_off" in f.elements
    assert "及时" in f.message.zh or "Leaders sign off documents promptly" in f.message.en
