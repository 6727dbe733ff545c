"""Runs that cross into a year the calendar does not know fail with the fix named; a holiday
notice makes the year known; another cast can replace the model's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.errors import ScenarioError
from govmodel.model import bundled_model_path
from govmodel.sim import load_scenario, simulate

HERE = Path(__file__).parent


def test_run_into_unknown_year_names_the_fix(capsys: pytest.CaptureFixture[str]) -> None:
    path = HERE / "bad" / "run-reaches-unknown-year.yaml"
    with pytest.raises(ScenarioError) as info:
        simulate(load_scenario(path))
    (problem,) = info.value.problems
    assert "reached 2027" in problem.found and "calendar.holidays" in problem.expected
    assert main(["simulate", str(path), "--jobs", "2"]) == 2  # also from a worker process
    assert "reached 2027" in capsys.readouterr().err


def test_holiday_notice_makes_the_year_known(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(HERE / "good" / "year-end-with-notice.yaml")]) == 0
    out = capsys.readouterr().out
    assert "status 'example'" in out  # an example notice is flagged in the report


def test_cast_override(tmp_path: Path) -> None:
    cast = (bundled_model_path() / "cast.yaml").read_text(encoding="utf-8")
    # the audit bureau's requests need a vice mayor in charge: give it to vice mayor C
    cast = cast.replace(
        "in_charge_of: [education_bureau, health_commission]",
        "in_charge_of: [education_bureau, health_commission, audit_bureau]",
    )
    (tmp_path / "cast.yaml").write_text(cast, encoding="utf-8")
    shutil.copy(HERE / "good" / "minimal.yaml", tmp_path / "s.yaml")
    text = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    text = text.replace("[finance_bureau]", "[audit_bureau]").replace(
        "seed: 1", "seed: 1\nmodel: {cast: cast.yaml}"
    )
    (tmp_path / "s.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "default.yaml").write_text(text.replace("model: {cast: cast.yaml}", ""), encoding="utf-8")
    with_cast = simulate(load_scenario(tmp_path / "s.yaml")).outputs[0].kpis
    default = simulate(load_scenario(tmp_path / "default.yaml")).outputs[0].kpis
    assert default["abandoned"] > 0  # nobody holds vice_mayor_in_charge for the audit bureau
    assert with_cast["abandoned"] == 0


def test_extends_merges_into_the_base(tmp_path: Path) -> None:
    root = HERE.parents[1] / "scenarios"
    reform = load_scenario(root / "reform-art44-broad.yaml")
    base = load_scenario(root / "baseline.yaml")
    assert "art44_away_includes_inability_in_city" in reform.model.enabled
    assert "art44_away_includes_inability_in_city" not in base.model.enabled
    assert [a.model_dump() for a in reform.spec.arrivals] == [a.model_dump() for a in base.spec.arrivals]
    travel = load_scenario(root / "mayor-and-evm-travel.yaml")
    assert len(travel.spec.absences) == len(base.spec.absences) + 2  # absences+: appends


def test_extends_cycle_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path / "a.yaml")
    assert "cycle" in str(info.value)


@pytest.mark.slow  # a run and a compare; overlays stay in the fast tier (tests/model, tests/crosscheck)
def test_reform_overlay_with_biweekly_meetings(capsys: pytest.CaptureFixture[str]) -> None:
    reform = HERE.parents[1] / "scenarios" / "reforms" / "biweekly-executive-meeting.yaml"
    base = HERE / "good" / "mayor-abroad.yaml"
    loaded = load_scenario(base, reforms=[reform])
    assert loaded.name == "mayor-abroad+biweekly_executive_meeting"
    assert loaded.model.get("executive_meeting").cadence == "biweekly"
    assert loaded.spec.meetings["executive_meeting"].capacity == 4  # the reform's scenario changes
    out = simulate(loaded).outputs[0].kpis
    assert out["meeting/executive_meeting/held"] >= 1  # March 2025 has two fortnights
    assert main(["compare", str(base), str(reform), "-n", "2"]) == 0
    assert (
        "B = 市长出国访问 / Mayor abroad + 改革 reform biweekly_executive_meeting" in capsys.readouterr().out
    )
