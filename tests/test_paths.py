"""Confinement (issue #15): every path an input names stays inside its root, symlinks
resolved, and only regular files are read; an escape is exit 2 with the position of the path.

The stray files of issue #13 (a ``*.yaml`` symlink to /dev/zero, a symlink loop, a FIFO, a
holiday list naming /dev/zero) are built here in a temporary folder rather than committed under
``tests/**/bad/``: a link to /dev/zero or a loop in the source tree would hang or break every
tool that reads all files (packaging, linters, a fuzz campaign over the fixtures).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.errors import InputError
from govmodel.model import load_model
from govmodel.paths import allow_outside, confine, read_regular
from govmodel.refs import SourceRef
from govmodel.sim import load_scenario

TESTS = Path(__file__).parent
MODEL = TESTS / "model" / "good" / "minimal"
SCENARIO = TESTS / "sim" / "good" / "minimal.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder (the working directory) with a model, a scenario folder and, beside
    the project, a folder ``outside`` that no input may name."""
    proj = tmp_path / "proj"
    shutil.copytree(MODEL, proj / "model")
    (proj / "scen").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "notice.yaml").write_text("year: 2031\n", encoding="utf-8")
    monkeypatch.chdir(proj)
    return proj


def _scenario(proj: Path, extra: str, name: str = "s.yaml") -> Path:
    """The minimal scenario with ``extra`` lines inserted after its ``seed:`` line."""
    text = SCENARIO.read_text(encoding="utf-8").replace("seed: 1\n", "seed: 1\n" + extra + "\n")
    path = proj / "scen" / name
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line
    )


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


# -- a path in a scenario that leads out of the project -------------------------------------

ESCAPES = {
    "extends": "extends: ../../outside/notice.yaml",
    "model.path": "model: {path: ../../outside}",
    "model.cast": "model: {cast: ../../outside/notice.yaml}",
    "model.reforms": "model: {reforms: [../../outside/notice.yaml]}",
    "calendar.holidays": "calendar: {kind: chinese, holidays: [../../outside/notice.yaml]}",
    "calendar.holidays absolute": "calendar: {kind: chinese, holidays: [/etc/passwd]}",
}


@pytest.mark.parametrize("case", sorted(ESCAPES))
def test_a_scenario_path_leading_out_of_the_project_is_exit_2_at_its_position(
    case: str, project: Path, capsys
) -> None:
    scenario = _scenario(project, ESCAPES[case])
    code, text = _run(["simulate", str(scenario), "-n", "1"], capsys)
    assert code == 2, text
    field = case.split()[0]
    line = _line_of(scenario, ESCAPES[case].split(":")[0])
    assert (
        f"scen/s.yaml:{line}:" in text
        and f"{field}: " in text
        and "leads outside the working directory" in text
    ), text
    assert "--allow-outside" in text and "Traceback" not in text


def test_a_symlink_in_the_project_that_leads_out_is_refused(project: Path, capsys) -> None:
    (project / "scen" / "notice.yaml").symlink_to(project.parent / "outside" / "notice.yaml")
    scenario = _scenario(project, "calendar: {kind: chinese, holidays: [notice.yaml]}")
    code, text = _run(["simulate", str(scenario), "-n", "1"], capsys)
    assert code == 2 and "calendar.holidays: 'notice.yaml' (a symlink) leads outside" in text, text


def test_allow_outside_opens_the_named_folder(project: Path, capsys) -> None:
    scenario = _scenario(project, ESCAPES["calendar.holidays"])
    code, text = _run(
        ["simulate", str(scenario), "-n", "1", "--allow-outside", str(project.parent / "outside")], capsys
    )
    # the folder is open now: the file is read, and found not to be a complete notice
    assert code == 2 and "leads outside" not in text and "missing key 'source'" in text, text


def test_allow_outside_names_an_existing_folder(project: Path, capsys) -> None:
    code, text = _run(["coverage", "model", "--allow-outside", "no/such/folder"], capsys)
    assert code == 2 and "--allow-outside: no such folder 'no/such/folder'" in text


def test_every_command_that_reads_inputs_takes_allow_outside(capsys) -> None:
    for command in (
        "coverage",
        "show",
        "graph",
        "check",
        "explain",
        "simulate",
        "compare",
        "reform",
        "report",
        "replay",
        "sweep",
    ):
        main([command, "--help"])
        assert "--allow-outside" in capsys.readouterr().out, command


def test_a_scenario_outside_the_working_directory_is_confined_to_its_own_folder(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (tmp_path / "notice.yaml").write_text("year: 2031\n", encoding="utf-8")
    scenario = folder / "s.yaml"
    scenario.write_text(
        SCENARIO.read_text(encoding="utf-8") + "calendar: {kind: chinese, holidays: [../notice.yaml]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_scenario(scenario)
    assert "leads outside the folder" in str(info.value) and str(folder) in str(info.value)


def test_the_bundled_scenario_names_the_bundled_model_from_any_working_directory(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_scenario().model.ruleset.id == "dalian-2014"


# -- a model folder's own files ---------------------------------------------------------------


def test_ruleset_source_leading_out_of_the_model_folder_is_exit_2(project: Path, capsys) -> None:
    (project / "secret.txt").write_text("一、secret\n", encoding="utf-8")
    ruleset = project / "model" / "ruleset.yaml"
    ruleset.write_text(
        ruleset.read_text(encoding="utf-8").replace("source: source.zh.txt", "source: ../secret.txt"),
        encoding="utf-8",
    )
    code, text = _run(["coverage", "model"], capsys)
    line = _line_of(ruleset, "source:")
    assert (
        code == 2
        and f"model/ruleset.yaml:{line}:" in text
        and "source: '../secret.txt' leads outside the folder model" in text
    ), text


def test_a_yaml_symlink_to_dev_zero_in_a_model_folder_is_refused(project: Path, capsys) -> None:
    (project / "model" / "zero.yaml").symlink_to("/dev/zero")  # issue #13: MemoryError before
    code, text = _run(["check", "model"], capsys)
    assert (
        code == 2
        and "model/zero.yaml: model file: 'zero.yaml' (a symlink) leads outside the folder model" in text
    ), text


def test_a_yaml_symlink_to_a_device_allowed_by_name_is_still_not_read() -> None:
    with (
        allow_outside(["/dev"]),
        pytest.raises(InputError, match=r"not a regular file \(a character device\)"),
    ):
        read_regular(confine("/dev/zero", Path("."), (Path("."),), SourceRef("x"), "f"), "zero.yaml")


def test_a_symlink_loop_in_a_model_folder_is_refused(project: Path, capsys) -> None:
    (project / "model" / "loop.yaml").symlink_to("loop.yaml")  # issue #13: RuntimeError before
    code, text = _run(["check", "model"], capsys)
    assert code == 2 and "model/loop.yaml: a symlink loop" in text and "Traceback" not in text, text


def test_a_fifo_in_a_model_folder_is_refused_without_blocking(project: Path, capsys) -> None:
    os.mkfifo(project / "model" / "pipe.yaml")  # reading it would block forever
    code, text = _run(["check", "model"], capsys)
    assert code == 2 and "model/pipe.yaml: not a regular file (a FIFO)" in text, text


def test_a_symlink_inside_the_model_folder_is_followed(project: Path) -> None:
    (project / "model" / "sub").mkdir()
    (project / "model" / "roles.yaml").rename(project / "model" / "sub" / "roles.yml")
    (project / "model" / "roles.yaml").symlink_to("sub/roles.yml")
    assert load_model(project / "model").ruleset.id == "minimal"


def test_holidays_naming_dev_zero_are_refused(project: Path, capsys) -> None:
    scenario = _scenario(
        project, "calendar: {kind: chinese, holidays: [/dev/zero]}"
    )  # issue #13: MemoryError
    code, text = _run(["simulate", str(scenario), "-n", "1"], capsys)
    assert code == 2 and "calendar.holidays: '/dev/zero' leads outside" in text, text
    code, text = _run(["simulate", str(scenario), "-n", "1", "--allow-outside", "/dev"], capsys)
    assert code == 2 and "/dev/zero: not a regular file (a character device)" in text, text


def test_a_fifo_named_by_a_scenario_is_refused(project: Path, capsys) -> None:
    os.mkfifo(project / "scen" / "base.yaml")
    scenario = _scenario(project, "extends: base.yaml")
    code, text = _run(["simulate", str(scenario), "-n", "1"], capsys)
    assert code == 2 and "scen/base.yaml: not a regular file (a FIFO)" in text, text


def test_a_project_laid_out_by_init_is_its_own_root_from_anywhere(tmp_path: Path, monkeypatch) -> None:
    proj = tmp_path / "mine"
    shutil.copytree(MODEL, proj / "models" / "m")
    (proj / "scenarios").mkdir()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    from govmodel.paths import project_root

    assert project_root(proj / "scenarios" / "s.yaml") == proj.resolve()
    assert confine(
        "../models/m",
        proj / "scenarios",
        (project_root(proj / "scenarios" / "s.yaml"),),
        SourceRef("s"),
        "model.path",
    ).is_dir()


def test_a_sweep_spec_naming_a_scenario_outside_the_project_is_refused(project: Path, capsys) -> None:
    spec = project / "scen" / "x.sweep.yaml"
    spec.write_text(
        "sweep:\n  id: x\n  label: {zh: 扫描, en: Sweep}\nscenario: ../../outside/notice.yaml\n"
        "design: {method: morris, trajectories: 4, levels: 4}\nkpis: [cycle_time_hours/mean]\n",
        encoding="utf-8",
    )
    from govmodel.sweep.run import plan_sweep

    with pytest.raises(InputError) as info:
        plan_sweep(spec)
    assert "scen/x.sweep.yaml:4:" in str(
        info.value
    ) and "scenario: '../../outside/notice.yaml' leads outside" in str(info.value)


def test_a_socket_in_a_model_folder_is_refused(project: Path, capsys) -> None:
    import socket

    sock = socket.socket(socket.AF_UNIX)
    sock.bind("model/sock.yaml")  # relative: a socket's path must stay short
    try:
        code, text = _run(["check", "model"], capsys)
    finally:
        sock.close()
    assert code == 2 and "model/sock.yaml: not a regular file (a socket)" in text, text


def test_a_rules_text_that_is_a_symlink_out_of_the_model_folder_is_refused(project: Path, capsys) -> None:
    (project.parent / "outside" / "text.txt").write_text("一、secret\n", encoding="utf-8")
    (project / "model" / "source.zh.txt").unlink()
    (project / "model" / "source.zh.txt").symlink_to(project.parent / "outside" / "text.txt")
    code, text = _run(["coverage", "model"], capsys)
    assert code == 2 and "source: 'source.zh.txt' (a symlink) leads outside the folder model" in text, text
    assert "secret" not in text


@pytest.mark.parametrize("field", ["calendar.holidays", "model.reforms"])
def test_a_missing_file_named_by_a_scenario_is_reported_at_its_field(
    field: str, project: Path, capsys
) -> None:
    extra = {
        "calendar.holidays": "calendar: {kind: chinese, holidays: [nope.yaml]}",
        "model.reforms": "model: {reforms: [nope.yaml]}",
    }[field]
    scenario = _scenario(project, extra)
    code, text = _run(["simulate", str(scenario), "-n", "1"], capsys)
    line = _line_of(scenario, "nope.yaml")
    assert code == 2 and f"scen/s.yaml:{line}:" in text and f"{field}: no such file 'nope.yaml'" in text, text
