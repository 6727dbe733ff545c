"""Plots of a simulation, with Chinese and English labels (matplotlib only here).

:func:`write_plots` draws four figures into a folder: the latency distribution per document
type, the on-time rate per time limit with its 95 % interval, utilization per person (the
busiest), and queue lengths over time (replication 0, sampled each working day).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from govmodel.report.fonts import use_cjk_font
from govmodel.report.sim_json import sim_to_dict
from govmodel.sim.runner import SimResult

__all__ = ["render_plots", "write_plots", "PLOT_FILES"]

PLOT_FILES = ("latency.png", "on_time_rate.png", "utilization.png", "queues.png")


def _figure(width: float = 9.0, height: float = 5.0) -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    use_cjk_font()
    return plt.subplots(figsize=(width, height), dpi=110)


def _png(fig: Any) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _latency(result: SimResult, d: dict[str, Any]) -> bytes:
    fig, ax = _figure()
    merged: dict[str, dict[float, int]] = {}
    for o in result.outputs:
        for dtype, points in o.latency_points.items():
            acc = merged.setdefault(dtype, {})
            for x, n in points:
                acc[x] = acc.get(x, 0) + n
    for dtype, acc in sorted(merged.items()):
        xs = sorted(acc)
        total = sum(acc.values())
        cum, ys = 0, []
        for x in xs:
            cum += acc[x]
            ys.append(cum / total)
        label = d["latency_working_days"].get(dtype, {}).get("label") or {"zh": dtype, "en": dtype}
        floor = 0.01  # a log axis has no 0: latencies under 0.01 working days are drawn at 0.01
        ax.step([max(x, floor) for x in xs], ys, where="post", label=f"{label['zh']} / {label['en']}")
    ax.set_xscale("log")
    ax.set_xlabel("办理时长(工作日，对数刻度) / Latency (working days, log scale)")
    ax.set_ylabel("累计比例 / Cumulative share")
    ax.set_title("办理时长分布 / Latency distribution")
    ax.grid(alpha=0.3)
    ax.legend(
        fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False
    )  # below: no curve hidden
    fig.set_size_inches(fig.get_size_inches()[0], fig.get_size_inches()[1] + 1.2)
    return _png(fig)


def _on_time(d: dict[str, Any]) -> bytes:
    fig, ax = _figure()
    items = list(d["on_time_rate"].items())
    labels = [(v["label"] or {"zh": k, "en": k}) for k, v in items]
    names = [f"{lab['zh']}\n{lab['en']}" for lab in labels]
    means = [100 * (v["mean"] or 0.0) for _, v in items]
    errs = [
        [100 * ((v["mean"] or 0) - v["ci95"][0]) if v["ci95"] else 0 for _, v in items],
        [100 * (v["ci95"][1] - (v["mean"] or 0)) if v["ci95"] else 0 for _, v in items],
    ]
    # points with their interval on an axis fitted to the data: bars from 0 to 100 % hid the
    # differences between 93 % and 99 %
    ax.errorbar(means, range(len(items)), xerr=errs, fmt="o", color="#2171b5", capsize=3)
    ax.set_yticks(range(len(items)), names, fontsize=7)
    lows = [m - e for m, e in zip(means, errs[0], strict=False)] or [0.0]
    ax.set_xlim(max(0.0, min(lows) - 2.0), 100.5)
    ax.set_ylim(-0.6, len(items) - 0.4)
    ax.set_xlabel("按时率(%,95%置信区间)/ On-time rate (%, 95% CI)")
    ax.set_title("各时限按时率 / On-time rate per time limit")
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)


def _person_label(result: SimResult, ident: str) -> str:
    el = result.loaded.model.get(ident)
    lab = getattr(el, "label", None)
    return f"{lab.zh} / {lab.en}" if lab is not None else ident


def _utilization(result: SimResult, d: dict[str, Any], top: int = 15) -> bytes:
    fig, ax = _figure(9.0, 6.0)
    items = sorted(d["utilization"].items(), key=lambda kv: -(kv[1]["mean"] or 0))[:top][::-1]
    ax.barh(range(len(items)), [100 * (v["mean"] or 0) for _, v in items], color="#fd8d3c")
    ax.set_yticks(range(len(items)), [_person_label(result, k) for k, _ in items], fontsize=7)
    ax.set_xlabel("利用率(%)/ Utilization (%)")
    ax.set_title("最忙的人员和机构 / Busiest persons and institutions")
    ax.grid(axis="x", alpha=0.3)
    return _png(fig)


def _queues(result: SimResult, d: dict[str, Any], top: int = 6) -> bytes:
    fig, ax = _figure()
    samples = next((o.queue_samples for o in result.outputs if o.queue_samples), None) or {}
    busiest = sorted(samples, key=lambda k: -sum(samples[k]))[:top]
    for name in busiest:
        ax.plot(range(len(samples[name])), samples[name], label=_person_label(result, name), lw=1)
    ax.set_xlabel("工作日(自起始日)/ Working day (from the start)")
    ax.set_ylabel("等待的公文数(含等其返回)/ Documents waiting (incl. for a return)")
    ax.set_title("排队长度随时间变化(第1次重复)/ Queue length over time (replication 1)")
    ax.grid(alpha=0.3)
    if busiest:
        ax.legend(fontsize=7)
    return _png(fig)


def render_plots(result: SimResult) -> dict[str, bytes]:
    """The four plots as PNG bytes, by file name (:data:`PLOT_FILES`)."""
    d = sim_to_dict(result)
    images = (_latency(result, d), _on_time(d), _utilization(result, d), _queues(result, d))
    return dict(zip(PLOT_FILES, images, strict=True))


def write_plots(result: SimResult, folder: str | Path) -> list[Path]:
    """Draw the plots into ``folder`` (created if needed, its parent must exist unless the output
    policy says ``parents``); each file whole or not at all."""
    from govmodel.outputs import prepare_folder, write_atomic

    folder = prepare_folder(folder)
    written = []
    for name, data in render_plots(result).items():
        write_atomic(folder / name, data)
        written.append(folder / name)
    return written
