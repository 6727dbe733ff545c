"""``govmodel replay`` rendered: the replayed run for people (中文 and English) and as JSON.

Reads the typed :class:`~govmodel.crosscheck.replay.Replay` (its setup, steps, timing and
separation outcomes), never its own output.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from govmodel.crosscheck.replay_result import Replay
from govmodel.crosscheck.replay_words import act_label
from govmodel.model import Model
from govmodel.report.names import Names
from govmodel.report.words import articles_en, articles_zh

__all__ = ["render_text", "render_json"]


def render_json(r: Replay) -> str:
    """The replay as JSON (``docs/replay-json.md``)."""
    return json.dumps(r.as_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


def _l(model: Model, ident: str | None) -> tuple[str, str]:
    lab = model.label(ident)
    return lab.zh, lab.en


def _arts(arts: Sequence[int]) -> str:
    return f" ({articles_zh(arts)} {articles_en(arts)})" if arts else ""


def render_text(r: Replay) -> str:
    """The replay for people: setup, each step (date, act, who and how), verdict; 中文 and English."""
    m, f = r.model, r.finding
    assumed = Names(m).assumptions()
    out: list[str] = []
    out.append(f"重演 Replay of finding {f.fingerprint}  [{f.property}] {f.subject}")
    out.append(f"  验证结论 Verification: {f.message.zh}")
    out.append(f"                         {f.message.en}")
    out.append(
        f"  情景 Scenario: {r.scenario} ({r.scenario_path}); 模型 model: {m.name}; "
        f"假设 assumptions: {assumed.zh} / {assumed.en}"
    )
    out.append("")
    out.append("设定 Setup")
    dz, de = _l(m, r.doc_type)
    out.append(f"  文件 Document:       {dz} / {de} ({r.doc_type})")
    if r.department:
        z, e = _l(m, r.department)
        chosen = (
            "  (反例未指定部门,重演选定 / the counterexample names none: chosen by the replay)"
            if r.department_chosen
            else ""
        )
        out.append(f"  部门 Department:     {z} / {e}{chosen}")
    if r.related:
        out.append("  相关部门 Related:    " + "; ".join("/".join(_l(m, d)) for d in r.related))
    conds = (
        ", ".join(f"{'/'.join(_l(m, c))}" + (" (+)" if c in r.added_conditions else "") for c in r.conditions)
        or "—"
    )
    out.append(
        f"  条件 Conditions:     {conds}"
        + ("   (+ 重演补充,使相关步骤适用 / added so the steps apply)" if r.added_conditions else "")
    )
    if r.date_source == "counterexample" and r.timing:
        day = r.timing.clock_starts.isoformat()
        src = (
            f"时限于反例日期{day}起算 / so that the limit's clock starts on the counterexample's date, {day}"
        )
    elif r.date_source == "counterexample":
        src = "反例日期 the counterexample's date"
    else:
        src = "普通工作日 an ordinary working day"
    out.append(f"  到达 Arrives:        {r.arrival.replace('T', ' ')[:16]}  ({src})")
    if r.absent:
        for p, reason in r.absent:
            pz, pe = _l(m, p)
            rz, re_ = _l(m, reason)
            out.append(f"  缺位 Absent:         {pz}因{rz}全程不在岗 / {pe} away for the whole run: {re_}")
    else:
        out.append("  缺位 Absent:         无人 / nobody")
    out.append(
        "  其他 Otherwise:      无随机缺位;办理时长取情景均值(固定);"
        "可选步骤除非被指明否则不办 / no random absences; "
        "service times are the scenario's means (fixed); optional steps skipped unless the finding names them"
    )
    for b in r.meetings:
        sits = (
            f"仅于 only on {', '.join(d.isoformat() for d in b.sittings)} (反例 counterexample)"
            if b.sittings is not None
            else f"{b.cadence}, 第{b.working_day}个工作日 working day {b.working_day}"
        )
        out.append(
            f"  会议 Meeting:        {b.label.zh} / {b.label.en}: {sits}; "
            f"截止 cut-off {b.cutoff_working_days:g} wd; {b.capacity} items"
        )
    out.append("")
    out.append("步骤 Steps (工作日 working day · 日期 date · 步骤 step)")
    for s in r.steps:
        az, ae = act_label(m, s.act).zh, act_label(m, s.act).en
        head = (
            f"  第{s.working_day:>3}天 day {s.working_day:<3} "
            f"{s.start[:16].replace('T', ' ')}  {s.node}{_arts(s.articles)}"
        )
        out.append(head)
        if s.kind in ("act", "meeting"):
            if s.person:
                pz, pe = _l(m, s.person)
            else:
                pz, pe = _l(m, s.actor)
            if s.kind == "meeting":
                mz, me = _l(m, s.actor)
                who_zh, who_en = f"{mz}作出决定,由{pz}主持", f"the {me} decides, presided over by {pe}"
            else:
                role = "" if not s.person or not s.actor else f"({_l(m, s.actor)[0]})"
                role_en = "" if not s.person or not s.actor else f" (as {_l(m, s.actor)[1]})"
                who_zh, who_en = f"{pz}{role}{az}", f"{pe}{role_en} {ae}"
            if s.via:
                rules = [(_l(m, v), getattr(m.get(v), "articles", ())) for v in s.via]
                how_zh = "依" + "、".join(f"「{z}」{articles_zh(a)}" for (z, _e), a in rules) + "代行"
                how_en = "through " + ", ".join(f"'{e}' ({articles_en(a)})" for (_z, e), a in rules)
            else:
                how_zh, how_en = "直接办理", "directly"
            wz = f";此前等待{s.waited_working_days:.1f}个工作日" if s.waited_working_days >= 0.05 else ""
            we = f"; waited {s.waited_working_days:.1f} working days" if s.waited_working_days >= 0.05 else ""
            out.append(f"      {who_zh},{how_zh}{wz}")
            out.append(f"      {who_en}, {how_en}{we}")
        elif s.kind == "skipped":
            out.append(f"      跳过 skipped: {s.why.zh if s.why else ''}")
            out.append(f"      {s.why.en if s.why else ''}")
        elif s.kind == "waiting":
            out.append(f"      等待中 WAITING ({az}): {s.why.zh if s.why else ''}")
            out.append(f"      {s.why.en if s.why else ''}")
            out.append(
                f"      运行结束时({s.end_date})已等待{s.waited_working_days:.0f}个工作日 "
                f"/ still waiting when the run ended "
                f"({s.end_date}) after {s.waited_working_days:.0f} working days"
            )
        else:
            out.append(f"      受阻 BLOCKED ({az}): {s.why.zh if s.why else ''}")
            out.append(f"      {s.why.en if s.why else ''}")
            out.append(
                f"      等待{s.waited_working_days:g}个工作日后于{s.end_date}放弃 "
                f"/ waited {s.waited_working_days:g} "
                f"working days, gave up on {s.end_date}"
            )
    out.append("")
    outcome = {
        "completed": ("办结", "completed"),
        "blocked": ("无法继续", "could not proceed"),
        "unfinished": ("未办结", "unfinished"),
    }[r.outcome]
    out.append(f"结果 Outcome: {outcome[0]} / {outcome[1]}")
    if r.timing:
        t = r.timing
        late = (
            f"逾期{t.late_by_working_days}个工作日 / missed by {t.late_by_working_days} working days"
            if t.late_by_working_days
            else "按时 / on time"
            if t.on_time
            else "未办结 / never done"
        )
        out.append(f"  时限 Limit: {t.limit_label.zh} / {t.limit_label.en}{_arts(t.articles)}")
        out.append(f"  报送(起算) Submitted (clock starts): {t.clock_starts}")
        out.append(f"  应完成 Needed by:                   {t.due}")
        if t.meeting_decided:
            meeting, decided_on = t.meeting_decided
            out.append(f"  会议决定 Meeting decided:           {decided_on} ({'/'.join(_l(m, meeting))})")
        out.append(f"  实际 Happened:                      {t.happened or '—'}  → {late}")
        if t.working_days_inside is not None:
            out.append(f"  期限内工作日 Working days inside:    {t.working_days_inside}")
    if r.separation and r.separation.same_person:
        pz, pe = _l(m, r.separation.person)
        first, second = r.separation.steps
        out.append(f"  同一人两级 Same person on both levels: {pz} / {pe} ({first}; {second})")
    out.append("")
    out.append(f"验证预测 Predicted: {r.predicted.zh}")
    out.append(f"                   {r.predicted.en}")
    out.append(f"模拟所见 Observed:  {r.observed.zh}")
    out.append(f"                   {r.observed.en}")
    if r.agrees:
        out.append(
            "结论 Verdict: 一致 — 模拟与验证结论一致 / "
            "AGREES: the simulation shows what the verification predicted"
        )
    else:
        out.append(
            "结论 Verdict: 不一致 — 模拟与验证结论不一致 / "
            "DISAGREES: the simulation does not show what the verification predicted"
        )
    if r.note is not None:
        out.append(f"  说明 Note: {r.note.zh}")
        out.append(f"             {r.note.en}")
    return "\n".join(out) + "\n"
