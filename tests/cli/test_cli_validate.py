"""``govmodel validate``: every problem of every stage in one run, exit 2; a valid model is 0,
with its structural warnings (issue #14)."""

from __future__ import annotations

import shutil
from pathlib import Path

from govmodel.cli import main

MODELS = Path(__file__).parents[1] / "model"
GOOD = MODELS / "good" / "minimal"
STAGES = MODELS / "bad" / "problems-in-every-stage"


def _overlay(tmp_path: Path, fixture: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(GOOD, target)
    for f in fixture.glob("*.yaml"):
        shutil.copy(f, target / f.name)
    return target


def test_problems_of_every_stage_are_reported_in_one_run(tmp_path: Path, capsys):
    assert main(["validate", str(_overlay(tmp_path, STAGES))]) == 2
    err = capsys.readouterr().err
    expected = [line for line in (STAGES / "expected.txt").read_text(encoding="utf-8").splitlines() if line]
    for want in expected:  # a schema problem, unknown references and cross-checks, in two files
        assert want in err, err
    assert err.count("error: ") == len(expected) and "Traceback" not in err
    assert "not valid: 6 problems" in err
    assert "Tuple should" not in err and "after validation" not in err  # plain words, not pydantic's


def test_a_valid_model_is_exit_0_with_its_structural_warnings(tmp_path: Path, capsys):
    folder = tmp_path / "model"
    shutil.copytree(GOOD, folder)
    roles = folder / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    roles.write_text(text.replace("    meaning: head_of_department\n", ""), encoding="utf-8")
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "valid: 测试规则 / Test rules (minimal)" in out
    assert "warning: " in out and "Department head" in out and "nobody can ever hold it" in out


def test_without_model_the_bundled_one_is_named(capsys):
    assert main(["validate"]) == 0
    captured = capsys.readouterr()
    assert "model: dalian-2014 (内置 bundled:" in captured.err and "0 warnings" in captured.out
