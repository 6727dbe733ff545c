"""``govmodel replay FINGERPRINT [--model MODEL] [--scenario SCENARIO] [--assume NAME=on|off]
[--k N] [--meetings scenario|counterexample] [--format text|json] [--out FILE]``

Runs the counterexample of one finding (found by fingerprint, as ``explain`` does) as one
deterministic simulation and shows it step by step, with a verdict: does the simulation
AGREE with the verification (blocked / late / the same person on both levels, as predicted)?

Exit codes: 0 it agrees; 1 it does not; 2 bad input, or the finding cannot be replayed
(holds, unknown, or a class that is not a document's run: one line says why).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from govmodel.cli.check import add_bounds_arguments, bounds_from_args
from govmodel.cli.common import _parse_assume, input_path, verify_with_progress, write_atomic
from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = ["add_parser", "run", "render_text", "render_json"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="把反例作为模拟重演 / replay a finding's counterexample as a simulation",
                       description="Find the finding with FINGERPRINT (from govmodel check; a unique prefix is enough), "
                                   "run its counterexample as one deterministic simulation (its absences for the whole "
                                   "run, one document, the scenario's mean service times, meetings on the scenario's "
                                   "cadence) and say whether the simulation agrees. Exit 0 agrees, 1 disagrees, 2 bad "
                                   "input or not replayable.")
    p.add_argument("fingerprint", metavar="FINGERPRINT")
    p.add_argument("--model", default=None, metavar="MODEL", type=input_path("model"),
                   help="model folder (default: the scenario's model; given, it replaces the scenario's model)")
    p.add_argument("--scenario", default=None, metavar="SCENARIO", type=input_path("scenario"),
                   help="scenario YAML for the calendar, service times, meeting days and waiting policy "
                        "(default: the bundled baseline)")
    p.add_argument("--assume", action="append", default=[], metavar="NAME=on|off",
                   help="switch a named assumption (repeatable)")
    p.add_argument("--meetings", choices=("scenario", "counterexample"), default="scenario",
                   help="meetings sit on the scenario's cadence (default) or, for a timing.cadence finding, on the "
                        "counterexample's date")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--out", metavar="FILE", help="write the replay to FILE (whole or not at all)")
    add_bounds_arguments(p)
    p.set_defaults(run=run)


def _loaded(args: argparse.Namespace):  # -> LoadedScenario
    from govmodel.model import load_model
    from govmodel.sim import load_scenario

    loaded = load_scenario(args.scenario)
    assume = _parse_assume(args.assume)
    if args.model is not None or assume:
        base = {} if args.model is not None else dict(loaded.spec.model.assumptions)
        model = load_model(args.model, {**base, **assume} or None)
        loaded = dataclasses.replace(loaded, model=model)
    return loaded


def run(args: argparse.Namespace) -> int:
    from govmodel.cli import EXIT_OK, EXIT_VIOLATIONS
    from govmodel.crosscheck.replay import replay


    loaded = _loaded(args)
    model = loaded.model
    if args.k is not None and model.cast and args.k > len(model.cast.persons):
        raise InputError([Problem(SourceRef("--k"), f"{args.k} absences", f"at most {len(model.cast.persons)} (the persons of the cast)")])
    wanted = args.fingerprint.strip().lower()
    results = verify_with_progress(model, bounds_from_args(args), args.classes)
    found = [f for f in results.findings if f.fingerprint.startswith(wanted)] if wanted else []
    if len(found) != 1:
        what = "no finding has" if not found else f"{len(found)} findings have"
        raise InputError([Problem(SourceRef("FINGERPRINT"), f"{what} fingerprint {args.fingerprint!r}",
                                  "a fingerprint printed by 'govmodel check' (a unique prefix is enough)")])
    result = replay(loaded, found[0], meetings=args.meetings)
    text = render_json(result) if args.format == "json" else render_text(result)
    if args.out:
        write_atomic(args.out, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK if result.agrees else EXIT_VIOLATIONS


def render_json(r) -> str:  # (Replay) -> str
    return json.dumps(r.as_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


def _l(model, ident) -> tuple[str, str]:
    lab = model.label(ident)
    return lab.zh, lab.en


def _arts(arts) -> str:
    return f" (第{'、'.join(str(a) for a in arts)}条 art. {', '.join(str(a) for a in arts)})" if arts else ""


def render_text(r) -> str:  # (Replay) -> str
    """The replay for people: setup, each step (date, act, who and how), verdict; 中文 and English."""
    from govmodel.crosscheck.replay import _act_label

    m, f = r.model, r.finding
    out: list[str] = []
    out.append(f"重演 Replay of finding {f.fingerprint}  [{f.property}] {f.subject}")
    out.append(f"  验证结论 Verification: {f.message.zh}")
    out.append(f"                         {f.message.en}")
    out.append(f"  情景 Scenario: {r.scenario} ({r.scenario_path}); 模型 model: {m.name}; "
               f"假设 assumptions in force: {', '.join(sorted(m.enabled)) or '—'}")
    out.append("")
    out.append("设定 Setup")
    dz, de = _l(m, r.doc_type)
    out.append(f"  文件 Document:       {dz} / {de} ({r.doc_type})")
    if r.department:
        z, e = _l(m, r.department)
        chosen = "  (反例未指定部门,重演选定 / the counterexample names none: chosen by the replay)" if r.department_chosen else ""
        out.append(f"  部门 Department:     {z} / {e}{chosen}")
    if r.related:
        out.append("  相关部门 Related:    " + "; ".join("/".join(_l(m, d)) for d in r.related))
    conds = ", ".join(f"{'/'.join(_l(m, c))}" + (" (+)" if c in r.added_conditions else "") for c in r.conditions) or "—"
    out.append(f"  条件 Conditions:     {conds}" + ("   (+ 重演补充,使相关步骤适用 / added so the steps apply)" if r.added_conditions else ""))
    if r.date_source == "counterexample" and r.timing:
        day = r.timing["clock_starts"]
        src = f"时限于反例日期{day}起算 / so that the limit's clock starts on the counterexample's date, {day}"
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
    out.append("  其他 Otherwise:      无随机缺位;办理时长取情景均值(固定);可选步骤除非被指明否则不办 / no random absences; "
               "service times are the scenario's means (fixed); optional steps skipped unless the finding names them")
    for b in r.meetings:
        sits = (f"仅于 only on {', '.join(b['sittings'])} (反例 counterexample)" if b.get("sits") == "counterexample"
                else f"{b['cadence']}, 第{b['working_day']}个工作日 working day {b['working_day']}")
        out.append(f"  会议 Meeting:        {b['label']['zh']} / {b['label']['en']}: {sits}; "
                   f"截止 cut-off {b['cutoff_working_days']:g} wd; {b['capacity']} items")
    out.append("")
    out.append("步骤 Steps (工作日 working day · 日期 date · 步骤 step)")
    for s in r.steps:
        az, ae = _act_label(s.act).zh, _act_label(s.act).en
        head = f"  第{s.working_day:>3}天 day {s.working_day:<3} {s.start[:16].replace('T', ' ')}  {s.node}{_arts(s.articles)}"
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
                how_zh = "依" + "、".join(f"「{z}」{_arts(a).split(' art.')[0].lstrip(' (')}" for (z, _e), a in rules) + "代行"
                how_en = "through " + ", ".join(f"'{e}' (art. {', '.join(str(x) for x in a)})" for (_z, e), a in rules)
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
            out.append(f"      运行结束时({s.end_date})已等待{s.waited_working_days:.0f}个工作日 / still waiting when the run ended "
                       f"({s.end_date}) after {s.waited_working_days:.0f} working days")
        else:
            out.append(f"      受阻 BLOCKED ({az}): {s.why.zh if s.why else ''}")
            out.append(f"      {s.why.en if s.why else ''}")
            out.append(f"      等待{s.waited_working_days:g}个工作日后于{s.end_date}放弃 / waited {s.waited_working_days:g} "
                       f"working days, gave up on {s.end_date}")
    out.append("")
    outcome = {"completed": ("办结", "completed"), "blocked": ("无法继续", "could not proceed"),
               "unfinished": ("未办结", "unfinished")}[r.outcome]
    out.append(f"结果 Outcome: {outcome[0]} / {outcome[1]}")
    if r.timing:
        t = r.timing
        late = (f"逾期{t['late_by_working_days']}个工作日 / missed by {t['late_by_working_days']} working days"
                if t.get("late_by_working_days") else "按时 / on time" if t.get("on_time") else "未办结 / never done")
        out.append(f"  时限 Limit: {t['limit_label']['zh']} / {t['limit_label']['en']}{_arts(t['articles'])}")
        out.append(f"  报送(起算) Submitted (clock starts): {t['clock_starts']}")
        out.append(f"  应完成 Needed by:                   {t['due']}")
        if t.get("meeting_decided"):
            md = t["meeting_decided"]
            out.append(f"  会议决定 Meeting decided:           {md['date']} ({'/'.join(_l(m, md['meeting']))})")
        out.append(f"  实际 Happened:                      {t.get('happened') or '—'}  → {late}")
        if "working_days_inside" in t:
            out.append(f"  期限内工作日 Working days inside:    {t['working_days_inside']}")
    if r.separation and r.separation.get("same_person"):
        pz, pe = _l(m, r.separation["person"])
        a, b = r.separation["steps"]
        out.append(f"  同一人两级 Same person on both levels: {pz} / {pe} ({a}; {b})")
    out.append("")
    out.append(f"验证预测 Predicted: {r.predicted.zh}")
    out.append(f"                   {r.predicted.en}")
    out.append(f"模拟所见 Observed:  {r.observed.zh}")
    out.append(f"                   {r.observed.en}")
    if r.agrees:
        out.append("结论 Verdict: 一致 — 模拟与验证结论一致 / AGREES: the simulation shows what the verification predicted")
    else:
        out.append("结论 Verdict: 不一致 — 模拟与验证结论不一致 / DISAGREES: the simulation does not show what the verification predicted")
    if r.note is not None:
        out.append(f"  说明 Note: {r.note.zh}")
        out.append(f"             {r.note.en}")
    return "\n".join(out) + "\n"
