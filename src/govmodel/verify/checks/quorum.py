"""Quorum resilience: a meeting whose text requires a share or a count of a role's holders
to attend (全体会议、常务会议必须要有半数以上的副市长参加) can sit only while enough of them
are present. ``coverage.quorum`` asks for the smallest set of absences (each with a reason
of the model; meetings-only absences count, 不能出席会议) that leaves too few: its size is
the quorum's resilience number.

Whether a stand-in counts (a deputy rule makes someone stand in for an absent holder at the
meeting: does he count toward "半数以上的副市长"?) is a reading of the text, never a silent
choice: with an assumption of effect ``stand_ins_count_toward_quorum`` in force, a present
person standing in for at least one absent holder (one hop of a rule not limited to acts or
documents, for the holder's absence reason) counts, once; otherwise only the holders count,
and where stand-ins exist the finding says which reading it applied.

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
from govmodel.model.vocab import AssumptionEffect
from govmodel.refs import Label
from govmodel.verify import decode, solve
from govmodel.verify.checks._common import no_answer, when_away
from govmodel.verify.encode import Encoding
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds

__all__ = ["properties", "evaluate", "attendees", "needed", "quorums", "stand_ins"]

COUNT_STAND_INS = AssumptionEffect.stand_ins_count_toward_quorum


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


def stand_ins(
    model: Model, m: t.Meeting, persons: tuple[str, ...]
) -> dict[str, list[tuple[str, t.DeputyRule]]]:
    """Who a deputy rule makes stand in at ``m`` for a counted holder: per stand-in (not
    himself counted), the holders and rules he stands in for. A rule counts when it is in
    force, is not an entrustment, covers every act (not limited to named acts or document
    types) and is not limited to other meetings; one hop (the holder's own deputy)."""
    from govmodel.graph.authority import deputy_holders, persons_roles, role_ancestors

    out: dict[str, list[tuple[str, t.DeputyRule]]] = {}
    for r in model.deputy_rules:
        if r.kind == "entrusts" or r.acts != "all" or r.applies_to or (r.meetings and m.id not in r.meetings):
            continue
        for p in persons:
            if not any(
                r.principal in (role, *role_ancestors(model, role)) for role in persons_roles(model, p)
            ):
                continue
            for d in deputy_holders(model, r, p, Context()):
                if d != p and d not in persons:
                    out.setdefault(d, []).append((p, r))
    return out


def _reading(model: Model, counted: bool) -> Label:
    """Which reading of stand-ins the finding applied (only said where stand-ins exist)."""
    named = [a for a in model.assumptions if a.effect == COUNT_STAND_INS]
    if counted:
        return Label(f"(代行人计入:假设{named[0].id})", f" (stand-ins counted: assumption {named[0].id})")
    if named:
        return Label(
            f"(代行人不计入:假设{named[0].id}未启用)",
            f" (stand-ins not counted: assumption {named[0].id} off)",
        )
    return Label(
        "(代行人不计入:模型未声明计入的假设)",
        " (stand-ins not counted: the model declares no assumption that they count)",
    )


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
            yield Property(
                "coverage.quorum",
                subject,
                Label(
                    f"{m.label.zh}:任何至多k人缺位的情形下，出席的{who.zh}都达到{amount}",
                    f"{m.label.en}: {amount_en} of the {who.en} attend in every scenario of up to k absences",
                ),
                (m.id,),
                m.id,
                {"kind": "quorum", "meeting": m.id, "index": i},
            )


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    """Prove the quorum met within the bounds, or find the smallest set of absences that breaks it."""
    m = model.get(prop.parameters["meeting"])
    q = quorums(model, m)[prop.parameters["index"]]
    persons = attendees(model, m, q)
    n, need = len(persons), needed(q, len(persons))
    k = bounds.k_for(model)
    bd = {**bounds.as_dict(model), "holders": n, "needed": need}
    who = _who(model, m, q)
    extra = stand_ins(model, m, persons)
    counted = bool(extra) and model.effect_on(COUNT_STAND_INS)
    note = _reading(model, counted) if extra else Label("", "")
    enc = Encoding(model, str(prop.subject), (*persons, *(extra if counted else ())), meeting=True)
    present = [enc.present(p) for p in persons]
    if counted:  # a present stand-in for at least one absent holder counts, once
        present += [
            z3.And(enc.present(d), z3.Or([enc.absent_for(p, r.when_absent_for) for p, r in whom]))
            for d, whom in extra.items()
        ]
    broken = z3.AtMost(*present, need - 1) if present and need >= 1 else z3.BoolVal(need > 0)
    out = solve.smallest(enc, [broken], bounds.timeout, k)
    if out.status == "unsat":
        return prop.finding(
            model,
            Status.holds,
            Label(
                f"已证明:{n}名{who.zh}中至多{k}人缺位时仍有至少{need}人出席{note.zh}",
                f"proved: with up to {k} absences at least {need} of the {n} {who.en} attend{note.en}",
            ),
            bounds=bd,
        )
    if out.status == "unknown" or out.model is None:
        return prop.finding(
            model,
            Status.unknown,
            no_answer(out.reason),
            bounds=bd,
        )
    ab = decode.absence_list(model, decode.absences(enc, out.model))
    size = out.size or 0
    w = when_away(model, ab)
    msg = Label(
        f"韧性{size}:{w.zh}，出席的{who.zh}不足{need}人(共{n}人)，{m.label.zh}不能召开{note.zh}",
        f"resilience {size}: {w.en}, fewer than {need} of the {n} {who.en} attend: "
        f"the {m.label.en} cannot sit{note.en}",
    )
    attend = sum(z3.is_true(out.model.eval(x, model_completion=True)) for x in present)
    step = TraceStep(
        Label(
            f"{m.label.zh}须有{need}名{who.zh}出席,出席{attend}人",
            f"the {m.label.en} needs {need} of the {who.en}; {attend} attend",
        ),
        tuple(q.articles),
        m.id,
    )
    cx = Counterexample(absent=ab, cast=QuorumWitness(m.id, tuple(persons), need), trace=(step,))
    return prop.finding(
        model,
        Status.violated,
        msg,
        counterexample=cx,
        bounds={**bd, "resilience": size},
        cause=Cause("quorum", m.id),
    )
