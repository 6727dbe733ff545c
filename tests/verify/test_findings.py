"""Findings are values: fingerprints stable across runs and unrelated edits, three-valued
status, JSON shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.findings import Status, fingerprint
from govmodel.model import Model, load_model
from govmodel.verify import Bounds, verify


def _fingerprints(model: Model, classes: list[str]) -> dict[tuple[str, str], str]:
    return {(f.property, f.subject): f.fingerprint for f in verify(model, Bounds(), classes).findings}


def test_fingerprint_ignores_order_and_duplicates() -> None:
    assert fingerprint("p", "s", ["a", "b", "a"]) == fingerprint("p", "s", ["b", "a"])
    assert fingerprint("p", "s", ["a"]) != fingerprint("p", "t", ["a"])


@pytest.mark.slow  # whole-model verification
def test_fingerprints_stable_across_runs_and_unrelated_edits(dalian: Model, dalian_copy: Path) -> None:
    classes = ["coverage", "separation", "unspecified"]
    first = _fingerprints(dalian, classes)
    assert first == _fingerprints(dalian, classes)
    procedures = dalian_copy / "procedures.yaml"
    procedures.write_text("# an unrelated comment that shifts every line\n\n" + procedures.read_text(encoding="utf-8"),
                          encoding="utf-8")
    roles = dalian_copy / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8") + "\n# another comment\n", encoding="utf-8")
    edited = load_model(dalian_copy)
    assert _fingerprints(edited, classes) == first
    moved = {f.subject: f.location for f in verify(edited, Bounds(), ["unspecified"]).findings if f.location}
    original = {f.subject: f.location for f in verify(dalian, Bounds(), ["unspecified"]).findings if f.location}
    shifted = [s for s, loc in moved.items() if loc.file.endswith("procedures.yaml")]
    assert shifted and all(moved[s].line == original[s].line + 2 for s in shifted)


@pytest.mark.slow  # whole-model verification
def test_every_result_is_three_valued_and_cites_articles(dalian: Model) -> None:
    results = verify(dalian, Bounds(k=2), ["coverage", "structure"])
    assert {f.status for f in results.findings} <= set(Status)
    for f in results.findings:
        assert f.articles, f.subject
        d = f.as_dict()
        assert d["status"] in ("holds", "violated", "unknown")
        if f.status == Status.violated:
            assert "counterexample" in d and "absent" in d["counterexample"]


def test_assumptions_are_listed(dalian: Model) -> None:
    results = verify(dalian, Bounds(), ["structure"])
    assert {a.id for a in results.assumptions} == {a.id for a in dalian.assumptions}
    assert set(results.in_force) == set(dalian.enabled)
