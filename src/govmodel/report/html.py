"""One self-contained HTML report: model summary, article coverage, findings with their
counterexamples, simulation results and plots, reform comparisons. No external resources
(plots are embedded as data URIs, styles and the small filter script are inline), readable
in Chinese and English."""

from __future__ import annotations

import base64
import datetime as dt
import json
from html import escape
from typing import Any

__all__ = ["build_report"]

_CSS = """
body{font-family:"govmodel CJK","Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:0;color:#1d2433;background:#f7f8fa}
header{background:#243b6b;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.85}
nav{background:#fff;border-bottom:1px solid #dde2ea;padding:8px 28px;position:sticky;top:0}nav a{margin-right:18px;color:#243b6b;text-decoration:none}
main{padding:8px 28px 40px;max-width:1280px}section{background:#fff;border:1px solid #dde2ea;border-radius:6px;padding:14px 18px;margin:16px 0}
h2{font-size:18px;margin:4px 0 12px}h3{font-size:15px;margin:14px 0 6px}table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #e6e9ef;padding:5px 7px;text-align:left;vertical-align:top}th{background:#f0f3f8}
.holds{color:#1a7f37}.violated{color:#b42318}.unknown{color:#9a6700}.muted{color:#667085}.tag{display:inline-block;padding:0 6px;border-radius:3px;background:#eef2f8;margin-right:4px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #dde2ea;border-radius:6px;padding:8px 12px;min-width:130px}.card b{font-size:20px;display:block}
img{max-width:100%;border:1px solid #e6e9ef;margin:6px 0}details{margin:2px 0}code{font-size:12px}.filters button{margin:0 6px 8px 0}
"""

_JS = """
document.querySelectorAll('[data-filter]').forEach(function(b){b.addEventListener('click',function(){
  var want=b.getAttribute('data-filter');
  document.querySelectorAll('#findings tbody tr').forEach(function(r){r.style.display=(want==='all'||r.dataset.status===want)?'':'none';});
});});
"""


def _bi(d: dict[str, str] | None) -> str:
    if not d:
        return ""
    return f"{escape(d.get('zh', ''))}<br><span class=muted>{escape(d.get('en', ''))}</span>"


def _arts(a: list[int]) -> str:
    return escape(", ".join(map(str, a)))


def _pct(x: Any) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _ci(leaf: dict[str, Any] | None, pct: bool = False, digits: int = 2) -> str:
    if not leaf or leaf.get("mean") is None:
        return "—"
    f = _pct if pct else (lambda v: f"{v:.{digits}f}")
    lo, hi = leaf.get("ci95") or (None, None)
    return f"{f(leaf['mean'])} <span class=muted>[{f(lo) if lo is not None else '—'}, {f(hi) if hi is not None else '—'}]</span>"


def _model(model: Any, coverage: dict[str, Any]) -> str:
    counts = [("角色 roles", len(model.roles)), ("人员 persons", len(model.cast.persons) if model.cast else 0),
              ("文件类型 document types", len(model.document_types)), ("程序 procedures", len(model.procedures)),
              ("会议 meetings", len(model.meetings)), ("代行规则 deputy rules", len(model.deputy_rules)),
              ("时限 time limits", len(model.time_limits)), ("顺序 orderings", len(model.orderings))]
    enc = sum(r["status"] == "encoded" for r in coverage["articles"])
    cards = "".join(f"<div class=card><b>{n}</b>{escape(k)}</div>" for k, n in counts)
    cards += f"<div class=card><b>{enc}/{len(coverage['articles'])}</b>条文已编码 articles encoded</div>"
    rows = "".join(
        f"<tr><td><code>{escape(a.id)}</code></td><td>{'在用 on' if a.id in model.enabled else '未用 off'}</td>"
        f"<td>{_bi(a.statement.label().as_dict())}</td><td>{_arts(list(a.articles))}</td></tr>" for a in model.assumptions)
    return (f"<section id=model><h2>模型概况 Model</h2><div class=cards>{cards}</div>"
            f"<h3>命名假设 Named assumptions</h3><table><thead><tr><th>id</th><th>状态 state</th><th>内容 statement</th>"
            f"<th>条文 art.</th></tr></thead><tbody>{rows}</tbody></table></section>")


def _coverage(model: Any, coverage: dict[str, Any]) -> str:
    rows = []
    for r in coverage["articles"]:
        text = escape(model.article_text(r["article"]))
        if r["status"] in ("encoded", "partly_encoded"):
            what = ", ".join(f"<code>{escape(e)}</code>" for e in r["elements"])
        else:
            what = _bi(r.get("reason"))
        rows.append(f"<tr><td>{r['article']}</td><td>{escape(r['status'])}</td><td>{what}"
                    f"<details><summary>原文 text</summary>{text}</details></td></tr>")
    return (f"<section id=coverage><h2>条文覆盖 Article coverage</h2><table><thead><tr><th>条 art.</th><th>状态 status</th>"
            f"<th>要素或理由 elements or reason</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>")


def _absent(cx: dict[str, Any] | None) -> str:
    if not cx:
        return ""
    parts = [f"{escape(a['person'])} ({escape(', '.join(a.get('roles', [])))}): {escape(a['reason'])}" for a in cx.get("absent", [])]
    for key in ("cast", "dates"):
        if cx.get(key):
            parts.append(escape(json.dumps(cx[key], ensure_ascii=False)))
    trace = "".join(f"<li>{_bi(s)}</li>" for s in cx.get("trace", []))
    out = "<br>".join(parts)
    return out + (f"<details><summary>经过 trace</summary><ul>{trace}</ul></details>" if trace else "")


def _findings(check: dict[str, Any]) -> str:
    s = check.get("summary", {})
    head = (f"<p>界限 bounds: <code>{escape(json.dumps(check.get('bounds', {}), ensure_ascii=False))}</code></p>"
            f"<div class=filters><button data-filter=all>全部 all ({s.get('total', len(check['results']))})</button>"
            f"<button data-filter=violated>违反 violated ({s.get('violated', 0)})</button>"
            f"<button data-filter=holds>成立 holds ({s.get('holds', 0)})</button>"
            f"<button data-filter=unknown>未知 unknown ({s.get('unknown', 0)})</button></div>")
    rows = "".join(
        f"<tr data-status={escape(r['status'])}><td class={escape(r['status'])}>{escape(r['status'])}</td>"
        f"<td><code>{escape(r['property'])}</code><br><code>{escape(r['subject'])}</code></td><td>{_arts(r['articles'])}</td>"
        f"<td>{_bi(r['message'])}</td><td>{_absent(r.get('counterexample'))}</td><td><code>{escape(r['fingerprint'])}</code></td></tr>"
        for r in check["results"])
    return (f"<section id=findings-section><h2>验证结果 Findings (Z3)</h2>{head}<table id=findings><thead><tr><th>状态 status</th>"
            f"<th>性质 property / 对象 subject</th><th>条 art.</th><th>说明 message</th><th>反例 counterexample</th>"
            f"<th>指纹 fingerprint</th></tr></thead><tbody>{rows}</tbody></table></section>")


def _img(name: str, data: bytes) -> str:
    return f"<img alt='{escape(name)}' src='data:image/png;base64,{base64.b64encode(data).decode()}'>"


def _simulation(sim: dict[str, Any], plots: dict[str, bytes]) -> str:
    on_time = "".join(f"<tr><td>{_bi(v.get('label'))}</td><td>{_arts(v.get('articles', []))}</td><td>{_ci(v, pct=True)}</td></tr>"
                      for v in sim.get("on_time_rate", {}).values())
    latency = "".join(f"<tr><td>{_bi(v.get('label'))}</td><td>{_ci(v)}</td><td>{_ci((v.get('percentiles') or {}).get('p95'))}</td></tr>"
                      for v in sim.get("latency_working_days", {}).values())
    bottl = "".join(f"<tr><td><code>{escape(b['resource'])}</code></td><td>{_ci(b['utilization'], pct=True)}</td></tr>"
                    for b in sim.get("bottlenecks", []))
    deps = "".join(f"<tr><td>{_bi(v.get('label'))}</td><td>{_ci(v, digits=1)}</td></tr>" for v in sim.get("deputy_activations", {}).values())
    stuck = "".join(
        f"<tr><td><code>{escape(b.get('key', ''))}</code></td><td>{escape(b.get('why', ''))}</td>"
        f"<td>{escape(', '.join(f'{p}: {r}' for p, r in (b.get('example_absent') or {}).items()))}</td>"
        f"<td>{_ci(b.get('waits'), digits=1)}</td><td>{_ci(b.get('documents'), digits=1)}</td><td>{_ci(b.get('wait_working_days'), digits=1)}</td></tr>"
        for b in (sim.get("could_not_proceed") or [])[:40])
    imgs = "".join(_img(n, d) for n, d in plots.items())
    return (f"<section id=simulation><h2>仿真 Simulation (SimPy)</h2><p>情景 scenario <code>{escape(str(sim.get('scenario')))}</code>, "
            f"{sim.get('replications')} 次重复 replications, {sim.get('documents')} 份公文 documents; 括号内为95%置信区间 [95% CI]</p>"
            f"<h3>按时率 On-time rate per time limit</h3><table><thead><tr><th>时限 limit</th><th>条 art.</th><th>按时率 on time</th></tr></thead><tbody>{on_time}</tbody></table>"
            f"<h3>办理时长(工作日)Latency in working days</h3><table><thead><tr><th>文件类型 type</th><th>均值 mean</th><th>p95</th></tr></thead><tbody>{latency}</tbody></table>"
            f"<h3>瓶颈 Bottlenecks</h3><table><thead><tr><th>资源 resource</th><th>利用率 utilization</th></tr></thead><tbody>{bottl}</tbody></table>"
            f"<h3>代行启用 Deputy activations</h3><table><tbody>{deps}</tbody></table>"
            f"<h3>无法推进 Could not proceed (the simulation's view of coverage gaps)</h3><table><thead><tr><th>步骤与原因 step: cause</th>"
            f"<th>为何 why</th><th>示例缺位 example absence</th><th>等待次数 waits</th><th>放弃的公文 gave up</th><th>累计等待(工作日)working days waited</th></tr></thead>"
            f"<tbody>{stuck or '<tr><td>—</td></tr>'}</tbody></table>"
            f"<h3>图 Plots</h3>{imgs}</section>")


def _reforms(reforms: list[dict[str, Any]]) -> str:
    blocks = []
    for r in reforms:
        ref, v = r["reform"], r["verification"]
        claims = "".join(f"<li class={'holds' if c == 'closed' else 'violated'}><code>{escape(k)}</code>: {escape(c)}</li>" for k, c in r["claims"].items())
        changes = "".join(f"<tr><td>{escape(c['change'])}</td><td><code>{escape(c['key'])}</code></td><td>{_arts(c['articles'])}</td></tr>"
                          for c in v["changes"])
        auth = "".join(f"<tr><td>{escape(d['verdict'])}</td><td><code>{escape(d['subject'])}</code> · <code>{escape(d['step'])}</code></td>"
                       f"<td>{escape(json.dumps(d['witness'], ensure_ascii=False)) if d['witness'] else ''}</td></tr>" for d in r["authority"][:60])
        sim = ""
        if "simulation" in r:
            diffs = r["simulation"].get("differences", {})
            keys = [k for k in diffs if k.startswith(("on_time_rate/", "latency_working_days/")) and k.endswith(("mean",)) or k.startswith("on_time_rate/")]
            sim = "".join(f"<tr><td><code>{escape(k)}</code></td><td>{_ci(diffs[k], digits=3)}</td></tr>" for k in keys[:30])
            sim = f"<h3>仿真差异 Simulated change B − A</h3><table><tbody>{sim}</tbody></table>"
        cls = "holds" if r["verdict"] == "as_claimed" else "violated"
        blocks.append(f"<section class=reform><h2>改革 Reform: {_bi(ref['title'])}</h2><p>修改条文 amends art. {_arts(ref['amends'])} · "
                      f"<code>{escape(ref['file'])}</code></p><p>{_bi(ref['rationale'])}</p><p class={cls}><b>结论 verdict: {escape(r['verdict'])}</b></p>"
                      f"<ul>{claims}</ul><h3>验证变化 Findings changed (k={escape(str(v['bounds'].get('k')))})</h3><table><tbody>{changes or '<tr><td>—</td></tr>'}</tbody></table>"
                      f"<h3>职权差异 Who may act</h3><table><tbody>{auth or '<tr><td>equivalent</td></tr>'}</tbody></table>{sim}</section>")
    return f"<div id=reforms>{''.join(blocks)}</div>"


def build_report(model: Any, coverage: dict[str, Any], check: dict[str, Any] | None = None,
                 sim: dict[str, Any] | None = None, plots: dict[str, bytes] | None = None,
                 reforms: list[dict[str, Any]] | None = None) -> str:
    """The report as one HTML string, from plain data (coverage JSON, check JSON, simulation
    JSON summary, plot PNGs, reform assessments' ``as_dict()``)."""
    title = model.ruleset.title
    nav = "".join(f"<a href='#{a}'>{escape(t)}</a>" for a, t in (
        ("model", "模型 Model"), ("coverage", "覆盖 Coverage"), ("findings-section", "验证 Findings"),
        ("simulation", "仿真 Simulation"), ("reforms", "改革 Reforms")))
    body = _model(model, coverage) + _coverage(model, coverage)
    if check:
        body += _findings(check)
    if sim:
        body += _simulation(sim, plots or {})
    if reforms:
        body += _reforms(reforms)
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    page = (f"<header><h1>{escape(title.zh)} / {escape(title.en)}</h1><p>govmodel 报告 report · {escape(model.name)} · {stamp}</p></header>"
            f"<nav>{nav}</nav><main>{body}</main>")
    return (f"<!DOCTYPE html><html lang=zh-CN><head><meta charset=utf-8><meta name=viewport content='width=device-width'>"
            f"<title>{escape(title.zh)} — govmodel</title><style>{_font_face(page + title.zh)}{_CSS}</style></head><body>"
            f"{page}<script>{_JS}</script></body></html>\n")


def _font_face(text: str) -> str:
    """The CJK glyphs the page uses, embedded, so Chinese reads on any machine."""
    from govmodel.report.fonts import cjk_subset_font

    data = base64.b64encode(cjk_subset_font(text)).decode()
    return f"@font-face{{font-family:'govmodel CJK';src:url(data:font/otf;base64,{data}) format('opentype')}}"
