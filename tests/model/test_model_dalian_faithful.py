"""What issue #8 found missing or narrowed in the Dalian model, now encoded, and the forks of
reading as named assumptions (each with its article, default on the literal reading)."""

from __future__ import annotations

import pytest

from govmodel.graph.authority import Context, performers
from govmodel.graph.procedures import step_dag
from govmodel.model import Model, load_model


@pytest.fixture(scope="module")
def dalian() -> Model:
    return load_model()


def _nodes(model: Model, doc_type: str, conds: frozenset[str] = frozenset()) -> set[str]:
    return set(step_dag(model, doc_type, conds).nodes)


def test_art48_department_may_not_issue_without_agreement_or_when_needless(dalian: Model) -> None:
    assert "art48_department_document.issue" in _nodes(dalian, "department_document")
    for barred in ("not_agreed", "settled_by_law", "without_substance"):
        assert "art48_department_document.issue" not in _nodes(
            dalian, "department_document", frozenset({barred})
        )


def test_art48_no_forwarding_of_departmental_matters(dalian: Model) -> None:
    assert "art48_department_document.government_forwards" in _nodes(dalian, "department_document")
    assert "art48_department_document.government_forwards" not in _nodes(
        dalian, "department_document", frozenset({"within_department_competence"})
    )


def test_art48_no_needless_government_documents(dalian: Model) -> None:
    assert "art48_no_needless_documents.issue" in _nodes(dalian, "order")
    assert "art48_no_needless_documents.issue" not in _nodes(dalian, "order", frozenset({"settled_by_law"}))
    # a normative document is published by its own procedure, after the legality review
    assert "art48_no_needless_documents.issue" not in _nodes(dalian, "normative_document")


def test_art43_inviting_district_leaders_needs_the_mayors_consent(dalian: Model) -> None:
    assert "art43_department_citywide_meeting.consent" in _nodes(
        dalian, "department_citywide_meeting", frozenset({"invites_district_heads"})
    )
    assert "art43_department_citywide_meeting.consent" not in _nodes(dalian, "department_citywide_meeting")
    assert dalian.get("art43_department_citywide_meeting.consent").by == ("mayor",)


def test_art44_acting_signer_for_the_other_departments_of_a_joint_submission(dalian: Model) -> None:
    ctx = Context("education_bureau", frozenset({"finance_bureau"}))
    who = performers(
        dalian,
        ("related_department_heads",),
        "signs",
        "request",
        ctx,
        {"p_finance_bureau_head": "abroad_visit"},
    )
    assert [p.person for p in who] == ["p_finance_bureau_deputy"]  # his own department's, not the lead's


def test_art38_important_matters_to_higher_levels_go_to_the_executive_meeting(dalian: Model) -> None:
    assert "art38_important_matters_to_higher_levels.decide" in _nodes(
        dalian, "request_to_province", frozenset({"important_matter"})
    )
    assert "art38_important_matters_to_higher_levels.decide" not in _nodes(dalian, "request_to_province")


def test_art47_bill_is_wider_than_a_draft_local_regulation(dalian: Model) -> None:
    bill = {p.id for p in dalian.procedures_for("bill")}
    draft = {p.id for p in dalian.procedures_for("draft_local_regulation")}
    assert "art47_sign_off" in bill and "art17_rule_making" not in bill
    assert {"art47_sign_off", "art17_rule_making"} <= draft


@pytest.mark.parametrize(
    ("name", "default", "articles"),
    [
        ("art43_art51_days_are_calendar_days", True, {43, 51}),
        ("calendar_deadline_moves_past_holidays", False, {43, 51}),
        ("art51_in_principle_is_soft", True, {51}),
        ("art43_finalization_replaces_art46_approval", False, {43, 46}),
        ("art47_chain_replaces_art48_review", False, {47, 48}),
        ("vice_mayor_in_charge_means_leader_in_charge", False, {43, 47, 48}),
        ("art44_related_department_heads_any_responsible_person", True, {44}),
        ("art44_acting_head_for_signing_only", True, {44}),
        ("art38_monthly_meeting_any_working_day", True, {38}),
    ],
)
def test_forks_are_named_assumptions_on_the_literal_reading(
    dalian: Model, name: str, default: bool, articles: set[int]
) -> None:
    a = next(a for a in dalian.assumptions if a.id == name)
    assert a.default is default and articles <= set(a.articles)


def test_specific_rule_replacing_the_general_one(dalian: Model) -> None:
    assert "art46_routing_and_approval" in {p.id for p in dalian.procedures_for("national_meeting_request")}
    replaced = dalian.with_assumptions({"art43_finalization_replaces_art46_approval": True})
    assert "art46_routing_and_approval" not in {
        p.id for p in replaced.procedures_for("national_meeting_request")
    }
    assert "art46_routing_and_approval" in {p.id for p in replaced.procedures_for("request")}
    assert "art48_government_document" in {p.id for p in dalian.procedures_for("order")}
    replaced = dalian.with_assumptions({"art47_chain_replaces_art48_review": True})
    assert "art48_government_document" not in {p.id for p in replaced.procedures_for("order")}
    assert "art48_government_document" in {p.id for p in replaced.procedures_for("normative_document")}


def test_days_as_working_days(dalian: Model) -> None:
    units = {tl.id: str(tl.duration.unit) for tl in dalian.time_limits if tl.duration}
    assert units["art51_instruction_report_deadline"] == "calendar_days"
    other = dalian.with_assumptions({"art43_art51_days_are_calendar_days": False})
    units = {tl.id: str(tl.duration.unit) for tl in other.time_limits if tl.duration}
    assert units["art51_instruction_report_deadline_working_days"] == "working_days"
    assert "art51_instruction_report_deadline" not in units


def test_vice_mayor_in_charge_read_as_leader_in_charge(dalian: Model) -> None:
    read = dalian.with_assumptions({"vice_mayor_in_charge_means_leader_in_charge": True})
    assert "art47_sign_off.review_leader" in _nodes(read, "order")
    assert "art47_sign_off.review" not in _nodes(read, "order")
    assert "art47_sign_off.review" in _nodes(dalian, "order")
