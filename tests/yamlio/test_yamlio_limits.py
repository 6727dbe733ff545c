"""The one YAML reader refuses hostile or careless documents fast, with a position: each bad
fixture (named by its defect, found by a fuzz campaign) gives exactly one problem at
file:line:col and never an exception, a hang or a blow-up."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from govmodel import yamlio
from govmodel.yamlio import parse_yaml, read_yaml

BAD = Path(__file__).parent / "bad"

# fixture → (line:col, text the one message must contain, lowered limits or None)
EXPECTED: dict[str, tuple[str, str, dict[str, int] | None]] = {
    "deep-nesting": ("2:71", "nesting deeper than 64 levels", None),
    "deep-nesting-block": ("66:129", "nesting deeper than 64 levels", None),
    "billion-laughs": ("7:8", "more than 100,000 values (an alias counts as the values it stands for)", None),
    "recursive-alias": ("2:14", "alias *x inside its own anchor &x", None),
    "merge-key": ("3:3", "merge key '<<'; the keys written out", None),
    "merge-key-list": ("4:3", "merge key '<<'; the keys written out", None),
    "huge-integer": ("1:15", "an integer of 5,000 digits; a number of at most 50 digits", None),
    "zero-date": ("1:10", "found '0000-00-00'; a valid date or time", None),
    "bad-time": ("1:8", "found '2025-01-01T25:61:61'; a valid date or time", None),
    "long-string": (
        "2:8",
        "a text of 1,001 characters; at most 1,000 characters in one value",
        {"scalar_chars": 1000},
    ),
    "too-many-values": ("2:", "more than 1,000 values", {"nodes": 1000}),
    "too-large": ("", "the file is larger than 1,000 bytes", {"bytes": 1000}),
    "tagged-scalar-document": ("1:1", "YAML tag '!!python/object:os.system'", None),
    "tagged-key": ("2:19", "YAML tag '!x'", None),
    "tagged-flow-list": ("3:42", "YAML tag '!x'", None),
    "mapping-as-key": ("3:5", "a mapping written as a key; a key that is a text or a number", None),
    "nested-mapping-as-key": ("3:3", "a mapping written as a key; a key that is a text or a number", None),
    "list-as-key": ("3:3", "a list written as a key; a key that is a text or a number", None),
    "alias-of-mapping-as-key": ("4:5", "a mapping written as a key; a key that is a text or a number", None),
}


def test_every_bad_fixture_has_an_expectation() -> None:
    assert {p.stem for p in BAD.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_fixture_is_one_problem_with_position(name: str, monkeypatch) -> None:
    where, text, limits = EXPECTED[name]
    if limits:
        monkeypatch.setattr(yamlio, "LIMITS", dataclasses.replace(yamlio.LIMITS, **limits))
    tree, problems = read_yaml(BAD / f"{name}.yaml", f"{name}.yaml")
    assert tree is None
    assert len(problems) == 1, problems
    message = str(problems[0])
    assert text in message, message
    assert message.startswith(f"{name}.yaml:{where}"), message
    assert len(problems[0].found) <= 80  # what was found, never the hostile content itself


@pytest.mark.parametrize("name", ["zero-date", "bad-time"])
def test_timestamps_kept_as_text_are_not_checked_here(name: str) -> None:
    tree, problems = read_yaml(BAD / f"{name}.yaml", name, timestamps_as_text=True)
    assert problems == [] and isinstance(next(iter(tree.values())), str)


def test_limits_leave_ordinary_aliases_and_values_alone() -> None:
    text = "a: &a {zh: 甲, en: A}\nb: *a\nn: 12345678901234567890\nd: 2025-01-01\nq: '" + "9" * 200 + "'\n"
    tree, problems = parse_yaml(text, "ok.yaml")
    assert problems == []
    assert tree["b"]["en"] == "A" and tree["n"] == 12345678901234567890 and len(tree["q"]) == 200


def test_merge_key_quoted_is_an_ordinary_key() -> None:
    tree, problems = parse_yaml("'<<': 1\n", "ok.yaml")
    assert problems == [] and tree["<<"] == 1


def test_non_utf8_file_is_refused_with_its_position(tmp_path: Path) -> None:
    f = tmp_path / "latin1.yaml"
    f.write_bytes("label:\n  zh: 测试\n  en: caf".encode() + b"\xe9\n")
    tree, problems = read_yaml(f, "latin1.yaml")
    assert tree is None and [str(p) for p in problems] == [
        "latin1.yaml:3:10: bytes e9 are not UTF-8 (invalid continuation byte); a UTF-8 YAML file"
    ]
