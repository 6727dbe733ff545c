"""The third bundled model (the Baiyun District executive meeting's rules, a real text from the
district's website) loads and checks: its Tuesday schedule on the real working-day calendar,
its quorum of at least half the members (含半数: no reading to choose), and its entrustment
limited to the meeting (both branches)."""

from __future__ import annotations

import pytest

from govmodel.bundled import data_root
from govmodel.cli import main
from govmodel.findings import Status
from govmodel.model import load_model
from govmodel.verify import Bounds, verify

FOLDER = data_root() / "models" / "baiyun-executive-meeting"


@pytest.fixture(scope="module")
def results():
    return {(f.property, str(f.subject)): f for f in verify(load_model(FOLDER), Bounds(k=2)).findings}


def test_a_tuesday_that_is_a_holiday_is_a_gap_the_text_leaves(results) -> None:
    f = results[("timing.weekday", "executive_meeting")]
    assert f.status == Status.violated and f.cause is not None and f.cause.kind == "weekday"
    # 2004–2026 (the page gives no date): 74 Tuesdays off, 15 with no working day after them
    assert f.bounds["years"] == [2004, 2026]
    assert (f.bounds["weekdays_off"], f.bounds["weeks_without_a_later_working_day"]) == (74, 15)
    d = f.counterexample.dates  # the most recent: 春节 2026, the whole rest of the week off
    assert (d.start, d.deadline, d.working_days) == ("2026-02-17", "2026-02-22", 0)
    assert "春节" in d.holidays[0]


def test_read_softly_as_a_rule_admits_the_holidays() -> None:
    model = load_model(FOLDER, assumptions={"as_a_rule_admits_holidays": True})
    assert "timing.weekday" not in {f.property for f in verify(model, Bounds(k=0)).findings}


def test_at_least_half_of_seven_members_is_four(results) -> None:
    assert results[("coverage.quorum", "executive_meeting.quorum")].status == Status.holds
    f = next(
        f
        for f in verify(load_model(FOLDER), Bounds(k=4), classes=["coverage"]).findings
        if str(f.subject) == "executive_meeting.quorum"
    )
    assert f.status == Status.violated and f.bounds["resilience"] == 4


def test_entrustment_of_the_meeting_has_both_branches(results) -> None:
    plain = results[("coverage.meeting", "executive_meeting.presides")]
    entrusted = results[("coverage.meeting", "executive_meeting.presides@entrusted")]
    assert plain.status == entrusted.status == Status.violated
    assert plain.bounds["resilience"] == 1 and entrusted.bounds["resilience"] == 2
    assert plain.cause is not None and plain.cause.kind == "not_entrusted"


def test_no_lead_time_is_invented_and_nothing_unknown(results) -> None:
    assert not [k for k in results if k[0] in ("timing.agenda_lead", "timing.calendar_days")]
    assert not [k for k, f in results.items() if f.status == Status.unknown]


def test_validate_and_check_run_from_the_command_line(capsys) -> None:
    assert main(["validate", "baiyun-executive-meeting"]) == 0
    assert main(["check", "baiyun-executive-meeting", "--k", "1"]) == 1  # gaps found
    out = capsys.readouterr().out
    assert "每星期二" in out and "on Tuesdays" in out and "2026-02-17" in out


def test_show_and_suggest_say_the_weekday_in_words(capsys) -> None:
    assert main(["show", "executive_meeting", "baiyun-executive-meeting"]) == 0
    assert "schedule 会期: 一般每周二召开 / as a rule on Tuesdays" in capsys.readouterr().out
    main(["suggest", "weekday:executive_meeting", "baiyun-executive-meeting"])
    said = capsys.readouterr()
    assert "顺延" in said.out + said.err  # no overlay can close it: the text must say
