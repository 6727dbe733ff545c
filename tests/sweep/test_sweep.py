"""govmodel sweep: spec validation, designs, indices, ranking, CLI outputs (fast, serial)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from govmodel.cli import main
from govmodel.errors import InputError
from govmodel.sweep import plan_sweep, ranking, run_sweep

HERE = Path(__file__).parent
GOOD = HERE / "good"
BAD = HERE / "bad"


def test_the_two_factors_the_kpi_depends_on_rank_first():
    plan = plan_sweep(GOOD / "two-factors.sweep.yaml")
    # default factors: every figure labelled as an assumption (five handling times)
    assert len(plan.factors) == 5
    result = run_sweep(plan, scheduler="serial")
    top = [f.name for f, _v, _c in ranking(result, "cycle_time_hours/mean")[:2]]
    assert sorted(top) == ["service_times.steps.tandem_chain.step1", "service_times.steps.tandem_chain.step2"]
    # the unused default handling time has no effect at all (common random numbers)
    last = ranking(result, "cycle_time_hours/mean")[-1]
    assert last[0].name == "service_times.default" and last[1] == 0.0


def test_table_is_tidy_and_complete():
    plan = plan_sweep(GOOD / "two-factors.sweep.yaml")
    result = run_sweep(plan, scheduler="serial")
    t = result.table
    assert t.num_rows == len(plan.X) * plan.ctx.replications * len(plan.ctx.kpis)
    assert t.column_names[:4] == ["point", "replication", "kpi", "value"]
    assert set(t.column_names[4:]) == {f.name for f in plan.factors}
    for kpi, idx in result.indices.items():
        for name in ("mu_star", "sigma"):
            assert all(math.isfinite(v) for v in idx[name]["value"]), (kpi, name)


@pytest.mark.parametrize(
    "method, extra", [("grid", {"levels": 3}), ("latin", {"samples": 12}), ("sobol", {"samples": 8})]
)
def test_every_design_runs_and_gives_indices(tmp_path, method, extra):
    design = ", ".join([f"method: {method}"] + [f"{k}: {v}" for k, v in extra.items()])
    spec = tmp_path / "s.yaml"
    spec.write_text(
        f"""sweep: {{id: {method}}}
scenario: {GOOD / "two-factors.scenario.yaml"}
factors:
  - path: service_times.steps.tandem_chain.step1
    range: [0.5, 1.5]
  - path: service_times.steps[tandem_chain.step2]
    values: [1.0, 2.0, 3.0]
overrides: {{horizon.documents: 60}}
design: {{{design}}}
replications: 1
kpis: [cycle_time_hours/mean]
""",
        encoding="utf-8",
    )
    from govmodel.paths import allow_outside

    with allow_outside([HERE]):  # the spec in tmp_path names the scenario beside this test
        plan = plan_sweep(spec)
    result = run_sweep(plan, scheduler="serial")
    idx = result.indices["cycle_time_hours/mean"]
    assert "error" not in idx
    key = "ST" if method == "sobol" else "S1"
    assert len(idx[key]["value"]) == 2


def test_bad_spec_every_problem_with_its_position(capsys):
    assert main(["sweep", str(BAD / "several-problems.sweep.yaml"), "--scheduler", "serial"]) == 2
    err = capsys.readouterr().err
    assert "several-problems.sweep.yaml:9:" in err and "levles" in err and "did you mean 'levels'" in err
    assert "several-problems.sweep.yaml:7:" in err and "range needs low < high" in err
    assert "Traceback" not in err


def test_bad_factors_every_problem_with_its_position():
    spec = BAD / "several-problems.sweep.yaml"
    text = spec.read_text().replace("levles", "levels").replace("[10, 5]", "[5, 10]")
    tmp = BAD.parent / "bad" / ".tmp-factors.sweep.yaml"
    tmp.write_text(text)
    try:
        with pytest.raises(InputError) as info:
            plan_sweep(tmp)
    finally:
        tmp.unlink()
    shown = [str(p) for p in info.value.problems]
    assert len(shown) == 2, shown
    assert (
        ":5:" in shown[0]
        and "no key 'tandem_chain.step9'" in shown[0]
        and "did you mean 'tandem_chain.step" in shown[0]
    )
    assert ":6:" in shown[1] and "not a number" in shown[1]


def test_unknown_kpi_is_bad_input_with_a_suggestion(capsys, tmp_path):
    out = tmp_path / "never-written"
    assert (
        main(["sweep", str(BAD / "unknown-kpi.sweep.yaml"), "--scheduler", "serial", "--out", str(out)]) == 2
    )
    assert not out.exists()
    err = capsys.readouterr().err
    assert "unknown KPI 'cycle_time_hours/maen'" in err and "did you mean 'cycle_time_hours/mean'" in err


def test_cli_writes_table_indices_plots_and_summary(tmp_path, capsys):
    out = tmp_path / "out"
    assert (
        main(
            [
                "sweep",
                str(GOOD / "two-factors.sweep.yaml"),
                "--out",
                str(out),
                "--scheduler",
                "serial",
                "--csv",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "敏感性分析 Sensitivity sweep" in printed and "handling time" in printed
    assert pq.read_table(out / "table.parquet").num_rows == 24 * 2 * 2
    assert (out / "table.csv").read_text().startswith('"point","replication","kpi","value"')
    data = json.loads((out / "indices.json").read_text())
    assert data["design"] == {"method": "morris", "points": 24, "replications": 2, "seed": 11}
    assert (out / "plots" / "cycle_time_hours__mean.png").read_bytes()[:4] == b"\x89PNG"
    assert not (out / "parts").exists()
    # outputs are not overwritten without --force
    assert (
        main(["sweep", str(GOOD / "two-factors.sweep.yaml"), "--out", str(out), "--scheduler", "serial"]) == 2
    )
    assert "--force" in capsys.readouterr().err


def test_a_store_of_another_sweep_is_refused(tmp_path):
    plan = plan_sweep(GOOD / "two-factors.sweep.yaml")
    store = tmp_path / "parts"
    store.mkdir()
    (store / "manifest.json").write_text('{"fingerprint": "something-else"}')
    with pytest.raises(InputError, match="another sweep"):
        run_sweep(plan, store, scheduler="serial", resume=True)
    with pytest.raises(InputError, match="--resume"):
        run_sweep(plan, store, scheduler="serial", resume=False)


@pytest.mark.slow  # loads the baseline twice (scenario and reform)
def test_a_reform_pair_gives_paired_deltas(tmp_path):
    scenarios = HERE.parents[1] / "scenarios"
    spec = tmp_path / "reform.yaml"
    spec.write_text(
        f"""sweep: {{id: weekly}}
scenario: {scenarios / "baseline.yaml"}
reform: {scenarios / "reforms" / "weekly-executive-meeting.yaml"}
overrides: {{horizon.end: 2025-02-28}}
factors:
  - path: meetings.executive_meeting.capacity
    values: [4, 8]
design: {{method: grid}}
replications: 1
kpis: [meeting/executive_meeting/held, documents]
""",
        encoding="utf-8",
    )
    result = run_sweep(plan_sweep(spec), scheduler="serial")
    rows = {(r["point"], r["kpi"]): r["value"] for r in result.table.to_pylist()}
    # weekly instead of monthly: more meetings held at every point; same arrivals (common random numbers)
    assert rows[(0, "meeting/executive_meeting/held")] > 0 and rows[(1, "meeting/executive_meeting/held")] > 0
    assert rows[(0, "documents")] == 0 and rows[(1, "documents")] == 0
    assert "same at every point" in result.indices["documents"]["error"]
