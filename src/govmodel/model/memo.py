"""One caching approach for what is derived from a model: a memo per (model object, purpose),
kept beside the model, never written into it, and dropped when the model is.

A :class:`~govmodel.model.Model` is an inert value; layers above it (the graph's step DAGs,
the verifier's condition DAGs) and the model's own views of its active elements memoize here.
Models are keyed by identity: two equal models built separately have separate memos.

What is reused *across* calls (a model loaded once per process, the replications of a scenario
shared by ``compare``, ``reform`` and ``report``, the on-disk model cache) is keyed by content,
never by identity, in a :func:`shared` memo; :func:`caching_enabled` is the one switch that
turns all of that reuse off (``GOVMODEL_NO_CACHE=1``, or ``--no-cache`` on the command line),
so a run can be compared with one that computes everything afresh (issue #11).
"""

from __future__ import annotations

import os
import weakref
from collections import OrderedDict
from typing import Any

__all__ = ["memo", "caching_enabled", "shared", "NO_CACHE_ENV"]

NO_CACHE_ENV = "GOVMODEL_NO_CACHE"
"""The environment variable that switches every cache and reuse off (any value but "" or "0")."""

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
        # not at exit: freeing every memo then is only work (a check's ~6 ms, issue #11)
        weakref.finalize(model, _MEMOS.pop, key, None).atexit = False
    found = entry.get(purpose)
    if found is None:  # (not setdefault: no empty dict made on every call)
        found = entry[purpose] = {}
    return found


def caching_enabled() -> bool:
    """False when ``GOVMODEL_NO_CACHE`` is set to anything but "" or "0" (read at each call,
    so ``--no-cache`` and worker processes see the same answer)."""
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")


class _Bounded(OrderedDict[Any, Any]):
    """A dict that keeps its ``limit`` most recently stored entries."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.limit:
            self.popitem(last=False)


_SHARED: dict[str, _Bounded] = {}


def shared(purpose: str, limit: int = 256) -> dict[Any, Any]:
    """The process-wide memo of ``purpose``, for values keyed by *content* (a digest of what
    produced them, never an ``id()``), keeping the ``limit`` most recent entries. With caching
    switched off it is a fresh empty dict each time: every lookup misses, nothing is kept.

    Examples
    --------
    >>> shared("doctest.squares").setdefault(("content-digest", 3), 9)
    9
    >>> shared("doctest.squares")[("content-digest", 3)]
    9
    """
    if not caching_enabled():
        return {}
    found = _SHARED.get(purpose)
    if found is None:
        found = _SHARED[purpose] = _Bounded(limit)
    return found
