"""What a model file should hold, in plain words: the expectation half of a schema problem.

pydantic says "Tuple should have at least 1 item after validation, not 0" or "String should
match pattern '^[a-z][a-z0-9_]*$'"; an author needs "a list of at least one item" and "an id in
snake_case". :func:`expectation` turns one pydantic error into such words, with the fix where
there is one; an error it does not know keeps pydantic's own message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["expectation"]

_IDENT = r"^[a-z][a-z0-9_]*$"

_PLAIN = {
    "tuple_type": "a list, e.g. [a, b] (one item is written [a])",
    "list_type": "a list, e.g. [a, b] (one item is written [a])",
    "dict_type": "a mapping of key: value pairs",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a valid date written YYYY-MM-DD",
}


def expectation(kind: str, message: str, ctx: Mapping[str, Any] | None = None) -> str:
    """The plain words for what was expected, from a pydantic error's ``type``, ``msg`` and
    ``ctx``.

    >>> expectation("too_short", "Tuple should have at least 1 item after validation, not 0",
    ...             {"min_length": 1, "actual_length": 0})[:46]
    'a list of at least one item; the list is empty'
    >>> expectation("string_pattern_mismatch", "String should match pattern ...",
    ...             {"pattern": "^[a-z][a-z0-9_]*$"})[:40]
    'an id in snake_case: lowercase letters, '
    """
    ctx = ctx or {}
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        items = "one item" if n == 1 else f"{n} items"
        found = ctx.get("actual_length")
        empty = (
            "; the list is empty (write the items, or leave the key out where it is optional)"
            if found == 0
            else f"; found {found}"
            if found is not None
            else ""
        )
        return f"a list of at least {items}{empty}"
    if kind == "too_long":
        return f"a list of at most {ctx.get('max_length')} items"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == _IDENT:
            return "an id in snake_case: lowercase letters, digits and _, starting with a letter (vice_mayor)"
        return f"text of the form {ctx.get('pattern')}"
    if kind == "string_too_short":
        return "non-empty text"
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return f"a number {'at least' if kind == 'greater_than_equal' else 'greater than'} {bound}"
    if kind in ("less_than_equal", "less_than"):
        bound = ctx.get("le", ctx.get("lt"))
        return f"a number {'at most' if kind == 'less_than_equal' else 'less than'} {bound}"
    if kind == "model_type":
        text = ctx.get("class_name") == "Text"
        return "a mapping of key: value pairs" + (" ({zh: …, en: …})" if text else "")
    if kind in _PLAIN:
        return _PLAIN[kind]
    return message[:1].lower() + message[1:]
