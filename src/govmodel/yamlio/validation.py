"""Pydantic's errors as problems at their positions in the round-trip tree: the one way every
input (models, scenarios, reforms, sweeps, holiday notices) says what was found where and
what was expected, with a "did you mean" for a misspelt key or option."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import ValidationError

from govmodel.errors import Problem, excerpt
from govmodel.yamlio.messages import expectation
from govmodel.yamlio.positions import position_of

__all__ = ["validation_problems", "allowed_keys"]


def validation_problems(exc: ValidationError, tree: Any, name: str, cls: type) -> list[Problem]:
    """Turn pydantic's errors into problems with positions and plain expectations."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        where = position_of(tree, loc, name, key=err["type"] in ("extra_forbidden", "missing"))
        key = next(
            (p for p in reversed(loc) if isinstance(p, str) and not p[:1].isupper() and "[" not in p), ""
        )
        kind = err["type"]
        if kind == "extra_forbidden":
            allowed = allowed_keys(cls, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else ""
            expected = f"{hint + ' ' if hint else ''}expected one of: {', '.join(allowed)}" if allowed else ""
            out.append(Problem(where, f"unknown key {excerpt(str(loc[-1]))}", expected.strip()))
        elif kind == "missing":
            out.append(Problem(where, f"missing key {loc[-1]!r}", f"{loc[-1]!r} is required here"))
        else:
            value = err.get("input")
            shown = excerpt(value)  # a short excerpt: the input may be hostile (never a whole file)
            if kind == "value_error":  # our own validators say what they expect
                msg = err["msg"].removeprefix("Value error, ")
                msg = msg[0].lower() + msg[1:]
            else:  # pydantic's words made plain ("a list of at least one item", not "Tuple should have…")
                msg = expectation(kind, err["msg"], err.get("ctx"))
            hint = ""
            if kind == "enum" and isinstance(value, str):
                expected_ = err.get("ctx", {}).get("expected", "")
                options = [o.strip(" '") for o in expected_.replace(" or ", ",").split(",")]
                close = difflib.get_close_matches(value, [o for o in options if o], n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
            out.append(Problem(where, f"{key}: found {shown}" if key else f"found {shown}", msg + hint))
    return out


def allowed_keys(cls: type, loc: tuple[Any, ...]) -> list[str]:
    """The keys (field names, or their aliases: ``from`` for ``from_``) of the pydantic class
    reached by following ``loc`` from ``cls``."""
    current: Any = cls
    for part in loc:
        if not isinstance(part, str) or not (isinstance(current, type) and hasattr(current, "model_fields")):
            continue
        if part not in current.model_fields:
            continue
        current = _inner_model(current.model_fields[part].annotation)
    if isinstance(current, type) and hasattr(current, "model_fields"):
        fields = current.model_fields.items()
        return [f.alias or k for k, f in fields]
    return []


def _inner_model(ann: Any) -> Any:
    if isinstance(ann, type) and hasattr(ann, "model_fields"):
        return ann
    for arg in typing.get_args(ann):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
