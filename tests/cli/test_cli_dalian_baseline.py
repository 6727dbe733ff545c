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
    # without the art. 44 reading of 外出 no acting head ever signs: the signing gaps change
    # (other rules involved, so other fingerprints) and are not in the baseline
    code = main(["check", "--baseline", str(BASELINE), "--class", "coverage",
                 "--assume", "art44_away_means_leaving_the_city=off"])
    assert code == 1
