"""The replay reads a counterexample's scene and dates by field (crosscheck/replay_witness.py)."""

from __future__ import annotations

from govmodel.crosscheck.replay_witness import cadence_dates, calendar_dates, scene_of, submitted_on
from govmodel.findings import CadenceDates, CalendarDates, Counterexample, DocumentTypes, SceneWitness


def test_the_scene_is_read_by_field() -> None:
    scene = SceneWitness(document_type="request", department="finance", related_departments=("tax",))
    cx = Counterexample(cast=scene)
    assert scene_of(cx) is scene
    assert (scene_of(cx).document_type, scene_of(cx).related_departments) == ("request", ("tax",))


def test_a_cast_of_another_kind_is_the_empty_scene() -> None:
    assert scene_of(Counterexample(cast=DocumentTypes(("request",)))) == SceneWitness()
    assert scene_of(Counterexample()) == SceneWitness()


def test_the_dates_of_each_timing_class() -> None:
    cadence = Counterexample(dates=CadenceDates("2025-03-03", "2025-03-20", "2025-04-01"))
    calendar = Counterexample(dates=CalendarDates("2025-09-28", "2025-10-08", 3, ("国庆节",)))
    assert submitted_on(cadence) == "2025-03-03" and cadence_dates(cadence).next_meeting == "2025-04-01"
    assert submitted_on(calendar) == "2025-09-28" and calendar_dates(calendar).working_days == 3
    assert submitted_on(Counterexample()) is None
    assert cadence_dates(calendar) == CadenceDates() and calendar_dates(cadence) == CalendarDates()
