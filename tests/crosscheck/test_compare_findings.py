"""Findings paired across a reform (issue #8): a reform that changes who acts can merge or split
the classes of contexts a coverage property is checked over (``subject@class``); the merged or
split subject is the same property, compared, never counted as a gap opened or gone."""

from __future__ import annotations

from govmodel.crosscheck.assess import compare_findings
from govmodel.findings import Finding, Results, Status
from govmodel.refs import Label


def _f(subject: str, status: Status) -> Finding:
    return Finding("coverage.step", "coverage", subject, status, Label("", ""), Label("", ""), (47,))


def _results(*found: Finding) -> Results:
    return Results("m", ".", (), tuple(found), {})


def _changes(before: Results, after: Results) -> dict[str, str]:
    return {c.key: c.change for c in compare_findings(before, after)}


def test_a_merged_class_that_is_still_violated_is_neither_opened_nor_gone() -> None:
    before = _results(
        _f("review@audit_bureau", Status.violated), _f("review@commerce_bureau", Status.violated)
    )
    after = _results(_f("review", Status.violated))
    assert _changes(before, after) == {
        "coverage.step:review@audit_bureau": "still_violated",
        "coverage.step:review@commerce_bureau": "still_violated",
    }


def test_a_merged_class_that_holds_closes_each_class() -> None:
    before = _results(_f("review@audit_bureau", Status.violated), _f("review@commerce_bureau", Status.holds))
    after = _results(_f("review", Status.holds))
    assert _changes(before, after) == {
        "coverage.step:review@audit_bureau": "closed",
        "coverage.step:review@commerce_bureau": "still_holds",
    }


def test_a_split_property_pairs_with_the_worst_of_its_classes() -> None:
    before = _results(_f("review", Status.holds))
    after = _results(_f("review@audit_bureau", Status.violated), _f("review@commerce_bureau", Status.holds))
    assert _changes(before, after) == {"coverage.step:review": "opened"}


def test_unrelated_subjects_are_still_opened_and_gone() -> None:
    before = _results(_f("sign", Status.violated))
    after = _results(_f("approve", Status.violated))
    assert _changes(before, after) == {"coverage.step:sign": "gone", "coverage.step:approve": "opened"}
