"""Questions to the solver, answered once per model: many properties ask the very same
question (the same step of procedures that govern different document types, a check repeated
for every family of documents), so each distinct question is encoded and solved once.

A question is identified by what its encoding is built from (the chains of every case, the
persons required present or excluded, which absence reasons count) together with the bound
``k`` and the timeout; the answer is a function of those alone (:mod:`govmodel.verify.solve`
returns the canonical scenario and core, whatever the search path), so a shared answer is the
answer each property would have got. Which case a counterexample shows is still chosen per
property (:func:`govmodel.verify.decode.pick_scene`): the tie-break reads the property's own
scenes. ``GOVMODEL_NO_CACHE=1`` asks every question afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import z3

from govmodel.model import Model
from govmodel.model.memo import caching_enabled, memo
from govmodel.verify import solve
from govmodel.verify.encode import Encoding
from govmodel.verify.terms import disj, truths

__all__ = ["Answer", "ask"]


@dataclass(frozen=True)
class Answer:
    """The encoding a question was asked in, the solver's outcome, and the scenes (by index)
    that the outcome's scenario satisfies (none for a proof)."""

    enc: Encoding
    out: solve.Outcome
    true: tuple[int, ...]


def ask(
    model: Model,
    key: Hashable,
    build: Callable[[], tuple[Encoding, list[z3.BoolRef]]],
    timeout: float,
    k: int,
    involved: Callable[[], Sequence[frozenset[str]]] | None = None,
) -> Answer:
    """The smallest scenario satisfying one of the scenes ``build`` encodes (at most ``k``
    absences), asked once per model and ``key``. ``involved``: for each scene, every person
    whose absence it mentions (or more): the canonical scenario is then decided scene by
    scene (:func:`govmodel.verify.solve.smallest`), with the same answer."""
    cache = memo(model, "verify.answers") if caching_enabled() else {}
    # the solver function is part of the key: a test that substitutes it (to force an unknown)
    # neither reads nor leaves answers for the model objects load_model shares in a process
    full = (key, timeout, k, solve.smallest)
    found: Answer | None = cache.get(full)
    if found is None:
        enc, scenes = build()
        if involved is None:
            out = solve.smallest(enc, [disj(scenes)], timeout, k)
        else:
            out = solve.smallest(enc, [disj(scenes)], timeout, k, parts=scenes, involved=involved())
        m = out.model
        true = (
            ()
            if m is None or out.status == "unsat"
            else tuple(i for i, true in enumerate(truths(m, scenes)) if true)
        )
        found = cache[full] = Answer(enc, out, true)
    return found
