"""View data for the HTML outputs (:mod:`govmodel.report.html`): objects turned into names,
not ids, and numbers formatted in one unit per quantity, with their interval. The templates only
lay these out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from govmodel.refs import Label, duration_label
from govmodel.report.coverage import coverage as coverage_data
from govmodel.report.names import Names
from govmodel.report.words import AUTHORITY, CHANGE, CLAIMS, STATUS, VERDICT, articles

__all__ = ["model_view", "findings_view", "sim_view", "comparison_view", "assessment_view"]

_STATUS, _VERDICT, _CHANGE, _AUTHORITY = STATUS, VERDICT, CHANGE, AUTHORITY


# ----- formatting ------------------------------------------------------------------------
def _tag(kind: Mapping[str, tuple[str, str]], key: str) -> dict[str, str]:
    zh, en = kind.get(key, (key, key))
    return {"zh": zh, "en": en, "cls": key}


def _articles(nums: Sequence[int]) -> str:
    return articles(nums, none="–")


def _num(x: float | None, pct: bool = False, digits: int = 2) -> str:
    if x is None:
        return "–"
    return f"{100 * x:.1f}%" if pct else f"{x:.{digits}f}"


def _ci(leaf: Mapping[str, Any] | None, pct: bool = False, digits: int = 2) -> str:
    ci = (leaf or {}).get("ci95")
    return f"[{_num(ci[0], pct, digits)}, {_num(ci[1], pct, digits)}]" if ci else "–"


def _lab(d: Mapping[str, str] | Label | None, fallback: str = "") -> Label:
    if d is None:
        return Label(fallback, fallback)
    return d if isinstance(d, Label) else Label(d.get("zh", fallback), d.get("en", fallback))


def _text(names: Names | None, ident: str) -> str:
    return names.text(ident) if names is not None else ident


def _bounds(b: Mapping[str, Any]) -> str:
    words = {
        "k": "至多缺位 absences at most",
        "related_max": "相关部门 related departments ≤",
        "timeout_s": "超时 timeout (s)",
        "timeout": "超时 timeout (s)",
    }
    return "; ".join(f"{words.get(k, k)} {'全部 everyone' if v is None else v}" for k, v in b.items()) or "–"


# ----- model -----------------------------------------------------------------------------
def model_view(model: Any, coverage: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """``coverage``: the model's coverage data when the caller already has it (the report)."""
    cast = model.cast
    counts = [
        (("角色", "roles"), len(model.roles)),
        (("人员", "persons"), len(cast.persons) if cast else 0),
        (("文件类型", "document types"), len(model.document_types)),
        (("程序", "procedures"), len(model.all_procedures())),
        (("会议", "meetings"), len(model.meetings)),
        (("代行规则", "deputy rules"), len(model.deputy_rules)),
        (("时限", "time limits"), len(model.time_limits)),
    ]
    status = Counter(
        r["status"] for r in (coverage or coverage_data(model))["articles"]
    )  # per sentence: partly encoded is not encoded
    counts += [
        (("已编码条文", "articles encoded"), status["encoded"]),
        (("部分编码条文", "articles partly encoded"), status["partly_encoded"]),
        (("非操作性条文", "non-operational articles"), status["non_operational"]),
    ]
    r = model.ruleset
    return {
        "ruleset": f"{r.title.zh} / {r.title.en} ({model.name})",
        "issuer": f"{r.issuer.zh} / {r.issuer.en}",
        "adopted": str(r.adopted),
        "articles": r.articles,
        "counts": counts,
        "on": sum(a.id in model.enabled for a in model.assumptions),
        "assumptions": [
            {
                "state": "采用 in force" if a.id in model.enabled else "未采用 off",
                "id": a.id,
                "articles": _articles(list(a.articles)),
                "statement": a.statement.label(),
            }
            for a in model.assumptions
        ],
    }


# ----- findings --------------------------------------------------------------------------
def _subject(names: Names | None, subject: str) -> Label:
    """A finding's subject by name (:meth:`Names.subject`); the id itself without a model."""
    return Label(subject, subject) if names is None else names.subject(subject)


def _cx(cx: Mapping[str, Any] | None, names: Names | None) -> dict[str, Any] | None:
    if not cx:
        return None
    absent = [f"{_text(names, a['person'])}: {_text(names, a['reason'])}" for a in cx.get("absent", [])]
    scene = None
    if cx.get("cast"):
        scene = (
            names.scene(cx["cast"])
            if names is not None
            else Label("; ".join(f"{k}: {v}" for k, v in cx["cast"].items()), "")
        )
    dates = "; ".join(
        f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
        for k, v in (cx.get("dates") or {}).items()
    )
    return {
        "absent": absent,
        "scene": scene,
        "conditions": "、".join(_text(names, c) for c in cx.get("conditions", ())),
        "dates": dates,
        "trace": [_lab(s) for s in cx.get("trace", [])],
    }


def _finding(f: Mapping[str, Any], names: Names | None) -> dict[str, Any]:
    loc = f.get("location")
    return {
        "status": f["status"],
        "tag": _tag(_STATUS, f["status"]),
        "property": f["property"],
        "subject": _subject(names, f["subject"]),
        "articles": _articles(f["articles"]),
        "message": _lab(f["message"]),
        "statement": _lab(f.get("statement")),
        "fingerprint": f["fingerprint"],
        "cx": _cx(f.get("counterexample"), names),
        "location": f"{loc['file']}:{loc['line']}" if loc else None,
    }


def findings_view(d: Mapping[str, Any], names: Names | None = None) -> dict[str, Any]:
    """``d``: :func:`govmodel.report.verify_json.results_data` (or its ``findings``/``results``)."""
    found = d.get("results", d.get("findings", []))
    counts = Counter(f["status"] for f in found)
    in_force = [a["id"] for a in d.get("assumptions", []) if a.get("enabled", True)]
    rows = [_finding(f, names) for f in found]
    summary = " · ".join(
        f"{_STATUS[s][0]} {_STATUS[s][1]}: {counts.get(s, 0)}" for s in ("violated", "unknown", "holds")
    )
    return {
        "model": str(d["model"].get("id", "") if isinstance(d.get("model"), dict) else d.get("model", "")),
        "bounds": _bounds(d.get("bounds", {})),
        "summary": f"{summary} (共 of {len(found)})",
        "in_force": ", ".join(in_force) or "–",
        "open": [r for r in rows if r["status"] != "holds"],
        "held": [r for r in rows if r["status"] == "holds"],
        "filters": [
            ("open", "未解决", "open", counts.get("violated", 0) + counts.get("unknown", 0)),
            ("all", "全部", "all", len(found)),
            *((s, *_STATUS[s], counts.get(s, 0)) for s in ("violated", "holds", "unknown")),
        ],
    }


# ----- simulation ------------------------------------------------------------------------
def sim_view(d: Mapping[str, Any], names: Names | None = None, top: int = 40) -> dict[str, Any]:
    """``d``: :func:`govmodel.report.sim_json.sim_to_dict`."""
    from govmodel.report.sim_text import INTERVALS

    def label(ident: str, given: Mapping[str, str] | None = None) -> Label:
        return names.label(ident) if names is not None else _lab(given, ident)

    def count(leaf: Mapping[str, Any]) -> str:
        return f"{_num(leaf['mean'], digits=1)} {_ci(leaf, digits=1)}"

    on_time = []
    for k, v in d["on_time_rate"].items():
        lim = v.get("limit")
        span = duration_label(lim["value"], lim["unit"]) if lim else None
        on_time.append(
            {
                "label": label(k, v.get("label")),
                "articles": _articles(v.get("articles", [])),
                "limit": f"{span.zh} / {span.en}" if span else "–",
                "mean": _num(v["mean"], pct=True),
                "ci": _ci(v, pct=True),
                "n": _num(v["documents"]["mean"], digits=0),
            }
        )
    latency = [
        {
            "label": label(k, v.get("label")),
            "mean": _num(v["mean"]),
            "ci": _ci(v),
            "pct": " / ".join(_num(v["percentiles"][p]["mean"]) for p in ("p50", "p90", "p95")),
        }
        for k, v in d["latency_working_days"].items()
    ]
    bottlenecks = [
        {
            "label": label(b["resource"]),
            "mean": _num(b["utilization"]["mean"], pct=True),
            "ci": _ci(b["utilization"], pct=True),
            "queue": _num((d["queue_length"].get(b["resource"]) or {}).get("mean")),
        }
        for b in d["bottlenecks"]
    ]
    deputies = [
        {"label": label(k, v.get("label")), "mean": _num(v["mean"], digits=1), "ci": _ci(v, digits=1)}
        for k, v in d["deputy_activations"].items()
    ]
    rows = sorted(
        d["could_not_proceed"],
        key=lambda r: -((r["documents"]["mean"] or 0) * 1000 + (r["waits"]["mean"] or 0)),
    )
    blocked = [
        {
            "label": names.blocked(r["key"]) if names is not None else Label(r["key"], r["key"]),
            "gave_up": count(r["documents"]),
            "waits": count(r["waits"]),
            "waited": count(r["wait_working_days"]),
            "why": Names.why(r.get("why")),
        }
        for r in rows[:top]
    ]
    per_rep = d["documents_per_replication"]
    return {
        "scenario": _lab(d["scenario"]["label"]),
        "model": d["model"]["name"],
        "reps": f"{d['replications']} / {d['seed']}",
        "documents": f"{_num(per_rep['mean'], digits=0)} {_ci(per_rep, digits=0)}",
        "outcomes": " / ".join(
            _num(d[k]["mean"], digits=1) for k in ("completed", "abandoned", "unfinished")
        ),
        "intervals": INTERVALS,
        "on_time": on_time,
        "latency": latency,
        "bottlenecks": bottlenecks,
        "deputies": deputies,
        "blocked": blocked,
        "more": max(0, len(rows) - top),
    }


# ----- comparison and reform ---------------------------------------------------------------
def comparison_view(
    d: Mapping[str, Any], names: Names | None = None, hours_per_day: float = 8.0
) -> dict[str, Any]:
    """``d``: :func:`govmodel.report.sim_json.comparison_to_dict`; every KPI row, grouped."""
    from govmodel.report.sim_text import rows_of

    groups: list[dict[str, Any]] = []
    for r in rows_of(dict(d), names, hours_per_day):
        if not groups or groups[-1]["title"] != r["group"]:
            groups.append({"title": r["group"], "rows": [], "zeros": 0})
        if r["zero"] and r["key"] not in ("completed", "abandoned", "unfinished"):
            groups[-1]["zeros"] += 1
            continue
        r["mark"] = "* 显著 significant" if r["significant"] else "= 相同 identical" if r["unchanged"] else ""
        groups[-1]["rows"].append(r)
    return {
        "a": f"{d['a']['id']} ({d['a']['path']})",
        "b": f"{d['b']['id']} ({d['b']['path']})",
        "reps": f"{d['replications']} (seed {d['seed']}, 共同随机数 common random numbers)",
        "groups": groups,
    }


def assessment_view(
    d: Mapping[str, Any], names: Names | None = None, hours_per_day: float = 8.0
) -> dict[str, Any]:
    """``d``: :meth:`govmodel.crosscheck.assess.ReformAssessment.as_dict`."""
    from govmodel.report.reform_text import _absent, _act_row, _finding

    def finding(key: str) -> Label:
        text = _finding(names, key)
        zh, _, en = text.partition(" / ")
        return Label(zh, en) if en else Label(text, text)

    r, v = d["reform"], d["verification"]
    groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    for a in d["authority"]:
        acts = groups.setdefault((a["verdict"], _absent(a["witness"], names)), {})
        act, subject = _act_row(names, a)
        acts.setdefault(act, []).append(subject)
    authority = [
        {
            "tag": _tag(_AUTHORITY, verdict),
            "witness": witness or "–",
            "acts": [(act, "; ".join(sorted(set(s)))) for act, s in sorted(acts.items())],
        }
        for (verdict, witness), acts in groups.items()
    ]
    return {
        "anchor": "reform-" + r["id"],
        "title": _lab(r["title"]),
        "rationale": _lab(r["rationale"]),
        "amends": _articles(r["amends"]),
        "verdict": _tag(_VERDICT, d["verdict"]),
        "models": f"{d['model']['before']} → {d['model']['after']}",
        "bounds": _bounds(v["bounds"]),
        "summary": ", ".join(
            f"{_CHANGE.get(k, (k, k))[0]} {_CHANGE.get(k, (k, k))[1]}: {n}"
            for k, n in sorted(v["summary"].items())
        ),
        "claims_words": CLAIMS,
        "claims": [{"label": finding(k), "tag": _tag(_CHANGE, c)} for k, c in d["claims"].items()],
        "changes": [
            {
                "tag": _tag(_CHANGE, c["change"]),
                "label": finding(c["key"]),
                "articles": _articles(c["articles"]),
            }
            for c in v["changes"]
        ],
        "authority": authority,
        "authority_counts": ", ".join(
            f"{_AUTHORITY.get(k, (k, k))[1]}: {n}" for k, n in sorted(d["authority_summary"].items())
        ),
        "comparison": comparison_view(d["simulation"], names, hours_per_day) if d.get("simulation") else None,
    }
