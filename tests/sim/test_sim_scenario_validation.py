"""Scenario files are validated at the boundary: one message per problem, with position,
what was found and what was expected (exit code 2 through the CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.errors import ScenarioError
from govmodel.sim import load_scenario

HERE = Path(__file__).parent
BAD = HERE / "bad"

# fixture → (line, text every message list must contain)
EXPECTED = {
    "unknown-key": (3, "unknown key 'arivals'; did you mean 'arrivals'?"),
    "wrong-unit": (6, "unit: found 'working_days'; input should be 'hours'"),
    "wrong-rate-unit": (4, "per: found 'calendar_day'"),
    "unknown-absence-reason": (8, "unknown absence reason 'abroad_visits'; did you mean 'abroad_visit'?"),
    "unknown-document-type": (
        4,
        "unknown document type 'goverment_document'; did you mean 'government_document'?",
    ),
    "unknown-person": (8, "unknown person 'p_mayr'; did you mean 'p_mayor'?"),
    "unknown-department": (4, "unknown department 'finance_bureu'; did you mean 'finance_bureau'?"),
    "unknown-step": (
        7,
        "unknown step 'art48_government_document.sing'; did you mean 'art48_government_document.sign'?",
    ),
    "unknown-meeting": (7, "unknown meeting 'executive_meting'; did you mean 'executive_meeting'?"),
    "unknown-condition": (4, "unknown condition 'cross_departments'; did you mean 'cross_department'?"),
    "unknown-assumption": (2, "did you mean 'art9_acting_mayor_includes_party_group_secretary'?"),
    "missing-key": (1, "missing key 'horizon'"),
    "distribution-parameters": (6, "lognormal takes mean, sd; missing sd"),
    "probability-out-of-range": (4, "cross_department: found 1.5"),
    "horizon-two-stops": (2, "give exactly one of end, length, documents"),
    "duplicate-key": (4, "duplicate key 'seed'"),
    "yaml-syntax": (2, "invalid YAML"),
    "unknown-year": (2, "the holidays of 2031 are not known"),
    "top-level-scalar": (1, "not a scenario: the file holds a text"),
    "day-starts-out-of-range": (
        2,
        "day_starts: found '25:99'; expected a time of day HH:MM between 00:00 and 23:59",
    ),
    "hours-per-day-over-24": (2, "hours_per_day: found 30; a number at most 24"),
    "empty": (1, "the file is empty"),
    "comment-only": (1, "the file is empty"),
    "bare-document-marker": (1, "the file is empty"),
    "list-where-mapping": (2, "scenario: found a list of 1 item; a mapping of key: value pairs"),
}


def test_every_bad_fixture_has_an_expectation() -> None:
    assert {p.stem for p in BAD.glob("*.yaml")} == set(EXPECTED) | {
        "several-problems",
        "run-reaches-unknown-year",
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_reports_position_and_fix(name: str) -> None:
    line, text = EXPECTED[name]
    with pytest.raises(ScenarioError) as info:
        load_scenario(BAD / f"{name}.yaml")
    messages = [str(p) for p in info.value.problems]
    hits = [m for m in messages if text in m]
    assert hits, messages
    assert any(f"{name}.yaml:{line}:" in m for m in hits), hits


def test_several_problems_are_reported_in_one_pass() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario(BAD / "several-problems.yaml")
    found = [p.found for p in info.value.problems]
    assert len(found) == 3
    assert any("goverment_document" in f for f in found)
    assert any("p_mayr" in f for f in found)
    assert any("abroad_visits" in f for f in found)


def test_cli_exits_2_with_one_line_per_problem(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(BAD / "several-problems.yaml")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line.startswith("error: ") for line in err)


def test_bundled_scenarios_load() -> None:
    base = load_scenario()
    assert base.name == "baseline"
    assert base.model.ruleset.id == "dalian-2014"
    tandem = load_scenario(HERE.parents[1] / "scenarios" / "tandem-queue.yaml")
    assert tandem.model.ruleset.id == "tandem-validation"


def test_baseline_labels_its_assumptions() -> None:
    from govmodel.report.sim_json import scenario_assumptions

    found = scenario_assumptions(load_scenario().spec)
    assert len(found) >= 15
    assert all(a["zh"] and a["en"] for a in found)
    where = {a["where"].split("[")[0].split(".")[0] for a in found}
    assert {
        "urgency",
        "arrivals",
        "service_times",
        "absences",
        "meetings",
        "waiting",
        "institutions",
    } <= where


@pytest.mark.parametrize("name", ["empty", "comment-only", "bare-document-marker"])
def test_an_empty_scenario_says_so_on_the_command_line(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    # issue #15: these exited 2 with no message at all
    assert main(["simulate", str(BAD / f"{name}.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"{name}.yaml:1:1: the file is empty" in err
