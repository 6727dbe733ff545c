"""Article coverage: each article 1–N is ``encoded`` (with the ids of the elements citing it)
or ``non_operational`` (with the reason). With the model's ``clauses``, each sentence too:
``encoded`` (elements), ``non_operational`` or ``omitted`` (reason); an article with an omitted
sentence is ``partly_encoded``, never ``encoded``. Renders text for people and JSON for machines."""

from __future__ import annotations

import json
from typing import Any

from govmodel.model import Model
from govmodel.model.articles import split_sentences

__all__ = ["coverage", "coverage_json", "coverage_text"]


def _clauses(model: Model, article: int, reason: Any | None) -> list[dict[str, Any]]:
    """The sentences of an article with their status (those of a non-operational article share
    its reason unless listed)."""
    listed = {c.sentence: c for c in model.clauses if c.article == article}
    out = []
    for i, text in enumerate(split_sentences(model.article_text(article)), 1):
        c = listed.get(i)
        row: dict[str, Any] = {"sentence": i, "text": text}
        if c is not None:
            row["status"] = c.status
            if c.status == "encoded":
                row["elements"] = list(c.elements)
            else:
                row["reason"] = {"zh": c.reason.zh, "en": c.reason.en} if c.reason else None
        elif reason is not None:
            row.update(status="non_operational", reason={"zh": reason.zh, "en": reason.en})
        else:
            row["status"] = "unclassified"
        out.append(row)
    return out


def coverage(model: Model) -> dict[str, Any]:
    """The coverage table as plain data (the JSON shape of ``govmodel coverage``)."""
    cited = model.citations()
    reasons = {n.article: n.reason for n in model.non_operational}
    rows: list[dict[str, Any]] = []
    for a in range(1, model.ruleset.articles + 1):
        row: dict[str, Any]
        if a in cited:
            row = {"article": a, "status": "encoded", "elements": sorted(set(cited[a]))}
        elif a in reasons:
            row = {
                "article": a,
                "status": "non_operational",
                "reason": {"zh": reasons[a].zh, "en": reasons[a].en},
            }
        else:  # possible only when an assumption switches off the only element citing it
            row = {"article": a, "status": "not_encoded"}
        if model.clauses:
            row["clauses"] = _clauses(model, a, reasons.get(a))
            kinds = {c["status"] for c in row["clauses"]}
            if row["status"] == "encoded" and kinds - {"encoded", "non_operational"}:
                row["status"] = "partly_encoded"
        rows.append(row)
    return {"model": model.name, "assumptions": sorted(model.enabled), "articles": rows}


def coverage_json(model: Model) -> str:
    return json.dumps(coverage(model), ensure_ascii=False, indent=2) + "\n"


def _chapter(model: Model, article: int) -> str:
    for ch in model.ruleset.chapters:
        if ch.first <= article <= ch.last:
            return f"第{ch.number}章 {ch.title.zh} / Ch. {ch.number} {ch.title.en}"
    return ""


def coverage_text(model: Model, width: int = 100) -> str:
    import textwrap

    data = coverage(model)
    rows = data["articles"]
    encoded = sum(r["status"] == "encoded" for r in rows)
    partly = sum(r["status"] == "partly_encoded" for r in rows)
    non_op = sum(r["status"] == "non_operational" for r in rows)
    lines = [
        f"{model.ruleset.title.zh} / {model.ruleset.title.en}  [{model.name}]",
        f"条文覆盖 Article coverage: {encoded} 已编码 encoded, {partly} 部分编码 partly encoded, "
        f"{non_op} 非操作性 non-operational, {len(rows) - encoded - partly - non_op} 未覆盖 not encoded"
        f" — of {len(rows)}",
    ]
    if model.clauses:
        sents = [c for r in rows for c in r.get("clauses", ())]
        count = {
            k: sum(c["status"] == k for c in sents)
            for k in ("encoded", "non_operational", "omitted", "unclassified")
        }
        lines.append(
            f"句子覆盖 Sentence coverage: {count['encoded']} 已编码 encoded, "
            f"{count['non_operational']} 非操作性 non-operational, {count['omitted']} 略去 omitted, "
            f"{count['unclassified']} 未分类 unclassified — of {len(sents)}"
        )
    chapter = None
    for r in rows:
        ch = _chapter(model, r["article"])
        if ch != chapter and ch:
            lines += ["", ch]
        chapter = ch
        if r["status"] in ("encoded", "partly_encoded") and "clauses" not in r:
            wrapped = textwrap.wrap(", ".join(r["elements"]), width=width - 23) or [""]
            lines.append(f"  {r['article']:>3}  {r['status']:<15}  {wrapped[0]}")
            lines += [" " * 23 + more for more in wrapped[1:]]
        elif r["status"] in ("encoded", "partly_encoded"):
            lines.append(f"  {r['article']:>3}  {r['status']}")
        elif r["status"] == "non_operational":
            lines.append(f"  {r['article']:>3}  non_operational  {r['reason']['zh']} / {r['reason']['en']}")
        else:
            lines.append(f"  {r['article']:>3}  NOT ENCODED")
        if r["status"] in ("encoded", "partly_encoded", "not_encoded"):
            for c in r.get("clauses", ()):
                head = f"       {r['article']}.{c['sentence']:<3} {c['status']:<15}  {c['text'][:18]}…  "
                what = (
                    ", ".join(c["elements"])
                    if c["status"] == "encoded"
                    else (f"{c['reason']['zh']} / {c['reason']['en']}" if c.get("reason") else "")
                )
                wrapped = textwrap.wrap(what, width=max(20, width - len(head))) or [""]
                lines.append(head + wrapped[0])
                lines += [" " * 34 + more for more in wrapped[1:]]
    return "\n".join(lines) + "\n"
