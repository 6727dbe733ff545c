"""Quorum resilience: a meeting whose text requires a share or a count of a role's holders
to attend (全体会议、常务会议必须要有半数以上的副市长参加) can sit only while enough of them
are present. ``coverage.quorum`` asks for the smallest set of absences (each with a reason
of the model; meetings-only absences count, 不能出席会议) that leaves too few: its size is
the quorum's resilience number. Nobody stands in for an attendee: the text counts the
holders themselves.

The query is one pseudo-Boolean constraint over the presence of the holders, solved by the
same iterative deepening as every coverage question (:func:`govmodel.verify.solve.smallest`).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from math import ceil, floor

import z3

from govmodel.findings import Cause, Counterexample, Finding, QuorumWitness, Status, Subject, TraceStep
from govmodel.graph.authority import Context, holders
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.refs import Label
from govmodel.verify import decode, solve
from govmodel.verify.checks._common import when_away
from govmodel.verify.encode import Encoding
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds

__all__ = ["properties", "evaluate", "attendees", "needed", "quorums"]


def quorums(model: Model, m: t.Meeting) -> tuple[t.Quorum, ...]:
    """The meeting's quorums in force under the model's assumptions."""
    return tuple(q for q in m.quorum if q.active(model.enabled))


def attendees(model: Model, m: t.Meeting, q: t.Quorum) -> tuple[str, ...]:
    """The persons the quorum counts: holders of ``of`` (or of the members), every
    department's holder for a department-scoped role."""
    out: list[str] = []
    depts = [d.id for d in model.cast.departments] if model.cast else []
    for actor in q.of or m.members:
        for role in model.group_roles(actor):
            el = model.get(role)
            scope = str(getattr(el, "scope", "government"))
            ctxs = [Context(d) for d in depts] if scope == "department" else [Context()]
            for ctx in ctxs:
                out += [p for p in holders(model, role, ctx) if p not in out]
    return tuple(out)


def needed(q: t.Quorum, n: int) -> int:
    """How many of ``n`` holders must attend."""
    if q.count is not None:
        return q.count + (1 if q.bound == "more_than" else 0)
    share = Fraction(q.share or "1/1") * n
    return floor(share) + 1 if q.bound == "more_than" else ceil(share)


def _who(model: Model, m: t.Meeting, q: t.Quorum) -> Label:
    names = [model.label(a) for a in (q.of or m.members)]
    return Label("、".join(n.zh for n in names), ", ".join(n.en for n in names))


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    for m in model.meetings:
        for i, q in enumerate(quorums(model, m)):
            who = _who(model, m, q)
            part = f"{q.count}人" if q.count else f"{q.share}"
            amount = part + ("以上" if q.bound == "at_least" else "(不含本数)以上")
            amount_en = ("more than " if q.bound == "more_than" else "at least ") + str(q.count or q.share)
            subject = Subject(m.id, act="quorum" + (f".{i + 1}" if i else ""))
            yield Property("coverage.quorum", subject,
                           Label(f"{m.label.zh}:任何至多k人缺位的情形下，出席的{who.zh}都达到{amount}",
                                 f"{m.label.en}: {amount_en} of the {who.en} attend "
                                 "in every scenario of up to k absences"),
                           (m.id,), m.id, {"kind": "quorum", "meeting": m.id, "index": i})


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    """Prove the quorum met within the bounds, or find the smallest set of absences that breaks it."""
    m = model.get(prop.parameters["meeting"])
    q = quorums(model, m)[prop.parameters["index"]]
    persons = attendees(model, m, q)
    n, need = len(persons), needed(q, len(persons))
    k = bounds.k_for(model)
    bd = {**bounds.as_dict(model), "holders": n, "needed": need}
    who = _who(model, m, q)
    enc = Encoding(model, str(prop.subject), persons, meeting=True)
    present = [enc.present(p) for p in persons]
    broken = z3.AtMost(*present, need - 1) if present and need >= 1 else z3.BoolVal(need > 0)
    out = solve.smallest(enc, [broken], bounds.timeout, k)
    if out.status == "unsat":
        return prop.finding(model, Status.holds, Label(
            f"已证明:{n}名{who.zh}中至多{k}人缺位时仍有至少{need}人出席",
            f"proved: with up to {k} absences at least {need} of the {n} {who.en} attend"), bounds=bd)
    if out.status == "unknown" or out.model is None:
        return prop.finding(model, Status.unknown, Label(f"求解超时或未知:{out.reason}",
                                                         f"solver gave no answer: {out.reason}"), bounds=bd)
    ab = decode.absence_list(model, decode.absences(enc, out.model))
    size = out.size or 0
    w = when_away(model, ab)
    msg = Label(f"韧性{size}:{w.zh}，出席的{who.zh}不足{need}人(共{n}人)，{m.label.zh}不能召开",
                f"resilience {size}: {w.en}, fewer than {need} of the {n} {who.en} attend: "
                f"the {m.label.en} cannot sit")
    step = TraceStep(Label(f"{m.label.zh}须有{need}名{who.zh}出席,出席{n - size}人",
                           f"the {m.label.en} needs {need} of the {who.en}; {n - size} attend"),
                     tuple(q.articles), m.id)
    cx = Counterexample(absent=ab, cast=QuorumWitness(m.id, tuple(persons), need), trace=(step,))
    return prop.finding(model, Status.violated, msg, counterexample=cx, bounds={**bd, "resilience": size},
                        cause=Cause("quorum", m.id))
