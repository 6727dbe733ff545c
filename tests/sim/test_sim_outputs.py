"""The CLI end to end: JSON summary, CSV event log, plots with Chinese glyphs, compare."""

from __future__ import annotations

import csv
import json
import warnings
from pathlib import Path

import pytest

from govmodel.cli import main

GOOD = Path(__file__).parent / "good"
TANDEM = Path(__file__).parents[2] / "scenarios" / "tandem-queue.yaml"


def test_simulate_json_events_and_plots(tmp_path: Path) -> None:
    out, events, plots = tmp_path / "s.json", tmp_path / "e.csv", tmp_path / "plots"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a warning: fail on it
        rc = main(
            [
                "simulate",
                str(GOOD / "mayor-abroad.yaml"),
                "--replications",
                "2",
                "--format",
                "json",
                "--out",
                str(out),
                "--events",
                str(events),
                "--plots",
                str(plots),
                "--no-progress",
            ]
        )
    assert rc == 0
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["replications"] == 2 and d["documents"] > 0
    for key in ("cycle_time_hours", "completed", "documents_per_replication"):
        assert set(d[key]) >= {"mean", "ci95"}
    assert d["deputy_activations"]["art9_executive_vice_mayor_acts_as_mayor"]["mean"] > 0
    assert d["latency_working_days"]["government_document"]["percentiles"]["p90"]["mean"] is not None
    rows = list(csv.DictReader(events.open(encoding="utf-8")))
    assert rows and set(rows[0]) >= {"case_id", "activity", "resource", "start", "end", "document_type"}
    assert rows[0]["start"][4] == "-" and "T" in rows[0]["start"]
    assert sorted(p.name for p in plots.iterdir()) == [
        "latency.png",
        "on_time_rate.png",
        "queues.png",
        "utilization.png",
    ]
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in plots.iterdir())


def test_tandem_json_has_cycle_time_hours(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    small = tmp_path / "tandem-small.yaml"
    text = TANDEM.read_text(encoding="utf-8").replace("documents: 50000", "documents: 2000")
    small.write_text(
        text.replace("path: models/tandem", f"path: {TANDEM.parent / 'models' / 'tandem'}"), encoding="utf-8"
    )
    assert main(["simulate", str(small), "-n", "2", "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["documents"] == 4000
    assert 5 < d["cycle_time_hours"]["mean"] < 12 and len(d["cycle_time_hours"]["ci95"]) == 2


def test_text_report_names_bottlenecks_and_gaps(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(GOOD / "mayor-private-leave.yaml")]) == 0
    text = capsys.readouterr().out
    assert "Bottlenecks" in text and "市长(甲) / Mayor A" in text and "p_mayor" not in text
    assert "以市政府名义发文 · 签发:市长缺位(离连休假)" in text


def test_compare_cli(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(
        [
            "compare",
            str(GOOD / "mayor-abroad.yaml"),
            str(GOOD / "mayor-private-leave.yaml"),
            "-n",
            "2",
            "--format",
            "json",
        ]
    )
    assert rc == 0
    d = json.loads(capsys.readouterr().out)
    assert d["common_random_numbers"] is True
    assert d["differences"]["abandoned"]["difference"] > 0


def test_bad_options_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(GOOD / "minimal.yaml"), "--jobs", "0"]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_cjk_font_is_registered() -> None:
    from matplotlib import font_manager

    from govmodel.report.fonts import use_cjk_font

    family = use_cjk_font()
    assert family == "Noto Sans CJK SC"
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert path.endswith(".ttc")


def test_public_api() -> None:
    import govmodel.sim as sim

    for name in sim.__all__:
        assert hasattr(sim, name), name
    assert {"simulate", "compare", "load_scenario", "SimResult"} <= set(sim.__all__)


def test_simpy_only_in_sim_and_matplotlib_only_in_report() -> None:
    import re

    src = Path(__file__).parents[2] / "src" / "govmodel"
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(src).as_posix()
        if re.search(r"^\s*(import|from) simpy", text, re.M):
            assert rel.startswith("sim/"), rel
        if re.search(r"^\s*(import|from) matplotlib", text, re.M):
            assert rel.startswith("report/"), rel
        if rel.startswith("sim/"):
            assert not re.search(r"govmodel\.(verify|report|cli)", text), rel
