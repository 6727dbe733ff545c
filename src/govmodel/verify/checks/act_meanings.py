"""What the checks read off an act: its declared meaning (``acts: [{id, label, meaning}]`` of
the model, :class:`govmodel.model.vocab.ActMeaning`), never its id, so any model's own acts
work. An act without a meaning is an act like any other: it adds up, is no level of a check
and decides nothing.

- :data:`EXCLUSIVE` / :func:`same_act`: the one settling act of a document (conflict and
  separation: two rules asking it of different persons conflict);
- :data:`LEVELS` / :func:`act_level`: the levels of a separation of duties;
- :data:`DECIDING`: the acts by which the government settles what was submitted (limits).
"""

from __future__ import annotations

from govmodel.model import Model

__all__ = ["DECISIVE", "EXCLUSIVE", "LEVELS", "DECIDING", "same_act", "act_level"]

DECISIVE = frozenset({"approves", "decides"})
"""Meanings of one individual decision on a document, whatever the verb (审批, 审定, 确定)."""

EXCLUSIVE = DECISIVE | {"signs", "collective_decision"}
"""Meanings of acts done once per document: two rules asking them of different persons
conflict. Every other act adds up (two rules asking two actors to consult or review ask both
to do it)."""

LEVELS: dict[str, int] = {
    "reviews": 1,
    "approves": 2,
    "decides": 3,
    "signs": 3,
}
"""Meanings of acts that are levels of a check (Dalian's 审核, 审阅 and 合法性审查 review; 审批
and 审定 approve); a pair (a before b) is checked when a's level ≤ b's."""

DECIDING = frozenset({"approves", "decides", "collective_decision"})
"""Meanings of the acts by which the government settles what was submitted: what a lead time
gives time for."""


def same_act(model: Model, a: str, b: str) -> bool:
    """Are ``a`` and ``b`` the one settling act of a document (so two rules asking them must
    agree on the person)?"""
    ma, mb = model.act_meaning(a), model.act_meaning(b)
    if ma not in EXCLUSIVE or mb not in EXCLUSIVE:
        return False
    return a == b or (ma in DECISIVE and mb in DECISIVE)


def act_level(model: Model, act: str) -> int | None:
    """The level of an act in a check, from its declared meaning (None: not a level)."""
    return LEVELS.get(model.act_meaning(act) or "")
