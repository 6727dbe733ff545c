"""Replications kept on disk (issue #11): a replication run by one process serves the next one
(keyed by a digest that every process computes alike), equal to a fresh run; a damaged entry,
an edited scenario or ``GOVMODEL_NO_CACHE=1`` runs it again; the folder stays bounded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from govmodel.model import memo
from govmodel.sim import compare, load_scenario, runner, simulate, store

TANDEM = Path(__file__).parents[2] / "scenarios" / "tandem-queue.yaml"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    text = TANDEM.read_text(encoding="utf-8").replace("documents: 50000", "documents: 300")
    text = text.replace("value: 500, unit: hours", "value: 10, unit: hours")
    text = text.replace("path: models/tandem", f"path: {TANDEM.parent / 'models' / 'tandem'}")
    path = tmp_path / "tandem-small.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """The replication indices actually run, with an empty store of its own."""
    monkeypatch.setattr(memo, "_SHARED", {})
    monkeypatch.setenv("GOVMODEL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GOVMODEL_NO_CACHE", raising=False)
    seen: list[int] = []
    fresh = runner._start

    def counting(scenarios, tasks, *args):  # type: ignore[no-untyped-def]
        seen.extend(t[1][0] for t in tasks)
        return fresh(scenarios, tasks, *args)

    monkeypatch.setattr(runner, "_start", counting)
    return seen


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a new process starts with: nothing reused in memory."""
    monkeypatch.setattr(memo, "_SHARED", {})


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "replications").glob("*.pickle"))


def test_a_later_process_finds_the_replications_on_disk(
    small: Path, ran: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = simulate(load_scenario(small), replications=2, seed=11)
    assert ran == [0, 1] and len(_entries(tmp_path)) == 2
    _new_process(monkeypatch)
    again = simulate(load_scenario(small), replications=3, seed=11)
    assert ran == [0, 1, 2]  # 0 and 1 from the store
    assert [o.kpis for o in again.outputs[:2]] == [o.kpis for o in first.outputs]
    assert [o.latency_points for o in again.outputs[:2]] == [o.latency_points for o in first.outputs]
    _new_process(monkeypatch)
    c = compare(load_scenario(small), load_scenario(small), replications=3, seed=11)
    assert ran == [0, 1, 2] and c.a.outputs[2].kpis == again.outputs[2].kpis


def test_the_digest_is_the_same_in_every_process(small: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from govmodel.sim import load_scenario, store; "
        "print(store.stable_digest(load_scenario(sys.argv[1])))"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "GOVMODEL_CACHE_DIR": str(tmp_path / "c")}
        out = subprocess.run(
            [sys.executable, "-c", code, str(small)], env=env, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1 and None not in digests
    assert digests == {store.stable_digest(load_scenario(small))}


def test_sets_and_mappings_are_spelled_in_order() -> None:
    assert store.canonical({"b": frozenset({"x", "y"}), "a": 1}) == store.canonical(
        {"a": 1, "b": frozenset({"y", "x"})}
    )
    assert store.canonical((1, 2)) != store.canonical((2, 1))
    with pytest.raises(store.Unspellable):
        store.canonical(object())


def test_an_edit_damage_or_the_switch_runs_again(
    small: Path, ran: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    simulate(load_scenario(small), replications=1, seed=3)
    (entry,) = _entries(tmp_path)
    entry.write_bytes(b"not a pickle")
    _new_process(monkeypatch)
    simulate(load_scenario(small), replications=1, seed=3)
    assert ran == [0, 0]  # a damaged entry is a miss (and is written again)
    small.write_text(
        small.read_text(encoding="utf-8").replace("value: 0.8, per: hour", "value: 0.7, per: hour")
    )
    _new_process(monkeypatch)
    simulate(load_scenario(small), replications=1, seed=3)
    assert ran == [0, 0, 0] and len(_entries(tmp_path)) == 2  # another scenario: another entry
    monkeypatch.setenv("GOVMODEL_NO_CACHE", "1")
    simulate(load_scenario(small), replications=2, seed=3)
    assert ran == [0, 0, 0, 0, 1] and len(_entries(tmp_path)) == 2  # nothing read, nothing written


def test_the_store_is_bounded(
    small: Path, ran: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(store, "MAX_ENTRIES", 3)
    simulate(load_scenario(small), replications=5, seed=1)
    assert len(_entries(tmp_path)) == 3


def test_an_event_log_is_never_stored(small: Path, ran: list[int], tmp_path: Path) -> None:
    simulate(load_scenario(small), replications=1, seed=2, keep_events=True)
    assert _entries(tmp_path) == []
