"""Replications reused within a process (issue #11): the same scenario content, seed and index
give the same replication, so it runs once; a caller's changes to its copy never reach the next
caller; ``GOVMODEL_NO_CACHE=1`` runs everything afresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.model import memo
from govmodel.sim import compare, load_scenario, runner, simulate
from govmodel.sim.reuse import scenario_digest

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
    """The replication indices actually run (not reused), from an empty memo and store."""
    monkeypatch.setattr(memo, "_SHARED", {})
    monkeypatch.setenv("GOVMODEL_CACHE_DIR", str(tmp_path / "cache"))
    seen: list[int] = []
    fresh = runner._start

    def counting(scenarios, tasks, *args):  # type: ignore[no-untyped-def]
        seen.extend(t[1][0] for t in tasks)
        return fresh(scenarios, tasks, *args)

    monkeypatch.setattr(runner, "_start", counting)
    return seen


def test_a_scenario_loaded_twice_runs_its_replications_once(small: Path, ran: list[int]) -> None:
    first = simulate(load_scenario(small), replications=2, seed=11)
    again = simulate(load_scenario(small), replications=3, seed=11)
    assert ran == [0, 1, 2]  # replications 0 and 1 of the second run were reused
    assert [o.kpis for o in again.outputs[:2]] == [o.kpis for o in first.outputs]
    simulate(load_scenario(small), replications=2, seed=12)
    assert ran == [0, 1, 2, 0, 1]  # another seed: other replications


def test_a_callers_changes_do_not_reach_the_next_caller(small: Path, ran: list[int]) -> None:
    a = load_scenario(small)
    alone = simulate(a, replications=2, seed=5)
    alone.outputs[0].kpis["planted"] = 1.0
    c = compare(a, load_scenario(small), replications=2, seed=5)  # both sides reused, zero-filled
    assert ran == [0, 1]
    assert "planted" not in c.a.outputs[0].kpis
    after = simulate(a, replications=2, seed=5)
    unplanted = [{k: v for k, v in o.kpis.items() if k != "planted"} for o in alone.outputs]
    assert [o.kpis for o in after.outputs] == unplanted


def test_an_event_log_is_always_run(small: Path, ran: list[int]) -> None:
    a = load_scenario(small)
    simulate(a, replications=1, seed=5)
    kept = simulate(a, replications=1, seed=5, keep_events=True)
    assert ran == [0, 0] and kept.outputs[0].events


def test_no_cache_runs_everything(small: Path, ran: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVMODEL_NO_CACHE", "1")
    simulate(load_scenario(small), replications=1, seed=7)
    simulate(load_scenario(small), replications=1, seed=7)
    assert ran == [0, 0]


def test_the_digest_is_of_the_content_not_of_what_a_run_cached(small: Path) -> None:
    a = load_scenario(small)
    before = scenario_digest(load_scenario(small))
    simulate(a, replications=1, seed=3)  # fills the model's and the calendar's caches
    assert scenario_digest(a) == before
    other = small.read_text(encoding="utf-8").replace("value: 0.8, per: hour", "value: 0.7, per: hour")
    small.write_text(other, encoding="utf-8")
    assert scenario_digest(load_scenario(small)) != before


def test_prefetched_replications_serve_the_later_calls(small: Path, ran: list[int], monkeypatch) -> None:
    """``govmodel report`` starts every replication at once: the later simulate and compare
    run nothing, each distinct (content, seed, index) runs once, and the figures are those of
    runs with every cache off."""
    base = load_scenario(small)
    other_path = small.with_name("tandem-other.yaml")
    other_path.write_text(small.read_text(encoding="utf-8").replace("seed: ", "seed: 1"), encoding="utf-8")
    other = load_scenario(other_path)
    wanted = [
        (base, runner.simulate_tasks(base, 3)[1]),
        (base, runner.compare_tasks(base, other, 2)[1]),  # its A side: replications 0, 1 again
        (load_scenario(small), runner.compare_tasks(base, other, 2)[1]),  # the same content
        (other, runner.compare_tasks(base, other, 2)[1]),
    ]
    prefetch = runner.start_prefetch(wanted, jobs=2)
    assert sorted(ran) == [0, 0, 1, 1, 2]  # base 0-2 and other 0-1 (with other's tasks), once each
    prefetch.wait(upto=base)  # the first scenario's only: the workers go on with the other's
    assert prefetch.kept == 1
    alone = simulate(load_scenario(small), replications=3)
    prefetch.wait()
    assert prefetch.kept == 2
    paired = compare(base, other, replications=2)
    assert sorted(ran) == [0, 0, 1, 1, 2]  # nothing more ran
    monkeypatch.setenv("GOVMODEL_NO_CACHE", "1")
    assert [o.kpis for o in simulate(load_scenario(small), replications=3).outputs] == [
        o.kpis for o in alone.outputs
    ]
    assert compare(base, other, replications=2).as_dict() == paired.as_dict()
    assert runner.start_prefetch(wanted).running is None  # nothing is kept: nothing prefetched
