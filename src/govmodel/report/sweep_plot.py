"""A bar (tornado) plot per KPI of a sweep's indices, with bilingual factor labels and the
95 % intervals as error bars (matplotlib only here)."""

from __future__ import annotations

import math
import re
from typing import Any

from govmodel.report.plots import _figure, _png

__all__ = ["render_sweep_plots", "plot_name"]

_KEY = {"morris": ("mu_star", "μ*"), "sobol": ("ST", "ST")}


def plot_name(kpi: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "__", kpi) + ".png"


def render_sweep_plots(result: Any, top: int = 20) -> dict[str, bytes]:
    """``{file name: PNG bytes}``, one per KPI that could be analysed (the ``top`` factors)."""
    out: dict[str, bytes] = {}
    method = result.plan.spec.design.method
    key, shown = _KEY.get(method, ("S1", "S1"))
    for kpi, idx in result.indices.items():
        if key not in idx:
            continue
        rows = [
            (f, v, c)
            for f, v, c in zip(result.plan.factors, idx[key]["value"], idx[key]["conf"], strict=False)
            if math.isfinite(v)
        ]
        rows = sorted(rows, key=lambda r: r[1])[-top:]
        fig, ax = _figure(9.0, 1.2 + 0.45 * max(len(rows), 1))
        ys = list(range(len(rows)))
        errs = [c if math.isfinite(c) else 0.0 for _f, _v, c in rows]
        ax.barh(ys, [v for _f, v, _c in rows], xerr=errs, color="#4C78A8", ecolor="#333333", capsize=3)
        ax.set_yticks(ys, [f"{f.label.zh} / {f.label.en}" for f, _v, _c in rows], fontsize=8)
        ax.set_xlabel(f"{shown}(95%置信区间 95 % interval)")
        ax.set_title(f"{kpi}:哪些假设重要 which assumptions matter ({method})", fontsize=10)
        if method == "morris" and "sigma" in idx:
            sig = {f.name: s for f, s in zip(result.plan.factors, idx["sigma"]["value"], strict=False)}
            ax.plot([sig[f.name] for f, _v, _c in rows], ys, "o", color="#F58518", label="σ")
            ax.legend(loc="lower right", fontsize=8)
        out[plot_name(kpi)] = _png(fig)
    return out
