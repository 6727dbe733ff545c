"""A reform is validated in full before any work (issue #9 item 3): a typo in ``closes:`` is bad
input with a did-you-mean (not a claim "not met"), and a bad value in its ``scenario:`` block is
caught even with ``--no-sim`` and named at the reform file's position (not the scenario's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.errors import ScenarioError

BAD = Path(__file__).parent / "bad"


@pytest.mark.slow  # verifies the whole model before and after the reform
def test_a_typo_in_closes_is_exit_2_with_did_you_mean(capsys):
    assert main(["reform", str(BAD / "closes-typo.yaml"), "--no-sim"]) == 2
    err = [
        x for x in capsys.readouterr().err.strip().splitlines() if not x.startswith("模型 model:")
    ]  # which model
    assert len(err) == 1, err
    assert "closes-typo.yaml:19:7" in err[0]
    assert "'coverage.step:art47_sign_of.sign'" in err[0]
    assert "did you mean 'coverage.step:art47_sign_off.sign'?" in err[0]


@pytest.mark.parametrize("sim", [["--no-sim"], ["-n", "1"]])
def test_a_bad_unit_in_the_scenario_block_names_the_reform_file(sim, capsys):
    assert main(["reform", str(BAD / "scenario-bad-unit.yaml"), *sim]) == 2
    err = [
        x for x in capsys.readouterr().err.strip().splitlines() if not x.startswith("模型 model:")
    ]  # which model
    assert len(err) == 1, err
    assert "scenario-bad-unit.yaml:23:34" in err[0] and "working_dayz" in err[0]
    assert "baseline.yaml" not in err[0]


def test_a_scenario_with_the_reform_names_the_reform_file():
    from govmodel.sim import load_scenario

    with pytest.raises(ScenarioError) as info:
        load_scenario(reforms=[BAD / "scenario-bad-unit.yaml"])
    (problem,) = info.value.problems
    assert problem.where.file.endswith("scenario-bad-unit.yaml") and (
        problem.where.line,
        problem.where.col,
    ) == (23, 34)
