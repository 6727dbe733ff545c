"""Plain-text summary of a simulation and of a comparison (bilingual headings)."""

from __future__ import annotations

from typing import Any

from govmodel.refs import Label, duration_label
from govmodel.report.names import Names, unit_of
from govmodel.report.sim_json import comparison_to_dict, sim_to_dict
from govmodel.sim.runner import Comparison, SimResult
from govmodel.sim.stats import is_count

__all__ = ["render_text", "render_comparison_text", "comparison_rows", "rows_of", "INTERVALS"]


INTERVALS = (
    "区间 intervals: 95 %; 计数 counts: percentile bootstrap over replications; "
    "比率与时长 rates and durations: Student t, truncated to the quantity's range; "
    "差值 differences: paired Student t"
)


def _fmt(x: float | None, pct: bool = False, digits: int = 2) -> str:
    if x is None:
        return "–"
    if pct:
        return f"{100 * x:.1f}%"
    out = f"{x:.{digits}f}"
    return out[1:] if out.startswith("-") and float(out) == 0 else out  # never "-0.000"


def _ci(leaf: dict[str, Any], pct: bool = False, digits: int = 2, scale: float = 1.0) -> str:
    ci = leaf.get("ci95")
    m = leaf.get("mean")
    mean = _fmt(None if m is None else m * scale, pct, digits)
    if not ci:
        return mean
    return f"{mean} [{_fmt(ci[0] * scale, pct, digits)}, {_fmt(ci[1] * scale, pct, digits)}]"


def _both(lab: Any) -> str:
    return lab.zh if lab.zh == lab.en else f"{lab.zh} / {lab.en}"


def render_text(result: SimResult) -> str:
    """The summary an analyst reads first: on-time rates, latencies, bottlenecks, gaps, each
    with its name (never an id), one unit per quantity (percent for rates, working days for
    durations) and its 95 % interval."""
    d = sim_to_dict(result)
    names = Names(result.loaded.model)
    assumed = names.assumptions()
    days = d["clock"]["hours_per_day"]
    out = [
        f"仿真 Simulation: {d['scenario']['label']['zh']} / {d['scenario']['label']['en']}  "
        f"[{d['scenario']['path']}]",
        f"模型 model {d['model']['name']}; 假设 assumptions: {assumed.zh} / {assumed.en}",
        f"{d['replications']} 次重复 replications, seed {d['seed']}, {d['documents']} 件文件 documents",
        f"  每次重复 per replication {_ci(d['documents_per_replication'], digits=0)}; "
        "预热后计入 measured after "
        "warm-up "
        f"{_ci(d['measured'], digits=0)}; 办结 completed {_ci(d['completed'], digits=0)}; 无法继续 could not "
        "proceed "
        f"{_ci(d['abandoned'], digits=0)}; 未办结 unfinished {_ci(d['unfinished'], digits=0)}",
        *[
            f"WARNING: the holidays of {n['year']} come from a notice with status {n['status']!r}, not "
            "the official arrangement"
            for n in d["clock"]["holiday_notices"]
            if n["status"] != "official"
        ],
        "均值 [95% 区间] mean over replications [95% interval]; " + INTERVALS,
        "",
        "按时率 On-time rate per time limit (%)",
    ]
    for lid, leaf in d["on_time_rate"].items():
        lim = leaf["limit"]  # None, or kind, bound, value and unit
        label = names.label(lid)
        limit = ""
        if lim:
            span = duration_label(lim["value"], lim["unit"])
            limit = f"{span.zh} / {span.en}"
        out.append(
            f"  {_ci(leaf, pct=True):<24} {label.zh} / {label.en} ({limit}; "
            f"n≈{_fmt(leaf['documents']['mean'], digits=0)})"
        )
    if not d["on_time_rate"]:
        out.append("  (no quantified time limit applies to the simulated documents)")
    out += ["", "时长 Latency in working days (工作日): mean [95% interval]; p50 / p90 / p95"]
    for dtype, leaf in d["latency_working_days"].items():
        p = leaf["percentiles"]
        out.append(
            f"  {_ci(leaf):<24} {_fmt(p['p50']['mean'])} / {_fmt(p['p90']['mean'])} / "
            f"{_fmt(p['p95']['mean'])}  "
            f"{_both(names.label(dtype))}"
        )
    cyc = d["cycle_time_hours"]
    out.append(f"  {_ci(cyc, scale=1 / days):<24} {'':<17}  全部文件 / all documents")
    out += ["", "瓶颈 Bottlenecks: utilization (%) and mean queue length (documents)"]
    for b in d["bottlenecks"]:
        q = d["queue_length"].get(b["resource"], {})
        out.append(
            f"  {_ci(b['utilization'], pct=True):<24} 排队 queue {_fmt(q.get('mean')):<6} "
            f"{_both(names.who(b['resource']))}"
        )
    if d["meetings"]:
        out += [
            "",
            "会议 Meetings (mean per replication): held / ad hoc / postponed / items decided / backlog "
            "after a sitting",
        ]
        for mid, m in d["meetings"].items():
            held, ad_hoc, postponed, decided, backlog = (
                _fmt(m.get(k, {}).get("mean"), digits=1)
                for k in ("held", "held_ad_hoc", "postponed", "decided", "backlog_mean")
            )
            out.append(
                f"  {held} / {ad_hoc} / {postponed} / {decided} / {backlog:<8} {_both(names.label(mid))}"
            )
    out += ["", "代行 Deputy activations (acts performed by a deputy, per rule, per replication)"]
    for rid, leaf in d["deputy_activations"].items():
        out.append(f"  {_ci(leaf, digits=1):<24} {_both(names.label(rid))}")
    out += [
        "",
        "缺口 Documents that could not proceed (nobody able to act), per step and reason, per replication",
    ]
    rows = sorted(
        d["could_not_proceed"],
        key=lambda r: -((r["waits"]["mean"] or 0) + 1000 * (r["documents"]["mean"] or 0)),
    )
    for r in rows[:25]:
        lab, why = names.blocked(r["key"]), names.why(r["why"])
        out.append(f"  {lab.zh}")
        out.append(f"  {lab.en}")
        out.append(
            f"      等待 waits {_ci(r['waits'], digits=1)}; 放弃 gave up {_ci(r['documents'], digits=1)}; "
            f"共等待 waited {_ci(r['wait_working_days'], digits=1)} 工作日 working days — {why.zh} / {why.en}"
        )
    if len(rows) > 25:
        out.append(f"  … {len(rows) - 25} more in the JSON summary")
    if not rows:
        out.append("  none")
    out += [
        "",
        f"假设 Assumptions of the scenario ({len(d['assumptions'])}; the model's own are listed above)",
    ]
    for a in d["assumptions"]:
        out.append(f"  {a['where']}: {a['zh']} / {a['en']}")
    return "\n".join(out) + "\n"


_ORDER = (
    "completed",
    "abandoned",
    "unfinished",
    "on_time_rate/",
    "latency_working_days/",
    "cycle_time_hours/",
    "blocked_wait_working_days/",
    "could_not_proceed/",
    "deputy_activations/",
    "meeting/",
    "utilization/",
)
_GROUP_TITLE = (
    "文件 Documents (per replication)",
    "文件 Documents (per replication)",
    "文件 Documents (per replication)",
    "按时率 On-time rate (%; B − A in percentage points)",
    "时长 Latency (working days)",
    "时长 Latency (working days)",
    "缺口等待 Time waited where nobody could act, per step and reason (working days in all, per replication)",
    "缺口放弃 Documents given up, per step and reason (per replication)",
    "代行 Deputy activations (per replication)",
    "会议 Meetings (per replication)",
    "忙碌率 Utilization (%)",
)


def _rank(key: str) -> int:
    return next((i for i, p in enumerate(_ORDER) if key == p or key.startswith(p)), len(_ORDER))


def _shown(key: str) -> bool:
    """The KPI rows of a comparison (per-person act and queue counts and the wait counts of
    gaps are in the JSON only); latency percentiles other than the mean are JSON only too."""
    if _rank(key) == len(_ORDER):
        return False
    if key.startswith(("latency_working_days/", "cycle_time_hours/")):
        return key.endswith("/mean")
    return True


def _scaled(scale: float, x: float | None) -> float | None:
    return None if x is None else x * scale


def _signed(x: float | None, pct: bool, digits: int) -> str:
    if x is None:
        return "–"
    v = 100 * x if pct else x
    out = f"{v:+.{1 if pct else digits}f}"
    return out.replace("-", "+", 1) if float(out) == 0 else out  # never "-0.000"


def comparison_rows(c: Comparison) -> list[dict[str, Any]]:
    """Every KPI row of a comparison, in order, with display names, one unit per quantity
    (percent for rates, working days for durations) and the significance marker. A measure
    undefined in both (utilization of a body without a capacity) is not a row."""
    days = sim_to_dict(c.a)["clock"]["hours_per_day"] if c.a.outputs else 8.0
    return rows_of(comparison_to_dict(c), Names(c.b.loaded.model), days)


def rows_of(d: dict[str, Any], names: Names | None, hours_per_day: float = 8.0) -> list[dict[str, Any]]:
    """:func:`comparison_rows` from the comparison's plain data (``comparison_to_dict``)."""
    items = [
        (k, v)
        for k, v in d["differences"].items()
        if _shown(k) and (v["a"] is not None or v["b"] is not None)
    ]
    items.sort(key=lambda kv: (_rank(kv[0]), kv[0]))
    rows = []
    for key, v in items:
        unit = unit_of(key)
        pct = unit == "percent"
        scale = 1 / hours_per_day if key.startswith("cycle_time_hours/") else 1.0
        dig = 1 if is_count(key) else 2
        ci = v["ci95"]
        diff = _signed(_scaled(scale, v["difference"]), pct, dig)
        if ci:
            lo, hi = (_signed(_scaled(scale, end), pct, dig) for end in ci)
            diff += f" [{lo}, {hi}]"
        exact_zero = v["difference"] == 0 and (not ci or ci[0] == ci[1] == 0)
        zero = v["a"] == 0 and v["b"] == 0 and exact_zero
        label = names.measure(key) if names is not None else Label(key, key)
        rows.append(
            {
                "zero": zero,
                "key": key,
                "group": _GROUP_TITLE[_rank(key)],
                "label": label,
                "a": _fmt(_scaled(scale, v["a"]), pct, dig),
                "b": _fmt(_scaled(scale, v["b"]), pct, dig),
                "difference": diff,
                "value": v["difference"],
                "significant": v["significant"],
                "unchanged": exact_zero,
            }
        )
    return rows


def render_comparison_text(c: Comparison, limit: int | None = None) -> str:
    """Differences B − A with 95 % intervals, every KPI row (none hidden), grouped and in
    order, each with its name, its unit and a marker: ``*`` when the interval excludes 0,
    ``=`` when B equals A in every replication (common random numbers). Rows that are 0 in A
    and in B in every replication are folded into one line per group. ``limit`` is ignored
    (kept for callers of the former signature)."""
    d = comparison_to_dict(c)
    la, lb = c.a.loaded.spec.scenario.label.label(), c.b.loaded.spec.scenario.label.label()
    over = [o for o in c.b.loaded.model.overlays if o not in c.a.loaded.model.overlays]
    out = [
        f"比较 Comparison: B = {lb.zh} / {lb.en}{' + 改革 reform ' + ', '.join(over) if over else ''}  minus "
        f" A = {la.zh} / {la.en}",
        f"{d['replications']} 对重复 paired replications, seed {d['seed']}, 共同随机数 common random numbers",
        "差值 B − A: mean [95% paired t interval];  * = interval excludes 0 (significant);  "
        "= = identical in every replication",
    ]
    rows = comparison_rows(c)
    group = None
    zeros: list[dict[str, Any]] = []

    def fold() -> None:  # rows that are 0 in A and in B in every replication: one line
        if zeros:
            out.append(
                f"  {'0':>9} {'0':>9} {'+0 [+0, +0]':<30} = {len(zeros)} 项在A与B中均为0 more rows, "
                "0 in A and "
                "B "
                "in every replication (names: --format json)"
            )
            zeros.clear()

    for r in rows:
        if r["group"] != group:
            fold()
            group = r["group"]
            out += ["", f"{group}", f"  {'A':>9} {'B':>9} {'B − A [95% CI]':<30}"]
        if r["zero"] and _rank(r["key"]) > 2:
            zeros.append(r)
            continue
        mark = "*" if r["significant"] else "=" if r["unchanged"] else " "
        out.append(
            f"  {r['a']:>9} {r['b']:>9} {r['difference']:<30} {mark} {r['label'].zh} / {r['label'].en}"
        )
    fold()
    out += ["", "每项的所有重复见 every replication of every measure: --format json"]
    return "\n".join(out) + "\n"
