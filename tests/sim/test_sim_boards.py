"""The boards on their own: who is away (a stack of reasons per person, events that wake
waiting documents) and a meeting's agenda (its cadence on the working-day calendar, the
cut-off, the capacity, urgent first then oldest, a presider resolved at the sitting)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from govmodel.calendar import WorkingDays
from govmodel.sim import load_scenario
from govmodel.sim.doc import Doc
from govmodel.sim.engine import Simulation

MINIMAL = Path(__file__).parent / "good" / "minimal.yaml"
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def loaded():
    return load_scenario(MINIMAL)


@pytest.fixture()
def sim(loaded) -> Simulation:
    return Simulation(loaded, 0, 1)


def _doc(sim: Simulation, n: int, priority: int = 2) -> Doc:
    plan = sim.planner.plan("government_document", frozenset())
    return Doc(
        n,
        f"d{n}",
        "government_document",
        "finance_bureau",
        frozenset(),
        frozenset(),
        priority,
        plan,
        random.Random(n),
        sim.env.now,
        True,
    )


# -- absences --------------------------------------------------------------------------------
def test_a_person_is_away_until_every_reason_has_ended(sim: Simulation) -> None:
    board = sim.absences
    board.leave("p_mayor", "abroad_visit")
    board.leave("p_mayor", "leave_city_private")
    assert board.absent == {"p_mayor": "leave_city_private"}  # the latest reason shows
    board.back("p_mayor", "leave_city_private")
    assert board.absent == {"p_mayor": "abroad_visit"}
    board.back("p_mayor", "abroad_visit")
    assert board.absent == {}
    assert board.version == 4


def test_leaving_recalls_queued_documents_and_returning_wakes_waiting_ones(sim: Simulation) -> None:
    board = sim.absences
    recall, changed = board.recall("p_mayor"), board.changed
    assert board.recall("p_mayor") is recall  # one event per person until it fires
    board.leave("p_mayor", "abroad_visit")
    assert recall.triggered and not changed.triggered
    assert board.recall("p_mayor") is not recall
    board.back("p_mayor", "abroad_visit")
    assert changed.triggered and board.changed is not changed


def test_fixed_absence_spans_its_working_days(sim: Simulation) -> None:
    board = sim.absences
    seen: list[tuple[float, dict[str, str]]] = []

    def watch():
        while True:
            seen.append((sim.env.now, dict(board.absent)))
            yield sim.env.timeout(sim.clock.hours_per_day)

    sim.env.process(board._fixed("p_mayor", "abroad_visit", D("2025-03-10"), D("2025-03-14")))
    sim.env.process(watch())
    sim.env.run(until=sim.clock.time_of(D("2025-03-20")) + 0.5)
    away = [sim.clock.date(tm) for tm, absent in seen if absent.get("p_mayor") == "abroad_visit"]
    assert away == [D("2025-03-10"), D("2025-03-11"), D("2025-03-12"), D("2025-03-13"), D("2025-03-14")]


# -- meetings --------------------------------------------------------------------------------
def test_monthly_meeting_sits_on_the_policys_working_day(sim: Simulation) -> None:
    board = sim.boards["executive_meeting"]
    assert board.policy.working_day == 10
    cal = sim.clock.calendar
    got = [sim.clock.date(board._peek(k)) for k in range(3)]
    assert got == [
        cal.add(cal.next_working_day(D(f"2025-{m:02}-01"), inclusive=True), WorkingDays(9)) for m in (3, 4, 5)
    ]
    assert got[0] == D("2025-03-14")


def test_an_item_after_the_cutoff_waits_for_the_next_sitting(sim: Simulation) -> None:
    board = sim.boards["executive_meeting"]
    first, second = board._peek(0), board._peek(1)
    doc = _doc(sim, 1)
    assert board.next_eligible(first - board.cutoff, doc) == first
    assert board.next_eligible(first - board.cutoff + 0.01, doc) == second


def test_sitting_takes_capacity_items_urgent_first_then_oldest(sim: Simulation) -> None:
    board = sim.boards["executive_meeting"]
    env = sim.env
    events = []
    for n in range(1, 13):  # ten ordinary items, then two urgent ones
        events.append((n, board.submit(_doc(sim, n, priority=1 if n > 10 else 2))))
        env.run(until=env.now + 0.1)
    env.process(board.run())
    env.run(until=board._peek(0) + board.duration + 0.1)
    decided = [n for n, ev in events if ev.triggered]
    assert decided == [1, 2, 3, 4, 5, 6, 7, 8, 11, 12]
    assert [it.doc.id for it in board.pending] == [9, 10]
    presider, _start = events[0][1].value
    assert presider.person == "p_mayor" and not presider.via
    assert sim.rec.meetings["executive_meeting"] == {"held": 1, "decided": 10, "backlog_after": 2}


def test_a_deputy_presides_for_the_reasons_the_rules_name(sim: Simulation) -> None:
    board = sim.boards["executive_meeting"]
    sim.absences.leave("p_mayor", "abroad_visit")  # art. 9: the executive vice mayor stands in
    ev = board.submit(_doc(sim, 1))
    sim.env.process(board.run())
    sim.env.run(until=board._peek(0) + board.duration + 0.1)
    presider, _ = ev.value
    assert presider.person != "p_mayor" and presider.via


def test_without_a_presider_the_meeting_is_postponed_day_by_day(sim: Simulation) -> None:
    board = sim.boards["executive_meeting"]
    sim.absences.leave("p_mayor", "leave_city_private")  # art. 9 names no stand-in for this
    ev = board.submit(_doc(sim, 1))
    first = board._peek(0)
    sim.env.process(board.run())
    sim.env.run(until=first + 3 * sim.clock.hours_per_day + 0.1)
    assert not ev.triggered
    assert sim.rec.meetings["executive_meeting"]["postponed"] == 4  # the day itself, then each next day
    sim.absences.back("p_mayor", "leave_city_private")
    sim.env.run(until=first + 5 * sim.clock.hours_per_day)
    assert ev.triggered and ev.value[0].person == "p_mayor"
