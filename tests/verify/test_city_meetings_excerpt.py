"""The second bundled model (a city's meeting rules, an excerpt of a real text) loads and
checks: its quorum, its entrustment limited to one meeting (both branches), its agenda lead
time and precondition on a meeting, and the strict reading of 半数以上 as a named assumption."""

from __future__ import annotations

import pytest

from govmodel.bundled import data_root
from govmodel.findings import Status
from govmodel.model import load_model
from govmodel.verify import Bounds, verify

FOLDER = data_root() / "models" / "city-meetings-excerpt"


@pytest.fixture(scope="module")
def results():
    return {(f.property, str(f.subject)): f for f in verify(load_model(FOLDER), Bounds(k=2)).findings}


def test_the_quorum_of_half_the_vice_mayors_survives_two_absences(results) -> None:
    assert results[("coverage.quorum", "executive_meeting.quorum")].status == Status.holds
    assert results[("coverage.quorum", "plenary_meeting.quorum")].status == Status.holds


def test_read_strictly_two_absent_vice_mayors_stop_the_meetings() -> None:
    model = load_model(FOLDER, assumptions={"more_than_half_strictly": True})
    res = verify(model, Bounds(k=2), classes=["coverage"])
    f = next(f for f in res.findings if str(f.subject) == "executive_meeting.quorum")
    assert f.status == Status.violated and f.bounds["resilience"] == 2


def test_entrustment_of_the_mayors_office_meeting_has_both_branches(results) -> None:
    plain = results[("coverage.meeting", "mayors_office_meeting.presides")]
    entrusted = results[("coverage.meeting", "mayors_office_meeting.presides@entrusted")]
    assert plain.status == entrusted.status == Status.violated
    assert plain.bounds["resilience"] == 1 and entrusted.bounds["resilience"] == 2
    assert plain.cause is not None and plain.cause.kind == "not_entrusted"


def test_the_precondition_on_the_agenda_holds(results) -> None:
    f = results[("mandatory.ordering", "art16_no_item_without_coordination@executive_meeting")]
    assert f.status == Status.holds
    assert results[("conflict.vacuous", "art16_no_item_without_coordination")].status == Status.holds


def test_nothing_unknown(results) -> None:
    assert not [k for k, f in results.items() if f.status == Status.unknown]
