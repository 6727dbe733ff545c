"""Bilingual text output of ``govmodel check``: for people. Violations and unknowns first,
in full (message in Chinese and English, articles, file:line, counterexample, chain of acts);
what holds in one line each; then the summary and the baseline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govmodel.findings import Finding, Results, Status
from govmodel.model import Model
from govmodel.report.names import Names
from govmodel.report.words import STATUS, articles, articles_zh, joined
from govmodel.verify.properties import CLASSES

if TYPE_CHECKING:  # (annotations only: verify.baseline is imported with a baseline)
    from govmodel.verify.baseline import Comparison

__all__ = ["results_text", "finding_text"]

_MARK = {Status.holds: "✓", Status.violated: "✗", Status.unknown: "?"}
_WORD = {s: joined(STATUS[s.value]) for s in Status}


def _arts(f: Finding) -> str:
    return articles(f.articles)


def finding_text(
    f: Finding, justification: str | None = None, verbose: bool = True, model: Model | None = None
) -> list[str]:
    """The lines describing one finding (with ``model``: persons, reasons, documents and
    departments by name instead of ids)."""
    names = Names(model) if model is not None else None
    where = f"  {f.location.file}:{f.location.line}" if f.location else ""
    subject = str(f.subject)
    if names is not None:  # by name, the id kept after it as the handle explain/--class take
        lab = names.subject(subject)
        subject = f"{lab.zh} / {lab.en} ({f.subject})"
    sev = f"[{_SEV[str(f.severity)]}] " if f.severity is not None else ""
    head = f"{_MARK[f.status]} {sev}{subject}  [{f.property}]  {_arts(f)}{where}"
    if not verbose:
        return [f"{head}  — {f.message.zh} / {f.message.en}"]
    lines = [head, f"    {f.message.zh}", f"    {f.message.en}", f"    fingerprint: {f.fingerprint}"]
    if justification is not None:
        lines.append(f"    已在基线中接受 accepted in baseline: {justification}")
    cx = f.counterexample
    if cx is not None:
        if cx.absent:
            lines.append("    缺位 absent:")
            if names is None:
                lines += [f"      - {a.person} ({', '.join(a.roles) or '—'}): {a.reason}" for a in cx.absent]
            else:
                lines += [f"      - {names.text(a.person)}: {names.text(a.reason)}" for a in cx.absent]
        if cx.cast:
            if names is None:
                lines.append("    情形 scenario: " + "; ".join(f"{k}={_val(v)}" for k, v in cx.cast.items()))
            else:
                scene = names.scene(cx.cast)
                lines += [f"    情形 scenario: {scene.zh}", f"                   {scene.en}"]
        if cx.conditions:
            lines.append(
                "    条件 conditions: " + ", ".join(names.text(c) if names else c for c in cx.conditions)
            )
        if cx.dates:
            lines.append("    日期 dates: " + "; ".join(f"{k}={_val(v)}" for k, v in cx.dates.items()))
        if cx.trace:
            lines.append("    经过 trace:")
            for step in cx.trace:
                lines.append(f"      {step.text.zh}")
                lines.append(f"      {step.text.en}")
    return lines


def _val(v: object) -> str:
    return ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v)


_SEV = {"critical": "严重 critical", "high": "高 high", "medium": "中 medium", "low": "低 low"}


def _root_causes(results: Results) -> list[str]:
    """The first screen: every root cause, most severe first, two lines each."""
    rcs = results.root_causes
    if not rcs:
        return []
    n = len(results.with_status(Status.violated))
    out = [
        f"根本原因 Root causes: {len(rcs)} (behind {n} 违反 violated results; details below; "
        "govmodel suggest ID --out FILE writes a candidate amendment)"
    ]
    width = len(str(len(rcs)))
    for i, rc in enumerate(rcs, 1):
        arts = articles_zh(rc.articles)
        out.append(
            f"{i:>{width}}. {_SEV[str(rc.severity)]:<11} {rc.id}  {arts}  ×{len(rc.findings)}  "
            f"{rc.summary.zh}"
        )
        out.append(f"{'':>{width}}  {'':<11} {rc.summary.en}")
    return out + [""]


def results_text(results: Results, comparison: Comparison | None = None, model: Model | None = None) -> str:
    out = [f"govmodel check — {results.model} ({results.model_path})", ""]
    out += _root_causes(results)
    cause = {f.fingerprint: rc.id for rc in results.root_causes for f in rc.findings}
    out.append("假设 Assumptions (on = in force):")
    for a in results.assumptions:
        out.append(f"  [{'on ' if a.enabled else 'off'}] {a.id}: {a.statement.zh} / {a.statement.en}")
    o = results.options
    out += [
        "",
        f"界限 Bounds: 至多 up to k={o.get('k')} 人缺位 absences (each with a reason of the model); "
        f"相关部门 related departments ≤ {o.get('related_max')}; 每次求解超时 timeout per query "
        f"{o.get('timeout_s')} s",
        "",
    ]
    for cls, label in CLASSES.items():
        found = [f for f in results.findings if f.cls == cls]
        if not found:
            continue
        counts = ", ".join(f"{sum(f.status == s for f in found)} {s.value}" for s in Status)
        out.append(f"== {label.zh} {label.en}: {counts} ==")
        for f in sorted(
            found,
            key=lambda f: (
                f.status == Status.holds,
                f.status == Status.violated,
                f.severity.rank if f.severity else 9,
            ),
        ):
            just = comparison.justification(f) if comparison else None
            lines = finding_text(f, just, verbose=f.status != Status.holds, model=model)
            if f.fingerprint in cause:
                lines.insert(4, f"    根本原因 root cause: {cause[f.fingerprint]}")
            out += lines
        out.append("")
    out += _summary(results, comparison)
    return "\n".join(out) + "\n"


def _summary(results: Results, comparison: Comparison | None) -> list[str]:
    n = {s: len(results.with_status(s)) for s in Status}
    lines = [
        f"合计 Total: {len(results.findings)} — {n[Status.holds]} 成立 holds, "
        f"{n[Status.violated]} 违反 violated, {n[Status.unknown]} 未知 unknown"
    ]
    if comparison is not None:
        lines.append(
            f"基线 Baseline: {len(comparison.new)} 新违反 new, {len(comparison.accepted)} 已接受 accepted, "
            f"{len(comparison.stale)} 已不再出现 no longer occur, "
            f"{len(comparison.unchecked)} 未检查 not checked"
        )
        for e in comparison.stale:
            lines.append(
                f"  - {e.fingerprint} ({e.where}) {e.subject}: 已不再出现，可从基线删除 / "
                "no longer occurs, remove it from the baseline"
            )
        for e in comparison.unchecked:
            lines.append(
                f"  - {e.fingerprint} ({e.where}) {e.subject}: 本次未检查(界限、--class 或结果未知)，保留 / "
                "not checked by this run (bounds, --class or an unknown result): keep it"
            )
    if n[Status.unknown]:
        lines.append("注意: 未知结果不是通过 / note: an unknown result is not a pass (exit code 3)")
    return lines
