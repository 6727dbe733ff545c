"""govmodel check --readings: combinations, sampling, classification, CLI."""

from __future__ import annotations

import json

import pytest

from govmodel.cli import main
from govmodel.errors import InputError
from govmodel.model import load_model
from govmodel.refs import Label
from govmodel.sweep.readings import _classify, group_by_root_cause, reading_combinations, reading_names


def test_every_combination_when_few_and_the_models_own_reading_first():
    combos, total, sampled = reading_combinations(["a", "b"], {"a": True, "b": False}, 128)
    assert (total, sampled) == (4, False)
    assert combos[0] == {"a": True, "b": False}
    assert sorted(tuple(c.values()) for c in combos) == [
        (False, False),
        (False, True),
        (True, False),
        (True, True),
    ]


def test_a_seeded_sample_when_too_many():
    names = [f"n{i}" for i in range(10)]
    defaults = {n: False for n in names}
    combos, total, sampled = reading_combinations(names, defaults, 16, seed=3)
    assert (total, sampled, len(combos)) == (1024, True, 16)
    assert combos[0] == defaults
    assert len({tuple(c.values()) for c in combos}) == 16
    assert reading_combinations(names, defaults, 16, seed=3)[0] == combos


def test_classification_and_minimal_readings():
    names = ["a", "b", "c"]
    combos, _, _ = reading_combinations(names, {"a": False, "b": False, "c": False}, 100)
    info = {
        ("p", "robust"): ("coverage", Label("r", "r")),
        ("p", "a_and_b"): ("coverage", Label("x", "x")),
        ("p", "not_c"): ("coverage", Label("y", "y")),
        ("p", "never"): ("coverage", Label("z", "z")),
    }
    outcomes = [
        {
            ("p", "robust"): "violated",
            ("p", "a_and_b"): "violated" if c["a"] and c["b"] else "holds",
            ("p", "not_c"): "holds" if c["c"] else "violated",
            ("p", "never"): "holds",
        }
        for c in combos
    ]
    found = {f.subject: f for f in _classify(names, combos, outcomes, info, {})}
    assert found["robust"].verdict == "robust" and found["never"].verdict == "never"
    ab = found["a_and_b"]
    assert ab.verdict == "reading_dependent" and ab.violated_in == 2 and ab.default_status == "holds"
    assert ab.appears_with == ((("a", True), ("b", True)),)
    assert set(ab.disappears_with) == {(("a", False),), (("b", False),)}
    nc = found["not_c"]
    assert nc.appears_with == ((("c", False),),) and nc.disappears_with == ((("c", True),),)


def test_findings_are_grouped_by_root_cause_present_where_one_of_its_findings_is():
    from govmodel.report.readings_text import readings_dict, readings_text
    from govmodel.sweep.readings import ReadingsReport

    names = ["a"]
    combos, _, _ = reading_combinations(names, {"a": False}, 100)
    info = {("p", s): ("coverage", Label(s, s)) for s in ("x@1", "x@2", "only_a", "never")}
    outcomes = [
        {
            ("p", "x@1"): "violated",
            ("p", "x@2"): "violated" if c["a"] else "holds",
            ("p", "only_a"): "violated" if c["a"] else "holds",
            ("p", "never"): "holds",
        }
        for c in combos
    ]
    causes = {
        ("p", "x@1"): ("stand_in:mayor", Label("无人代行", "nobody stands in")),
        ("p", "x@2"): ("stand_in:mayor", Label("无人代行", "nobody stands in")),
        ("p", "only_a"): ("reasons:art9", Label("原因不全", "reasons missing")),
    }
    found = _classify(names, combos, outcomes, info, {}, causes)
    rcs = {rc.id: rc for rc in group_by_root_cause(names, combos, outcomes, found, causes)}
    assert set(rcs) == {"stand_in:mayor", "reasons:art9"}  # 'never' belongs to no root cause
    mayor, art9 = rcs["stand_in:mayor"], rcs["reasons:art9"]
    assert mayor.verdict == "robust" and [f.subject for f in mayor.findings] == ["x@1", "x@2"]
    assert art9.verdict == "reading_dependent" and art9.appears_with == ((("a", True),),)
    report = ReadingsReport(
        "m", ("a",), {"a": Label("甲", "A")}, {"a": False}, 2, combos, False, 0, found, list(rcs.values())
    )
    text = readings_text(report)
    assert "[stand_in:mayor] 无人代行 / nobody stands in" in text and text.index(
        "stand_in:mayor"
    ) < text.index("reasons:art9")
    data = readings_dict(report)
    assert data["schema_version"] == 2
    assert {rc["id"]: rc["findings"] for rc in data["root_causes"]}["stand_in:mayor"] == ["p:x@1", "p:x@2"]
    assert {f["subject"]: f["root_cause"] for f in data["findings"]}["only_a"] == "reasons:art9"


def test_unknown_reading_is_bad_input_with_a_suggestion():
    with pytest.raises(InputError, match="did you mean 'art42_secretary_general_is_a_government_leader'"):
        reading_names(load_model(), "art42_secretary_general_is_a_leader")
    assert reading_names(load_model(), "all")[0] == "default_cast"


def test_baseline_with_readings_is_bad_input(capsys):
    assert main(["check", "--readings", "all", "--format", "sarif", "--scheduler", "serial"]) == 2
    assert "--format with --readings" in capsys.readouterr().err


@pytest.mark.slow  # verifies the whole Dalian model twice (two readings)
def test_one_reading_on_dalian_json(capsys):
    name = "art42_secretary_general_is_a_government_leader"
    code = main(["check", "--readings", name, "--format", "json", "--scheduler", "serial"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["combinations"] == 2 and data["checked"] == 2 and data["sampled"] is False
    assert data["summary"]["robust"] > 0
    dependent = [f for f in data["findings"] if f["verdict"] == "reading_dependent"]
    assert dependent, "switching art. 42's reading changes some finding"
    for f in dependent:
        assert {s[0]["reading"] for s in f["appears_with"] + f["disappears_with"]} == {name}
    # grouped by root cause: every violated finding in exactly one, each with its summary
    grouped = [k for rc in data["root_causes"] for k in rc["findings"]]
    assert sorted(grouped) == sorted(f"{f['property']}:{f['subject']}" for f in data["findings"])
    assert all(rc["summary"]["zh"] and rc["summary"]["en"] for rc in data["root_causes"])
