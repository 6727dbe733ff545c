"""Procedure step DAGs on the Dalian model: conditions, alternatives in ``after``, chaining."""

from govmodel.graph import paths_to_issue, step_dag
from govmodel.model import load_model

M = load_model()


def _short(path):
    return [n.split(".")[1] for n in path]


def test_request_goes_through_the_general_office_unless_top_secret():
    ordinary = [_short(p) for p in paths_to_issue(M, "request")]
    assert ["draft", "sign", "submit", "route", "approve"] in ordinary
    direct = [_short(p) for p in paths_to_issue(M, "request", frozenset({"top_secret"}))]
    assert ["draft", "sign", "submit_direct", "approve"] in direct
    assert all("route" not in p for p in direct)


def test_special_urgency_implies_urgency():
    # art. 46's 及时签批 (an unquantified limit on the leader's sign-off) applies in every case
    limits = {tl.id for tl in M.time_limits_for("request", frozenset({"special_urgent"}))}
    assert limits == {"art45_special_urgent_request", "art46_prompt_sign_off"}
    assert {tl.id for tl in M.time_limits_for("request", frozenset())} == {
        "art45_request_lead_time",
        "art46_prompt_sign_off",
    }


def test_conditional_steps_appear_only_under_their_condition():
    assert "art44_department_submission.countersign" not in step_dag(M, "request")
    assert "art44_department_submission.countersign" in step_dag(
        M, "request", frozenset({"cross_department"})
    )


def test_procedures_of_a_type_are_chained_in_order():
    g = step_dag(M, "government_rule")
    order = list(g)
    assert order.index("art47_sign_off.sign") < order.index("art48_government_document.sign")
    assert g.has_edge("art47_sign_off.review", "art47_sign_off.sign")


def test_parallel_reviews_then_sign():
    g = step_dag(M, "government_document")
    assert set(g.predecessors("art48_government_document.sign")) == {
        "art48_government_document.review_sg",
        "art48_government_document.review_in_charge",
        "art48_government_document.review_related",
    }
