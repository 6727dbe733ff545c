"""A reform assessment for people: the verdict first, then what closes, what opens, who
gains or loses authority (with a witness scenario each), and the simulated effect."""

from __future__ import annotations

from typing import Any

__all__ = ["reform_text"]

_VERDICT = {
    "as_claimed": ("符合声明：声明关闭的缺陷均已关闭，且未引入新缺陷", "as claimed: every gap it claims to close is closed, and it opens none"),
    "claims_not_met": ("未达声明：部分声明关闭的缺陷仍然存在", "claims not met: some gaps it claims to close remain"),
    "opens_gaps": ("引入新缺陷：改革后有原本成立的性质被违反", "opens gaps: a property that held before is violated after"),
}
_CHANGE = {"closed": "关闭 closed", "opened": "新增 opened", "gone": "消失 gone", "new_holds": "新成立 new, holds",
           "unknown": "未知 unknown"}
_DIFF = {"more_permissive": "更宽 more permissive", "less_permissive": "更窄 less permissive",
         "incomparable": "不可比 incomparable", "added": "新增 added", "removed": "删除 removed"}


def _absent(w: dict[str, Any] | None) -> str:
    if not w:
        return ""
    who = ", ".join(f"{p} ({r})" for p, r in w["absent"].items()) or "nobody away 无人缺位"
    dep = f" in {w['department']}" if w.get("department") else ""
    return f"when {who}{dep}: before {w['before'] or '—'} → after {w['after'] or '—'}"


def reform_text(data: dict[str, Any], comparison_text: str | None = None, limit: int = 40) -> str:
    """Render :meth:`govmodel.crosscheck.assess.ReformAssessment.as_dict` (and the simulation's text)."""
    r = data["reform"]
    zh, en = _VERDICT[data["verdict"]]
    out = [
        f"改革方案 Reform: {r['title']['zh']} / {r['title']['en']}  [{r['id']}]",
        f"  修改条文 amends art. {', '.join(map(str, r['amends']))}; file {r['file']}",
        f"  理由 rationale: {r['rationale']['zh']}",
        f"                  {r['rationale']['en']}",
        f"  模型 model: {data['model']['before']} → {data['model']['after']}",
        "",
        f"结论 Verdict: {zh}",
        f"            {en}",
    ]
    if data["claims"]:
        out.append("  声明 claims:")
        for key, change in data["claims"].items():
            mark = "✓" if change == "closed" else "✗"
            out.append(f"    {mark} {key}: {change}")
    v = data["verification"]
    bounds = v["bounds"]
    out += ["", f"(a) 验证 Verification (k = {bounds.get('k')} absences at most): "
            + ", ".join(f"{k} {n}" for k, n in sorted(v["summary"].items()))]
    for c in v["changes"][:limit]:
        after = c["after"] or c["before"]
        msg = after["message"] if after else {"zh": "", "en": ""}
        out.append(f"  {_CHANGE.get(c['change'], c['change'])}: {c['key']}  [art. {', '.join(map(str, c['articles']))}]")
        if c["change"] in ("opened", "unknown") and msg["en"]:
            out += [f"      {msg['zh']}", f"      {msg['en']}"]
    if len(v["changes"]) > limit:
        out.append(f"  … {len(v['changes']) - limit} more in --format json")
    out.append(f"  仍存在的缺陷 still violated: {len(v['unchanged_violations'])}")
    out += ["", "(c) 职权语义差异 Who may act, before and after: "
            + ", ".join(f"{k} {n}" for k, n in sorted(data["authority_summary"].items()))]
    for d in data["authority"][:limit]:
        out.append(f"  {_DIFF.get(d['verdict'], d['verdict'])}: {d['subject']} · {d['step']} ({d['act']})")
        if d["witness"]:
            out.append(f"      {_absent(d['witness'])}")
    if len(data["authority"]) > limit:
        out.append(f"  … {len(data['authority']) - limit} more in --format json")
    if comparison_text:
        out += ["", "(b) 仿真 Paired simulation (common random numbers), B − A:", comparison_text.rstrip()]
    elif "simulation" not in data:
        out += ["", "(b) 仿真 Paired simulation: skipped (--no-sim)"]
    return "\n".join(out) + "\n"
