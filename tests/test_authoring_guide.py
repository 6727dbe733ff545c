"""docs/authoring.md starts from ``govmodel init``'s skeleton (section 0: it validates and checks
as the guide says), then builds a model from its ``file=NAME`` blocks over it (replacing the
skeleton's files, deleting ``rules.yaml``); the model loads, and its first ``check`` says what the
guide says it says (section 5)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.findings import Status
from govmodel.model import load_model
from govmodel.verify import Bounds, verify

GUIDE = Path(__file__).parents[1] / "docs" / "authoring.md"
_BLOCK = re.compile(r"^```(?:yaml|text) file=(\S+)\n(.*?)^```", re.M | re.S)


SKELETON_FILES = {"source.zh.txt", "ruleset.yaml", "roles.yaml", "rules.yaml"}


def build(folder: Path) -> Path:
    """The guide's model over the skeleton in ``folder``: a block replaces a skeleton file the
    first time it names it, and appends to a file it named before; rules.yaml is deleted."""
    (folder / "rules.yaml").unlink()
    written: set[str] = set()
    for name, body in _BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        with (folder / name).open("a" if name in written else "w", encoding="utf-8") as f:
            f.write(body)
        written.add(name)
    return folder


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("guide") / "my-city"
    assert main(["init", str(folder)]) == 0  # section 0: an empty (here: new) folder
    return folder


@pytest.fixture(scope="module")
def folder(skeleton: Path, tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("guide-model") / "my-city"
    shutil.copytree(skeleton, copy)
    return build(copy)


def test_the_skeleton_is_what_section_0_says(skeleton: Path, capsys) -> None:
    assert {p.name for p in skeleton.iterdir()} == SKELETON_FILES
    assert main(["validate", str(skeleton)]) == 0
    assert main(["check", str(skeleton)]) == 1  # its one gap, on purpose
    out = capsys.readouterr().out
    assert "根本原因 Root causes: 1 " in out and "0 未知 unknown" in out
    assert main(["init", str(skeleton)]) == 2  # not empty: refused, nothing written
    assert "not empty" in capsys.readouterr().err
    assert {p.name for p in skeleton.iterdir()} == SKELETON_FILES
    text = GUIDE.read_text(encoding="utf-8")
    assert all(f"`{name}`" in text for name in SKELETON_FILES)  # the guide names each file


def test_the_guide_has_a_block_per_file(folder: Path) -> None:
    assert (folder / "source.zh.txt").is_file() and len(list(folder.glob("*.yaml"))) >= 7
    assert not (folder / "rules.yaml").exists()
    assert "某市人民政府工作规则(示例)" in (folder / "source.zh.txt").read_text(encoding="utf-8")


def test_the_first_check_reads_as_the_guide_says(folder: Path) -> None:
    got = {(f.property, str(f.subject)): f for f in verify(load_model(folder), Bounds(k=1)).findings}
    status = {k: f.status for k, f in got.items()}
    assert status[("coverage.quorum", "executive_meeting.quorum")] == Status.holds
    assert status[("coverage.meeting", "executive_meeting.presides")] == Status.violated
    assert status[("coverage.meeting", "executive_meeting.presides@entrusted")] == Status.holds
    cause = got[("coverage.meeting", "executive_meeting.presides")].cause
    assert (
        cause is not None
        and cause.kind == "reasons"
        and cause.target == "art2_executive_vice_mayor_acts_as_mayor"
    )
    assert status[("coverage.step", "art5_sign_off.sign")] == Status.violated
    assert status[("coverage.step", "art5_sign_off.review")] == Status.violated
    assert (
        status[("mandatory.ordering", "art4_no_item_without_coordination@executive_meeting")] == Status.holds
    )
    assert status[("timing.weekday", "executive_meeting")] == Status.violated
    lead = got[("timing.agenda_lead", "art4_agenda_a_week_before@executive_meeting")]
    assert lead.status == Status.violated and lead.counterexample.dates.deadline == "2024-02-18"
    assert Status.unknown not in status.values()


def test_the_strict_reading_breaks_the_quorum_with_two_absences(folder: Path) -> None:
    model = load_model(folder, {"art3_more_than_half_strictly": True})
    f = next(
        f
        for f in verify(model, Bounds(k=2), classes=["coverage"]).findings
        if str(f.subject) == "executive_meeting.quorum"
    )
    assert f.status == Status.violated and f.bounds["resilience"] == 2
