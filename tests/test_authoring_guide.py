"""docs/authoring.md builds a model from its ``file=NAME`` blocks; the model loads, and its first
``check`` says what the guide says it says (section 5)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govmodel.findings import Status
from govmodel.model import load_model
from govmodel.verify import Bounds, verify

GUIDE = Path(__file__).parents[1] / "docs" / "authoring.md"
_BLOCK = re.compile(r"^```(?:yaml|text) file=(\S+)\n(.*?)^```", re.M | re.S)


def build(folder: Path) -> Path:
    for name, body in _BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        with (folder / name).open("a", encoding="utf-8") as f:
            f.write(body)
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("my-city"))


def test_the_guide_has_a_block_per_file(folder: Path) -> None:
    assert (folder / "source.zh.txt").is_file() and len(list(folder.glob("*.yaml"))) >= 7


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
    assert status[("timing.calendar_days", "art4_agenda_a_week_before")] == Status.violated
    assert Status.unknown not in status.values()


def test_the_strict_reading_breaks_the_quorum_with_two_absences(folder: Path) -> None:
    model = load_model(folder, {"art3_more_than_half_strictly": True})
    f = next(
        f
        for f in verify(model, Bounds(k=2), classes=["coverage"]).findings
        if str(f.subject) == "executive_meeting.quorum"
    )
    assert f.status == Status.violated and f.bounds["resilience"] == 2
