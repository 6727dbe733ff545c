"""How big a verification is, estimated from the model and the bounds before any query.

The checks examine each step of each procedure in every context a document can be in: its
department and, for acts that depend on them, up to ``related_max`` related departments. With
D departments that is D × (C(D−1, 1) + … + C(D−1, related_max)) contexts, which grows like
D^related_max: ``--related-max 10`` on the Dalian cast asks for hundreds of millions of
scenes and would never end. :func:`check_size` refuses such a verification up front, with
the estimate and the option that raises the budget (``--max-size``).
"""

from __future__ import annotations

from math import comb

from govmodel.errors import InputError, Problem
from govmodel.model import Model
from govmodel.refs import SourceRef
from govmodel.verify.scenarios import Bounds

__all__ = ["DEFAULT_MAX_SIZE", "verification_size", "check_size"]

DEFAULT_MAX_SIZE = 1_000_000
"""Scenes (steps × contexts); the bundled Dalian model needs about 30,000 at the default bounds."""


def verification_size(model: Model, bounds: Bounds) -> tuple[int, int, int]:
    """(scenes, steps, contexts): an upper estimate of what the checks examine."""
    steps = sum(len(p.steps) for p in model.procedures)
    steps += sum(len(p.steps) for m in model.meetings for p in m.procedures)
    d = len(model.cast.departments) if model.cast else 0
    if d == 0:
        contexts = 1
    else:
        related = sum(comb(d - 1, n) for n in range(1, min(bounds.related_max, d - 1) + 1))
        contexts = d * max(related, 1)
    return max(steps, 1) * contexts, steps, contexts


def check_size(model: Model, bounds: Bounds) -> int:
    """Refuse a verification larger than ``bounds.max_size`` (default :data:`DEFAULT_MAX_SIZE`).

    Raises
    ------
    InputError
        With the estimate and the options that lower it or raise the budget.
    """
    budget = bounds.max_size or DEFAULT_MAX_SIZE
    size, steps, contexts = verification_size(model, bounds)
    if size > budget:
        d = len(model.cast.departments) if model.cast else 0
        where = SourceRef("--related-max") if bounds.related_max > 1 else SourceRef(str(model.folder))
        raise InputError(
            [
                Problem(
                    where,
                    f"the verification would examine about {size:,} scenes ({steps:,} steps × "
                    f"{contexts:,} contexts: "
                    f"{d} departments, each with up to {bounds.related_max} related departments)",
                    f"at most {budget:,} scenes: lower --related-max, or raise the budget with --max-size N",
                )
            ]
        )
    return size
