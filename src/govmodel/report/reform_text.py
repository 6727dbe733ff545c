"""A reform assessment for people: the verdict first, then what closes, what opens, who
gains or loses authority (with a witness scenario each), and the simulated effect."""

from __future__ import annotations

from typing import Any

from govmodel.report.names import Names
from govmodel.report.words import AUTHORITY, CHANGE, CLAIMS, VERDICT_SENTENCE, articles_en, joined

__all__ = ["reform_text"]

_VERDICT = VERDICT_SENTENCE
_CHANGE = {k: joined(w) for k, w in CHANGE.items()}
_DIFF = {k: joined(w) for k, w in AUTHORITY.items()}


def _finding(names: Names | None, key: str) -> str:
    """``coverage.step:art47_sign_off.sign`` → what it is about, by name, and the property class."""
    head, _, subject = key.partition(":")
    if names is None or not subject:
        return key
    lab = names.subject(subject)
    return f"{lab.zh} / {lab.en}  [{head}]"


def _act_row(names: Names | None, d: dict[str, Any]) -> tuple[str, str]:
    """(the act, what it is about) of one authority difference, by name."""
    if names is None:
        return f"{d['step']} ({d['act']})", d["subject"]
    subj = names.text(d["subject"])
    step = d["step"]
    if "." in step and names.model.get(step) is not None:
        st = names.step(step)
        return f"{st.zh} / {st.en}", subj
    a = names.model.act_label(d["act"])
    _, _, whom = step.partition(":")
    w = names.label(whom) if whom else None
    zh = f"{a.zh}{'(' + w.zh + ')' if w else ''}"
    en = f"{a.en}{' (' + w.en + ')' if w else ''}"
    return f"{zh} / {en}", subj


def _people(names: Names | None, ids: list[str] | None) -> str:
    if not ids:
        return "无人 nobody"
    if names is None:
        return ", ".join(ids)
    return ", ".join(names.text(i) for i in ids)


def _absent(w: dict[str, Any] | None, names: Names | None = None) -> str:
    if not w:
        return ""
    if names is None:
        who = ", ".join(f"{p} ({r})" for p, r in w["absent"].items()) or "无人缺位 nobody away"
    else:
        who = (
            ", ".join(f"{names.text(p)} ({names.text(r)})" for p, r in w["absent"].items())
            or "无人缺位 nobody away"
        )
    dep = f" in {names.text(w['department']) if names else w['department']}" if w.get("department") else ""
    before, after = _people(names, w["before"]), _people(names, w["after"])
    return f"当 when {who}{dep}: 之前 before {before} → 之后 after {after}"


def reform_text(
    data: dict[str, Any], comparison_text: str | None = None, limit: int = 40, names: Names | None = None
) -> str:
    """Render :meth:`govmodel.crosscheck.assess.ReformAssessment.as_dict` (and the simulation's text):
    sections (a) verification, (b) simulation, (c) authority, in that order; the acts whose
    authority changes the same way under the same witness are folded into one block.
    ``names`` (of the reformed model) turns ids into display names."""
    r = data["reform"]
    zh, en = _VERDICT[data["verdict"]]
    out = [
        f"改革方案 Reform: {r['title']['zh']} / {r['title']['en']}  [{r['id']}]",
        f"  修改条文 amends {articles_en(r['amends'])}; file {r['file']}",
        f"  理由 rationale: {r['rationale']['zh']}",
        f"                  {r['rationale']['en']}",
        f"  模型 model: {data['model']['before']} → {data['model']['after']}",
        "",
        f"结论 Verdict: {zh}",
        f"            {en}",
    ]
    if data["claims"]:
        out.append(f"  {joined(CLAIMS)}:")
        for key, change in data["claims"].items():
            mark = "✓" if change == "closed" else "✗"
            out.append(f"    {mark} {_finding(names, key)}: {_CHANGE.get(change, change)}")
    v = data["verification"]
    bounds = v["bounds"]
    out += [
        "",
        f"(a) 验证 Verification (k = {bounds.get('k')} absences at most): "
        + ", ".join(f"{k} {n}" for k, n in sorted(v["summary"].items())),
    ]
    for c in v["changes"][:limit]:
        after = c["after"] or c["before"]
        msg = after["message"] if after else {"zh": "", "en": ""}
        out.append(
            f"  {_CHANGE.get(c['change'], c['change'])}: {_finding(names, c['key'])}  "
            f"[{articles_en(c['articles'])}]"
        )
        if c["change"] in ("opened", "unknown") and msg["en"]:
            out += [f"      {msg['zh']}", f"      {msg['en']}"]
    if len(v["changes"]) > limit:
        out.append(f"  … {len(v['changes']) - limit} more in --format json")
    out.append(f"  {_CHANGE['still_violated']}: {len(v['unchanged_violations'])}")
    if comparison_text:
        out += ["", "(b) 仿真 Paired simulation (common random numbers), B − A:", comparison_text.rstrip()]
    elif "simulation" not in data:
        out += ["", "(b) 仿真 Paired simulation: skipped (--no-sim)"]
    out += [
        "",
        "(c) 职权语义差异 Who may act, before and after: "
        + ", ".join(f"{_DIFF.get(k, k)} {n}" for k, n in sorted(data["authority_summary"].items())),
    ]
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for d in data["authority"]:
        groups.setdefault((d["verdict"], _absent(d["witness"], names)), []).append(d)
    for (verdict, witness), ds in groups.items():
        out.append(f"  {_DIFF.get(verdict, verdict)} ({len(ds)}): {witness or '—'}")
        acts: dict[str, list[str]] = {}
        for d in ds:
            act, subj = _act_row(names, d)
            acts.setdefault(act, []).append(subj)
        for act, subjects in sorted(acts.items()):
            out.append(f"      {act}: {'; '.join(sorted(set(subjects)))}")
    return "\n".join(out) + "\n"
