"""What a replay reads of a counterexample, by field: the scene it picks and its dates, as the
typed witnesses verify wrote them (:mod:`govmodel.findings.witness`). Renaming a witness field
breaks the type check here, not silently the replay (a ``.get("name")`` on the mapping would
just find nothing)."""

from __future__ import annotations

from govmodel.findings import CadenceDates, CalendarDates, Counterexample, SceneWitness

__all__ = ["scene_of", "cadence_dates", "calendar_dates", "submitted_on"]


def scene_of(cx: Counterexample) -> SceneWitness:
    """The scene the counterexample picks (``coverage.step``, ``separation.two_levels``,
    ``timing.cadence``); the empty scene for a class that picks none (``timing.calendar_days``)."""
    return cx.cast if isinstance(cx.cast, SceneWitness) else SceneWitness()


def cadence_dates(cx: Counterexample) -> CadenceDates:
    """The dates of a ``timing.cadence`` counterexample (empty for any other class)."""
    return cx.dates if isinstance(cx.dates, CadenceDates) else CadenceDates()


def calendar_dates(cx: Counterexample) -> CalendarDates:
    """The dates of a ``timing.calendar_days`` counterexample (empty for any other class)."""
    return cx.dates if isinstance(cx.dates, CalendarDates) else CalendarDates()


def submitted_on(cx: Counterexample) -> str | None:
    """The ISO date a timing counterexample's document reaches the government: the cadence's
    submission, or the start of the calendar-day limit; None for the other classes."""
    if isinstance(cx.dates, CadenceDates):
        return cx.dates.submitted or None
    if isinstance(cx.dates, CalendarDates):
        return cx.dates.start or None
    return None
