"""The replay's verdict: what the verifier predicted, what the run shows, whether they agree
(中文 and English), per property class."""

from __future__ import annotations

import dataclasses

from govmodel.crosscheck.replay_result import ReplayStep, SeparationOutcome, TimingOutcome
from govmodel.crosscheck.replay_run import ReplaySim, Run
from govmodel.crosscheck.replay_witness import cadence_dates, calendar_dates, scene_of
from govmodel.crosscheck.replay_words import act_label, step_label
from govmodel.findings import Finding
from govmodel.model import Model
from govmodel.refs import Label

__all__ = ["coverage_verdict", "separation_verdict", "timing_verdict", "cadence_note", "stopped_earlier"]


def cadence_note(
    f: Finding, timing: TimingOutcome, sim: ReplaySim, model: Model, agrees: bool, meetings: str
) -> Label | None:
    """Why a cadence replay on the scenario's meeting days need not reproduce the worst case."""
    cx = f.counterexample
    if f.property != "timing.cadence" or agrees or meetings != "scenario" or cx is None:
        return None
    mid = scene_of(cx).meeting or ""
    dates = cadence_dates(cx)
    board = sim.boards.get(mid)
    if board is None:
        return None
    ml = model.label(mid)
    held = timing.meeting_decided[1].isoformat() if timing.meeting_decided else "—"
    n = board.policy.working_day
    return Label(
        f"情景假设{ml.zh}在每月第{n}个工作日召开(本次{held}),在期限之内;验证按最坏情形:"
        f"每月会议可在当月任一工作日召开(上次恰在{dates.submitted}前,下次迟至{dates.next_meeting})。"
        f"用 --meetings counterexample 按反例日期召开会议。",
        f"the scenario assumes the {ml.en} sits on working day {n} of each month (here {held}), inside "
        f"the limit; the verifier takes the worst case, a monthly meeting on any working day of its month "
        f"(the last just "
        f"before {dates.submitted}, "
        f"the next as late as {dates.next_meeting}). Use --meetings "
        f"counterexample to sit the meeting on the counterexample's date.",
    )


def stopped_earlier(steps: tuple[ReplayStep, ...], named: tuple[str, ...], agrees: bool) -> Label | None:
    """When the run stops before the finding's step: say so (the verifier checks each step on its own)."""
    stop = next((s for s in steps if s.kind in ("blocked", "waiting")), None)
    if agrees or stop is None or stop.node in named:
        return None
    return Label(
        f"同一情形使文件更早停在{stop.node};验证逐步单独检查每一步,而一次运行中文件到不了{'、'.join(named)}。"
        f"参见{stop.node}的检查结果。",
        f"the same scenario stops the document earlier, at {stop.node}; "
        f"the verifier checks each step on its own, "
        f"but in a run the document never reaches {', '.join(named)} (see the findings for {stop.node}).",
    )


# -- verdicts --------------------------------------------------------------------------------
def coverage_verdict(
    f: Finding, run: Run, steps: tuple[ReplayStep, ...], model: Model, node: str
) -> tuple[Label, Label, bool]:
    sl = step_label(model, node)
    predicted = Label(
        f"文件在「{sl.zh}」({node})处无法继续", f"the document cannot proceed at '{sl.en}' ({node})"
    )
    blocked = next((s for s in steps if s.kind in ("blocked", "waiting")), None)
    if blocked is not None and blocked.kind == "waiting":
        observed = Label(
            f"文件停在{blocked.node},{blocked.waited_working_days:.0f}个工作日后仍未办结",
            f"the document was stuck at {blocked.node}, "
            f"still waiting after {blocked.waited_working_days:.0f} working days",
        )
        return predicted, observed, blocked.node == node
    if blocked is not None:
        agrees = blocked.node == node
        if blocked.waited_working_days > 0:
            observed = Label(
                f"文件在{blocked.node}处受阻,等待{blocked.waited_working_days:g}个工作日后放弃",
                f"the document was blocked at {blocked.node} and gave up after waiting "
                f"{blocked.waited_working_days:g} working days",
            )
        else:
            observed = Label(
                f"文件在{blocked.node}处受阻,无人可回来办理,当即停止",
                f"the document was blocked at {blocked.node} and stopped at once "
                f"(nobody will come back to act)",
            )
        return predicted, observed, agrees
    done = next((s for s in steps if s.node == node and s.kind in ("act", "meeting")), None)
    if done is not None:
        who = model.label(done.person or done.actor).en
        return (
            predicted,
            Label(
                f"{node}已由{model.label(done.person or done.actor).zh}完成", f"{node} was performed by {who}"
            ),
            False,
        )
    return predicted, Label(f"文件未到达{node}", f"the document never reached {node}"), False


def separation_verdict(
    f: Finding, run: Run, steps: tuple[ReplayStep, ...], model: Model, named: tuple[str, ...]
) -> tuple[SeparationOutcome, Label, Label, bool]:
    cx = f.counterexample
    assert cx is not None
    person = scene_of(cx).person
    pl = model.label(person)
    a, b = named
    la, lb = step_label(model, a), step_label(model, b)
    predicted = Label(
        f"{pl.zh}既承担「{la.zh}」({a})又承担「{lb.zh}」({b})",
        f"{pl.en} performs both '{la.en}' ({a}) and '{lb.en}' ({b})",
    )
    by = {s.node: s for s in steps if s.kind in ("act", "meeting")}
    sa, sb = by.get(a), by.get(b)
    performed_by = {n: (s.person if s else None) for n, s in ((a, sa), (b, sb))}
    if sa is None or sb is None:
        blocked = next((s for s in steps if s.kind == "blocked"), None)
        miss = a if sa is None else b
        text = Label(
            f"{miss}未执行" + (f"(文件在{blocked.node}处受阻)" if blocked else ""),
            f"{miss} was not performed"
            + (f" (the document was blocked at {blocked.node})" if blocked else ""),
        )
        info = SeparationOutcome(person, (a, b), performed_by, both_performed=False, same_person=False)
        return info, predicted, text, False
    same = sa.person is not None and sa.person == sb.person
    info = SeparationOutcome(
        person,
        (a, b),
        performed_by,
        both_performed=True,
        same_person=same,
        person=sa.person if same else None,
    )
    if same:
        who = model.label(sa.person)
        la, lb = act_label(model, sa.act), act_label(model, sb.act)
        observed = Label(
            f"{who.zh}于{sa.start_date}{la.zh}、于{sb.start_date}{lb.zh}:同一人两级",
            f"{who.en} {la.en} on {sa.start_date} "
            f"and {lb.en} on {sb.start_date}: "
            f"the same person on both levels",
        )
    else:
        observed = Label(
            f"两级由不同的人办理:{model.label(sa.person).zh}、{model.label(sb.person).zh}",
            f"different persons on the two levels: {model.label(sa.person).en}, {model.label(sb.person).en}",
        )
    return info, predicted, observed, same and (person is None or sa.person == person)


def timing_verdict(
    f: Finding, run: Run, limit_id: str, model: Model
) -> tuple[TimingOutcome, Label, Label, bool]:
    sim, doc = run.sim, run.doc
    clock, cal = sim.clock, sim.clock.calendar
    cx = f.counterexample
    assert cx is not None
    lp = next(x for x in doc.plan.limits if x.id == limit_id)
    t0 = doc.arrival if lp.start is None else doc.marks.get(lp.start, doc.arrival)
    started = clock.date(t0, end=lp.start is not None)
    due = cal.deadline(started, lp.duration, moves=lp.moves)
    if lp.end is not None:
        t1 = doc.marks.get(lp.end)
    else:
        t1 = sim.env.now if (run.finished and doc.failed is None) else None
    happened = clock.date(t1, end=True) if t1 is not None else None
    on_time = happened is not None and happened <= due
    late_by = cal.working_days_between(due, happened) if happened is not None and not on_time else None
    decided = next(((a.end, a.meeting) for a in sim.acts if a.meeting is not None), None)
    tl = model.get(limit_id)
    out = TimingOutcome(
        limit_id,
        model.label(limit_id),
        tuple(getattr(tl, "articles", ()) or ()),
        (tl.duration.value, str(tl.duration.unit.value)) if tl is not None and tl.duration else None,
        started,
        due,
        happened,
        on_time,
        late_by,
        (decided[1], clock.date(decided[0], end=True)) if decided else None,
        dict(cx.dates),
    )
    ll = model.label(limit_id)
    if f.property == "timing.cadence":
        cd = cadence_dates(cx)
        predicted = Label(
            f"{ll.zh}:于{cd.submitted}报送,需在{cd.decision_needed_by}前决定,但会议来不及",
            f"{ll.en}: submitted on {cd.submitted}, a decision is needed by "
            f"{cd.decision_needed_by}, but the meeting comes too late",
        )
        if happened is None:
            observed = Label(
                f"{started}报送,应于{due}前决定;文件未办结",
                f"submitted {started}, due {due}; the document never finished",
            )
        elif on_time:
            observed = Label(
                f"{started}报送,应于{due}前决定,{happened}办结:按时",
                f"submitted {started}, due {due}, done {happened}: on time",
            )
        else:
            observed = Label(
                f"{started}报送,应于{due}前决定,{happened}才办结:逾期{late_by}个工作日",
                f"submitted {started}, due {due}, done {happened}: missed by {late_by} working days",
            )
        return out, predicted, observed, not on_time
    # calendar days: the limit leaves fewer working days around holidays
    inside = cal.working_days_between(started, due)
    out = dataclasses.replace(out, working_days_inside=inside)
    cal_dates = calendar_dates(cx)
    want_deadline, want_inside = cal_dates.deadline, cal_dates.working_days
    predicted = Label(
        f"{ll.zh}:自{cal_dates.start}起算,期限{want_deadline}届满,其间仅{want_inside}个工作日",
        f"{ll.en}: from {cal_dates.start} the limit ends on {want_deadline} "
        f"with only {want_inside} working days inside",
    )
    fate = (
        Label("文件未办结", "the document never finished")
        if happened is None
        else Label(f"文件于{happened}办结(按时)", f"the document was done on {happened} (on time)")
        if on_time
        else Label(
            f"文件于{happened}办结,逾期{late_by}个工作日",
            f"the document was done on {happened}, missed by {late_by} working days",
        )
    )
    observed = Label(
        f"模拟日历:自{started}起算,期限{due}届满,其间{inside}个工作日;{fate.zh}",
        f"the simulation's calendar: from {started} the limit ends on {due} "
        f"with {inside} working days inside; {fate.en}",
    )
    agrees = due.isoformat() == str(want_deadline) and inside == want_inside
    return out, predicted, observed, agrees
