"""``govmodel check`` and ``govmodel explain``: exit codes, formats, baselines, atomic output."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from govmodel.cli import main

HERE = Path(__file__).parent
GOOD = HERE / "good" / "covered-with-deputy"
BAD = HERE / "bad" / "reviewer-is-signer"
SCHEMA = json.loads((HERE.parents[1] / "docs" / "verify-result.schema.json").read_text(encoding="utf-8"))


def _validate(value, schema, root=SCHEMA, path="$"):
    """A small JSON Schema subset (type, required, properties, items, enum, $ref, pattern)."""
    import re

    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    types = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "boolean": bool,
        "number": (int, float),
    }
    if "type" in schema:
        assert isinstance(value, types[schema["type"]]), f"{path}: {value!r} is not {schema['type']}"
    if "enum" in schema:
        assert value in schema["enum"], f"{path}: {value!r} not in {schema['enum']}"
    if "pattern" in schema:
        assert re.search(schema["pattern"], value), f"{path}: {value!r} !~ {schema['pattern']}"
    for key in schema.get("required", ()):
        assert key in value, f"{path}: missing {key}"
    for key, sub in schema.get("properties", {}).items():
        if isinstance(value, dict) and key in value:
            _validate(value[key], sub, root, f"{path}.{key}")
    if "items" in schema and isinstance(value, list):
        for i, item in enumerate(value):
            _validate(item, schema["items"], root, f"{path}[{i}]")


def _json(tmp_path: Path, *args: str) -> tuple[int, dict]:
    out = tmp_path / "r.json"
    code = main(["check", *args, "--format", "json", "--out", str(out)])
    return code, json.loads(out.read_text(encoding="utf-8"))


def test_good_model_exits_0(tmp_path: Path) -> None:
    code, data = _json(tmp_path, str(GOOD), "--k", "1")
    assert code == 0
    _validate(data, SCHEMA)
    assert data["summary"]["violated"] == 0
    assert [a["id"] for a in data["assumptions"] if a["enabled"]] == ["default_cast"]


def test_violation_exits_1_with_a_counterexample(tmp_path: Path) -> None:
    code, data = _json(tmp_path, str(BAD), "--k", "1")
    assert code == 1
    _validate(data, SCHEMA)
    found = next(r for r in data["results"] if r["property"] == "separation.two_levels")
    assert found["status"] == "violated"
    assert found["counterexample"]["absent"][0]["person"] == "p_director"
    assert found["counterexample"]["absent"][0]["roles"] == ["director"]
    assert found["location"]["file"].endswith("rules.yaml") and found["location"]["line"] > 0
    assert 2 in found["articles"] and 3 in found["articles"]


def test_baseline_accepts_known_violations_and_lists_stale_entries(tmp_path: Path) -> None:
    _, data = _json(tmp_path, str(BAD), "--k", "1")
    violated = [r for r in data["results"] if r["status"] == "violated"]
    lines = ["schema_version: 1", "accepted:"]
    for r in violated:
        lines += [
            f"  - fingerprint: '{r['fingerprint']}'",
            "    justification: known and accepted by the bureau",
        ]
    lines += ["  - fingerprint: '0000000000000000'", "    justification: fixed long ago"]
    base = tmp_path / "baseline.yaml"
    base.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, data = _json(tmp_path, str(BAD), "--k", "1", "--baseline", str(base))
    assert code == 0
    assert data["summary"]["new_violations"] == 0
    assert [s["fingerprint"] for s in data["baseline"]["stale"]] == ["0000000000000000"]
    assert all(r["baseline"]["accepted"] for r in data["results"] if r["status"] == "violated")


def test_bad_baseline_exits_2_with_every_problem(tmp_path: Path, capsys) -> None:
    base = tmp_path / "baseline.yaml"
    base.write_text(
        "accepted:\n  - fingerprint: abc\n  - justification: why\n"
        "  - fingerprint: abc\n    justification: ok\n"
        "  - {fingerprint: def, justification: ok, colour: red}\n",
        encoding="utf-8",
    )
    code = main(["check", str(GOOD), "--baseline", str(base)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{base}:2:5: missing justification for abc" in err
    assert f"{base}:3:5: missing fingerprint" in err
    assert "unknown key 'colour'" in err


def test_numeric_fingerprint_must_be_quoted(tmp_path: Path, capsys) -> None:
    base = tmp_path / "baseline.yaml"
    base.write_text("accepted:\n  - {fingerprint: 1234567890123456, justification: ok}\n", encoding="utf-8")
    assert main(["check", str(GOOD), "--baseline", str(base)]) == 2
    assert "was read as a number" in capsys.readouterr().err


def test_bad_input_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    assert main(["check", str(GOOD), "--assume", "no_such=on"]) == 2
    assert main(["check", str(GOOD), "--k", "-1"]) == 2


def test_unknown_exits_3(tmp_path: Path, monkeypatch) -> None:
    from govmodel.verify import solve

    real = solve.smallest

    def timeout(enc, constraints, timeout, k, **kwargs):
        return solve.Outcome("unknown", reason="timeout")

    monkeypatch.setattr(solve, "smallest", timeout)
    # nothing of this run may be kept for the next (the process's memos hold the same model's
    # answers): without the cache it cannot reuse earlier answers nor leave its unknowns behind
    monkeypatch.setenv("GOVMODEL_NO_CACHE", "1")
    code, data = _json(tmp_path, str(GOOD), "--k", "1")
    assert code == 3
    assert data["summary"]["unknown"] > 0
    monkeypatch.setattr(solve, "smallest", real)


def test_sarif_points_at_the_element(tmp_path: Path) -> None:
    out = tmp_path / "r.sarif"
    assert main(["check", str(BAD), "--k", "1", "--format", "sarif", "--out", str(out)]) == 1
    log = json.loads(out.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] > 0 for r in results)
    rule_ids = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= rule_ids


def test_junit_has_one_testcase_per_result(tmp_path: Path) -> None:
    out = tmp_path / "r.xml"
    main(["check", str(BAD), "--k", "1", "--format", "junit", "--out", str(out)])
    root = ET.parse(out).getroot()
    _, data = _json(tmp_path, str(BAD), "--k", "1")
    assert len(root.findall(".//testcase")) == len(data["results"])
    assert len(root.findall(".//failure")) == data["summary"]["violated"]


def test_text_is_bilingual(capsys) -> None:
    main(["check", str(BAD), "--k", "1"])
    out = capsys.readouterr().out
    assert "职责分离" in out and "separation of duties" in out
    assert "副局长乙" in out and "Deputy B" in out
    assert "default_cast" in out


def test_output_is_written_whole_or_not_at_all(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "r.json"
    out.write_text("old", encoding="utf-8")
    from govmodel.report import verify_json

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(verify_json, "results_json", boom)
    assert (
        main(["check", str(GOOD), "--format", "json", "--out", str(out)]) == 130
    )  # Ctrl-C: one line, exit 130
    assert out.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [out]


def test_explain_tells_the_story(tmp_path: Path, capsys) -> None:
    _, data = _json(tmp_path, str(BAD), "--k", "1")
    fp = next(r["fingerprint"] for r in data["results"] if r["property"] == "separation.two_levels")
    assert main(["explain", fp[:8], str(BAD), "--k", "1"]) == 0
    out = capsys.readouterr().out
    assert "三、公文由科长审核，局长签发。" in out
    assert "Story (English):" in out and "经过 (中文):" in out
    assert "局长甲因外出不在岗" in out or "局长甲因病假不在岗" in out
    story = out[out.index("经过 (中文):") :]
    assert "document_type" not in story and " = " not in story  # names, not "document_type = 请示性公文"


def test_explain_unknown_fingerprint_exits_2(capsys) -> None:
    assert main(["explain", "ffffffffffffffff", str(GOOD)]) == 2
    assert "no finding has fingerprint" in capsys.readouterr().err


def test_write_baseline_skeleton_is_refused_until_justified(tmp_path: Path, capsys) -> None:
    skel = tmp_path / "b.yaml"
    main(["check", str(BAD), "--k", "1", "--write-baseline", str(skel)])
    assert main(["check", str(BAD), "--k", "1", "--baseline", str(skel)]) == 2
    assert "missing justification" in capsys.readouterr().err
