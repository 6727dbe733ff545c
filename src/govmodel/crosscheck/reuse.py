"""Verifications reused across reforms and commands (issue #11).

Every reform of a model is judged against the same verification of that model (``govmodel
report`` judges five, ``govmodel reform`` one per run), so a verification is kept by content:
in this process, and on disk beside the replications (:mod:`govmodel.sim.store`, kind
``verifications``), under a digest of the model as written (sections, folder, assumptions in
force, overlays), the bounds and the package's code. A verification with an unknown result (a
solver timeout, which depends on the machine's load) is never kept. ``GOVMODEL_NO_CACHE=1``
(``--no-cache``) verifies afresh and keeps nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from govmodel.findings import Results, Status
from govmodel.model import Model
from govmodel.model.memo import caching_enabled, shared
from govmodel.sim import store
from govmodel.verify import Bounds, verify

__all__ = ["verified", "kept", "KIND"]

KIND = "verifications"


def _key(model: Model, bounds: Bounds) -> str | None:
    """The entry name of the verification of ``model`` within ``bounds`` (None: not kept)."""
    if not caching_enabled():
        return None
    spelled = store.model_spelled(model)
    return None if spelled is None else store.value_key(KIND, spelled, bounds)


def kept(model: Model, bounds: Bounds) -> Results | None:
    """The verification of ``model`` within ``bounds`` an earlier run kept, or None (never
    verifies)."""
    key = _key(model, bounds)
    if key is None:
        return None
    mine = shared("crosscheck.verified", limit=16)
    found = mine.get(key)
    if found is None:
        found = store.load([key], KIND).get(key)
        if isinstance(found, Results):
            mine[key] = found
    return found if isinstance(found, Results) else None


def verified(model: Model, bounds: Bounds, progress: Callable[[Any], None] | None = None) -> Results:
    """``verify(model, bounds)``, or the same results kept from an earlier run."""
    found = kept(model, bounds)
    if found is None:
        found = verify(model, bounds, progress=progress)
        key = _key(model, bounds)
        if key is None or any(f.status == Status.unknown for f in found.findings):
            return found
        store.save({key: found}, KIND, keep=256)
        shared("crosscheck.verified", limit=16)[key] = found
    return found
