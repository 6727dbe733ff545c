"""No echo of content (issue #15): a message quotes at most a short single-line excerpt of
what it found, and nothing of a file that is not of the kind expected where its path was
written. A file holding a marker string is fed through every field that takes a path; the
marker must appear in neither standard output nor standard error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.errors import EXCERPT_MAX, Problem, excerpt
from govmodel.refs import SourceRef

TESTS = Path(__file__).parent
MODEL = TESTS / "model" / "good" / "minimal"
SCENARIO = TESTS / "sim" / "good" / "minimal.yaml"

MARKER = "MARKER_7f3a9c"

#: what a path might lead to: a password file, YAML-shaped secrets, a list, a broken YAML file
SHAPES = {
    "text": f"root:x:0:0:{MARKER}:/root:/bin/bash\ndaemon:x:1:1:{MARKER}\n",
    "key": f"{MARKER}: 1\n",
    "value": f"password: {MARKER}\ntoken: {MARKER}\n",
    "nested": f"data:\n  secret: {MARKER}\n",
    "list": f"- {MARKER}\n- {MARKER}\n",
    "broken-yaml": f"token: [{MARKER}\n",
    "not-utf8": "\udcff" + MARKER,
}

#: every field of an input that names a path: scenario text (after 'seed: 1') or a model change
FIELDS = {
    "extends": "extends: marker.yaml",
    "model.path": "model: {path: markers}",
    "model.cast": "model: {cast: marker.yaml}",
    "model.reforms": "model: {reforms: [marker.yaml]}",
    "calendar.holidays": "calendar: {kind: chinese, holidays: [marker.yaml]}",
    "ruleset.source": "ruleset.source",  # the model's text leads to the marker file
    "model *.yaml": "model *.yaml",  # a stray file in the model folder
    "model *.yaml symlink": "model *.yaml symlink",
    "simulate --reform": "--reform",
}


def _write(path: Path, shape: str) -> None:
    data = SHAPES[shape]
    path.write_bytes(data.encode("utf-8", errors="surrogateescape"))


def _argv(field: str, proj: Path, shape: str) -> list[str]:
    scenario = proj / "s.yaml"
    base = SCENARIO.read_text(encoding="utf-8")
    _write(proj / "marker.yaml", shape)
    (proj / "markers").mkdir()
    _write(proj / "markers" / "a.yaml", shape)
    model = proj / "model"
    shutil.copytree(MODEL, model)
    if field == "ruleset.source":
        ruleset = model / "ruleset.yaml"
        ruleset.write_text(
            ruleset.read_text(encoding="utf-8").replace("source: source.zh.txt", "source: ../marker.yaml"),
            encoding="utf-8",
        )
        return ["check", str(model)]
    if field == "model *.yaml":
        _write(model / "stray.yaml", shape)
        return ["check", str(model)]
    if field == "model *.yaml symlink":
        (model / "stray.yaml").symlink_to(proj / "marker.yaml")
        return ["check", str(model)]
    if field == "simulate --reform":
        scenario.write_text(base, encoding="utf-8")
        return ["simulate", str(scenario), "-n", "1", "--reform", str(proj / "marker.yaml")]
    scenario.write_text(base.replace("seed: 1\n", "seed: 1\n" + FIELDS[field] + "\n"), encoding="utf-8")
    return ["simulate", str(scenario), "-n", "1"]


#: the fast tier feeds two shapes through every field; the slow tier all of them
_FAST = ("text", "value")


@pytest.mark.parametrize(
    "shape", [s if s in _FAST else pytest.param(s, marks=pytest.mark.slow) for s in sorted(SHAPES)]
)
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_a_marker_behind_a_path_never_reaches_the_output(
    field: str, shape: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)  # inside the project: the file is read, then refused as what it is
    code = main(_argv(field, tmp_path, shape))
    out = capsys.readouterr()
    assert code == 2, out.err
    assert out.err.startswith("error: ") and "Traceback" not in out.err
    assert MARKER not in out.out and MARKER not in out.err, out.err


def test_a_marker_outside_the_project_is_not_even_read(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "proj").mkdir()
    monkeypatch.chdir(tmp_path / "proj")
    _write(tmp_path / "secret.yaml", "value")
    scenario = tmp_path / "proj" / "s.yaml"
    scenario.write_text(
        SCENARIO.read_text(encoding="utf-8") + "calendar: {kind: chinese, holidays: [../secret.yaml]}\n",
        encoding="utf-8",
    )
    assert main(["simulate", str(scenario)]) == 2
    err = capsys.readouterr().err
    assert "leads outside the working directory" in err and MARKER not in err


# -- how values are quoted -------------------------------------------------------------------


def test_excerpt_is_short_single_line_and_escaped() -> None:
    shown = excerpt("line one\nline two\x1b[31m red " + "x" * 100)
    assert "\n" not in shown and "\x1b" not in shown and "\\n" in shown and "\\x1b" in shown
    assert len(shown) == EXCERPT_MAX + 2 and shown.endswith("…'")
    assert excerpt({"password": MARKER}) == "a mapping" and excerpt([MARKER] * 3) == "a list of 3 items"
    assert excerpt(1.5) == "1.5" and excerpt(None) == "nothing (null)"


def test_a_problem_never_carries_a_whole_file_whoever_builds_it() -> None:
    content = "\n".join(f"user{i}:x:{i}:{i}:{MARKER}" for i in range(100))
    p = Problem(SourceRef("f.yaml", 1, 1), f"the notice is {content!r}", "a mapping\nwith keys")
    assert "\n" not in str(p) and len(p.found) <= 500
    assert str(p).count(MARKER) <= 2  # at most a short excerpt survives the net
