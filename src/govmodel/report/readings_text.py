"""``govmodel check --readings``: each finding robust, reading-dependent or never, as
bilingual text or JSON (takes the :class:`~govmodel.sweep.readings.ReadingsReport` by duck typing)."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["readings_dict", "readings_json", "readings_text"]

_VERDICT = {
    "robust": ("稳健", "robust"),
    "reading_dependent": ("依赖解读", "reading-dependent"),
    "never": ("从不违反", "never violated"),
}


def _sets(sets: Any) -> list[list[dict[str, Any]]]:
    return [[{"reading": name, "on": value} for name, value in group] for group in sets]


def _finding(f: Any) -> dict[str, Any]:
    return {
        "property": f.property,
        "subject": str(f.subject),
        "class": f.cls,
        "statement": f.statement.as_dict(),
        "example": f.example.as_dict() if f.example is not None else None,
        "verdict": f.verdict,
        "violated_in": f.violated_in,
        "unknown_in": f.unknown_in,
        "checked": f.checked,
        "default_status": f.default_status,
        "root_cause": getattr(f, "root_cause", None),
        "appears_with": _sets(f.appears_with),
        "disappears_with": _sets(f.disappears_with),
    }


def readings_dict(report: Any) -> dict[str, Any]:
    return {
        "schema_version": 2,
        "model": report.model,
        "readings": [
            {"id": n, "statement": report.statements[n].as_dict(), "default": report.defaults[n]}
            for n in report.names
        ],
        "combinations": report.total,
        "checked": len(report.combinations),
        "sampled": report.sampled,
        "sample_seed": report.seed if report.sampled else None,
        "summary": {v: len(report.by_verdict(v)) for v in _VERDICT},
        "root_causes": [
            {
                "id": rc.id,
                "summary": rc.summary.as_dict(),
                "verdict": rc.verdict,
                "violated_in": rc.violated_in,
                "checked": rc.checked,
                "default_status": rc.default_status,
                "findings": [f"{f.property}:{f.subject}" for f in rc.findings],
                "appears_with": _sets(rc.appears_with),
                "disappears_with": _sets(rc.disappears_with),
            }
            for rc in getattr(report, "root_causes", [])
        ],
        "findings": [_finding(f) for f in report.findings if f.verdict != "never"],
    }


def readings_json(report: Any) -> str:
    return json.dumps(readings_dict(report), ensure_ascii=False, indent=2) + "\n"


def _show(sets: Any) -> str:
    return " 或 or ".join(" + ".join(f"{n}={'on' if v else 'off'}" for n, v in group) for group in sets)


def readings_text(report: Any) -> str:
    n = len(report.combinations)
    if report.sampled:
        scope = (
            f"{report.total} 种组合过多,随机抽取 {n} 种检查(含默认解读,种子 {report.seed}) / "
            f"{report.total} combinations are too many: a sample of {n} was checked (with the model's "
            f"own reading, seed {report.seed})"
        )
    else:
        scope = f"全部 {n} 种组合均已检查 / all {n} combinations checked"
    lines = [
        f"规则解读的稳健性 Robustness to the readings: {report.model}",
        f"解读 readings ({len(report.names)}):",
    ]
    for name in report.names:
        st = report.statements[name]
        lines.append(f"  {name} [{'on' if report.defaults[name] else 'off'}]: {st.zh} / {st.en}")
    lines.append(scope)
    robust, dep, never = (report.by_verdict(v) for v in ("robust", "reading_dependent", "never"))
    lines.append(
        f"稳健 robust: {len(robust)}; 依赖解读 reading-dependent: {len(dep)}; 从不违反 never violated: "
        f"{len(never)}"
    )
    causes = getattr(report, "root_causes", [])
    if causes:  # grouped by root cause: one line per gap, its findings beneath
        return "\n".join(lines + _by_root_cause(causes)) + "\n"
    if robust:
        lines += [
            "",
            "稳健(在所检查的每种解读下都违反:条文本身的缺口)/ Robust (violated under every reading "
            "checked: a gap in the text):",
        ]
        for f in robust:
            lines.append(f"  - {f.statement.zh} / {f.statement.en}")
            if f.example is not None:
                lines.append(f"      {f.example.zh} / {f.example.en}")
    if dep:
        lines += ["", "依赖解读(只在某些解读下违反)/ Reading-dependent (violated under some readings only):"]
        for f in dep:
            lines.append(f"  - {f.statement.zh} / {f.statement.en}")
            if f.example is not None:
                lines.append(f"      例 e.g.: {f.example.zh} / {f.example.en}")
            lines += _dependence(f, "      ")
    return "\n".join(lines) + "\n"


def _dependence(x: Any, pad: str) -> list[str]:
    """How a finding or a root cause depends on the readings (counts, appears/disappears with)."""
    unk = f", 未知 unknown {x.unknown_in}" if getattr(x, "unknown_in", 0) else ""
    state = (
        "默认解读下违反 violated under the model's own reading"
        if x.default_status == "violated"
        else "默认解读下不违反 not violated under the model's own reading"
    )
    out = [f"{pad}{x.violated_in}/{x.checked} 种解读下违反 readings violate it{unk}; {state}"]
    if x.appears_with:
        out.append(f"{pad}出现于 appears with: {_show(x.appears_with)}")
    if x.disappears_with:
        out.append(f"{pad}消失于 disappears with: {_show(x.disappears_with)}")
    if not x.appears_with and not x.disappears_with:
        out.append(f"{pad}取决于三种以上解读的组合 depends on a combination of more than 3 readings")
    return out


def _by_root_cause(causes: Any) -> list[str]:
    robust = [rc for rc in causes if rc.verdict == "robust"]
    dep = [rc for rc in causes if rc.verdict != "robust"]
    lines = [f"根本原因 root causes: 稳健 robust {len(robust)}; 依赖解读 reading-dependent {len(dep)}"]
    if robust:
        lines += [
            "",
            "稳健(在所检查的每种解读下都存在:条文本身的缺口)/ Robust (present under every reading checked: "
            "a gap in the text):",
        ]
        for rc in robust:
            lines += _cause_lines(rc)
    if dep:
        lines += ["", "依赖解读(只在某些解读下存在)/ Reading-dependent (present under some readings only):"]
        for rc in dep:
            lines += _cause_lines(rc) + _dependence(rc, "      ")
    return lines


def _cause_lines(rc: Any) -> list[str]:
    out = [f"  - [{rc.id}] {rc.summary.zh} / {rc.summary.en}"]
    for f in rc.findings:
        mark = "" if f.verdict == rc.verdict or rc.verdict != "robust" else " (依赖解读 reading-dependent)"
        out.append(f"      · {f.statement.zh} / {f.statement.en}{mark}")
        if f.verdict == "reading_dependent" and rc.verdict == "reading_dependent" and len(rc.findings) > 1:
            out += _dependence(f, "          ")
    return out
