"""Plain-text summary of a simulation and of a comparison (bilingual headings)."""

from __future__ import annotations

from typing import Any

from govmodel.report.sim_json import comparison_to_dict, sim_to_dict
from govmodel.sim.runner import Comparison, SimResult

__all__ = ["render_text", "render_comparison_text"]


def _fmt(x: float | None, pct: bool = False, digits: int = 2) -> str:
    if x is None:
        return "–"
    return f"{100 * x:.1f}%" if pct else f"{x:.{digits}f}"


def _ci(leaf: dict[str, Any], pct: bool = False, digits: int = 2) -> str:
    ci = leaf.get("ci95")
    mean = _fmt(leaf.get("mean"), pct, digits)
    if not ci:
        return mean
    return f"{mean} [{_fmt(ci[0], pct, digits)}, {_fmt(ci[1], pct, digits)}]"


def render_text(result: SimResult) -> str:
    """The summary an analyst reads first: on-time rates, latencies, bottlenecks, gaps."""
    d = sim_to_dict(result)
    out = [
        f"仿真 Simulation: {d['scenario']['label']['zh']} ({d['scenario']['label']['en']})  [{d['scenario']['path']}]",
        f"model {d['model']['name']}; assumptions in force: {', '.join(d['model']['assumptions_in_force']) or 'none'}",
        f"{d['replications']} replications, seed {d['seed']}, {d['documents']} documents "
        f"(per replication {_ci(d['documents_per_replication'], digits=0)}; measured after warm-up {_ci(d['measured'], digits=0)}; "
        f"completed {_ci(d['completed'], digits=0)}; could not proceed {_ci(d['abandoned'], digits=0)}; "
        f"unfinished {_ci(d['unfinished'], digits=0)})",
        *[f"WARNING: the holidays of {n['year']} come from a notice with status {n['status']!r}, not the official arrangement"
          for n in d["clock"]["holiday_notices"] if n["status"] != "official"],
        "all figures: mean over replications [95% confidence interval]",
        "",
        "按时率 On-time rate per time limit",
    ]
    for lid, leaf in d["on_time_rate"].items():
        lim = leaf["limit"] or {}
        label = leaf["label"] or {"zh": lid, "en": lid}
        out.append(f"  {lid:<40} {_ci(leaf, pct=True):<28} {lim.get('value')} {lim.get('unit')}  {label['zh']} / {label['en']}  (n≈{_fmt(leaf['documents']['mean'], digits=0)})")
    if not d["on_time_rate"]:
        out.append("  (no quantified time limit applies to the simulated documents)")
    out += ["", "时长 Latency in working days (mean; p50 / p90 / p95)"]
    for dtype, leaf in d["latency_working_days"].items():
        p = leaf["percentiles"]
        out.append(f"  {dtype:<28} {_ci(leaf):<26} {_fmt(p['p50']['mean'])} / {_fmt(p['p90']['mean'])} / {_fmt(p['p95']['mean'])}")
    cyc = d["cycle_time_hours"]
    out.append(f"  {'all documents, working hours':<28} {_ci(cyc, digits=3)}")
    out += ["", "瓶颈 Bottlenecks: utilization and mean queue length"]
    for b in d["bottlenecks"]:
        q = d["queue_length"].get(b["resource"], {})
        out.append(f"  {b['resource']:<40} {_ci(b['utilization'], pct=True):<28} queue {_fmt(q.get('mean'))}")
    if d["meetings"]:
        out += ["", "会议 Meetings: held / ad hoc / postponed / decided / backlog after a sitting (mean)"]
        for mid, m in d["meetings"].items():
            g = lambda k: _fmt(m.get(k, {}).get("mean"), digits=1)  # noqa: E731
            out.append(f"  {mid:<28} {g('held')} / {g('held_ad_hoc')} / {g('postponed')} / {g('decided')} / {g('backlog_mean')}")
    out += ["", "代行 Deputy activations (acts performed by a deputy, per rule)"]
    for rid, leaf in d["deputy_activations"].items():
        out.append(f"  {rid:<52} {_ci(leaf, digits=1)}")
    out += ["", "缺口 Documents that could not proceed (nobody able to act), per step and reason"]
    rows = sorted(d["could_not_proceed"], key=lambda r: -((r["waits"]["mean"] or 0) + 1000 * (r["documents"]["mean"] or 0)))
    for r in rows[:25]:
        out.append(f"  {r['key']}")
        out.append(f"      waits {_ci(r['waits'], digits=1)}; gave up {_ci(r['documents'], digits=1)}; "
                   f"waited {_ci(r['wait_working_days'], digits=1)} working days in all — {r['why']}")
    if len(rows) > 25:
        out.append(f"  … {len(rows) - 25} more in the JSON summary")
    if not rows:
        out.append("  none")
    out += ["", f"假设 Assumptions of the scenario ({len(d['assumptions'])}; the model's own are listed above)"]
    for a in d["assumptions"]:
        out.append(f"  {a['where']}: {a['en']}")
    return "\n".join(out) + "\n"


_ORDER = ("completed", "abandoned", "on_time_rate/", "latency_working_days/", "cycle_time_hours/",
          "could_not_proceed/", "deputy_activations/", "meeting/", "utilization/", "queue_length/",
          "blocked_wait_working_days/")


def _rank(key: str) -> int:
    return next((i for i, p in enumerate(_ORDER) if key == p or key.startswith(p)), len(_ORDER))


def render_comparison_text(c: Comparison, limit: int = 60) -> str:
    """Differences B − A with 95 % intervals: headline measures first, significant ones
    first within each group; per-resource act counts and wait counts only in the JSON."""
    d = comparison_to_dict(c)
    out = [
        f"比较 Comparison: B = {d['b']['id']} minus A = {d['a']['id']}",
        f"{d['replications']} paired replications, seed {d['seed']}, common random numbers",
        f"{'measure':<78} {'A':>9} {'B':>9} {'B − A [95% CI]':>32}",
    ]
    items = [(k, v) for k, v in d["differences"].items() if _rank(k) < len(_ORDER)]
    items.sort(key=lambda kv: (_rank(kv[0]), not kv[1]["significant"], kv[0]))
    shown = 0
    for key, v in items:
        headline = _rank(key) < 3
        small = key.startswith(("utilization/", "queue_length/")) and abs(v["difference"] or 0.0) < 0.005
        if not headline and (not v["significant"] or small):
            continue
        ci = v["ci95"]
        diff = _fmt(v["difference"], digits=3) + (f" [{_fmt(ci[0], digits=3)}, {_fmt(ci[1], digits=3)}]" if ci else "")
        mark = " *" if v["significant"] else ""
        out.append(f"{key:<78} {_fmt(v['a'], digits=3):>9} {_fmt(v['b'], digits=3):>9} {diff:>32}{mark}")
        shown += 1
        if shown >= limit:
            out.append("… more with --format json")
            break
    out.append("* the 95% interval of the difference excludes 0; other measures: --format json")
    return "\n".join(out) + "\n"
