"""Verifications reused across reforms and commands (issue #11): a later process finds the
verification of the same model and bounds on disk, equal to a fresh one; other bounds, another
model, an unknown result or ``GOVMODEL_NO_CACHE=1`` verify afresh."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from govmodel.crosscheck import reuse
from govmodel.findings import Status
from govmodel.model import load_model, memo
from govmodel.verify import Bounds

MODEL = Path(__file__).parents[1] / "verify" / "good" / "covered-with-deputy"


@pytest.fixture
def verified(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Bounds]:
    """The bounds of every verification actually run, with an empty cache folder of its own."""
    monkeypatch.setattr(memo, "_SHARED", {})
    monkeypatch.setenv("GOVMODEL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GOVMODEL_NO_CACHE", raising=False)
    seen: list[Bounds] = []
    fresh = reuse.verify

    def counting(model, bounds, **kw):  # type: ignore[no-untyped-def]
        seen.append(bounds)
        return fresh(model, bounds, **kw)

    monkeypatch.setattr(reuse, "verify", counting)
    return seen


def test_a_later_process_finds_the_verification(
    verified: list[Bounds], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = reuse.verified(load_model(MODEL), Bounds(k=1))
    assert reuse.verified(load_model(MODEL), Bounds(k=1)) is first  # in this process
    monkeypatch.setattr(memo, "_SHARED", {})  # a new process: only the disk is left
    again = reuse.verified(load_model(MODEL), Bounds(k=1))
    assert len(verified) == 1 and again == first
    reuse.verified(load_model(MODEL), Bounds(k=2))
    assert verified == [Bounds(k=1), Bounds(k=2)]  # other bounds: verified


def test_no_cache_and_unknown_results_are_not_kept(
    verified: list[Bounds], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GOVMODEL_NO_CACHE", "1")
    reuse.verified(load_model(MODEL), Bounds(k=1))
    reuse.verified(load_model(MODEL), Bounds(k=1))
    assert len(verified) == 2 and not (tmp_path / "cache" / reuse.KIND).exists()
    monkeypatch.delenv("GOVMODEL_NO_CACHE")
    real = reuse.verify

    def timing_out(model, bounds, **kw):  # type: ignore[no-untyped-def]
        r = real(model, bounds, **kw)
        unknown = dataclasses.replace(r.findings[0], status=Status.unknown)
        return dataclasses.replace(r, findings=(unknown, *r.findings[1:]))

    monkeypatch.setattr(reuse, "verify", timing_out)
    reuse.verified(load_model(MODEL), Bounds(k=1))
    assert not list((tmp_path / "cache" / reuse.KIND).glob("*.pickle"))
