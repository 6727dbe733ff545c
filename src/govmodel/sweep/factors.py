"""Factors: numeric fields of a scenario named by path, their ranges, and points applied.

A path walks the scenario as written (:mod:`govmodel.sweep.scenario_paths`). A path may end at a
number (the factor is that number) or at a distribution (``dist:``; the factor is its mean and
every parameter is scaled with it, so the shape is kept and min ≤ mode ≤ max stays true).

Default factors: every figure of every node that carries an ``assumption:`` label (and of the
nodes under it that carry none of their own), ± the sweep's share.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from govmodel.errors import Problem
from govmodel.refs import Label, SourceRef
from govmodel.sweep.scenario_paths import parse_path, resolve, scenario_plain, show_path

# parse_path, resolve and scenario_plain live in sweep/scenario_paths.py (paths into a scenario):
# named here too, for their importers
__all__ = [
    "Factor",
    "parse_path",
    "resolve",
    "default_paths",
    "build_factors",
    "apply_values",
    "scenario_plain",
]

_DIST_PARAMS = ("mean", "sd", "min", "mode", "max", "value")
_PROB_KEYS = ("conditions", "urgency", "optional_steps")
_FIELD_WORDS = {
    "rate": ("频率", "rate"),
    "duration": ("时长", "duration"),
    "capacity": ("容量", "capacity"),
    "cutoff": ("议题截止", "cut-off"),
    "working_day": ("召开日", "working day"),
    "at_hour": ("开始时刻", "start hour"),
    "hours_per_day": ("每日工时", "hours per day"),
    "warmup": ("预热期", "warm-up"),
    "drain": ("收尾期", "drain"),
    "give_up_after": ("放弃等待", "gives up after"),
    "within": ("期限", "within"),
    "urgent": ("紧急比例", "urgent share"),
    "special_urgent": ("特急比例", "specially urgent share"),
    "default": ("默认办理时长", "default handling time"),
    "min": ("下限", "min"),
    "max": ("上限", "max"),
}


@dataclass(frozen=True)
class Factor:
    """One factor of a sweep (picklable): where it is, its bounds, its label."""

    name: str
    path: str
    steps: tuple[Any, ...]
    kind: str  # "number" or "dist"
    base: float
    low: float
    high: float
    integer: bool
    probability: bool
    values: tuple[float, ...] | None
    label: Label


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _dist_mean(d: dict[str, Any]) -> float:
    kind = d["dist"]
    if kind in ("exponential", "lognormal"):
        return float(d["mean"])
    if kind == "triangular":
        return (d["min"] + d["mode"] + d["max"]) / 3.0
    if kind == "uniform":
        return (d["min"] + d["max"]) / 2.0
    return float(d["value"])


def default_paths(plain: dict[str, Any], exclude: tuple[str, ...] = ()) -> list[str]:
    """Paths of every figure under a node labelled ``assumption:`` (scenario order)."""
    found: list[str] = []

    def figures(node: Any, steps: tuple[Any, ...]) -> None:
        if isinstance(node, dict) and "dist" in node:
            found.append(show_path(steps))
        elif isinstance(node, dict):
            for k, v in node.items():
                if k not in ("assumption", "label", "note"):
                    figures(v, steps + (k,))
        elif isinstance(node, list):
            for n, v in enumerate(node):
                figures(v, steps + (n,))
        elif _is_number(node):
            found.append(show_path(steps))

    def walk(node: Any, steps: tuple[Any, ...]) -> None:
        if isinstance(node, dict) and node.get("assumption") is not None:
            figures(node, steps)
            return
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for k, v in items:
            if k in ("scenario", "model", "seed", "replications"):
                continue
            walk(v, steps + (k,))

    walk(plain, ())
    unique = list(dict.fromkeys(found))
    return [
        p
        for p in unique
        if not any(p == e or p.startswith(e + ".") or p.startswith(e + "[") for e in exclude)
    ]


def _label(model: Any, plain: dict[str, Any], steps: tuple[Any, ...]) -> Label:
    """A bilingual label: the element (document type, role and reason, act, meeting…) and the field."""

    def lab(ident: Any) -> Label:
        if model is None or ident is None:
            return Label(str(ident), str(ident))
        return model.label(str(ident))

    head = steps[0] if steps else ""
    elem = Label(str(head), str(head))
    rest = list(steps[1:])
    if head == "arrivals" and rest and isinstance(rest[0], int):
        item = plain["arrivals"][rest[0]]
        elem = Label(f"{lab(item['type']).zh}到达", f"{lab(item['type']).en} arrivals")
        rest = rest[1:]
    elif head == "absences" and rest and isinstance(rest[0], int):
        item = plain["absences"][rest[0]]
        who, why = lab(item.get("who") or item.get("role")), lab(item.get("reason"))
        elem = Label(f"{who.zh}{why.zh}", f"{who.en} {why.en}")
        rest = rest[1:]
    elif head in ("meetings", "time_limits") and rest:
        elem = lab(rest[0])
        rest = rest[1:]
    elif head == "service_times" and rest[:1] == ["default"]:
        return Label("默认办理时长", "default handling time")
    elif head == "service_times" and len(rest) >= 2 and rest[0] in ("acts", "steps"):
        elem = Label(f"办理时长 {rest[1]}", f"handling time {rest[1]}")
        rest = rest[2:]
    elif head == "institutions" and len(rest) >= 2:
        elem = Label(f"{lab(rest[1]).zh}容量", f"{lab(rest[1]).en} capacity")
        rest = rest[2:]
    elif head in _FIELD_WORDS:
        elem = Label(*_FIELD_WORDS[head])
    words = [w for w in rest if isinstance(w, str) and w != "value"]
    if not words:
        return elem
    last = words[-1]
    if head == "arrivals" and "conditions" in words:
        cond = lab(last)
        return Label(f"{elem.zh}·{cond.zh}比例", f"{elem.en}: share {cond.en}")
    zh, en = _FIELD_WORDS.get(last, (last, last.replace("_", " ")))
    return Label(f"{elem.zh}·{zh}", f"{elem.en}: {en}")


def build_factors(
    spec: Any, plain: dict[str, Any], model: Any, display: str
) -> tuple[list[Factor], list[Problem]]:
    """The sweep's factors with their bounds; problems point at the spec's factor entries."""
    from govmodel.sweep.spec import FactorSpec

    entries = (
        list(spec.factors)
        if spec.factors is not None
        else [FactorSpec(path=p) for p in default_paths(plain, spec.exclude)]
    )
    factors: list[Factor] = []
    problems: list[Problem] = []
    names: set[str] = set()
    for entry in entries:
        where = spec.positions.of(entry) or SourceRef(display)
        steps, value, error = resolve(plain, entry.path)
        if error:
            problems.append(
                Problem(
                    where,
                    f"factor {entry.path!r}: {error}",
                    "a numeric field or a distribution of the scenario",
                )
            )
            continue
        if isinstance(value, dict) and "dist" in value:
            kind, base, integer = "dist", _dist_mean(value), False
        elif _is_number(value):
            kind, base, integer = "number", float(value), isinstance(value, int)
        else:
            problems.append(
                Problem(
                    where,
                    f"factor {entry.path!r} is not a number",
                    "a numeric field or a distribution (dist:)",
                )
            )
            continue
        probability = any(s in _PROB_KEYS for s in steps if isinstance(s, str))
        if entry.range is not None:
            low, high = entry.range
        elif entry.values is not None:
            low, high = min(entry.values), max(entry.values)
        else:
            share = entry.share if entry.share is not None else spec.share
            low, high = base * (1 - share), base * (1 + share)
            if probability:
                high = min(high, 1.0)
            if integer:
                low, high = max(round(low), 1 if base >= 1 else 0), max(round(high), round(base))
        if not low < high:
            if spec.factors is None:
                continue  # a default figure that cannot vary (e.g. a count of 1): not a factor
            problems.append(
                Problem(
                    where,
                    f"factor {entry.path!r} has no room to vary (value {base:g})",
                    "give range: [low, high] or values: [...]",
                )
            )
            continue
        if kind == "dist" and low <= 0:
            problems.append(
                Problem(where, f"factor {entry.path!r}: a mean of {low:g}", "a distribution's mean above 0")
            )
            continue
        name = entry.name or re.sub(r"[^A-Za-z0-9_.]+", "_", ".".join(map(str, steps))).strip("_")
        if name in names:
            problems.append(
                Problem(where, f"factor {name!r} twice", "each factor once (or give distinct names)")
            )
            continue
        names.add(name)
        label = (
            Label(entry.label.zh, entry.label.en) if entry.label is not None else _label(model, plain, steps)
        )
        factors.append(
            Factor(
                name,
                entry.path,
                steps,
                kind,
                base,
                float(low),
                float(high),
                integer,
                probability,
                tuple(float(v) for v in entry.values) if entry.values is not None else None,
                label,
            )
        )
    if not factors and not problems:
        problems.append(
            Problem(
                spec.positions.of(spec) or SourceRef(display),
                "no factors",
                "factors: [...] or a scenario whose figures are labelled assumption:",
            )
        )
    return factors, problems


def apply_values(
    plain: dict[str, Any], factors: list[Factor], values: list[float] | tuple[float, ...]
) -> dict[str, Any]:
    """A copy of the plain scenario with each factor set to its value (integers rounded)."""
    out = copy.deepcopy(plain)
    for f, v in zip(factors, values, strict=True):
        steps = f.steps
        node = out
        for s in steps[:-1]:
            node = node[s]
        if f.kind == "number":
            node[steps[-1]] = int(round(v)) if f.integer else float(v)
        else:
            dist = node[steps[-1]]
            scale = float(v) / f.base
            for k in _DIST_PARAMS:
                if k in dist and dist[k] is not None:
                    dist[k] = float(dist[k]) * scale
    return out
