"""Each tiny model under good/ and bad/ (named by its defect) gives the findings listed in its
expected.json: every listed (property, subject, status), and no other violation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govmodel.findings import Status
from govmodel.model import load_model
from govmodel.verify import Bounds, verify

HERE = Path(__file__).parent
FIXTURES = sorted(p for kind in ("good", "bad") for p in (HERE / kind).iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", FIXTURES, ids=[f"{p.parent.name}/{p.name}" for p in FIXTURES])
def test_fixture_findings(folder: Path) -> None:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    results = verify(load_model(folder), Bounds(**expected["options"]))
    got = {(f.property, str(f.subject)): f.status.value for f in results.findings}
    for e in expected["findings"]:
        assert got.get((e["property"], e["subject"])) == e["status"], (e, sorted(got.items()))
    listed = {(e["property"], e["subject"]) for e in expected["findings"] if e["status"] == "violated"}
    extra = {k for k, v in got.items() if v == "violated"} - listed
    assert not extra, f"unexpected violations: {sorted(extra)}"
    assert not results.with_status(Status.unknown)


def test_good_fixtures_have_no_violation() -> None:
    for folder in (HERE / "good").iterdir():
        opts = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["options"]
        assert not verify(load_model(folder), Bounds(**opts)).with_status(Status.violated), folder.name


def test_every_bad_fixture_violates_what_it_is_named_for() -> None:
    for folder in (HERE / "bad").iterdir():
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        assert any(e["status"] == "violated" for e in expected["findings"]), folder.name
