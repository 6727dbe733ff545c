"""Small HTML tables for Jupyter: the ``_repr_html_`` of models, findings, simulation results,
comparisons and reform assessments.

Each object's ``_repr_html_`` imports this module lazily (the model and the findings never
import the report layer at module level). Two kinds of functions: ``*_data(obj)`` turns an
object into plain data (mostly its ``as_dict()``), and ``*_table(data)`` turns that data
into an HTML string. Every text is escaped with :func:`html.escape`; headers carry Chinese
and English. No matplotlib, no JavaScript, no external resources.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

__all__ = [
    "assessment_html", "assessment_table", "comparison_html", "comparison_table", "finding_html",
    "finding_table", "model_data", "model_html", "model_table", "results_data", "results_html",
    "results_table", "sim_html", "sim_table",
]

Header = tuple[str, str]  # (中文, English)

_STATUS = {"holds": ("成立", "holds"), "violated": ("违反", "violated"), "unknown": ("未知", "unknown")}
_VERDICT = {"as_claimed": ("如其所述", "as claimed"), "claims_not_met": ("未达所述", "claims not met"),
            "opens_gaps": ("产生新缺口", "opens gaps")}
_CHANGE = {"closed": ("已消除", "closed"), "opened": ("新出现", "opened"), "still_violated": ("仍违反", "still violated"),
           "still_holds": ("仍成立", "still holds"), "unknown": ("未知", "unknown"), "gone": ("已不存在", "gone"),
           "new_holds": ("新增且成立", "new, holds"), "not_found": ("未找到", "not found")}
_AUTHORITY = {"more_permissive": ("更宽", "more permissive"), "less_permissive": ("更窄", "less permissive"),
              "incomparable": ("不可比", "incomparable"), "added": ("新增", "added"), "removed": ("删除", "removed"),
              "equivalent": ("等同", "equivalent")}
_COLOR = {"violated": "#fde0dd", "unknown": "#fff3cd", "holds": "#e5f5e0", "closed": "#e5f5e0", "opened": "#fde0dd",
          "as_claimed": "#e5f5e0", "claims_not_met": "#fff3cd", "opens_gaps": "#fde0dd"}


# ----- building blocks ------------------------------------------------------------------
def _e(value: Any) -> str:
    """Escaped text; ``None`` shows as a dash."""
    return "–" if value is None else escape(str(value))


def _h(header: Header) -> str:
    return f"{escape(header[0])}<br>{escape(header[1])}"


def _both(zh: Any, en: Any) -> str:
    return f"{_e(zh)}<br>{_e(en)}" if zh != en else _e(en)


def _label(pair: Mapping[str, str] | None, fallback: str = "") -> str:
    return _both(pair["zh"], pair["en"]) if pair else _e(fallback)


def _tag(kind: Mapping[str, Header], key: str) -> str:
    zh, en = kind.get(key, (key, key))
    color = _COLOR.get(key)
    style = f' style="background:{color}"' if color else ""
    return f"<span{style}>{_both(zh, en)}</span>"


def _table(headers: Sequence[Header], rows: Iterable[Sequence[str]], caption: str = "") -> str:
    """A table whose cells are already HTML (escaped by the caller)."""
    head = "".join(f'<th style="text-align:left">{_h(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td style="text-align:left">{c}</td>' for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f'<table class="govmodel">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _kv(rows: Iterable[tuple[Header, str]]) -> str:
    """A two-column table: bilingual name, value (already HTML)."""
    body = "".join(f'<tr><th style="text-align:left">{_h(k)}</th><td style="text-align:left">{v}</td></tr>' for k, v in rows)
    return f'<table class="govmodel"><tbody>{body}</tbody></table>'


def _title(zh: str, en: str, level: int = 4) -> str:
    return f"<h{level}>{escape(zh)} / {escape(en)}</h{level}>"


def _articles(numbers: Iterable[int]) -> str:
    nums = list(numbers)
    return _e("第" + "、".join(map(str, nums)) + "条 / art. " + ", ".join(map(str, nums))) if nums else "–"


def _num(x: float | None, pct: bool = False, digits: int = 2) -> str:
    if x is None:
        return "–"
    return f"{100 * x:.1f}%" if pct else f"{x:.{digits}f}"


def _ci(leaf: Mapping[str, Any] | None, pct: bool = False, digits: int = 2) -> str:
    ci = (leaf or {}).get("ci95")
    return f"[{_num(ci[0], pct, digits)}, {_num(ci[1], pct, digits)}]" if ci else "–"


def _div(*parts: str) -> str:
    return '<div class="govmodel">' + "".join(parts) + "</div>"


# ----- model ----------------------------------------------------------------------------
def model_data(model: Any) -> dict[str, Any]:
    """A model's summary as plain data: ruleset, element counts, assumptions."""
    cast = model.cast
    return {
        "name": model.name,
        "ruleset": {"id": model.ruleset.id, "title": model.ruleset.title.label().as_dict(),
                    "issuer": model.ruleset.issuer.label().as_dict(), "adopted": str(model.ruleset.adopted),
                    "articles": model.ruleset.articles},
        "overlays": list(model.overlays),
        "counts": {"roles": len(model.roles), "persons": len(cast.persons) if cast else 0,
                   "document_types": len(model.document_types), "procedures": len(model.all_procedures()),
                   "meetings": len(model.meetings), "deputy_rules": len(model.deputy_rules),
                   "time_limits": len(model.time_limits), "articles_cited": len(model.citations()),
                   "non_operational": len(model.non_operational)},
        "assumptions": [{"id": a.id, "enabled": a.id in model.enabled, "articles": list(a.articles),
                         "statement": a.statement.label().as_dict()} for a in model.assumptions],
    }


_COUNTS: tuple[tuple[str, Header], ...] = (
    ("roles", ("角色", "roles")), ("persons", ("人员", "persons")), ("document_types", ("文件类型", "document types")),
    ("procedures", ("程序", "procedures")), ("meetings", ("会议", "meetings")),
    ("deputy_rules", ("代行规则", "deputy rules")), ("time_limits", ("时限", "time limits")),
    ("articles_cited", ("已编码条文", "articles encoded")), ("non_operational", ("非操作性条文", "non-operational articles")),
)


def _assumption_rows(items: Iterable[Mapping[str, Any]]) -> list[list[str]]:
    return [["✔ 采用 in force" if a["enabled"] else "✘ 未采用 off", f"<code>{_e(a['id'])}</code>",
             _articles(a["articles"]), _label(a["statement"])] for a in items]


def model_table(d: Mapping[str, Any]) -> str:
    r = d["ruleset"]
    head = _kv([(("规则", "ruleset"), f"<code>{_e(d['name'])}</code> {_label(r['title'])}"),
                (("制定机关", "issuer"), _label(r["issuer"])), (("通过日期", "adopted"), _e(r["adopted"])),
                (("条文数", "articles"), _e(r["articles"]))]
               + [(h, _e(d["counts"][k])) for k, h in _COUNTS])
    on = sum(a["enabled"] for a in d["assumptions"])
    assumptions = _table((("状态", "state"), ("假设", "assumption"), ("条文", "articles"), ("内容", "statement")),
                         _assumption_rows(d["assumptions"]))
    return _div(_title("规则模型", "Rules model"), head,
                _title(f"假设({on}项采用)", f"Assumptions ({on} in force of {len(d['assumptions'])})", 5), assumptions)


def model_html(model: Any) -> str:
    return model_table(model_data(model))


# ----- findings -------------------------------------------------------------------------
def _absent(ce: Mapping[str, Any] | None) -> str:
    if not ce or not ce.get("absent"):
        return "–"
    return "<br>".join(f"<code>{_e(a['person'])}</code> ({_e(a['reason'])})" for a in ce["absent"])


def _finding_row(f: Mapping[str, Any]) -> list[str]:
    return [_tag(_STATUS, f["status"]), f"<code>{_e(f['property'])}</code>", f"<code>{_e(f['subject'])}</code>",
            _articles(f["articles"]), _e(f["message"]["zh"]), _e(f["message"]["en"]), _absent(f.get("counterexample"))]


_FINDING_HEADERS: tuple[Header, ...] = (
    ("状态", "status"), ("性质", "property"), ("对象", "subject"), ("条文", "articles"),
    ("说明", "message (zh)"), ("说明(英文)", "message (en)"), ("反例:缺位人员", "counterexample: absent"),
)


def results_data(results: Any) -> dict[str, Any]:
    """A verification run as plain data: model, bounds, assumptions and every finding."""
    return {"model": results.model, "bounds": dict(results.options),
            "assumptions": [a.as_dict() for a in results.assumptions],
            "findings": [f.as_dict() for f in results.findings]}


def results_table(d: Mapping[str, Any]) -> str:
    """Violated and unknown findings in a table; those that hold folded below it."""
    findings = d["findings"]
    counts = Counter(f["status"] for f in findings)
    summary = " · ".join(f"{_STATUS[s][0]} {s}: {counts.get(s, 0)}" for s in ("violated", "unknown", "holds"))
    bounds = ", ".join(f"{k}={v}" for k, v in d["bounds"].items())
    open_ = [f for f in findings if f["status"] != "holds"]
    held = [f for f in findings if f["status"] == "holds"]
    in_force = [a["id"] for a in d["assumptions"] if a["enabled"]]
    parts = [
        _title("验证结果", "Verification results"),
        _kv([(("模型", "model"), f"<code>{_e(d['model'])}</code>"), (("界限", "bounds"), _e(bounds or "–")),
             (("结果", "findings"), _e(f"{summary} (of {len(findings)})")),
             (("采用的假设", "assumptions in force"), ", ".join(f"<code>{_e(a)}</code>" for a in in_force) or "–")]),
        _table(_FINDING_HEADERS, (_finding_row(f) for f in open_)) if open_ else "<p>无违反 / nothing violated</p>",
    ]
    if held:
        parts.append(f"<details><summary>{escape(f'成立的性质 {len(held)} 项 / {len(held)} properties hold')}</summary>"
                     + _table(_FINDING_HEADERS[:4] + (("说明", "message"),),
                              ([*_finding_row(f)[:4], _label(f["message"])] for f in held)) + "</details>")
    return _div(*parts)


def results_html(results: Any) -> str:
    return results_table(results_data(results))


def _trace(ce: Mapping[str, Any]) -> str:
    items = "".join(f"<li>{_both(s['zh'].strip(), s['en'].strip())}"
                    f"{(' <small>' + _articles(s['articles']) + '</small>') if s.get('articles') else ''}</li>"
                    for s in ce.get("trace", ()))
    return f"<ol>{items}</ol>" if items else "–"


def _mapping(m: Mapping[str, Any] | None) -> str:
    if not m:
        return "–"
    return "<br>".join(f"{_e(k)}: {_e(', '.join(map(str, v)) if isinstance(v, list) else v)}" for k, v in m.items())


def finding_table(f: Mapping[str, Any]) -> str:
    """One finding in full: statement, message, counterexample with its trace."""
    rows: list[tuple[Header, str]] = [
        (("状态", "status"), _tag(_STATUS, f["status"])),
        (("性质", "property"), f"<code>{_e(f['property'])}</code> ({_e(f['class'])})"),
        (("对象", "subject"), f"<code>{_e(f['subject'])}</code>"),
        (("条文", "articles"), _articles(f["articles"])),
        (("性质陈述", "statement"), _label(f["statement"])),
        (("说明", "message"), _label(f["message"])),
        (("指纹", "fingerprint"), f"<code>{_e(f['fingerprint'])}</code>"),
    ]
    if f.get("location"):
        rows.append((("位置", "location"), _e(f"{f['location']['file']}:{f['location']['line']}")))
    ce = f.get("counterexample")
    if ce:
        rows += [(("反例:缺位人员", "counterexample: absent"), _absent(ce)),
                 (("情形", "context"), _mapping(ce.get("cast"))),
                 (("条件", "conditions"), _e(", ".join(ce.get("conditions", ()))) or "–"),
                 (("日期", "dates"), _mapping(ce.get("dates"))),
                 (("过程", "trace"), _trace(ce))]
    return _div(_title("验证结论", "Finding"), _kv(rows))


def finding_html(finding: Any) -> str:
    return finding_table(finding.as_dict())


# ----- simulation -----------------------------------------------------------------------
def sim_table(d: Mapping[str, Any], top: int = 10) -> str:
    """KPIs of a simulation (``sim_to_dict``): mean over replications and 95 % interval."""
    head = _kv([
        (("情景", "scenario"), f"<code>{_e(d['scenario']['id'])}</code> {_label(d['scenario']['label'])}"),
        (("模型", "model"), f"<code>{_e(d['model']['name'])}</code>"),
        (("重复次数 / 种子", "replications / seed"), _e(f"{d['replications']} / {d['seed']}")),
        (("公文(每次重复)", "documents per replication"), f"{_num(d['documents_per_replication']['mean'], digits=0)} {_ci(d['documents_per_replication'], digits=0)}"),
        (("办结 / 无法继续 / 未办结", "completed / could not proceed / unfinished"),
         " / ".join(_num(d[k]["mean"], digits=1) for k in ("completed", "abandoned", "unfinished"))),
    ])
    on_time = _table(
        (("时限", "time limit"), ("条文", "articles"), ("期限", "limit"), ("按时率", "on-time rate"), ("95%置信区间", "95% CI"), ("公文数", "documents")),
        ([f"<code>{_e(k)}</code><br>{_label(v['label'])}", _articles(v["articles"]),
          _e(f"{v['limit']['value']} {v['limit']['unit']}") if v.get("limit") else "–",
          _num(v["mean"], pct=True), _ci(v, pct=True), _num(v["documents"]["mean"], digits=0)] for k, v in d["on_time_rate"].items()))
    latency = _table(
        (("文件类型", "document type"), ("平均(工作日)", "mean (working days)"), ("95%置信区间", "95% CI"), ("p50 / p90 / p95", "p50 / p90 / p95")),
        ([f"<code>{_e(k)}</code><br>{_label(v['label'])}", _num(v["mean"]), _ci(v),
          " / ".join(_num(v["percentiles"][p]["mean"]) for p in ("p50", "p90", "p95"))] for k, v in d["latency_working_days"].items()))
    bottlenecks = _table(
        (("人员或机构", "person or institution"), ("利用率", "utilization"), ("95%置信区间", "95% CI"), ("平均排队", "mean queue")),
        ([f"<code>{_e(b['resource'])}</code>", _num(b["utilization"]["mean"], pct=True), _ci(b["utilization"], pct=True),
          _num((d["queue_length"].get(b["resource"]) or {}).get("mean"))] for b in d["bottlenecks"]))
    deputies = _table(
        (("代行规则", "deputy rule"), ("代行次数", "activations"), ("95%置信区间", "95% CI")),
        ([f"<code>{_e(k)}</code><br>{_label(v['label'])}", _num(v["mean"], digits=1), _ci(v, digits=1)]
         for k, v in d["deputy_activations"].items()))
    rows = sorted(d["could_not_proceed"], key=lambda r: -((r["documents"]["mean"] or 0) * 1000 + (r["waits"]["mean"] or 0)))
    blocked = _table(
        (("步骤与原因", "step and reason"), ("放弃的公文", "documents given up"), ("等待次数", "waits"), ("说明", "why")),
        ([f"<code>{_e(r['key'])}</code>", f"{_num(r['documents']['mean'], digits=1)} {_ci(r['documents'], digits=1)}",
          f"{_num(r['waits']['mean'], digits=1)} {_ci(r['waits'], digits=1)}", _e(r.get("why"))] for r in rows[:top]))
    more = f"<p>{escape(f'另有 {len(rows) - top} 项 / {len(rows) - top} more')}</p>" if len(rows) > top else ""
    return _div(_title("仿真结果", "Simulation results"), head,
                _title("按时率", "On-time rate per time limit", 5), on_time,
                _title("办理时长", "Latency", 5), latency,
                _title("瓶颈", "Bottlenecks", 5), bottlenecks,
                _title("代行", "Deputy activations", 5), deputies,
                _title("无法继续的公文", "Documents that could not proceed", 5), blocked, more)


def sim_html(result: Any) -> str:
    from govmodel.report.sim_json import sim_to_dict

    return sim_table(sim_to_dict(result))


_HEADLINE = ("completed", "abandoned", "unfinished", "on_time_rate/", "latency_working_days/")
_DETAIL = ("could_not_proceed/", "deputy_activations/", "meeting/", "utilization/", "blocked_wait_working_days/")


def _shown(key: str, v: Mapping[str, Any]) -> bool:
    if key in _HEADLINE[:3] or key.startswith("on_time_rate/"):
        return True
    if key.startswith("latency_working_days/"):
        return key.endswith("/mean")
    return key.startswith(_DETAIL) and bool(v["significant"])


def comparison_table(d: Mapping[str, Any], limit: int = 40) -> str:
    """Paired differences B − A (``comparison_to_dict``): headline measures, then the
    other measures whose 95 % interval excludes 0."""
    items = [(k, v) for k, v in d["differences"].items() if _shown(k, v)]
    rank = lambda k: next((i for i, p in enumerate(_HEADLINE + _DETAIL) if k == p or k.startswith(p)), 99)  # noqa: E731
    items.sort(key=lambda kv: (rank(kv[0]), not kv[1]["significant"], kv[0]))
    rows = [[f"<code>{_e(k)}</code>", _num(v["a"], digits=3), _num(v["b"], digits=3), _num(v["difference"], digits=3),
             _ci(v, digits=3), "✔ 显著 significant" if v["significant"] else ""] for k, v in items[:limit]]
    head = _kv([(("A", "A"), f"<code>{_e(d['a']['id'])}</code>"), (("B", "B"), f"<code>{_e(d['b']['id'])}</code>"),
                (("配对重复", "paired replications"), _e(f"{d['replications']} (seed {d['seed']}, common random numbers)"))])
    table = _table((("指标", "measure"), ("A", "A"), ("B", "B"), ("差值 B−A", "difference B − A"), ("95%置信区间", "95% CI"),
                    ("显著", "significant")), rows)
    return _div(_title("情景比较", "Comparison of scenarios"), head, table)


def comparison_html(comparison: Any) -> str:
    from govmodel.report.sim_json import comparison_to_dict

    return comparison_table(comparison_to_dict(comparison))


# ----- reform assessment -----------------------------------------------------------------
def _witness(w: Mapping[str, Any] | None) -> str:
    if not w:
        return "–"
    absent = ", ".join(f"{p} ({r})" for p, r in (w.get("absent") or {}).items()) or "nobody"
    parts = [f"缺位 absent: {absent}", f"之前 before: {', '.join(w.get('before') or ()) or 'nobody'}",
             f"之后 after: {', '.join(w.get('after') or ()) or 'nobody'}"]
    if w.get("department"):
        parts.insert(0, f"部门 department: {w['department']}")
    return "<br>".join(map(_e, parts))


def _side(s: Mapping[str, Any] | None) -> str:
    return f"{_e(s['status'])}: {_label(s['message'])}" if s else "–"


def assessment_table(d: Mapping[str, Any], limit: int = 40) -> str:
    """A reform's assessment (``ReformAssessment.as_dict()``): verdict, claims, findings
    closed and opened, authority changes with witnesses, and the paired simulation."""
    r, v = d["reform"], d["verification"]
    summary = ", ".join(f"{_CHANGE.get(k, (k, k))[1]}: {n}" for k, n in sorted(v["summary"].items()))
    head = _kv([
        (("改革", "reform"), f"<code>{_e(r['id'])}</code> {_label(r['title'])}"),
        (("理由", "rationale"), _label(r["rationale"])),
        (("修改条文", "amends"), _articles(r["amends"])),
        (("结论", "verdict"), _tag(_VERDICT, d["verdict"])),
        (("模型", "models"), _e(f"{d['model']['before']} → {d['model']['after']}")),
        (("界限", "bounds"), _e(", ".join(f"{k}={x}" for k, x in v["bounds"].items()))),
        (("验证结果变化", "findings"), _e(summary)),
    ])
    claims = _table((("声称消除", "claims to close"), ("结果", "result")),
                    ([f"<code>{_e(k)}</code>", _tag(_CHANGE, c)] for k, c in d["claims"].items()))
    changes = _table((("变化", "change"), ("性质:对象", "property:subject"), ("条文", "articles"), ("之前", "before"), ("之后", "after")),
                     ([_tag(_CHANGE, c["change"]), f"<code>{_e(c['key'])}</code>", _articles(c["articles"]),
                       _side(c["before"]), _side(c["after"])] for c in v["changes"]))
    auth = d["authority"]
    authority = _table((("对象", "subject"), ("步骤", "step"), ("行为", "act"), ("判断", "verdict"), ("条文", "articles"), ("示例情形", "witness")),
                       ([f"<code>{_e(a['subject'])}</code>", f"<code>{_e(a['step'])}</code>", _e(a["act"]), _tag(_AUTHORITY, a["verdict"]),
                         _articles(a["articles"]), _witness(a.get("witness"))] for a in auth[:limit]))
    more = f"<p>{escape(f'另有 {len(auth) - limit} 项 / {len(auth) - limit} more')}</p>" if len(auth) > limit else ""
    counts = ", ".join(f"{_AUTHORITY.get(k, (k, k))[1]}: {n}" for k, n in sorted(d["authority_summary"].items()))
    parts = [_title("改革评估", "Reform assessment"), head, _title("声称", "Claims", 5), claims,
             _title("验证结果的变化", "Findings that changed", 5), changes,
             _title("权限变化", f"Authority changes ({counts})", 5), authority, more]
    if d.get("simulation"):
        parts.append(comparison_table(d["simulation"]))
    return _div(*parts)


def assessment_html(assessment: Any) -> str:
    return assessment_table(assessment.as_dict())


DISPLAYS: tuple[tuple[str, str, str], ...] = (
    ("govmodel.model.model", "Model", "model_html"),
    ("govmodel.findings", "Results", "results_html"),
    ("govmodel.findings", "Finding", "finding_html"),
    ("govmodel.sim.runner", "SimResult", "sim_html"),
    ("govmodel.sim.runner", "Comparison", "comparison_html"),
    ("govmodel.crosscheck.assess", "ReformAssessment", "assessment_html"),
)
"""(module, class, renderer) for the objects Jupyter shows as rich HTML."""


def html_of(obj: Any) -> str:
    """The rich HTML of a model, results, finding, simulation, comparison or assessment."""
    for module, name, func in DISPLAYS:
        if type(obj).__module__ == module and type(obj).__name__ == name:
            return globals()[func](obj)
    raise TypeError(f"no HTML display for {type(obj).__name__}")
