"""`position_of`: a pydantic error location is found back in the YAML tree, as the line and
column of the value (or of the key), skipping location parts that are not in the data."""

from __future__ import annotations

from govmodel.refs import SourceRef
from govmodel.yamlio import parse_yaml, position_of

TEXT = """\
name: dalian
roles:
  - id: mayor
    label: {zh: 市长, en: Mayor}
  - id: vice_mayor
    holders:
      - p_li
      - p_wang
"""


def _tree():
    tree, problems = parse_yaml(TEXT, "m.yaml")
    assert problems == []
    return tree


def test_scalar_value_and_its_key() -> None:
    tree = _tree()
    assert position_of(tree, ("name",), "m.yaml") == SourceRef("m.yaml", 1, 7)
    assert position_of(tree, ("name",), "m.yaml", key=True) == SourceRef("m.yaml", 1, 1)


def test_nested_items_in_sequences_and_flow_mappings() -> None:
    tree = _tree()
    assert position_of(tree, ("roles", 1, "id"), "m.yaml") == SourceRef("m.yaml", 5, 9)
    assert position_of(tree, ("roles", 0, "label", "en"), "m.yaml") == SourceRef("m.yaml", 4, 25)
    assert position_of(tree, ("roles", 1, "holders", 1), "m.yaml") == SourceRef("m.yaml", 8, 9)


def test_a_collection_is_placed_at_its_key() -> None:
    tree = _tree()
    assert position_of(tree, ("roles",), "m.yaml") == SourceRef("m.yaml", 2, 1)
    assert position_of(tree, ("roles", 1, "holders"), "m.yaml") == SourceRef("m.yaml", 6, 5)


def test_parts_not_in_the_data_are_skipped_deepest_position_wins() -> None:
    tree = _tree()
    # pydantic puts union tags ("Role") and missing keys into locations
    assert position_of(tree, ("roles", 1, "Role", "holders", 0), "m.yaml") == SourceRef("m.yaml", 7, 9)
    assert position_of(tree, ("roles", 0, "missing"), "m.yaml") == SourceRef("m.yaml", 3, 5)
    assert position_of(tree, ("roles", 9), "m.yaml") == SourceRef("m.yaml", 2, 1)
    assert position_of(tree, (), "m.yaml") == SourceRef("m.yaml", 1, 1)
