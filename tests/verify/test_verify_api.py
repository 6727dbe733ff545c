"""The verify package's curated API and small units (scenarios, calendar tables, DAG checks)."""

from __future__ import annotations

import datetime as dt
import importlib

import networkx as nx

from govmodel.calendar import WorkCalendar
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.verify import Bounds
from govmodel.verify.checks import CHECKS
from govmodel.verify.checks.mandatory import Asker, graph_path, solver_path
from govmodel.verify.checks.workdays import days, fewest_working_days, worst_wait
from govmodel.verify.properties import CLASSES
from govmodel.verify.scenarios import condition_sets

verify_pkg = importlib.import_module("govmodel.verify")


def test_public_api() -> None:
    assert sorted(verify_pkg.__all__) == ["Bounds", "CLASSES", "Property", "all_properties", "verify"]
    assert set(CHECKS) == set(CLASSES)


def test_condition_sets_enumerate_every_combination() -> None:
    assert len(list(condition_sets(("a", "b", "c")))) == 8
    assert next(iter(condition_sets(("a",)))) == frozenset()


def test_mandatory_graph_and_solver_agree() -> None:
    g = nx.DiGraph([("submit", "review"), ("review", "publish"), ("submit", "sign"), ("sign", "publish")])
    assert graph_path(g, {"review"}, "publish") is None
    assert solver_path(g, {"review"}, "publish", 5)[0] == "unsat"
    g.remove_edge("review", "publish")
    assert graph_path(g, {"review"}, "publish") == ["submit", "sign", "publish"]
    assert solver_path(g, {"review"}, "publish", 5) == ("sat", ["submit", "sign", "publish"])


def test_mandatory_questions_proved_at_once_or_left_to_ask_one_by_one() -> None:
    edges = [("submit", "review"), ("review", "publish"), ("submit", "sign"), ("sign", "publish")]
    proved = (edges, {"review"}, "publish")  # every way to publish passes review
    bypass = (edges[:1] + edges[2:], {"review"}, "publish")  # publish after sign alone
    asker = Asker(5)
    assert asker.none_reach([proved, (edges, {"sign"}, "publish")])
    assert asker.decide(*proved) == ("unsat", frozenset())  # recorded, not asked again
    assert not asker.none_reach([proved, bypass])  # one has an execution: asked one by one
    status, done = asker.decide(*bypass)
    assert status == "sat" and done == {"submit", "sign", "publish"}
    assert Asker(5).none_reach([])


def test_calendar_days_hold_fewer_working_days_over_spring_festival() -> None:
    table = days(WorkCalendar())
    low, start, end = fewest_working_days(table, t.Duration(value=10, unit="calendar_days"))
    plain, _, _ = fewest_working_days(table, t.Duration(value=10, unit="calendar_days"), holidays=False)
    assert low < plain == 6
    assert (end - start).days >= 10


def test_worst_wait_for_a_monthly_meeting() -> None:
    wait, arrival, meeting = worst_wait(days(WorkCalendar()), 1)
    assert 35 <= wait <= 50
    assert (meeting.year * 12 + meeting.month) - (arrival.year * 12 + arrival.month) == 1
    assert isinstance(arrival, dt.date)


def test_bounds_report_k(dalian: Model) -> None:
    assert Bounds().k_for(dalian) == len(dalian.cast.persons)
    assert Bounds(k=3).as_dict(dalian)["k"] == 3
