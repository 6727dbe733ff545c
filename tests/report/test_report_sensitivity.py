"""The HTML report's sensitivity section, from a finished sweep's outputs (issue #12)."""

from __future__ import annotations

from govmodel.cli import main
from govmodel.model import load_model
from govmodel.report.coverage import coverage
from govmodel.report.html import build_report

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 16


def test_the_sweep_summary_and_plots_are_a_section_of_the_report():
    model = load_model()
    sweep = {"summary": "敏感性分析 Sensitivity sweep: 测试 / test", "plots": {"kpi.png": PNG}}
    html = build_report(model, coverage(model), sensitivity=sweep)
    assert 'id="sensitivity"' in html and 'href="#sensitivity"' in html
    assert "Sensitivity sweep: 测试 / test" in html and html.count("data:image/png;base64,") == 1
    assert 'id="sensitivity"' not in build_report(model, coverage(model))


def test_a_folder_that_is_not_a_sweeps_output_is_bad_input(tmp_path, capsys):
    assert main(["report", "--no-sim", "--sweep", str(tmp_path), "--out", str(tmp_path / "r.html")]) == 2
    assert "no summary.txt" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
