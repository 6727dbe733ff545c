"""One caching approach for what is derived from a model: a memo per (model object, purpose),
kept beside the model, never written into it, and dropped when the model is.

A :class:`~govmodel.model.Model` is an inert value; layers above it (the graph's step DAGs,
the verifier's condition DAGs) and the model's own views of its active elements memoize here.
Models are keyed by identity: two equal models built separately have separate memos.
"""

from __future__ import annotations

import weakref
from typing import Any

__all__ = ["memo"]

_MEMOS: dict[int, dict[str, dict[Any, Any]]] = {}


def memo(model: object, purpose: str) -> dict[Any, Any]:
    """The memo of ``purpose`` for ``model`` (a dict to read and fill; freed with the model).

    Examples
    --------
    >>> class M: pass
    >>> m = M()
    >>> memo(m, "squares").setdefault(3, 9)
    9
    >>> memo(m, "squares")
    {3: 9}
    >>> del m  # the memo goes with the model
    """
    key = id(model)
    entry = _MEMOS.get(key)
    if entry is None:
        entry = _MEMOS[key] = {}
        weakref.finalize(model, _MEMOS.pop, key, None)
    return entry.setdefault(purpose, {})
