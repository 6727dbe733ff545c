"""Holiday notice YAML: good files load, each bad file reports its defect at file:line.

Each file under bad/ states what it must produce in ``# expect: LINE: TEXT`` comments.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path

import pytest

from govmodel.calendar import (
    HolidayNotice,
    WorkCalendar,
    WorkingDays,
    load_notice,
    load_notices,
    parse_notice,
)
from govmodel.errors import InputError, UnknownYearError
from govmodel.refs import Label

HERE = Path(__file__).parent
GOOD = sorted((HERE / "good").glob("*.yaml"))
BAD = sorted((HERE / "bad").glob("*.yaml"))
EXAMPLE = HERE.parents[1] / "data" / "holidays" / "example-2027.yaml"
D = dt.date.fromisoformat
_EXPECT = re.compile(r"^# expect: (\d+): (.+)$", re.M)


def test_fixture_sets_are_not_empty() -> None:
    assert len(GOOD) >= 2 and len(BAD) >= 10


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_good_notices_load(path: Path) -> None:
    notice = load_notice(path)
    assert isinstance(notice, HolidayNotice)
    assert notice.where.file == str(path)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_notice_reports_defect_at_file_line(path: Path) -> None:
    expects = _EXPECT.findall(path.read_text(encoding="utf-8"))
    assert expects, f"{path.name} has no '# expect: LINE: TEXT' comment"
    with pytest.raises(InputError) as info:
        load_notice(path)
    message = str(info.value)
    for line, text in expects:
        assert f"{path}:{line}:" in message, message
        assert any(p.where.line == int(line) and text in str(p) for p in info.value.problems), (
            f"no problem at line {line} containing {text!r}:\n{message}"
        )


def test_several_problems_are_reported_at_once() -> None:
    with pytest.raises(InputError) as info:
        load_notice(HERE / "bad" / "several-problems.yaml")
    assert len(info.value.problems) == 4


def test_problems_of_several_files_are_reported_together() -> None:
    files = [HERE / "bad" / "unknown-key.yaml", HERE / "bad" / "bad-date.yaml"]
    with pytest.raises(InputError) as info:
        WorkCalendar.from_notices(files)
    text = str(info.value)
    assert "unknown-key.yaml:5:" in text and "bad-date.yaml:5:" in text


def test_two_notices_for_one_year_are_rejected() -> None:
    with pytest.raises(InputError, match="a second notice for 2027"):
        load_notices([EXAMPLE, EXAMPLE])


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_notice(tmp_path / "nope.yaml")


def test_parse_notice_from_text() -> None:
    notice = parse_notice(
        "year: 2031\nsource: {zh: 测试, en: test}\n"
        "holidays:\n  - {from: 2031-01-01, to: 2031-01-03, name: {zh: 元旦, en: New Year}}\n",
        file="inline.yaml",
    )
    assert sorted(notice.holidays) == [D("2031-01-01"), D("2031-01-02"), D("2031-01-03")]
    assert notice.status == "official" and not notice.makeup_workdays
    with pytest.raises(InputError, match=r"inline\.yaml:1:7: year: found 'x'"):
        parse_notice("year: x\nsource: {zh: 测, en: t}\n", file="inline.yaml")


def test_example_2027_is_labelled_and_usable() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "EXAMPLE ONLY" in text and "NOT THE OFFICIAL" in text
    notice = load_notice(EXAMPLE)
    assert notice.status == "example" and "EXAMPLE" in notice.source.en
    cal = WorkCalendar.from_notices([EXAMPLE])
    assert cal.known_years[-1] == 2027
    assert "EXAMPLE" in cal.year(2027).source
    assert not cal.is_working_day(D("2027-02-08"))  # Monday in the example's Spring Festival
    assert cal.is_working_day(D("2027-02-14"))  # Sunday make-up day
    assert cal.is_working_day(D("2027-02-12"))
    assert cal.holiday_name(D("2027-02-14")) == Label("春节调休", "Spring Festival make-up day")
    assert cal.add(D("2026-12-31"), WorkingDays(1)) == D("2027-01-04")
    assert cal.add(D("2027-02-04"), WorkingDays(3)) == D("2027-02-15")  # 2/12, 2/14, 2/15
    with pytest.raises(UnknownYearError, match="2028"):
        cal.add(D("2027-12-30"), WorkingDays(5))


def test_notice_replaces_package_year_only() -> None:
    cal = WorkCalendar.from_notices([HERE / "good" / "override-2025.yaml"])
    assert cal.is_working_day(D("2025-01-28"))  # package: Spring Festival; notice: working
    assert not cal.is_working_day(D("2025-03-03"))
    assert cal.is_working_day(D("2025-03-08"))  # Saturday made a working day
    assert not cal.is_working_day(D("2024-02-12"))  # 2024 still from the package
    assert cal.year(2025).source.endswith("override-2025.yaml (EXAMPLE, not official)")
    assert cal.notices[0].url == "https://example.invalid/2025"


def test_notice_only_calendar() -> None:
    cal = WorkCalendar.from_notices([HERE / "good" / "minimal-2030.yaml"], use_package=False)
    assert cal.known_years == (2030,)
    assert not cal.is_working_day(D("2030-01-01"))
    assert cal.is_working_day(D("2030-01-02"))
    with pytest.raises(UnknownYearError) as info:
        cal.is_working_day(D("2025-01-02"))
    assert info.value.known == (2030, 2030)


def test_calendar_with_notices_pickles() -> None:
    cal = WorkCalendar.from_notices([EXAMPLE])
    cal.is_working_day(D("2027-01-04"))
    cal.is_working_day(D("2025-01-04"))
    again = pickle.loads(pickle.dumps(cal))
    assert again.is_working_day(D("2027-02-14")) and not again.is_working_day(D("2025-01-28"))
    assert again.holiday_name(D("2027-01-01")) == Label("元旦", "New Year's Day")
