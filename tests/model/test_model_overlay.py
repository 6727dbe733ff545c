"""Reform overlays: a patch yields a new model, the old one is untouched, and a bad patch
reports each problem at the reform file's line."""

from pathlib import Path

import pytest

from govmodel.errors import ModelError, ScenarioError
from govmodel.graph import performers
from govmodel.model import apply_reform, load_model, load_reform

HERE = Path(__file__).parent
MINIMAL = HERE / "good" / "minimal"


def test_change_produces_a_new_model():
    base = load_model(MINIMAL)
    new = apply_reform(base, load_reform(HERE / "reforms" / "good-second-deputy.yaml"))
    assert new.name == "minimal+second_deputy"
    absent = {"p_mayor": "leave_city_private"}
    assert performers(base, ["mayor"], "approves", "request", absent=absent) == ()
    (p,) = performers(new, ["mayor"], "approves", "request", absent=absent)
    assert p.person == "p_vm1"
    where = new.where(new.get("art2_acting_mayor"))
    assert where is not None and where.file.endswith("good-second-deputy.yaml")


def test_bad_reform_reports_every_problem_with_lines():
    base = load_model(MINIMAL)
    with pytest.raises(ModelError) as info:
        apply_reform(base, load_reform(HERE / "reforms" / "bad-unknown-ids.yaml"))
    text = [str(p) for p in info.value.problems]
    assert any(
        "bad-unknown-ids.yaml:6:3: remove: no deputy_rules element 'art2_acting_mayr'" in m
        and "did you mean 'art2_acting_mayor'" in m
        for m in text
    ), text
    assert any(
        "bad-unknown-ids.yaml:11:7: change: DeputyRule has no field 'whne_absent_for'" in m for m in text
    ), text
    assert len(text) == 2  # the unknown role in `by` is caught by the cross-check once these are fixed


def test_reform_whose_top_level_is_a_scalar_is_refused_with_a_position():
    with pytest.raises(ScenarioError) as info:
        load_reform(HERE / "reforms" / "bad-top-level-scalar.yaml")
    (problem,) = info.value.problems
    assert str(problem).startswith(
        f"{HERE / 'reforms' / 'bad-top-level-scalar.yaml'}:1:1: not a reform file: the file holds a text"
    )  # never its content (issue #15)


def test_a_mapping_where_a_list_belongs_is_described_not_printed():
    base = load_model()  # the bundled Dalian model
    with pytest.raises(ModelError) as info:
        apply_reform(base, load_reform(HERE / "reforms" / "bad-change-set-mapping.yaml"))
    (problem,) = info.value.problems
    assert str(problem).endswith(
        "bad-change-set-mapping.yaml:8:7: change when_absent_for: found a mapping;"
        " Input should be a valid tuple"
    )
    assert "SourceRef" not in str(problem) and "pos" not in str(problem)


def test_amends_is_checked_against_the_articles_of_the_rules():
    # issue #15: `amends: [9999]` was accepted without looking at the ruleset
    with pytest.raises(ModelError) as info:
        apply_reform(load_model(MINIMAL), load_reform(HERE / "reforms" / "bad-amends-unknown-article.yaml"))
    (problem,) = info.value.problems
    assert str(problem).endswith(
        "bad-amends-unknown-article.yaml:5:3: amends: article 9999; an article of minimal (1 to 5)"
    ), problem


def test_an_empty_reform_says_it_is_empty():
    with pytest.raises(ScenarioError) as info:
        load_reform(HERE / "reforms" / "bad-empty.yaml")
    (problem,) = info.value.problems
    assert "bad-empty.yaml:1:1: the file is empty" in str(problem)
