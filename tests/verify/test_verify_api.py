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
from govmodel.verify.checks.mandatory import graph_path, solver_path
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
