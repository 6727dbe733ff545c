"""``json.dumps(data, ensure_ascii=False, indent=2)``, the same text, written faster.

With an indent the standard library encodes in Python, through a generator per container
(its C encoder is used only without one): about a fiftieth of a cold ``govmodel check`` of
Dalian for its JSON or SARIF report (issue #11). :func:`dumps` writes the same bytes for
plain data (dicts with string keys, lists, tuples, strings, numbers, booleans, None) with one
recursive function and the library's own C string encoder; anything else (a non-string key,
an object the library would reject) is handed to ``json.dumps`` itself, so its text or its
error is the library's. ``tests/report/test_json_text.py`` compares both.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

__all__ = ["dumps"]

_INFINITY = float("inf")


class _Unusual(Exception):
    """Data the fast path does not write: ``json.dumps`` decides."""


def dumps(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)``."""
    parts: list[str] = []
    try:
        _write(data, "\n", parts)
    except _Unusual:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(parts)


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INFINITY:
        return "Infinity"
    if o == -_INFINITY:
        return "-Infinity"
    return float.__repr__(o)


def _scalar(o: Any) -> str | None:
    """The text of a string, number, boolean or None (None: not one of them)."""
    if isinstance(o, str):
        return encode_basestring(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    return None


def _write(o: Any, newline: str, parts: list[str]) -> None:
    """``o`` at the indentation ``newline`` ends with (checks in the library's order)."""
    text = _scalar(o)
    if text is not None:
        parts.append(text)
    elif isinstance(o, (list, tuple)):
        if not o:
            parts.append("[]")
            return
        inner = newline + "  "
        sep = "," + inner
        parts.append("[" + inner)
        first = True
        for v in o:
            if not first:
                parts.append(sep)
            first = False
            if type(v) is str:  # (most values: no call)
                parts.append(encode_basestring(v))
            else:
                _write(v, inner, parts)
        parts.append(newline + "]")
    elif isinstance(o, dict):
        if not o:
            parts.append("{}")
            return
        inner = newline + "  "
        sep = "," + inner
        parts.append("{" + inner)
        first = True
        for k, v in o.items():
            if not isinstance(k, str):
                raise _Unusual
            if not first:
                parts.append(sep)
            first = False
            parts.append(encode_basestring(k) + ": ")
            if type(v) is str:
                parts.append(encode_basestring(v))
            else:
                _write(v, inner, parts)
        parts.append(newline + "}")
    else:
        raise _Unusual
