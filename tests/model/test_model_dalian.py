"""The bundled Dalian model: loads, accounts for all 67 articles, keeps the text's
distinctions (art. 9's two absence reasons, working vs calendar days)."""

from govmodel.model import load_model
from govmodel.model.model import split_articles
from govmodel.report.coverage import coverage


def test_every_article_is_accounted_for():
    model = load_model()
    rows = coverage(model)["articles"]
    assert [r["article"] for r in rows] == list(range(1, 68))
    assert all(r["status"] in ("encoded", "non_operational") for r in rows)
    for r in rows:
        if r["status"] == "non_operational":
            assert r["reason"]["zh"] and r["reason"]["en"]
        else:
            assert r["elements"]


def test_operational_articles_named_by_the_issue_are_encoded():
    cited = load_model().citations()
    for article in (6, 7, 9, 10, 17, 18, 19, 21, 22, 23, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44,
                    45, 46, 47, 48, 49, 50, 51, 54):
        assert article in cited, article


def test_article_9_names_exactly_two_absence_reasons():
    rule = load_model().get("art9_executive_vice_mayor_acts_as_mayor")
    assert set(rule.when_absent_for) == {"abroad_visit", "out_of_city_official"}
    assert rule.articles == (9,)


def test_units_are_kept_apart():
    m = load_model()
    units = {tl.id: tl.duration.unit for tl in m.time_limits if tl.duration}
    assert units["art45_request_lead_time"] == "working_days"
    assert units["art51_instruction_report_deadline"] == "calendar_days"
    assert units["art43_meeting_request_notice"] == "calendar_days"
    assert units["art43_national_meeting_notice"] == "months"


def test_assumptions_switch_elements():
    m = load_model()
    assert m.get("art44_acting_head_signs_instruction_reports") is None
    on = m.with_assumptions({"art44_deputy_extends_to_instruction_reports": True})
    assert on.get("art44_acting_head_signs_instruction_reports") is not None
    assert "government_document" not in m.with_assumptions({"art47_documents_are_government_documents": False}).supertypes("government_rule")


def test_source_text_splits_into_67_articles():
    m = load_model()
    texts = split_articles((m.folder / m.ruleset.source).read_text(encoding="utf-8"))
    assert sorted(texts) == list(range(1, 68))
    assert "出国访问和出市执行公务期间" in texts[9]
    assert "(四)" in texts[36]  # continuation lines stay with their article
