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
    from govmodel.sim.replication import ReplicationOutput

__all__ = ["model_digest", "scenario_digest", "reused", "Planned"]

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
        o,
        kpis=dict(o.kpis),
        blocked=dict(o.blocked),
        latency_points={k: list(v) for k, v in o.latency_points.items()},
        queue_samples=None if o.queue_samples is None else {k: list(v) for k, v in o.queue_samples.items()},
    )


class Planned:
    """The tasks of one call: which are kept (in this process, or on disk), which must run
    (:attr:`missing`, in order); :meth:`complete` merges the fresh outputs in and keeps them."""

    def __init__(self, loaded: LoadedScenario, tasks: Sequence[Task]) -> None:
        self.tasks = list(tasks)
        self.on = caching_enabled()
        self.digest: str | None = None  # the scenario's content (with caching on)
        if not self.on:
            self.found: list[ReplicationOutput | None] = [None] * len(self.tasks)
            self.missing = self.tasks
            return
        from govmodel.sim import store

        self.kept = shared("sim.replications", limit=512)
        scenario = self.digest = scenario_digest(loaded)
        self.keys = [(scenario, rep, seed, sample) for rep, seed, _keep, sample in tasks]
        self.found = [None if t[2] else self.kept.get(k) for t, k in zip(tasks, self.keys, strict=True)]
        stable = store.stable_digest(loaded)
        self.disk: dict[int, str] = {}  # task position -> entry name, for the tasks the store may hold
        if stable is not None:
            self.disk = {
                i: store.entry_key(stable, rep, seed, sample)
                for i, (rep, seed, keep, sample) in enumerate(tasks)
                if not keep and self.found[i] is None
            }
            on_disk = store.load(self.disk.values())
            for i, entry in self.disk.items():
                if entry in on_disk:
                    self.found[i] = self.kept[self.keys[i]] = on_disk[entry]
        self.missing = [t for t, f in zip(self.tasks, self.found, strict=True) if f is None]

    def complete(self, fresh: Sequence[ReplicationOutput]) -> list[ReplicationOutput]:
        """The outputs of every task in order, given those of :attr:`missing` (in its order)."""
        if not self.on:
            return list(fresh)
        from govmodel.sim import store

        ran = iter(fresh)
        out = []
        new: dict[str, ReplicationOutput] = {}
        for i, (task, f) in enumerate(zip(self.tasks, self.found, strict=True)):
            if f is not None:
                out.append(_copy(f))
                continue
            o = next(ran)
            if not task[2]:  # an event log is too big to keep, and asked for by one command only
                key = self.keys[i]
                self.kept[key] = _copy(o)
                if i in self.disk:
                    new[self.disk[i]] = self.kept[key]
            out.append(o)
        store.save(new)
        return out


def reused(
    loaded: LoadedScenario, tasks: Sequence[Task], run: Callable[[Sequence[Task]], list[ReplicationOutput]]
) -> list[ReplicationOutput]:
    """The outputs of ``tasks`` in their order: those this process already ran for the same
    content, seed and index, then those another process left in the on-disk store
    (:mod:`govmodel.sim.store`), the others by ``run`` (which receives only the missing tasks,
    in order), kept in both for the next caller."""
    plan = Planned(loaded, tasks)
    return plan.complete(run(plan.missing) if plan.missing else [])
