"""Positions beside the data (issue #10): the loader's table says where each mapping is
written; the data itself holds no position, so equal elements are equal wherever written."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from govmodel.model import load_model
from govmodel.model import types as t
from govmodel.yamlio import Positions, parse_yaml, to_plain

MINIMAL = Path(__file__).parents[1] / "model" / "good" / "minimal"


class _Leaf(BaseModel):
    model_config = ConfigDict(frozen=True)
    zh: str


class _Top(BaseModel):
    model_config = ConfigDict(frozen=True)
    from_: _Leaf = Field(alias="from")
    items: tuple[_Leaf, ...] = ()
    keyed: dict[str, _Leaf] = Field(default_factory=dict)


def _read(text: str) -> tuple[_Top, Positions]:
    tree, problems = parse_yaml(text, "f.yaml")
    assert not problems
    read = Positions()
    plain = to_plain(tree, "f.yaml", read)
    assert "pos" not in plain and "field_pos" not in plain  # nothing of the loader in the data
    value = _Top.model_validate(plain)
    nodes = Positions()
    nodes.carry(value, plain, read)
    return value, nodes


def test_carry_follows_aliases_lists_and_keyed_mappings() -> None:
    value, at = _read("from: {zh: 甲}\nitems:\n  - {zh: 乙}\n  - {zh: 丙}\nkeyed:\n  k:\n    zh: 丁\n")
    assert str(at.of(value)) == "f.yaml:1:1"
    assert str(at.of(value, "keyed")) == "f.yaml:5:1"
    assert str(at.of(value.from_)) == "f.yaml:1:7"
    assert [str(at.of(x)) for x in value.items] == ["f.yaml:3:5", "f.yaml:4:5"]
    assert str(at.of(value.keyed["k"], "zh")) == "f.yaml:7:5"
    assert at.of(value, "no_such_key") == at.of(value)  # an unknown key: the mapping's place


def test_equal_nodes_at_two_places_are_two_entries() -> None:
    value, at = _read("from: {zh: 甲}\nitems:\n  - {zh: 甲}\n")
    assert value.from_ == value.items[0]  # equal data ...
    assert at.of(value.from_) != at.of(value.items[0])  # ... written at two places
    assert at.of(_Leaf(zh="甲")) is None  # made by the code: no place


def test_a_table_survives_pickling_with_its_nodes() -> None:
    value, at = _read("from: {zh: 甲}\n")
    value2, at2 = pickle.loads(pickle.dumps((value, at)))
    assert str(at2.of(value2.from_)) == "f.yaml:1:7"
    assert at2 == at and len(at2) == len(at)  # tables never make two values differ


def test_model_elements_hold_no_position_and_compare_by_data(tmp_path: Path) -> None:
    a = load_model(MINIMAL)
    assert "pos" not in t.Node.model_fields and not hasattr(a.get("mayor"), "pos")
    moved = tmp_path / "moved"
    shutil.copytree(MINIMAL, moved)
    roles = moved / "roles.yaml"
    roles.write_text(
        "# a comment moves every line down\n" + roles.read_text(encoding="utf-8"), encoding="utf-8"
    )
    b = load_model(moved)
    assert a.get("mayor") == b.get("mayor")  # the same element, written one line lower
    assert a.where(a.get("mayor")).line + 1 == b.where(b.get("mayor")).line


def test_steps_an_assumption_rewrites_keep_their_place() -> None:
    m = load_model(Path(__file__).parents[2] / "src" / "govmodel" / "data" / "models" / "dalian-2014")
    written = len(m.sections.positions)
    off = m.with_assumptions({a.id: False for a in m.assumptions if a.default})
    for model in (m, off):
        for proc in model.procedures:
            assert model.where(proc) is not None, proc.id
            for step in proc.steps:
                assert model.where(step) is not None, f"{proc.id}.{step.id}"
    assert len(m.sections.positions) == written  # the copies' places are kept beside, not in it
