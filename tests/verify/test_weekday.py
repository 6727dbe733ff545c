"""A meeting the text puts on a weekday (一般在每周一召开) on the real working-day calendar:
the weekdays that are public holidays (the text does not say where the meeting goes), and a
lead time on its agenda (会议召开前一个星期) evaluated before its actual sittings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govmodel.calendar import WorkCalendar
from govmodel.findings import Status
from govmodel.model import load_model
from govmodel.verify import Bounds, verify
from govmodel.verify.checks.weekday import sittings

HERE = Path(__file__).parent
TINY = HERE / "bad" / "weekday-meeting-on-public-holidays"


@pytest.fixture(scope="module")
def found():
    return {(f.property, str(f.subject)): f for f in verify(load_model(TINY), Bounds(k=0)).findings}


def test_sittings_move_to_the_next_working_day_of_the_week() -> None:
    cal = WorkCalendar()
    weeks = dict(sittings("monday", dt.date(2025, 1, 27), dt.date(2025, 2, 10), cal))
    assert weeks[dt.date(2025, 1, 27)] == dt.date(2025, 1, 27)  # a working Monday
    assert weeks[dt.date(2025, 2, 3)] == dt.date(2025, 2, 5)  # 春节: Wednesday is the first working day
    spring_2026 = dict(sittings("monday", dt.date(2026, 2, 16), dt.date(2026, 2, 16), cal))
    assert spring_2026[dt.date(2026, 2, 16)] is None  # the whole week is off


def test_mondays_off_are_a_gap_with_the_first_week_that_has_no_working_day(found) -> None:
    f = found[("timing.weekday", "executive_meeting")]
    assert f.status == Status.violated and f.cause is not None and f.cause.kind == "weekday"
    assert f.bounds["weekdays_off"] == 9 and f.bounds["weeks_without_a_later_working_day"] == 1
    d = f.counterexample.dates
    assert (d.start, d.working_days) == ("2026-02-16", 0) and "春节" in d.holidays[0]


def test_a_week_before_the_sitting_after_spring_festival_holds_one_working_day(found) -> None:
    f = found[("timing.agenda_lead", "art3_items_a_week_before@executive_meeting")]
    assert f.status == Status.violated
    d = f.counterexample.dates
    # Monday 2025-02-03 is 春节: the meeting sits on Wednesday 02-05, items are due 01-29 (a
    # holiday too), and only 02-05 itself is a working day in between (5 in an ordinary week)
    assert (d.start, d.deadline, d.working_days) == ("2025-01-29", "2025-02-05", 1)
    assert f.bounds["fewest_without_holidays"] == 5
    assert "2025-02-03" in f.message.zh and "2025-02-05" in f.message.en


def test_the_limit_is_not_also_checked_on_every_start_date(found) -> None:
    assert not [k for k in found if k[0] == "timing.calendar_days"]


def test_soft_reading_of_yiban_gives_no_property(tmp_path) -> None:
    for p in TINY.iterdir():
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "soft.yaml").write_text(
        "assumptions:\n"
        "  - id: yiban_is_soft\n"
        "    statement: {zh: 一般即可例外, en: As a rule admits exceptions}\n"
        "    articles: [2]\n"
        "    default: true\n"
        "    effect: in_principle_limits_are_soft\n"
        "    rationale: {zh: 一般, en: As a rule}\n",
        encoding="utf-8",
    )
    got = {f.property for f in verify(load_model(tmp_path), Bounds(k=0)).findings}
    assert "timing.weekday" not in got


def test_a_text_that_says_the_meeting_moves_later_closes_the_gap() -> None:
    moves = HERE / "good" / "weekday-meeting-moves-past-holidays"
    f = next(f for f in verify(load_model(moves), Bounds(k=0)).findings if f.property == "timing.weekday")
    assert f.status == Status.holds and f.bounds["weekdays_off"] == 6 and "顺延" in f.message.zh


def test_moving_later_sits_in_the_next_week_when_the_week_is_off() -> None:
    cal = WorkCalendar()
    (named, sits), *_ = sittings("tuesday", dt.date(2026, 2, 17), dt.date(2026, 3, 1), cal, beyond_week=True)
    assert named == dt.date(2026, 2, 17) and sits == dt.date(2026, 2, 24)  # 春节 2026: Feb 15–23 off
