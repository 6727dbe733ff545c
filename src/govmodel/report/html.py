"""Every HTML output of govmodel, from one set of Jinja2 templates (``templates/``, autoescaped):
the self-contained report page (``govmodel report``) and the rich displays Jupyter shows for a
model, findings, a simulation, a comparison and a reform assessment.

The functions here turn objects into *view data* (names, not ids; numbers formatted in one
unit per quantity, with their interval); the templates only lay them out. The page embeds a
subset of Noto Sans CJK holding every character it shows (Chinese and Latin, buttons
included), its plots as data URIs and a few lines of script for the findings filter: no
external resource, and no time stamp, so the same inputs give the same file.
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from govmodel.model import ACT_LABELS
from govmodel.refs import Label
from govmodel.report.coverage import coverage as coverage_data
from govmodel.report.names import Names

__all__ = [
    "build_report", "model_html", "results_html", "finding_html", "sim_html", "comparison_html", "assessment_html",
    "html_of", "DISPLAYS", "render_part", "model_view", "findings_view", "sim_view", "comparison_view", "assessment_view",
]

_CSS = """
*{font-family:"govmodel CJK",sans-serif}
body{margin:0;color:#1d2433;background:#f7f8fa;font-size:14px;line-height:1.45}
button,input,select,code,pre{font-family:"govmodel CJK",sans-serif;font-size:inherit}
header{background:#243b6b;color:#fff;padding:16px 28px}header h1{margin:0;font-size:21px}header p{margin:4px 0 0;opacity:.85}
#toc{background:#fff;border-bottom:1px solid #dde2ea;padding:8px 28px}#toc ol{margin:4px 0;padding-left:22px}
#toc>ol>li{display:inline-block;margin-right:22px;vertical-align:top}#toc a{color:#243b6b;text-decoration:none}
main{padding:8px 28px 40px;max-width:1280px}
details.section{background:#fff;border:1px solid #dde2ea;border-radius:6px;padding:8px 16px;margin:14px 0}
details.reform{border-top:1px solid #e6e9ef;padding:4px 0}
summary{cursor:pointer}summary h2,summary h3{display:inline;font-size:17px;margin:0}summary h3{font-size:15px}
h4{font-size:15px;margin:14px 0 6px}h5{font-size:14px;margin:12px 0 4px}
table.govmodel{border-collapse:collapse;width:100%;font-size:13px;table-layout:auto}
table.govmodel th,table.govmodel td{border-bottom:1px solid #e6e9ef;padding:4px 7px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
table.govmodel th{background:#f0f3f8}table.kv th{width:220px}tr.group th{background:#e8edf6}
td.num{text-align:right;white-space:nowrap}.en{color:#667085}
.tag{display:inline-block;padding:0 6px;border-radius:3px;background:#eef2f8;white-space:nowrap}
.tag.violated,.tag.opened,.tag.opens_gaps{background:#fde0dd}.tag.unknown,.tag.claims_not_met{background:#fff3cd}
.tag.holds,.tag.closed,.tag.as_claimed{background:#e5f5e0}
code.fp{word-break:break-all;font-size:12px}ul.plain{margin:2px 0;padding-left:18px}
img{max-width:100%;border:1px solid #e6e9ef;margin:6px 0}.filters button{margin:0 6px 8px 0;padding:3px 10px}
"""

_JS = """
function show(want){document.querySelectorAll('#findings tbody tr').forEach(function(r){
  var s=r.dataset.status;r.style.display=(want==='all'||s===want||(want==='open'&&s!=='holds'))?'':'none';});}
document.querySelectorAll('[data-filter]').forEach(function(b){b.addEventListener('click',function(){show(b.getAttribute('data-filter'));});});
show('open');
"""

_STATUS = {"holds": ("成立", "holds"), "violated": ("违反", "violated"), "unknown": ("未知", "unknown")}
_VERDICT = {"as_claimed": ("如其所述", "as claimed"), "claims_not_met": ("未达所述", "claims not met"),
            "opens_gaps": ("产生新缺口", "opens gaps")}
_CHANGE = {"closed": ("已消除", "closed"), "opened": ("新出现", "opened"), "still_violated": ("仍违反", "still violated"),
           "still_holds": ("仍成立", "still holds"), "unknown": ("未知", "unknown"), "gone": ("已不存在", "gone"),
           "new_holds": ("新增且成立", "new, holds"), "not_found": ("未找到", "not found")}
_AUTHORITY = {"more_permissive": ("更宽", "more permissive"), "less_permissive": ("更窄", "less permissive"),
              "incomparable": ("不可比", "incomparable"), "added": ("新增", "added"), "removed": ("删除", "removed"),
              "equivalent": ("等同", "equivalent")}
_UNIT = {"working_days": ("个工作日", "working days"), "calendar_days": ("个自然日", "calendar days"), "months": ("个月", "months")}


@cache
def _env() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("govmodel.report", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def render_part(name: str, view: Any) -> str:
    """One macro of templates/parts.html.j2 (model, findings, finding, sim, comparison, assessment) on its view data."""
    template = _env().from_string('{% import "parts.html.j2" as p %}{{ p.' + name + "(v) }}")
    return template.render(v=view)


# ----- formatting ------------------------------------------------------------------------
def _tag(kind: Mapping[str, tuple[str, str]], key: str) -> dict[str, str]:
    zh, en = kind.get(key, (key, key))
    return {"zh": zh, "en": en, "cls": key}


def _articles(nums: Sequence[int]) -> str:
    return ("第" + "、".join(map(str, nums)) + "条 / art. " + ", ".join(map(str, nums))) if nums else "–"


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
    words = {"k": "至多缺位 absences at most", "related_max": "相关部门 related departments ≤", "timeout_s": "超时 timeout (s)",
             "timeout": "超时 timeout (s)"}
    return "; ".join(f"{words.get(k, k)} {'全部 everyone' if v is None else v}" for k, v in b.items()) or "–"


# ----- model -----------------------------------------------------------------------------
def model_view(model: Any, coverage: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """``coverage``: the model's coverage data when the caller already has it (the report)."""
    cast = model.cast
    counts = [(("角色", "roles"), len(model.roles)), (("人员", "persons"), len(cast.persons) if cast else 0),
              (("文件类型", "document types"), len(model.document_types)), (("程序", "procedures"), len(model.all_procedures())),
              (("会议", "meetings"), len(model.meetings)), (("代行规则", "deputy rules"), len(model.deputy_rules)),
              (("时限", "time limits"), len(model.time_limits))]
    status = Counter(r["status"] for r in (coverage or coverage_data(model))["articles"])  # per sentence: partly encoded is not encoded
    counts += [(("已编码条文", "articles encoded"), status["encoded"]),
               (("部分编码条文", "articles partly encoded"), status["partly_encoded"]),
               (("非操作性条文", "non-operational articles"), status["non_operational"])]
    r = model.ruleset
    return {
        "ruleset": f"{r.title.zh} / {r.title.en} ({model.name})", "issuer": f"{r.issuer.zh} / {r.issuer.en}",
        "adopted": str(r.adopted), "articles": r.articles, "counts": counts,
        "on": sum(a.id in model.enabled for a in model.assumptions),
        "assumptions": [{"state": "采用 in force" if a.id in model.enabled else "未采用 off", "id": a.id,
                         "articles": _articles(list(a.articles)), "statement": a.statement.label()} for a in model.assumptions],
    }


# ----- findings --------------------------------------------------------------------------
_WORDS = {"deputy_rules": ("代行规则", "deputy rules"), "roles": ("角色", "roles"), "leave_rules": ("准假规则", "leave rules")}


def _subject(names: Names | None, subject: str) -> Label:
    """A finding's subject by name: an element, a step, or several joined (``a > b`` an order,
    ``a ~ b`` a pair, ``rule@person``, ``step@dept+dept``)."""
    if names is None:
        return Label(subject, subject)
    seps = {" > ": (" → ", " → "), " ~ ": (" ~ ", " ~ "), "@": ("@", " @ "), "+": ("、", ", "), ":": (":", ": ")}
    zh, en = [], []
    for tok in re.split(r"( ~ | > |@|\+|:)", subject):
        if tok in seps:
            zh.append(seps[tok][0])
            en.append(seps[tok][1])
            continue
        el = names.model.get(tok)
        head, _, act = tok.partition(".")
        if el is not None and act:
            lab = names.step(tok)
        elif act and names.model.get(head) is not None:  # meeting.presides
            a = next((x for k, x in ACT_LABELS.items() if k.value == act), Label(act, act))
            m = names.label(head)
            lab = Label(f"{m.zh} · {a.zh}", f"{m.en} · {a.en}")
        elif tok in _WORDS:
            lab = Label(*_WORDS[tok])
        else:
            lab = names.value(tok)
        zh.append(lab.zh)
        en.append(lab.en)
    return Label("".join(zh), "".join(en))


def _cx(cx: Mapping[str, Any] | None, names: Names | None) -> dict[str, Any] | None:
    if not cx:
        return None
    absent = [f"{_text(names, a['person'])}: {_text(names, a['reason'])}" for a in cx.get("absent", [])]
    scene = None
    if cx.get("cast"):
        scene = names.scene(cx["cast"]) if names is not None else Label(
            "; ".join(f"{k}: {v}" for k, v in cx["cast"].items()), "")
    dates = "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in (cx.get("dates") or {}).items())
    return {"absent": absent, "scene": scene, "conditions": "、".join(_text(names, c) for c in cx.get("conditions", ())),
            "dates": dates, "trace": [_lab(s) for s in cx.get("trace", [])]}


def _finding(f: Mapping[str, Any], names: Names | None) -> dict[str, Any]:
    loc = f.get("location")
    return {"status": f["status"], "tag": _tag(_STATUS, f["status"]), "property": f["property"],
            "subject": _subject(names, f["subject"]), "articles": _articles(f["articles"]), "message": _lab(f["message"]),
            "statement": _lab(f.get("statement")), "fingerprint": f["fingerprint"], "cx": _cx(f.get("counterexample"), names),
            "location": f"{loc['file']}:{loc['line']}" if loc else None}


def findings_view(d: Mapping[str, Any], names: Names | None = None) -> dict[str, Any]:
    """``d``: :func:`govmodel.report.verify_json.results_data` (or its ``findings``/``results``)."""
    found = d.get("results", d.get("findings", []))
    counts = Counter(f["status"] for f in found)
    in_force = [a["id"] for a in d.get("assumptions", []) if a.get("enabled", True)]
    rows = [_finding(f, names) for f in found]
    summary = " · ".join(f"{_STATUS[s][0]} {_STATUS[s][1]}: {counts.get(s, 0)}" for s in ("violated", "unknown", "holds"))
    return {
        "model": str(d["model"].get("id", "") if isinstance(d.get("model"), dict) else d.get("model", "")),
        "bounds": _bounds(d.get("bounds", {})), "summary": f"{summary} (共 of {len(found)})",
        "in_force": ", ".join(in_force) or "–",
        "open": [r for r in rows if r["status"] != "holds"], "held": [r for r in rows if r["status"] == "holds"],
        "filters": [("open", "未解决", "open", counts.get("violated", 0) + counts.get("unknown", 0)),
                    ("all", "全部", "all", len(found)), ("violated", "违反", "violated", counts.get("violated", 0)),
                    ("holds", "成立", "holds", counts.get("holds", 0)), ("unknown", "未知", "unknown", counts.get("unknown", 0))],
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
        unit = _UNIT.get(lim["unit"], (lim["unit"], lim["unit"])) if lim else None
        on_time.append({"label": label(k, v.get("label")), "articles": _articles(v.get("articles", [])),
                        "limit": f"{lim['value']}{unit[0]} / {lim['value']} {unit[1]}" if lim else "–",
                        "mean": _num(v["mean"], pct=True), "ci": _ci(v, pct=True), "n": _num(v["documents"]["mean"], digits=0)})
    latency = [{"label": label(k, v.get("label")), "mean": _num(v["mean"]), "ci": _ci(v),
                "pct": " / ".join(_num(v["percentiles"][p]["mean"]) for p in ("p50", "p90", "p95"))}
               for k, v in d["latency_working_days"].items()]
    bottlenecks = [{"label": label(b["resource"]), "mean": _num(b["utilization"]["mean"], pct=True),
                    "ci": _ci(b["utilization"], pct=True), "queue": _num((d["queue_length"].get(b["resource"]) or {}).get("mean"))}
                   for b in d["bottlenecks"]]
    deputies = [{"label": label(k, v.get("label")), "mean": _num(v["mean"], digits=1), "ci": _ci(v, digits=1)}
                for k, v in d["deputy_activations"].items()]
    rows = sorted(d["could_not_proceed"], key=lambda r: -((r["documents"]["mean"] or 0) * 1000 + (r["waits"]["mean"] or 0)))
    blocked = [{"label": names.blocked(r["key"]) if names is not None else Label(r["key"], r["key"]),
                "gave_up": count(r["documents"]), "waits": count(r["waits"]), "waited": count(r["wait_working_days"]),
                "why": Names.why(r.get("why"))} for r in rows[:top]]
    return {
        "scenario": _lab(d["scenario"]["label"]), "model": d["model"]["name"], "reps": f"{d['replications']} / {d['seed']}",
        "documents": f"{_num(d['documents_per_replication']['mean'], digits=0)} {_ci(d['documents_per_replication'], digits=0)}",
        "outcomes": " / ".join(_num(d[k]["mean"], digits=1) for k in ("completed", "abandoned", "unfinished")),
        "intervals": INTERVALS, "on_time": on_time, "latency": latency, "bottlenecks": bottlenecks, "deputies": deputies,
        "blocked": blocked, "more": max(0, len(rows) - top),
    }


# ----- comparison and reform ---------------------------------------------------------------
def comparison_view(d: Mapping[str, Any], names: Names | None = None, hours_per_day: float = 8.0) -> dict[str, Any]:
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
    return {"a": f"{d['a']['id']} ({d['a']['path']})", "b": f"{d['b']['id']} ({d['b']['path']})",
            "reps": f"{d['replications']} (seed {d['seed']}, 共同随机数 common random numbers)", "groups": groups}


def assessment_view(d: Mapping[str, Any], names: Names | None = None, hours_per_day: float = 8.0) -> dict[str, Any]:
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
    authority = [{"tag": _tag(_AUTHORITY, verdict), "witness": witness or "–",
                  "acts": [(act, "; ".join(sorted(set(s)))) for act, s in sorted(acts.items())]}
                 for (verdict, witness), acts in groups.items()]
    return {
        "anchor": "reform-" + r["id"], "title": _lab(r["title"]), "rationale": _lab(r["rationale"]),
        "amends": _articles(r["amends"]), "verdict": _tag(_VERDICT, d["verdict"]),
        "models": f"{d['model']['before']} → {d['model']['after']}", "bounds": _bounds(v["bounds"]),
        "summary": ", ".join(f"{_CHANGE.get(k, (k, k))[0]} {_CHANGE.get(k, (k, k))[1]}: {n}" for k, n in sorted(v["summary"].items())),
        "claims": [{"label": finding(k), "tag": _tag(_CHANGE, c)} for k, c in d["claims"].items()],
        "changes": [{"tag": _tag(_CHANGE, c["change"]), "label": finding(c["key"]), "articles": _articles(c["articles"])}
                    for c in v["changes"]],
        "authority": authority,
        "authority_counts": ", ".join(f"{_AUTHORITY.get(k, (k, k))[1]}: {n}" for k, n in sorted(d["authority_summary"].items())),
        "comparison": comparison_view(d["simulation"], names, hours_per_day) if d.get("simulation") else None,
    }


# ----- the report page ----------------------------------------------------------------------
def build_report(model: Any, coverage: dict[str, Any], check: dict[str, Any] | None = None,
                 sim: dict[str, Any] | None = None, plots: dict[str, bytes] | None = None,
                 reforms: list[dict[str, Any]] | None = None, sensitivity: dict[str, Any] | None = None) -> str:
    """The report as one HTML string, from plain data (coverage JSON, check JSON, simulation
    JSON summary, plot PNGs, reform assessments' ``as_dict()``, and a sweep's
    ``{"summary": text, "plots": {name: PNG}}`` as written by ``govmodel sweep``). No time
    stamp: the same inputs give the same bytes."""
    names = Names(model)
    hours = (sim or {}).get("clock", {}).get("hours_per_day") or 8.0
    cov_rows = []
    for r in coverage["articles"]:
        encoded = r["status"] in ("encoded", "partly_encoded")
        what = ("; ".join(_text(names, e) for e in r["elements"]) if encoded
                else f"{(r.get('reason') or {}).get('zh', '')} / {(r.get('reason') or {}).get('en', '')}")
        status = {"encoded": "已编码 encoded", "partly_encoded": "部分编码 partly encoded"}.get(r["status"], "非操作性 non-operational")
        cov_rows.append({"article": r["article"], "status": status, "what": what, "text": model.article_text(r["article"])})
    reform_views = []
    for rd in reforms or []:
        rv = assessment_view(rd, Names(model) if names is None else names, hours)
        reform_views.append(rv)
    sections: list[dict[str, Any]] = [{"id": "model", "zh": "模型", "en": "Model", "children": []},
                                      {"id": "coverage", "zh": "覆盖", "en": "Coverage", "children": []}]
    if check:
        sections.append({"id": "findings-section", "zh": "验证", "en": "Findings", "children": []})
    if sim:
        sections.append({"id": "simulation", "zh": "仿真", "en": "Simulation", "children": []})
    if reform_views:
        sections.append({"id": "reforms", "zh": "改革", "en": "Reforms",
                         "children": [{"id": rv["anchor"], "zh": rv["title"].zh} for rv in reform_views]})
    if sensitivity:
        sections.append({"id": "sensitivity", "zh": "敏感性", "en": "Sensitivity", "children": []})
    context = {
        "title": model.ruleset.title, "model_name": model.name, "sections": sections, "model": model_view(model, coverage),
        "coverage": {"rows": cov_rows, "encoded": sum(r["status"] == "encoded" for r in coverage["articles"]),
                     "partly": sum(r["status"] == "partly_encoded" for r in coverage["articles"])},
        "findings": findings_view(check, names) if check else None,
        "sim": sim_view(sim, names) if sim else None,
        "plots": [(n, "data:image/png;base64," + base64.b64encode(data).decode()) for n, data in (plots or {}).items()],
        "reforms": reform_views, "css": _CSS, "js": _JS,
        "sensitivity": {"summary": sensitivity["summary"],
                        "plots": [(n, "data:image/png;base64," + base64.b64encode(data).decode())
                                  for n, data in sorted(sensitivity.get("plots", {}).items())]} if sensitivity else None,
    }
    template = _env().get_template("report.html.j2")
    draft = template.render(**context, font_face="")
    return template.render(**context, font_face=_font_face(draft)) + "\n"


def _font_face(text: str) -> str:
    """The glyphs the page uses (Chinese and Latin), embedded, so it reads the same on any machine."""
    from govmodel.report.fonts import cjk_subset_font

    data = base64.b64encode(cjk_subset_font(text)).decode()
    return f"@font-face{{font-family:'govmodel CJK';src:url(data:font/otf;base64,{data}) format('opentype')}}"


# ----- Jupyter's rich displays ----------------------------------------------------------------
def model_html(model: Any) -> str:
    return render_part("model", model_view(model))


def results_html(results: Any) -> str:
    from govmodel.report.verify_json import results_data

    assumed = tuple(sorted((a.id, a.enabled) for a in results.assumptions))
    return render_part("findings", findings_view(results_data(results), _names_at(results.model_path, assumed)))


@cache
def _names_at(path: str, assumed: tuple[tuple[str, bool], ...]) -> Names | None:
    """Display names for results that carry only their model's folder (Jupyter's display of
    :class:`~govmodel.findings.Results`); ids where that folder no longer loads."""
    from govmodel.errors import GovmodelError
    from govmodel.model import load_model

    try:
        return Names(load_model(path, dict(assumed) or None))
    except (GovmodelError, OSError):
        return None


def finding_html(finding: Any) -> str:
    return render_part("finding", _finding(finding.as_dict(), None))


def sim_html(result: Any) -> str:
    from govmodel.report.sim_json import sim_to_dict

    return render_part("sim", sim_view(sim_to_dict(result), Names(result.loaded.model)))


def comparison_html(comparison: Any) -> str:
    from govmodel.report.sim_json import comparison_to_dict

    hours = comparison.a.loaded.spec.calendar.hours_per_day or 8.0
    return render_part("comparison", comparison_view(comparison_to_dict(comparison), Names(comparison.b.loaded.model), hours))


def assessment_html(assessment: Any) -> str:
    return render_part("assessment", assessment_view(assessment.as_dict(), Names(assessment.after)))


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
