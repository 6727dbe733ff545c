"""Two more timing properties (class ``timing``), about time limits side by side:

- ``timing.two_limits``: two time limits bind the same document in the same direction (two
  lead times before the same decision, two deadlines for the same report) in different units
  (calendar days, working days, months). On the working-day calendar, for every start date
  from the rules' adoption to the last year the calendar knows, the earliest date each limit
  allows is compared: ``holds`` when one limit is never less strict than the other (it alone
  binds; the result names it), ``violated`` when which one binds depends on the date (the
  counterexample gives a date where each is the stricter): a reader must compute both.
- ``timing.vague_limit``: the submitting side is held to a hard limit (N working days ahead)
  while the act the limit gives the government time for (approving, finalizing, deciding) has
  only a vague limit (及时 promptly, 会前 before the meeting, 尽快 as soon as possible: a limit of
  kind ``unquantified`` that ``binds`` the act) or none at all.

Both are decided by enumeration over the finite calendar (the first) or over the model's
elements (the second); no solver is needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from govmodel.findings import Counterexample, DocumentTypes, Finding, Status, StricterFrom, Subject, TraceStep
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.vocab import DEADLINE_MOVES
from govmodel.refs import Label, duration_label
from govmodel.verify import decode
from govmodel.verify.checks.act_meanings import DECIDING
from govmodel.verify.checks.workdays import Days, days, ends, in_force_from
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import Bounds

__all__ = ["KINDS", "DECIDING", "properties", "evaluate", "earliest_end"]

KINDS = ("two_limits", "vague_limit")

_AHEAD = ("lead_time", "advance_notice")


def _compatible(a: t.TimeLimit, b: t.TimeLimit, model: Model) -> bool:
    """Can both limits apply to one document (their conditions do not exclude each other)?"""

    def closes(c: str | None) -> frozenset[str]:
        return model.close_conditions(frozenset({c})) if c else frozenset()

    return not (
        (a.when and b.unless and b.unless in closes(a.when))
        or (b.when and a.unless and a.unless in closes(b.when))
    )


def _direction(tl: t.TimeLimit) -> str | None:
    if tl.kind in _AHEAD:
        return "ahead"
    if tl.kind == "deadline":
        return "within"
    return None


def _two_limit_pairs(model: Model) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for d in model.document_types:
        limits = [tl for tl in model.time_limits_for(d.id) if tl.duration and _direction(tl)]
        for i, a in enumerate(limits):
            for b in limits[i + 1 :]:
                if (
                    a.duration
                    and b.duration
                    and _direction(a) == _direction(b)
                    and str(a.duration.unit) != str(b.duration.unit)
                    and _compatible(a, b, model)
                ):
                    u, v = sorted((a.id, b.id))
                    out.setdefault((u, v), []).append(d.id)
    return out


def _vague_cases(model: Model) -> dict[str, dict[str, Any]]:
    """Hard limit on the submitting side → the deciding acts and the limits that bind them."""
    out: dict[str, dict[str, Any]] = {}
    for d in model.document_types:
        acts = {
            str(s.act)
            for p in model.procedures_for(d.id)
            for s in p.steps
            if model.act_meaning(s.act) in DECIDING and s.by
        }
        if not acts:
            continue
        for tl in model.time_limits_for(d.id):
            if tl.kind not in _AHEAD or not tl.duration:
                continue
            counter = [x.id for x in model.time_limits_for(d.id) if set(map(str, x.binds)) & acts]
            slot = out.setdefault(tl.id, {"types": [], "acts": set(), "counter": set()})
            slot["types"].append(d.id)
            slot["acts"] |= acts
            slot["counter"] |= set(counter)
    return out


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    for (u, v), types in sorted(_two_limit_pairs(model).items()):
        a, b = model.get(u), model.get(v)
        yield Property(
            "timing.two_limits",
            Subject.pair(u, "~", v),
            Label(
                f"「{a.label.zh}」与「{b.label.zh}」在日历上总是同一个更严",
                f"'{a.label.en}' and '{b.label.en}': the same one is the stricter on every date",
            ),
            (u, v),
            v,
            {"kind": "two_limits", "a": u, "b": v, "types": types},
        )
    for lid, slot in sorted(_vague_cases(model).items()):
        tl = model.get(lid)
        yield Property(
            "timing.vague_limit",
            Subject(lid, scope=(slot["types"][0],)),
            Label(
                f"{tl.label.zh}:报送方受硬性时限约束，市政府的决定也有明确时限",
                f"{tl.label.en}: the submitter is held to a hard limit, and so is the government's decision",
            ),
            (lid, *sorted(slot["counter"])),
            lid,
            {
                "kind": "vague_limit",
                "limit": lid,
                "types": slot["types"],
                "acts": sorted(slot["acts"]),
                "counter": sorted(slot["counter"]),
            },
        )


def earliest_end(table: Days, i: int, limit: t.Duration, moves: bool) -> int | None:
    """Index of the first day a limit starting on day ``i`` allows (or ends on): N calendar
    days or months later (moved past days off with ``moves``), or the day the N-th working day
    after ``i`` completes."""
    return ends(table, limit.value, str(limit.unit), moves)[i]


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    if prop.parameters["kind"] == "vague_limit":
        return _vague(model, prop, bounds)
    table = days()
    since = in_force_from(model, table)
    a, b = model.get(prop.parameters["a"]), model.get(prop.parameters["b"])
    moves = model.effect_on(DEADLINE_MOVES)
    a_first: tuple[int, int, int] | None = None  # (start, end a, end b) where a is the stricter
    b_first: tuple[int, int, int] | None = None
    # ahead of an event, the stricter limit asks for more time (ends later); within a time,
    # the stricter one ends sooner
    sign = 1 if _direction(a) == "ahead" else -1
    ends_a = ends(table, a.duration.value, str(a.duration.unit), moves)
    ends_b = ends(table, b.duration.value, str(b.duration.unit), moves)
    for i in range(since, len(table)):
        ea, eb = ends_a[i], ends_b[i]
        if ea is None or eb is None:
            break
        if sign * (ea - eb) > 0 and a_first is None:
            a_first = (i, ea, eb)
        elif sign * (eb - ea) > 0 and b_first is None:
            b_first = (i, ea, eb)
        if a_first and b_first:
            break
    bd = {**bounds.as_dict(model), "years": [table.date(since).year, table.years[1]]}

    def name(tl: t.TimeLimit) -> Label:
        assert tl.duration is not None
        return duration_label(tl.duration.value, str(tl.duration.unit))

    na, nb = name(a), name(b)
    if not (a_first and b_first):
        strict, loose = (a, b) if a_first else (b, a)
        ns, nl = name(strict), name(loose)
        return prop.finding(
            model,
            Status.holds,
            Label(
                f"已证明:在每一起算日，{ns.zh}(「{strict.label.zh}」)都不比{nl.zh}宽松，后者从不单独起作用",
                f"proved: from every start date {ns.en} ('{strict.label.en}') is at least as strict as "
                f"{nl.en}, which never binds alone",
            ),
            bounds=bd,
        )
    dates = {}
    trace = []
    for who, (i, ea, eb), n in (("a", a_first, na), ("b", b_first, nb)):
        s = table.date(i)
        dates[f"{who}_stricter_from"] = s.isoformat()
        tl, other = (a, b) if who == "a" else (b, a)
        end, oend = (ea, eb) if who == "a" else (eb, ea)
        trace.append(
            TraceStep(
                Label(
                    f"{s}起算:{n.zh}至{table.date(end)}，另一时限至{table.date(oend)}，{n.zh}更严",
                    f"from {s}: {n.en} runs to {table.date(end)}, the other to {table.date(oend)}: "
                    f"{n.en} is the stricter",
                ),
                tl.articles,
                tl.id,
            )
        )
    msg = Label(
        f"「{a.label.zh}」({na.zh})与「{b.label.zh}」({nb.zh})哪个更严取决于日期:"
        f"自{dates['a_stricter_from']}起算前者更严，自{dates['b_stricter_from']}起算后者更严",
        f"which of '{a.label.en}' ({na.en}) and '{b.label.en}' ({nb.en}) is stricter depends on the date: "
        f"the first from {dates['a_stricter_from']}, the second from {dates['b_stricter_from']}",
    )
    cx = Counterexample(
        cast=DocumentTypes(tuple(prop.parameters["types"])),
        dates=StricterFrom(dates["a_stricter_from"], dates["b_stricter_from"]),
        trace=tuple(trace),
    )
    return prop.finding(model, Status.violated, msg, counterexample=cx, bounds=bd)


def _vague(model: Model, prop: Property, bounds: Bounds) -> Finding:
    p = prop.parameters
    tl = model.get(p["limit"])
    counter = [model.get(c) for c in p["counter"]]
    acts = Label(
        "、".join(decode.act_label(model, a).zh for a in p["acts"]),
        ", ".join(decode.act_label(model, a).en for a in p["acts"]),
    )
    bd = bounds.as_dict(model)
    hard = [c for c in counter if c.duration is not None]
    if hard:
        return prop.finding(
            model,
            Status.holds,
            Label(
                f"已证明:市政府的{acts.zh}有明确时限",
                f"proved: what the government does ({acts.en}) has a hard limit",
            ),
            bounds=bd,
        )
    span = duration_label(tl.duration.value, str(tl.duration.unit))
    held = Label(f"报送方须提前{span.zh}", f"the submitter is held to {span.en}")
    if counter:
        vague = Label(
            "、".join(f"「{c.label.zh}」" for c in counter), ", ".join(f"'{c.label.en}'" for c in counter)
        )
        msg = Label(
            f"{held.zh}，而市政府的{acts.zh}只有模糊时限{vague.zh}",
            f"{held.en}, while what the government does ({acts.en}) has only a vague limit: {vague.en}",
        )
    else:
        msg = Label(
            f"{held.zh}，而市政府的{acts.zh}没有任何时限",
            f"{held.en}, while what the government does ({acts.en}) has no time limit at all",
        )
    trace = (
        TraceStep(
            Label(f"{tl.label.zh}:{span.zh}", f"{tl.label.en}: {span.en}"),
            tl.articles,
            tl.id,
        ),
        *(
            TraceStep(Label(f"{c.label.zh}:未规定天数", f"{c.label.en}: no number of days"), c.articles, c.id)
            for c in counter
        ),
    )
    cx = Counterexample(cast=DocumentTypes(tuple(p["types"])), trace=trace)
    return prop.finding(model, Status.violated, msg, counterexample=cx, bounds=bd)
