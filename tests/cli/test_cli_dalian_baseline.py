"""The shipped baseline accepts exactly the known findings of the 2014 text: a change to the
model that opens a new gap makes `govmodel check --baseline` fail (what CI relies on)."""

from pathlib import Path

import pytest

from govmodel.cli import main

pytestmark = pytest.mark.slow  # whole-model verification

BASELINE = Path(__file__).parents[2] / "baselines" / "dalian-2014.yaml"


def test_bundled_model_passes_its_baseline(capsys):
    assert main(["check", "--baseline", str(BASELINE), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"status": "violated"' in out  # the gaps are still reported, only accepted


def test_a_new_gap_fails_against_the_baseline(capsys):
    # if the secretary-general is not a government leader (art. 42), nobody is left to grant
    # some leave and a new gap opens: CI must fail
    code = main(
        [
            "check",
            "--baseline",
            str(BASELINE),
            "--format",
            "json",
            "--assume",
            "art42_secretary_general_is_a_government_leader=off",
        ]
    )
    assert code == 1


def test_an_assumption_that_only_changes_the_stand_ins_keeps_each_gap_accepted(capsys):
    # without the art. 44 reading of 外出 the acting head never signs: the signing gaps are
    # the same gaps (same fingerprints, issue #8), not one new and one gone each
    code = main(
        [
            "check",
            "--baseline",
            str(BASELINE),
            "--class",
            "coverage",
            "--assume",
            "art44_away_means_leaving_the_city=off",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "remove it" not in out
