"""coverage, show, schema and graph from the command line, on the bundled model."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from govmodel.cli import main


def test_coverage_json_shape(capsys):
    assert main(["coverage", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["model"] == "dalian-2014"
    rows = {r["article"]: r for r in data["articles"]}
    assert sorted(rows) == list(range(1, 68))
    assert rows[9]["status"] == "encoded" and "art9_executive_vice_mayor_acts_as_mayor" in rows[9]["elements"]
    assert {k: v for k, v in rows[2].items() if k != "clauses"} == {
        "article": 2,
        "status": "non_operational",
        "reason": {"zh": "指导思想", "en": "Guiding ideology"},
    }
    # clause level: every sentence with its status; a non-operational article's share its reason
    assert [c["status"] for c in rows[2]["clauses"]] == ["non_operational"] * len(rows[2]["clauses"])
    assert rows[43]["status"] == "partly_encoded"
    assert {c["status"] for c in rows[43]["clauses"]} == {"encoded", "omitted", "non_operational"}


def test_coverage_text_is_bilingual(capsys):
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out
    assert "条文覆盖 Article coverage" in out and "第2章 组成人员职责 / Ch. 2 Duties of members" in out


def test_show_role_lists_powers_with_articles(capsys):
    assert main(["show", "mayor"]) == 0
    out = capsys.readouterr().out
    assert "签发 signs" in out and "[art. 47]" in out and "art9_executive_vice_mayor_acts_as_mayor" in out


def test_show_unknown_name_suggests(capsys):
    assert main(["show", "mayr"]) == 2
    assert "did you mean 市长 / Mayor (mayor)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "name, head",
    [
        ("市长", "市长 / Mayor  (mayor)"),
        ("Mayor A", "市长(甲) / Mayor A  (p_mayor)"),
        ("常务副市长(乙)", "常务副市长(乙) / Executive vice mayor B"),
        ("executive vice mayor b", "常务副市长(乙) / Executive vice mayor B"),
    ],
)
def test_show_finds_by_chinese_or_english_name(capsys, name, head):
    assert main(["show", name]) == 0
    assert capsys.readouterr().out.startswith(head)


def test_show_ambiguous_short_name_lists_both(capsys):
    assert main(["show", "常务副市长"]) == 2
    err = capsys.readouterr().err
    assert "(executive_vice_mayor)" in err and "(p_vm1)" in err


def test_show_prints_values_not_python_reprs(capsys):
    assert main(["show", "art9_executive_vice_mayor_acts_as_mayor"]) == 0
    out = capsys.readouterr().out
    assert "('" not in out and "[" not in out.split("\n", 2)[2]
    assert "出国访问 / Visit abroad" in out and "principal: 市长 / Mayor" in out
    assert main(["show", "mayor"]) == 0
    out = capsys.readouterr().out
    assert (
        "government_leaders_without_sg)" in out and "市政府领导同志(不含秘书长)" in out
    )  # named, id in brackets
    assert "reasons abroad_visit" not in out and "出国访问、出市执行公务" in out


def test_assume_switch_and_bad_assumption(capsys):
    assert (
        main(
            [
                "show",
                "art44_acting_head_signs_instruction_reports",
                "--assume",
                "art44_deputy_extends_to_instruction_reports=on",
            ]
        )
        == 0
    )
    assert main(["coverage", "--assume", "art44_deputy_extend=on"]) == 2
    assert "unknown assumption 'art44_deputy_extend'" in capsys.readouterr().err


def test_schema_file_is_up_to_date(capsys):
    assert main(["schema"]) == 0
    shipped = Path(__file__).parents[2] / "src" / "govmodel" / "schema" / "model-file.schema.json"
    assert json.loads(capsys.readouterr().out) == json.loads(shipped.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "args",
    [  # the fast tier draws the overview; the filtered views are slow
        pytest.param(["--document-type", "request"], marks=pytest.mark.slow),
        pytest.param(["--meeting", "executive_meeting"], marks=pytest.mark.slow),
        pytest.param(["--role", "mayor"], marks=pytest.mark.slow),
        [],
    ],
)
def test_graph_png_renders_chinese_without_missing_glyphs(tmp_path, args):
    out = tmp_path / "g.png"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["graph", *args, "--out", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [w for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]


def test_graph_svg_embeds_text_and_graphml_roundtrips(tmp_path):
    import networkx as nx

    assert main(["graph", "--document-type", "government_document", "--out", str(tmp_path / "g.svg")]) == 0
    assert "<svg" in (tmp_path / "g.svg").read_text(encoding="utf-8")
    assert main(["graph", "--out", str(tmp_path / "g.graphml")]) == 0
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.nodes["role:mayor"]["label_zh"] == "市长"


def test_graph_bad_suffix_and_unknown_filter(tmp_path, capsys):
    assert main(["graph", "--out", str(tmp_path / "g.jpg")]) == 2
    assert main(["graph", "--meeting", "exec_meeting", "--out", str(tmp_path / "g.png")]) == 2
    err = capsys.readouterr().err
    assert (
        "a file ending in .png, .svg, .pdf or .graphml" in err and "did you mean 'executive_meeting'" in err
    )
    assert not (tmp_path / "g.png").exists()


def test_show_an_act_says_what_it_means_and_who_does_it(capsys):
    # the model's own act (审定 finalizes): its meaning for the checks, in words, and its steps
    assert main(["show", "审定"]) == 0
    out = capsys.readouterr().out
    assert "an individual decision on the document" in out
    assert "art43_meeting_request.finalize" in out and "steps (" in out
