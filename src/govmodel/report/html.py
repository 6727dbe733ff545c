"""Every HTML output of govmodel, from one set of Jinja2 templates (``templates/``, autoescaped):
the self-contained report page (``govmodel report``) and the rich displays Jupyter shows for a
model, findings, a simulation, a comparison and a reform assessment.

:mod:`govmodel.report.html_views` turns objects into *view data* (names, not ids; numbers
formatted in one unit per quantity, with their interval); the templates only lay them out.
The page embeds a subset of Noto Sans CJK holding every character it shows (Chinese and
Latin, buttons included), its plots as data URIs and a few lines of script for the findings
filter: no external resource, and no time stamp, so the same inputs give the same file.
"""

from __future__ import annotations

import base64
from functools import cache
from typing import TYPE_CHECKING, Any

from govmodel.report.html_views import (
    _finding,
    _text,
    assessment_view,
    comparison_view,
    findings_view,
    model_view,
    sim_view,
)
from govmodel.report.names import Names

if TYPE_CHECKING:
    from govmodel.crosscheck.assess import ReformAssessment
    from govmodel.findings import Finding, Results
    from govmodel.model import Model
    from govmodel.sim.runner import Comparison, SimResult

__all__ = [
    "build_report",
    "model_html",
    "results_html",
    "finding_html",
    "sim_html",
    "comparison_html",
    "assessment_html",
    "html_of",
    "DISPLAYS",
    "render_part",
    "model_view",
    "findings_view",
    "sim_view",
    "comparison_view",
    "assessment_view",
]

_CSS = """
*{font-family:"govmodel CJK",sans-serif}
body{margin:0;color:#1d2433;background:#f7f8fa;font-size:14px;line-height:1.45}
button,input,select,code,pre{font-family:"govmodel CJK",sans-serif;font-size:inherit}
header{background:#243b6b;color:#fff;padding:16px 28px}header h1{margin:0;font-size:21px}\
header p{margin:4px 0 0;opacity:.85}
#toc{background:#fff;border-bottom:1px solid #dde2ea;padding:8px 28px}#toc ol{margin:4px 0;padding-left:22px}
#toc>ol>li{display:inline-block;margin-right:22px;vertical-align:top}\
#toc a{color:#243b6b;text-decoration:none}
main{padding:8px 28px 40px;max-width:1280px}
details.section{background:#fff;border:1px solid #dde2ea;border-radius:6px;padding:8px 16px;margin:14px 0}
details.reform{border-top:1px solid #e6e9ef;padding:4px 0}
summary{cursor:pointer}summary h2,summary h3{display:inline;font-size:17px;margin:0}summary h3{font-size:15px}
h4{font-size:15px;margin:14px 0 6px}h5{font-size:14px;margin:12px 0 4px}
table.govmodel{border-collapse:collapse;width:100%;font-size:13px;table-layout:auto}
table.govmodel th,table.govmodel td{border-bottom:1px solid #e6e9ef;padding:4px 7px;text-align:left;\
vertical-align:top;overflow-wrap:anywhere}
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


@cache
def _env() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("govmodel.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_part(name: str, view: Any) -> str:
    """One macro of templates/parts.html.j2 (model, findings, finding, sim, comparison, assessment)
    on its view data."""
    template = _env().from_string('{% import "parts.html.j2" as p %}{{ p.' + name + "(v) }}")
    return template.render(v=view)


# ----- the report page ----------------------------------------------------------------------
def build_report(
    model: Any,
    coverage: dict[str, Any],
    check: dict[str, Any] | None = None,
    sim: dict[str, Any] | None = None,
    plots: dict[str, bytes] | None = None,
    reforms: list[dict[str, Any]] | None = None,
    sensitivity: dict[str, Any] | None = None,
) -> str:
    """The report as one HTML string, from plain data (coverage JSON, check JSON, simulation
    JSON summary, plot PNGs, reform assessments' ``as_dict()``, and a sweep's
    ``{"summary": text, "plots": {name: PNG}}`` as written by ``govmodel sweep``). No time
    stamp: the same inputs give the same bytes."""
    names = Names(model)
    hours = (sim or {}).get("clock", {}).get("hours_per_day") or 8.0
    cov_rows = []
    for r in coverage["articles"]:
        encoded = r["status"] in ("encoded", "partly_encoded")
        what = (
            "; ".join(_text(names, e) for e in r["elements"])
            if encoded
            else f"{(r.get('reason') or {}).get('zh', '')} / {(r.get('reason') or {}).get('en', '')}"
        )
        status = {"encoded": "已编码 encoded", "partly_encoded": "部分编码 partly encoded"}.get(
            r["status"], "非操作性 non-operational"
        )
        cov_rows.append(
            {
                "article": r["article"],
                "status": status,
                "what": what,
                "text": model.article_text(r["article"]),
            }
        )
    reform_views = []
    for rd in reforms or []:
        rv = assessment_view(rd, Names(model) if names is None else names, hours)
        reform_views.append(rv)
    sections: list[dict[str, Any]] = [
        {"id": "model", "zh": "模型", "en": "Model", "children": []},
        {"id": "coverage", "zh": "覆盖", "en": "Coverage", "children": []},
    ]
    if check:
        sections.append({"id": "findings-section", "zh": "验证", "en": "Findings", "children": []})
    if sim:
        sections.append({"id": "simulation", "zh": "仿真", "en": "Simulation", "children": []})
    if reform_views:
        sections.append(
            {
                "id": "reforms",
                "zh": "改革",
                "en": "Reforms",
                "children": [{"id": rv["anchor"], "zh": rv["title"].zh} for rv in reform_views],
            }
        )
    if sensitivity:
        sections.append({"id": "sensitivity", "zh": "敏感性", "en": "Sensitivity", "children": []})
    context = {
        "title": model.ruleset.title,
        "model_name": model.name,
        "sections": sections,
        "model": model_view(model, coverage),
        "coverage": {
            "rows": cov_rows,
            "encoded": sum(r["status"] == "encoded" for r in coverage["articles"]),
            "partly": sum(r["status"] == "partly_encoded" for r in coverage["articles"]),
        },
        "findings": findings_view(check, names) if check else None,
        "sim": sim_view(sim, names) if sim else None,
        "plots": [
            (n, "data:image/png;base64," + base64.b64encode(data).decode())
            for n, data in (plots or {}).items()
        ],
        "reforms": reform_views,
        "css": _CSS,
        "js": _JS,
        "sensitivity": {
            "summary": sensitivity["summary"],
            "plots": [
                (n, "data:image/png;base64," + base64.b64encode(data).decode())
                for n, data in sorted(sensitivity.get("plots", {}).items())
            ],
        }
        if sensitivity
        else None,
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
def model_html(model: Model) -> str:
    return render_part("model", model_view(model))


def results_html(results: Results) -> str:
    from govmodel.report.verify_json import results_data

    assumed = tuple(sorted((a.id, a.enabled) for a in results.assumptions))
    return render_part(
        "findings", findings_view(results_data(results), _names_at(results.model_path, assumed))
    )


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


def finding_html(finding: Finding) -> str:
    return render_part("finding", _finding(finding.as_dict(), None))


def sim_html(result: SimResult) -> str:
    from govmodel.report.sim_json import sim_to_dict

    return render_part("sim", sim_view(sim_to_dict(result), Names(result.loaded.model)))


def comparison_html(comparison: Comparison) -> str:
    from govmodel.report.sim_json import comparison_to_dict

    hours = comparison.a.loaded.spec.calendar.hours_per_day or 8.0
    return render_part(
        "comparison", comparison_view(comparison_to_dict(comparison), Names(comparison.b.loaded.model), hours)
    )


def assessment_html(assessment: ReformAssessment) -> str:
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


def html_of(obj: object) -> str:
    """The rich HTML of a model, results, finding, simulation, comparison or assessment."""
    for module, name, func in DISPLAYS:
        if type(obj).__module__ == module and type(obj).__name__ == name:
            return globals()[func](obj)
    raise TypeError(f"no HTML display for {type(obj).__name__}")
