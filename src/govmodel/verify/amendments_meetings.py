"""Candidate amendments for the root causes of meetings (:mod:`govmodel.verify.amendments`):

- ``not_entrusted:RULE``: an ``entrusts`` rule limited to named meetings, acts or documents
  leaves a gap while the principal is away and has not entrusted. The candidate makes the
  entrustment's deputy stand in of right, for the same acts, meetings and documents, in
  every absence (an ``acts_for`` rule beside the entrustment, which stays);
- ``quorum:MEETING``: a quorum the absences of its resilience number break. The candidate
  lowers the number that must attend by the smallest step that closes it: first the same
  share with the number itself (以上 read as including it), then a count of the holders the
  absences leave. Either is a change of the threshold itself, and the rationale says so.
"""

from __future__ import annotations

from typing import Any

from govmodel.findings import Finding
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.refs import Label
from govmodel.verify.amendment_draft import draft

__all__ = ["meeting_candidates"]


def meeting_candidates(
    model: Model, kind: str, target: str, found: list[Finding], rid: str, why: Label, arts: tuple[int, ...]
) -> list[dict[str, Any]]:
    """The candidates of a ``not_entrusted`` or ``quorum`` root cause (none for other kinds)."""
    if kind == "not_entrusted":
        return _stand_in_of_right(model, target, found, rid, why, arts)
    if kind == "quorum":
        return _lower_quorum(model, target, found, rid, why, arts)
    return []


def _stand_in_of_right(
    model: Model, target: str, found: list[Finding], rid: str, why: Label, arts: tuple[int, ...]
) -> list[dict[str, Any]]:

    rule = model.get(target)
    if not isinstance(rule, t.DeputyRule) or rule.kind != "entrusts":
        return []
    principal, deputy = model.label(rule.principal), model.label(rule.deputy)
    scope = [model.label(x) for x in (*rule.meetings, *rule.applies_to)]
    where = Label("、".join(x.zh for x in scope), ", ".join(x.en for x in scope))
    added: dict[str, Any] = {
        "id": f"{target}_of_right"[:64],
        "label": {
            "zh": f"{principal.zh}缺位而未委托时由{deputy.zh}代行" + (f"({where.zh})" if scope else ""),
            "en": f"The {deputy.en} stands in when the {principal.en} is away and has not entrusted"
            + (f" ({where.en})" if scope else ""),
        },
        "articles": list(rule.articles),
        "kind": "acts_for",
        "principal": rule.principal,
        "deputy": rule.deputy,
        "when_absent_for": list(model.reason_ids(True)),
        "acts": "all" if rule.acts == "all" else [str(a) for a in rule.acts],
    }
    if rule.meetings:
        added["meetings"] = list(rule.meetings)
    if rule.applies_to:
        added["applies_to"] = list(rule.applies_to)
    title = Label(added["label"]["zh"], added["label"]["en"])
    return [draft(rid, title, why, arts, found, add={"deputy_rules": [added]})]


def _lower_quorum(
    model: Model, target: str, found: list[Finding], rid: str, why: Label, arts: tuple[int, ...]
) -> list[dict[str, Any]]:
    from govmodel.verify.checks.quorum import attendees, needed, quorums

    m = model.get(target)
    if not isinstance(m, t.Meeting):
        return []
    active = quorums(model, m)
    # per quorum broken (subject act "quorum" or "quorum.N"): the holders its absences leave
    room: dict[int, int] = {}
    for f in found:
        act = f.subject.act or "quorum"
        i = int(act.split(".", 1)[1]) - 1 if "." in act else 0
        if i < len(active) and f.resilience is not None:
            n = len(attendees(model, m, active[i]))
            room[i] = min(room.get(i, n), n - f.resilience)
    if not room or min(room.values()) < 1:
        return []  # nobody would be left to count: no threshold closes it
    options: list[tuple[Label, dict[int, dict[str, Any]]]] = []
    inclusive = {
        i: {"bound": "at_least"}
        for i in room
        if active[i].bound == "more_than"
        and needed(active[i].model_copy(update={"bound": "at_least"}), len(attendees(model, m, active[i])))
        <= room[i]
    }
    if len(inclusive) == len(room):
        options.append((Label("(含本数)", " (the number itself included)"), inclusive))
    options.append(
        (
            Label("", ""),
            {i: {"count": room[i], "share": None, "bound": "at_least"} for i in room},
        )
    )
    counted = [model.label(a) for a in dict.fromkeys(a for i in room for a in active[i].of or m.members)]
    who = Label("、".join(x.zh for x in counted), ", ".join(x.en for x in counted))
    out = []
    for words, sets in options:
        new = []
        for q in m.quorum:
            data = q.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
            at = next((j for j, a in enumerate(active) if a is q), None)
            if at is not None and at in sets:
                data.update(sets[at])
                data = {k: v for k, v in data.items() if v is not None}
            new.append(data)
        amount = (
            Label(f"{min(room.values())}名", f"at least {min(room.values())} of the")
            if "count" in next(iter(sets.values()))
            else Label(
                f"{active[min(room)].share}以上{words.zh}", f"{active[min(room)].share}{words.en} of the"
            )
        )
        out.append(
            draft(
                rid,
                Label(
                    f"{m.label.zh}的法定出席人数降为{amount.zh}{who.zh}",
                    f"the {m.label.en}'s quorum lowered to {amount.en} {who.en}",
                ),
                Label(
                    why.zh + ";这是改变法定人数本身,须由起草者权衡",
                    why.en + "; this changes the threshold itself, for the drafters to weigh",
                ),
                arts,
                found,
                change=[{"id": target, "set": {"quorum": new}}],
            )
        )
    return out
