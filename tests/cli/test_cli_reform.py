"""`govmodel reform`: every shipped reform does what it claims and opens no gap; the command's
JSON and text; a bad reform file is bad input (exit 2, positions, no traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.crosscheck import assess_reform
from govmodel.model import load_model, load_reform

REFORMS = sorted((Path(__file__).parents[2] / "scenarios" / "reforms").glob("*.yaml"))
CLAIMING = [p for p in REFORMS if load_reform(p).closes]


def test_the_shipped_reforms_that_make_claims():
    """The parametrized tests below run over CLAIMING: a reform losing its claims would
    silently drop out of them."""
    assert [p.stem for p in CLAIMING] == [
        "acting-head-signs-instruction-reports",
        "acting-mayor-in-every-absence",
        "deputy-secretary-general-stands-in",
        "weekly-executive-meeting",
    ]


@pytest.mark.slow  # verifies the whole model before and after
@pytest.mark.parametrize("path", CLAIMING, ids=[p.stem for p in CLAIMING])
def test_shipped_reform_closes_what_it_claims_and_opens_nothing(path):
    a = assess_reform(path, load_model(), simulate=False)
    assert a.claims and all(v == "closed" for v in a.claims.values()), a.claims
    assert a.opened == []
    assert a.verdict == "as_claimed"
    assert any(d.verdict != "equivalent" for d in a.authority) or "timing" in " ".join(a.claims)


@pytest.mark.slow  # verifies the whole model before and after
def test_reform_json(capsys):
    path = next(p for p in CLAIMING if "instruction" in p.stem)
    assert main(["reform", str(path), "--no-sim", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "as_claimed"
    assert data["claims"] == {"coverage.step:art51_instruction_report.sign": "closed"}
    (diff,) = data["authority"]
    assert diff["verdict"] == "more_permissive" and diff["witness"]["before"] == []


@pytest.mark.slow  # verifies the whole model before and after
def test_reform_text_with_simulation(capsys):
    path = next(p for p in REFORMS if "weekly" in p.stem and "bi" not in p.stem)
    assert main(["reform", str(path), "--replications", "2"]) == 0
    out = capsys.readouterr().out
    assert "结论 Verdict" in out and "(b) 仿真 Paired simulation" in out and "B − A" in out


@pytest.mark.slow  # verifies the whole model before and after the reform
def test_reform_text_sections_in_order_names_and_folded(capsys):
    path = next(p for p in REFORMS if p.stem == "acting-mayor-in-every-absence")
    assert main(["reform", str(path), "--no-sim"]) == 0
    out = capsys.readouterr().out
    assert out.index("(a) 验证") < out.index("(b) 仿真") < out.index("(c) 职权")
    section_c = out[out.index("(c) 职权") :]
    # 37 acts the executive vice mayor gains while the mayor is on leave: one block per witness
    assert section_c.count("当 when 市长(甲) / Mayor A (离连休假 / Leave outside Dalian (vacation))") == 2
    assert (
        "p_mayor" not in out
        and "['p_vm1']" not in out
        and "常务副市长(乙) / Executive vice mayor B" in section_c
    )
    assert (
        "主持 / presides: 市政府全体会议 / Plenary meeting; 市政府常务会议 / Executive meeting" in section_c
    )


def test_bad_reform_is_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "reform:\n  id: x\n  title: {zh: 错, en: Bad}\n  rationale: {zh: 错, en: Bad}\n"
        "  amends: [9]\n  change:\n    - {id: art9_executive_vice_mayor_acts_as_mayr, set: {acts: all}}\n",
        encoding="utf-8",
    )
    assert main(["reform", str(bad), "--no-sim"]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml:7:7: change: no element 'art9_executive_vice_mayor_acts_as_mayr'" in err
    assert "did you mean 'art9_executive_vice_mayor_acts_as_mayor'" in err and "Traceback" not in err
