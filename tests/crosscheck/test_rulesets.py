"""``govmodel compare-rules A B``: the two quorum readings line up as one meeting that differs,
and the gap the strict reading has is closed by the other (text and JSON)."""

from __future__ import annotations

import json
from pathlib import Path

from govmodel.cli import main
from govmodel.crosscheck.rulesets import compare_rules
from govmodel.model import load_model
from govmodel.verify import Bounds, verify

FIX = Path(__file__).parents[1] / "verify"
STRICT = FIX / "bad" / "quorum-broken-by-two-absences"
LENIENT = FIX / "good" / "quorum-kept-with-two-absences"


def test_rows_and_gaps() -> None:
    a, b = load_model(STRICT), load_model(LENIENT)
    c = compare_rules(a, b, verify(a, Bounds(k=2)), verify(b, Bounds(k=2)))
    row = next(r for r in c.rows if r.key == "executive_meeting")
    assert row.concern == "meetings" and row.status == "differs"
    gap = next(g for g in c.gaps if g.subject == "executive_meeting.quorum")
    assert gap.concern == "meetings" and gap.closed_by == "b"


def test_same_model_twice_has_no_difference() -> None:
    a = load_model(LENIENT)
    c = compare_rules(a, load_model(LENIENT))
    assert {r.status for r in c.rows} == {"same"} and not c.gaps


def test_cli_text_and_json(tmp_path, capsys) -> None:
    assert main(["compare-rules", str(STRICT), str(LENIENT), "--k", "2"]) == 0
    out = capsys.readouterr().out
    assert "会议 meetings" in out and "closed in B" in out and "executive_meeting" not in out.split("==")[0]
    target = tmp_path / "c.json"
    assert (
        main(
            ["compare-rules", str(STRICT), str(LENIENT), "--k", "2", "--format", "json", "--out", str(target)]
        )
        == 0
    )
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["gaps"][0]["closed_by"] == "b" and data["rows"][0]["status"] == "differs"


def test_bundled_models_compare_in_words_not_codes(capsys) -> None:
    assert main(["compare-rules", "dalian-2014", "city-meetings-excerpt", "--k", "1"]) == 0
    out = capsys.readouterr().out
    assert "ad_hoc" not in out and "频次:monthly" not in out and "限于不限" not in out
    assert "频次:需要时召开" in out and "sits: when convened" in out
    assert "(召集、主持;范围:市长办公会议)" in out and "(全部职责;范围:所有事项)" in out


def test_the_weekday_schedule_compares_in_words(capsys) -> None:
    assert main(["compare-rules", "baiyun-executive-meeting", "city-meetings-excerpt", "--no-verify"]) == 0
    out = capsys.readouterr().out
    assert "频次:每周，一般周二召开" in out and "sits: weekly, as a rule on Tuesdays" in out
    assert "频次:每月，一般每月1-2次" in out and "tuesday" not in out
