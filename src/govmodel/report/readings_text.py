"""``govmodel check --readings``: each finding robust, reading-dependent or never, as
bilingual text or JSON (takes the :class:`~govmodel.sweep.readings.ReadingsReport` by duck typing)."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["readings_dict", "readings_json", "readings_text"]

_VERDICT = {"robust": ("稳健", "robust"), "reading_dependent": ("依赖解读", "reading-dependent"), "never": ("从不违反", "never violated")}


def _sets(sets: Any) -> list[list[dict[str, Any]]]:
    return [[{"reading": name, "on": value} for name, value in group] for group in sets]


def readings_dict(report: Any) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "model": report.model,
        "readings": [{"id": n, "statement": report.statements[n].as_dict(), "default": report.defaults[n]} for n in report.names],
        "combinations": report.total,
        "checked": len(report.combinations),
        "sampled": report.sampled,
        "sample_seed": report.seed if report.sampled else None,
        "summary": {v: len(report.by_verdict(v)) for v in _VERDICT},
        "findings": [{
            "property": f.property, "subject": str(f.subject), "class": f.cls, "statement": f.statement.as_dict(),
            "example": f.example.as_dict() if f.example is not None else None,
            "verdict": f.verdict, "violated_in": f.violated_in, "unknown_in": f.unknown_in, "checked": f.checked,
            "default_status": f.default_status,
            "appears_with": _sets(f.appears_with), "disappears_with": _sets(f.disappears_with),
        } for f in report.findings if f.verdict != "never"],
    }


def readings_json(report: Any) -> str:
    return json.dumps(readings_dict(report), ensure_ascii=False, indent=2) + "\n"


def _show(sets: Any) -> str:
    return " 或 or ".join(" + ".join(f"{n}={'on' if v else 'off'}" for n, v in group) for group in sets)


def readings_text(report: Any) -> str:
    n = len(report.combinations)
    if report.sampled:
        scope = (f"{report.total} 种组合过多,随机抽取 {n} 种检查(含默认解读,种子 {report.seed}) / "
                 f"{report.total} combinations are too many: a sample of {n} was checked (with the model's own reading, seed {report.seed})")
    else:
        scope = f"全部 {n} 种组合均已检查 / all {n} combinations checked"
    lines = [f"规则解读的稳健性 Robustness to the readings: {report.model}",
             f"解读 readings ({len(report.names)}):"]
    for name in report.names:
        st = report.statements[name]
        lines.append(f"  {name} [{'on' if report.defaults[name] else 'off'}]: {st.zh} / {st.en}")
    lines.append(scope)
    robust, dep, never = (report.by_verdict(v) for v in ("robust", "reading_dependent", "never"))
    lines.append(f"稳健 robust: {len(robust)}; 依赖解读 reading-dependent: {len(dep)}; 从不违反 never violated: {len(never)}")
    if robust:
        lines += ["", "稳健(在所检查的每种解读下都违反:条文本身的缺口)/ Robust (violated under every reading checked: a gap in the text):"]
        for f in robust:
            lines.append(f"  - {f.statement.zh} / {f.statement.en}")
            if f.example is not None:
                lines.append(f"      {f.example.zh} / {f.example.en}")
    if dep:
        lines += ["", "依赖解读(只在某些解读下违反)/ Reading-dependent (violated under some readings only):"]
        for f in dep:
            unk = f", 未知 unknown {f.unknown_in}" if f.unknown_in else ""
            state = "默认解读下违反 violated under the model's own reading" if f.default_status == "violated" else \
                "默认解读下不违反 not violated under the model's own reading"
            lines.append(f"  - {f.statement.zh} / {f.statement.en}")
            if f.example is not None:
                lines.append(f"      例 e.g.: {f.example.zh} / {f.example.en}")
            lines.append(f"      {f.violated_in}/{f.checked} 种解读下违反 readings violate it{unk}; {state}")
            if f.appears_with:
                lines.append(f"      出现于 appears with: {_show(f.appears_with)}")
            if f.disappears_with:
                lines.append(f"      消失于 disappears with: {_show(f.disappears_with)}")
            if not f.appears_with and not f.disappears_with:
                lines.append("      取决于三种以上解读的组合 depends on a combination of more than 3 readings")
    return "\n".join(lines) + "\n"
