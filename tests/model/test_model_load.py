"""Loader: the good minimal model loads; each bad fixture (named by its defect) gives exactly
the expected messages with file:line:col, exit code 2 and no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.errors import ModelError
from govmodel.model import load_model
from govmodel.model.articles import chinese_number, split_articles

HERE = Path(__file__).parent
GOOD = HERE / "good" / "minimal"
BAD = sorted(p for p in (HERE / "bad").iterdir() if p.is_dir())


def _overlay(tmp_path: Path, fixture: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(GOOD, target)
    for f in fixture.iterdir():
        if f.name != "expected.txt":  # model files, and the rules' text (source.zh.txt)
            shutil.copy(f, target / f.name)
    return target


def test_good_minimal_model_loads():
    m = load_model(GOOD)
    assert m.ruleset.id == "minimal"
    assert {r.id for r in m.roles} == {"mayor", "vice_mayor", "executive_vice_mayor", "department_head"}
    step = m.get("art3_request.sign")
    where = m.where(step)
    assert where is not None and where.file.endswith("rules.yaml") and (where.line, where.col) == (31, 9)
    assert m.article_text(2).startswith("二、")


@pytest.mark.parametrize("fixture", BAD, ids=[p.name for p in BAD])
def test_bad_fixture_reports_each_problem(fixture: Path, tmp_path: Path, capsys):
    model = _overlay(tmp_path, fixture)
    with pytest.raises(ModelError) as info:
        load_model(model)
    messages = [str(p) for p in info.value.problems]
    expected = [line for line in (fixture / "expected.txt").read_text(encoding="utf-8").splitlines() if line]
    for want in expected:
        assert any(want in m for m in messages), f"{want!r} not in {messages}"
    assert len(messages) == len(expected), messages
    assert main(["coverage", str(model)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("error: ") == len(expected)


def test_all_problems_found_in_one_pass(tmp_path: Path):
    model = _overlay(tmp_path, BAD[0])
    for fixture in BAD:
        if fixture.name in ("wrong-unit", "duplicate-key"):
            for f in fixture.glob("*.yaml"):
                shutil.copy(f, model / f.name)
    with pytest.raises(ModelError) as info:
        load_model(model)
    text = str(info.value)
    assert "duplicate key 'label'" in text and "found 'workdays'" in text


def test_missing_folder_is_an_input_error(tmp_path: Path, capsys):
    assert main(["coverage", str(tmp_path / "nope")]) == 2
    assert "not a folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    "numeral, number", [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("六十七", 67), ("九十九", 99)]
)
def test_chinese_numbers_of_article_headings(numeral: str, number: int):
    assert chinese_number(numeral) == number


@pytest.mark.parametrize("numeral", ["一一", "十十", "二十十", "一二三", ""])
def test_a_numeral_that_is_not_a_number_is_a_value_error_and_not_a_heading(numeral: str):
    with pytest.raises(ValueError):
        chinese_number(numeral)
    assert split_articles(f"一、甲\n{numeral}、乙\n") == {1: f"一、甲\n{numeral}、乙"}


def test_a_deleted_file_is_named_missing_without_knock_on_errors(tmp_path: Path, capsys):
    model = tmp_path / "model"
    shutil.copytree(GOOD, model)
    (model / "roles.yaml").unlink()
    with pytest.raises(ModelError) as info:
        load_model(model)
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == 1, messages  # not one per reference to a role
    assert "file missing: roles.yaml" in messages[0] and "no file defines any roles" in messages[0]
    assert main(["check", str(model)]) == 2
    assert capsys.readouterr().err.count("error: ") == 1


def test_a_deleted_file_of_the_dalian_model_is_one_message(tmp_path: Path):
    from govmodel.model import bundled_model_path

    model = tmp_path / "model"
    shutil.copytree(bundled_model_path(), model)
    (model / "roles.yaml").unlink()
    with pytest.raises(ModelError) as info:
        load_model(model)
    assert len(info.value.problems) == 1 and "file missing: roles.yaml" in str(info.value.problems[0])


def test_a_meaning_needs_the_scope_it_is_relative_to(tmp_path: Path):
    folder = tmp_path / "model"
    shutil.copytree(GOOD, folder)
    roles = folder / "roles.yaml"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace("meaning: head_of_department", "meaning: presiding_leader"),
        encoding="utf-8",
    )
    with pytest.raises(ModelError) as info:
        load_model(folder)
    (problem,) = info.value.problems
    assert "meaning 'presiding_leader' with scope 'department'" in str(problem) and "scope: meeting" in str(
        problem
    )


def test_a_leave_situation_is_declared_by_the_model(tmp_path: Path):
    folder = tmp_path / "model"
    shutil.copytree(GOOD, folder)
    situations = folder / "situations.yaml"
    situations.write_text(
        situations.read_text(encoding="utf-8").replace("id: leaving_city", "id: leaving_town"),
        encoding="utf-8",
    )
    with pytest.raises(ModelError) as info:
        load_model(folder)
    (problem,) = info.value.problems
    assert "situation: unknown leave situation 'leaving_city'" in str(problem) and "leaving_town" in str(
        problem
    )


def _with_conditions(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "model"
    shutil.copytree(GOOD, folder)
    (folder / "conditions.yaml").write_text(text, encoding="utf-8")
    return folder


_EITHER = """conditions:
  - {id: urgent, label: {zh: 紧急, en: Urgent}, articles: [3]}
  - {id: major, label: {zh: 重大, en: Major}, articles: [3]}
  - {id: secret, label: {zh: 涉密, en: Secret}, articles: [3]}
  - {id: urgent_or_major, label: {zh: 紧急或重大, en: Urgent or major}, articles: [3], \
any_of: [urgent, major]}
  - {id: major_and_secret, label: {zh: 重大且涉密, en: Major and secret}, articles: [3], \
all_of: [major, secret]}
"""


def test_any_of_and_all_of_conditions_hold_by_their_components(tmp_path: Path):
    m = load_model(_with_conditions(tmp_path, _EITHER))
    assert "urgent_or_major" in m.close_conditions({"urgent"}) and "urgent_or_major" in m.close_conditions(
        {"major"}
    )
    assert "urgent_or_major" not in m.close_conditions({"secret"})
    assert "major_and_secret" not in m.close_conditions({"major"})
    assert "major_and_secret" in m.close_conditions({"major", "secret"})
    # a scenario chooses the components, never the derived condition on its own
    assert m.base_conditions(("urgent_or_major", "secret")) == ("urgent", "major", "secret")


def test_a_condition_derived_from_itself_or_from_both_kinds_is_refused(tmp_path: Path):
    bad = _EITHER.replace("any_of: [urgent, major]}", "any_of: [urgent, major_and_secret]}").replace(
        "all_of: [major, secret]}", "all_of: [major, urgent_or_major], any_of: [secret]}"
    )
    with pytest.raises(ModelError) as info:
        load_model(_with_conditions(tmp_path, bad))
    text = str(info.value)
    assert (
        "major_and_secret: both any_of and all_of" in text and "urgent_or_major: derived from itself" in text
    )
