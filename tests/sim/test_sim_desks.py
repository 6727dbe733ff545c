"""Desks taken and given back without events, and performers cached on the absences that
matter (issue #11), change nothing a run measures: the same runs with SimPy's request/release
events and with performers resolved afresh at every step give the same results."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import simpy

from govmodel.sim import engine, load_scenario
from govmodel.sim import performers as who
from govmodel.sim import processes as procs
from govmodel.sim.desks import HELD, Desk, PriorityDesk
from govmodel.sim.engine import Simulation
from govmodel.sim.plan import Planner
from govmodel.sim.ports import request
from govmodel.sim.runner import measures

ROOT = Path(__file__).parents[2]
GOOD = Path(__file__).parent / "good"


def test_a_free_desk_is_taken_at_once_and_a_busy_one_is_not() -> None:
    env = simpy.Environment()
    desk = Desk(env)
    assert desk.take_now() is HELD and desk.count == 1
    assert desk.take_now() is None
    waiting = desk.request()
    desk.give_back(HELD)
    assert waiting.triggered and desk.users == [waiting]  # the queue's head is granted at once
    desk.give_back(waiting)
    assert desk.count == 0 and desk.take_now() is HELD


def test_nobody_jumps_the_queue_of_a_priority_desk() -> None:
    env = simpy.Environment()
    desk = PriorityDesk(env)
    first = desk.request(priority=2)
    later, urgent = desk.wait_turn(2), desk.request(priority=0)
    desk.give_back(first)
    assert urgent.triggered and not later.triggered
    assert desk.take_now() is None  # still busy, and someone waits
    desk.give_back(urgent)
    assert later.triggered and desk.users == [later]


def test_a_turn_left_before_it_comes_leaves_the_queue() -> None:
    env = simpy.Environment()
    desk = Desk(env)
    held = desk.take_now()
    turn = desk.wait_turn(2)
    turn.cancel()
    desk.give_back(held)
    assert not turn.triggered and desk.count == 0


def _run(loaded, seed: int = 3, keep_events: bool = True) -> tuple[dict, list]:
    sim = Simulation(loaded, 0, seed, keep_events=keep_events).run()
    return measures(sim), sorted(tuple(e) for e in sim.rec.events)


def _scenarios() -> list:
    tandem = load_scenario(ROOT / "scenarios" / "tandem-queue.yaml")
    horizon = tandem.spec.horizon.model_copy(update={"documents": 400})
    spec = tandem.spec.model_copy(update={"horizon": horizon})
    return [dataclasses.replace(tandem, spec=spec)] + [
        load_scenario(GOOD / n) for n in ("mayor-abroad.yaml", "mayor-private-leave.yaml")
    ]


@pytest.mark.parametrize("index", range(3))
def test_the_same_results_with_simpys_request_and_release_events(index: int, monkeypatch) -> None:
    loaded = _scenarios()[index]
    fast = _run(loaded)
    for kind in (Desk, PriorityDesk):
        monkeypatch.setattr(kind, "take_now", lambda self: None)
        monkeypatch.setattr(kind, "wait_turn", lambda self, priority: request(self, priority))
        monkeypatch.setattr(kind, "give_back", lambda self, req: self.release(req))
    assert _run(loaded) == fast


@pytest.mark.parametrize("index", range(3))
def test_the_same_results_with_performers_resolved_at_every_step(index: int, monkeypatch) -> None:
    loaded = _scenarios()[index]
    cached = _run(loaded)
    monkeypatch.setattr(who, "candidates", who.resolve)
    assert _run(loaded) == cached


def test_answers_shared_by_the_replications_of_a_model_change_nothing(monkeypatch) -> None:
    loaded = load_scenario(GOOD / "mayor-abroad.yaml")
    Simulation(loaded, 0, 3).run()  # fills the model's shared answers
    warm = measures(Simulation(loaded, 1, 3).run())
    monkeypatch.setenv("GOVMODEL_NO_CACHE", "1")
    assert measures(Simulation(loaded, 1, 3).run()) == warm


@pytest.mark.parametrize("keep_events", [True, False])
@pytest.mark.parametrize("index", range(3))
def test_the_same_results_without_the_fast_path_of_simple_steps(
    index: int, keep_events: bool, monkeypatch
) -> None:
    """The document's fast path does what run_step, _act and _serve do for a step with one
    candidate who can start at once (or wait in line): with no step called simple, every step
    takes the general path."""
    loaded = _scenarios()[index]
    fast = _run(loaded, keep_events=keep_events)

    class NoFastPath(Planner):
        def _build(self, doc_type, conditions):  # type: ignore[no-untyped-def]
            plan = super()._build(doc_type, conditions)
            steps = tuple(dataclasses.replace(s, simple=False) for s in plan.steps)
            return dataclasses.replace(plan, steps=steps)

    monkeypatch.setattr(engine, "shared_planner", lambda loaded: NoFastPath(loaded.model, loaded.spec))
    assert _run(loaded, keep_events=keep_events) == fast


@pytest.mark.parametrize("index", range(3))
def test_the_same_results_as_branches_waiting_on_events(index: int, monkeypatch) -> None:
    """Parallel branches start a step when its last predecessor is done, in the process that
    did it (issue #11: fewer SimPy events); the same results as the event-based version they
    replace, every step a process waiting on the events of its predecessors."""
    loaded = _scenarios()[index] if index else load_scenario()  # the baseline has parallel steps
    direct = _run(loaded)
    real = procs.document

    def branch(sim, doc, sp, done):  # type: ignore[no-untyped-def]
        if sp.preds:
            yield sim.env.all_of([done[i] for i in sp.preds])
            if doc.failed is not None:
                done[sp.index].succeed(False)
                return
        ok = yield from procs.run_step(sim, doc, sp)
        done[sp.index].succeed(ok)

    def document(sim, doc):  # type: ignore[no-untyped-def]
        if doc.plan.chain:
            yield from real(sim, doc)
            return
        done = [sim.env.event() for _ in doc.plan.steps]
        for sp in doc.plan.steps:
            sim.env.process(branch(sim, doc, sp, done))
        yield sim.env.all_of([done[i] for i in doc.plan.sinks])
        sim.finish(doc)

    monkeypatch.setattr(engine, "document", document)
    assert any(not p.chain for p in Simulation(loaded, 0, 3).planner._cache.values())
    assert _run(loaded) == direct
