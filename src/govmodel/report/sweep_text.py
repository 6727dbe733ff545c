"""A sweep's indices as JSON and as a short bilingual summary of which figures matter.

Takes the result of :func:`govmodel.sweep.run_sweep` by duck typing (this layer does not
import :mod:`govmodel.sweep`, which sits above it).
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["sweep_dict", "sweep_json", "sweep_text", "important"]

_KEY = {"morris": "mu_star", "sobol": "ST"}
_INDEX_NAMES = {
    "mu_star": ("μ*(平均绝对效应)", "μ* (mean absolute effect)"),
    "sigma": ("σ(交互/非线性)", "σ (interactions, non-linearity)"),
    "S1": ("一阶指数 S1", "first-order index S1"),
    "ST": ("总效应指数 ST", "total-order index ST"),
}
_METHOD = {
    "morris": ("Morris筛选", "Morris screening"),
    "sobol": ("Sobol指数", "Sobol indices"),
    "latin": ("拉丁超立方(RBD-FAST)", "Latin hypercube (RBD-FAST)"),
    "grid": ("网格(RBD-FAST)", "grid (RBD-FAST)"),
}


def _num(v: float) -> float | None:
    return float(v) if v is not None and math.isfinite(v) else None


def sweep_dict(result: Any) -> dict[str, Any]:
    plan = result.plan
    spec = plan.spec
    factors = [
        {
            "name": f.name,
            "path": f.path,
            "label": {"zh": f.label.zh, "en": f.label.en},
            "base": f.base,
            "low": f.low,
            "high": f.high,
            "kind": f.kind,
        }
        for f in plan.factors
    ]
    kpis = {}
    for kpi, idx in result.indices.items():
        if "error" in idx:
            kpis[kpi] = {"error": idx["error"]}
            continue
        kpis[kpi] = {
            name: [
                {
                    "factor": f.name,
                    "value": _num(v),
                    "ci95_half_width": _num(c),
                    "ci95": (
                        [_num(v - c), _num(v + c)] if _num(c) is not None and _num(v) is not None else None
                    ),
                }
                for f, v, c in zip(plan.factors, data["value"], data["conf"], strict=False)
            ]
            for name, data in idx.items()
        }
    return {
        "schema_version": 1,
        "sweep": spec.sweep.id,
        "scenario": plan.ctx.base.name,
        "reform": plan.ctx.reform.name if plan.ctx.reform is not None else None,
        "design": {
            "method": spec.design.method,
            "points": int(len(plan.X)),
            "replications": plan.ctx.replications,
            "seed": plan.ctx.seed,
        },
        "factors": factors,
        "indices": kpis,
    }


def sweep_json(result: Any) -> str:
    return json.dumps(sweep_dict(result), ensure_ascii=False, indent=2) + "\n"


def important(result: Any, kpi: str) -> list[tuple[Any, float, float]]:
    """The factors that matter for a KPI, most important first: an index whose 95 % interval
    excludes zero and which is at least a tenth of the largest (Morris μ*), or above 0.05
    (Sobol ST, RBD-FAST S1)."""
    idx = result.indices.get(kpi, {})
    method = result.plan.spec.design.method
    key = _KEY.get(method, "S1")
    if key not in idx:
        return []
    vals, confs = idx[key]["value"], idx[key]["conf"]
    finite = [v for v in vals if math.isfinite(v)]
    top = max(finite, default=0.0)
    out = []
    for f, v, c in zip(result.plan.factors, vals, confs, strict=False):
        if not math.isfinite(v):
            continue
        low = v - (c if math.isfinite(c) else 0.0)
        keep = (top > 0 and v >= 0.1 * top and low > 0) if method == "morris" else (v > 0.05 and low > 0)
        if keep:
            out.append((f, v, c))
    return sorted(out, key=lambda t: -t[1])


def sweep_text(result: Any) -> str:
    plan = result.plan
    spec = plan.spec
    method = spec.design.method
    mzh, men = _METHOD[method]
    key = _KEY.get(method, "S1")
    kzh, ken = _INDEX_NAMES[key]
    lines = [
        f"敏感性分析 Sensitivity sweep: {spec.sweep.label.zh if spec.sweep.label else spec.sweep.id}"
        f" / {spec.sweep.label.en if spec.sweep.label else spec.sweep.id}",
        f"情景 scenario: {plan.ctx.base.name}"
        + (
            f"; 改革 reform: {plan.ctx.reform.name}(指标为改革后减改革前 KPIs are reform − scenario)"
            if plan.ctx.reform is not None
            else ""
        ),
        f"设计 design: {mzh} / {men}; {len(plan.X)} 个点 points × {plan.ctx.replications} "
        f"次重复 replications, 种子 seed {plan.ctx.seed}(各点共用随机数 common random numbers); "
        f"{len(plan.factors)} 个因素 factors",
    ]
    if result.resumed:
        lines.append(f"续跑 resumed: {result.resumed} 个点已完成 points were already done")
    for kpi in plan.ctx.kpis:
        lines.append("")
        lines.append(f"指标 KPI {kpi} — 按{kzh}排序 ranked by {ken}:")
        idx = result.indices.get(kpi, {})
        if "error" in idx:
            lines.append(f"  无法分析 cannot be analysed: {idx['error']}")
            continue
        matter = important(result, kpi)
        if not matter:
            lines.append("  在所给范围内没有因素有明显影响 no factor matters within the ranges given")
            continue
        for f, v, c in matter:
            ci = f" ± {c:.3g}" if math.isfinite(c) else ""
            lines.append(f"  {f.label.zh} / {f.label.en}: {v:.3g}{ci}   [{f.low:.3g} – {f.high:.3g}]")
        rest = len(plan.factors) - len(matter)
        if rest:
            lines.append(
                f"  其余 {rest} 个因素影响不明显 "
                f"the other {rest} factors do not matter much within their ranges"
            )
    return "\n".join(lines) + "\n"
