"""Replications reused within a process (issue #11).

A replication is fully determined by its scenario's content, the seed and its index (common
random numbers: every stream is named and seeded from those), so the baseline replications
that ``govmodel report`` simulates serve each reform's paired comparison as its A side, and
``compare A B`` reuses what ``simulate A`` ran. Reuse is keyed by content, never by identity:
a digest of the scenario's settings, its model (sections as written, folder, assumptions in
force, overlays) and its calendar's holiday data, with the seed, the index and what the run
kept (the event log is never kept for reuse). Every output handed out is a copy, so a caller
that fills in zeros (``_zero_fill``) cannot change what the next caller gets.

``GOVMODEL_NO_CACHE=1`` (``--no-cache``) switches it off (:func:`govmodel.model.memo.caching_enabled`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from govmodel.model.memo import caching_enabled, memo, shared

if TYPE_CHECKING:
    from govmodel.model import Model
    from govmodel.sim.loaded import LoadedScenario
    from govmodel.sim.runner import ReplicationOutput

__all__ = ["model_digest", "scenario_digest", "reused"]

Task = tuple[int, int, bool, bool]
"""(replication index, seed, keep the event log, sample queues), as the runner passes them."""


def _digest(value: Any) -> str:
    return hashlib.sha256(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def model_digest(model: Model) -> str:
    """A digest of what a model is (its sections as written, its folder, the assumptions in
    force, its overlays), not of what has been derived from it since (memos, cached views)."""
    found = memo(model, "content.digest")
    if "digest" not in found:
        found["digest"] = _digest((model.sections, str(model.folder), sorted(model.enabled), model.overlays))
    return str(found["digest"])


def scenario_digest(loaded: LoadedScenario) -> str:
    """A digest of everything a replication of ``loaded`` depends on besides seed and index:
    the scenario's settings, its model's content and its calendar's holiday data."""
    found = memo(loaded, "content.digest")
    if "digest" not in found:
        cal = loaded.calendar
        calendar = (type(cal).__qualname__, getattr(cal, "notices", ()), getattr(cal, "known_years", ()))
        found["digest"] = _digest((loaded.spec, model_digest(loaded.model), calendar))
    return str(found["digest"])


def _copy(o: ReplicationOutput) -> ReplicationOutput:
    return dataclasses.replace(
        o, kpis=dict(o.kpis), blocked=dict(o.blocked),
        latency_points={k: list(v) for k, v in o.latency_points.items()},
        queue_samples=None if o.queue_samples is None else {k: list(v) for k, v in o.queue_samples.items()})


def reused(loaded: LoadedScenario, tasks: Sequence[Task],
           run: Callable[[Sequence[Task]], list[ReplicationOutput]]) -> list[ReplicationOutput]:
    """The outputs of ``tasks`` in their order: those this process already ran for the same
    content, seed and index, the others by ``run`` (which receives only the missing tasks,
    in order) and kept for the next caller."""
    if not caching_enabled():
        return run(tasks)
    kept = shared("sim.replications", limit=512)
    scenario = scenario_digest(loaded)
    keys = [(scenario, rep, seed, sample) for rep, seed, _keep, sample in tasks]
    found = [None if t[2] else kept.get(k) for t, k in zip(tasks, keys, strict=True)]
    missing = [t for t, f in zip(tasks, found, strict=True) if f is None]
    fresh = iter(run(missing)) if missing else iter(())
    out = []
    for task, key, f in zip(tasks, keys, found, strict=True):
        if f is not None:
            out.append(_copy(f))
            continue
        o = next(fresh)
        if not task[2]:  # an event log is too big to keep, and asked for by one command only
            kept[key] = _copy(o)
        out.append(o)
    return out
