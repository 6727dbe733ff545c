"""report/json_text.dumps writes what json.dumps(data, ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import enum
import json
import math
from typing import Any

import pytest

from govmodel.report.json_text import dumps


class _Kind(enum.StrEnum):
    A = "a"


class _Level(enum.IntEnum):
    ONE = 1


CASES: list[Any] = [
    {},
    [],
    (),
    "",
    None,
    True,
    0,
    -3,
    1.5,
    1e300,
    math.inf,
    -math.inf,
    {"a": [], "b": {}, "c": [{}], "d": [[]]},
    {"中文": '第44、45条 "quoted" \\ \n\t\u2028 \x00', "en": "art. 44"},
    {"nested": {"list": [1, 2.0, "three", None, False, [True, {"x": (1, 2)}]]}},
    [_Kind.A, _Level.ONE, {"k": _Kind.A}],
    {"z": 1, "a": 2},  # insertion order kept, not sorted
    {1: "int key"},  # the library converts it: handed to json.dumps
    {None: 1, True: 2, 1.5: 3},
]


@pytest.mark.parametrize("data", CASES)
def test_same_text_as_json_dumps(data: Any) -> None:
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


def test_nan_and_rejected_objects_as_the_library() -> None:
    assert dumps([math.nan]) == json.dumps([math.nan], ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        dumps({"x": object()})
    with pytest.raises(TypeError):
        dumps({"x": {1, 2}})
