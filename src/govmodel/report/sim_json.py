"""The JSON summary of a simulation (documented in docs/sim-json.md).

Every measure is a *leaf* ``{"mean", "ci95": [lo, hi] | null, "sd", "n", "interval"}``: the
mean over replications and its 95 % interval (``n`` = replications where it was defined;
``interval``: ``"bootstrap"`` for counts, ``"t"`` otherwise, see :mod:`govmodel.sim.stats`).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from govmodel.sim.measures import Measure
from govmodel.sim.runner import Comparison, SimResult
from govmodel.sim.scenario import Assumed

__all__ = [
    "FORMAT",
    "sim_to_dict",
    "render_json",
    "comparison_to_dict",
    "render_comparison_json",
    "scenario_assumptions",
]

FORMAT = "govmodel-sim/1"


def _leaf(summary: dict[str, dict[str, Any]], key: str) -> dict[str, Any]:
    got = summary.get(key) or {"mean": None, "ci95": None, "sd": None, "n": 0, "interval": "t"}
    return {k: got.get(k, "t") for k in ("mean", "ci95", "sd", "n", "interval")}


def _share(leaf: dict[str, Any]) -> dict[str, Any]:
    """A share's interval clipped to [0, 1] (the t-interval can overshoot with few replications)."""
    if leaf.get("ci95"):
        lo, hi = leaf["ci95"]
        leaf["ci95"] = [max(0.0, lo), min(1.0, hi)]
    return leaf


def _group(summary: dict[str, dict[str, Any]], prefix: str) -> dict[str, dict[str, Any]]:
    return {k[len(prefix) :]: _leaf(summary, k) for k in summary if k.startswith(prefix)}


def _label(model: Any, ident: str) -> dict[str, str] | None:
    el = model.get(ident)
    lab = getattr(el, "label", None)
    return {"zh": lab.zh, "en": lab.en} if lab is not None else None


def scenario_assumptions(spec: Any, path: str = "") -> list[dict[str, str]]:
    """Every ``assumption:`` text of a scenario, with where it is (``arrivals[0].rate``)."""
    out: list[dict[str, str]] = []
    if isinstance(spec, Assumed) and spec.assumption is not None:
        out.append({"where": path or "scenario", "zh": spec.assumption.zh, "en": spec.assumption.en})
    if isinstance(spec, BaseModel):
        for name in type(spec).model_fields:
            if name == "assumption":
                continue
            out += scenario_assumptions(getattr(spec, name), f"{path}.{name}" if path else name)
    elif isinstance(spec, (list, tuple)):
        for i, x in enumerate(spec):
            out += scenario_assumptions(x, f"{path}[{i}]")
    elif isinstance(spec, dict):
        for k, x in spec.items():
            out += scenario_assumptions(x, f"{path}.{k}")
    return out


def sim_to_dict(result: SimResult) -> dict[str, Any]:
    """The summary as plain data (see docs/sim-json.md)."""
    loaded, s = result.loaded, result.summary
    model, spec = loaded.model, loaded.spec
    first = result.outputs[0] if result.outputs else None
    cycle = _leaf(s, "cycle_time_hours/mean")
    cycle["percentiles"] = {p: _leaf(s, f"cycle_time_hours/{p}") for p in ("p50", "p90", "p95")}
    latency: dict[str, Any] = {}
    for key in s:
        if key.startswith("latency_working_days/") and key.endswith("/mean"):
            dtype = str(Measure.parse(key).subject)
            leaf = _leaf(s, key)
            leaf["percentiles"] = {
                p: _leaf(s, f"latency_working_days/{dtype}/{p}") for p in ("p50", "p90", "p95")
            }
            leaf["label"] = _label(model, dtype)
            latency[dtype] = leaf
    on_time = {}
    for lid, leaf in _group(s, "on_time_rate/").items():
        _share(leaf)
        tl = model.get(lid)
        leaf["documents"] = _leaf(s, f"on_time_count/{lid}")
        leaf["label"] = _label(model, lid)
        leaf["articles"] = list(tl.articles) if tl is not None else []
        leaf["limit"] = (
            {"kind": tl.kind, "bound": tl.bound, "value": tl.duration.value, "unit": tl.duration.unit.value}
            if tl is not None and tl.duration
            else None
        )
        on_time[lid] = leaf
    util = {k: _share(v) for k, v in _group(s, "utilization/").items() if v["mean"] is not None}
    bottlenecks = sorted(util, key=lambda k: -(util[k]["mean"] or 0.0))[:5]
    blocked = []
    infos: dict[str, dict[str, Any]] = {}
    for o in result.outputs:
        for k, gap in o.blocked.items():
            infos.setdefault(k, gap.as_dict())
    for key in sorted({str(Measure.parse(k).subject) for k in s if k.startswith("blocked_waits/")}):
        info = infos.get(key, {})
        blocked.append(
            {
                "key": key,
                **{k: info.get(k) for k in ("step", "act", "actors", "why", "example_absent")},
                "documents": _leaf(s, f"could_not_proceed/{key}"),
                "waits": _leaf(s, f"blocked_waits/{key}"),
                "wait_working_days": _leaf(s, f"blocked_wait_working_days/{key}"),
            }
        )
    meetings: dict[str, Any] = {}
    for key in s:
        if key.startswith("meeting/"):
            measure = Measure.parse(key)
            mid, what = str(measure.subject), str(measure.stat)
            meetings.setdefault(mid, {"label": _label(model, mid)})[what] = _leaf(s, key)
    deputies = {}
    for rid, leaf in _group(s, "deputy_activations/").items():
        leaf["label"] = _label(model, rid)
        deputies[rid] = leaf
    defaults = [m for m in meetings if m not in spec.meetings]
    assumptions = scenario_assumptions(spec)
    for m in defaults:
        assumptions.append(
            {
                "where": f"meetings.{m}",
                "zh": "未在情景中描述，使用默认会议安排",
                "en": "not described in the scenario: default policy"
                " (10th working day, cut-off 5 working days, 10 items, 4 hours)",
            }
        )
    return {
        "format": FORMAT,
        "scenario": {
            "id": spec.scenario.id,
            "label": spec.scenario.label.label().as_dict(),
            "path": loaded.path,
        },
        "model": {
            "ruleset": model.ruleset.id,
            "name": model.name,
            "overlays": list(model.overlays),
            "assumptions_in_force": sorted(model.enabled),
        },
        "seed": result.seed,
        "replications": len(result.outputs),
        "documents": result.documents,
        "clock": {
            "origin": first and str(loaded.calendar.next_working_day(spec.horizon.start, inclusive=True)),
            "calendar": spec.calendar.kind,
            "hours_per_day": spec.calendar.hours_per_day or (24.0 if spec.calendar.kind == "none" else 8.0),
            "holiday_notices": [
                {"year": n.year, "status": n.status, "source": n.source.as_dict() if n.source else None}
                for n in getattr(loaded.calendar, "notices", ())
            ],
        },
        "documents_per_replication": _leaf(s, "documents"),
        "measured": _leaf(s, "measured"),
        "completed": _leaf(s, "completed"),
        "abandoned": _leaf(s, "abandoned"),
        "unfinished": _leaf(s, "unfinished"),
        "cycle_time_hours": cycle,
        "latency_working_days": latency,
        "on_time_rate": on_time,
        "utilization": util,
        "queue_length": _group(s, "queue_length/"),
        "bottlenecks": [{"resource": k, "utilization": util[k]} for k in bottlenecks],
        "deputy_activations": deputies,
        "could_not_proceed": blocked,
        "meetings": meetings,
        "absence_episodes": _group(s, "absence_episodes/"),
        "assumptions": assumptions,
    }


def render_json(result: SimResult) -> str:
    return json.dumps(sim_to_dict(result), ensure_ascii=False, indent=2) + "\n"


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    """B − A per measure, paired by replication (common random numbers)."""
    return c.as_dict()


def render_comparison_json(c: Comparison) -> str:
    return json.dumps(comparison_to_dict(c), ensure_ascii=False, indent=2) + "\n"
