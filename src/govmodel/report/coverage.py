"""Article coverage: each article 1–N is ``encoded`` (with the ids of the elements citing it)
or ``non_operational`` (with the reason). Renders text for people and JSON for machines."""

from __future__ import annotations

import json
from typing import Any

from govmodel.model import Model

__all__ = ["coverage", "coverage_json", "coverage_text"]


def coverage(model: Model) -> dict[str, Any]:
    """The coverage table as plain data (the JSON shape of ``govmodel coverage``)."""
    cited = model.citations()
    reasons = {n.article: n.reason for n in model.non_operational}
    rows: list[dict[str, Any]] = []
    for a in range(1, model.ruleset.articles + 1):
        if a in cited:
            rows.append({"article": a, "status": "encoded", "elements": sorted(set(cited[a]))})
        elif a in reasons:
            rows.append({"article": a, "status": "non_operational", "reason": {"zh": reasons[a].zh, "en": reasons[a].en}})
        else:  # possible only when an assumption switches off the only element citing it
            rows.append({"article": a, "status": "not_encoded"})
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
    non_op = sum(r["status"] == "non_operational" for r in rows)
    lines = [
        f"{model.ruleset.title.zh} / {model.ruleset.title.en}  [{model.name}]",
        f"条文覆盖 Article coverage: {encoded} 已编码 encoded, {non_op} 非操作性 non-operational, "
        f"{len(rows) - encoded - non_op} 未覆盖 not encoded — of {len(rows)}",
    ]
    chapter = None
    for r in rows:
        ch = _chapter(model, r["article"])
        if ch != chapter and ch:
            lines += ["", ch]
        chapter = ch
        if r["status"] == "encoded":
            wrapped = textwrap.wrap(", ".join(r["elements"]), width=width - 23) or [""]
            lines.append(f"  {r['article']:>3}  encoded          {wrapped[0]}")
            lines += [" " * 23 + more for more in wrapped[1:]]
        elif r["status"] == "non_operational":
            lines.append(f"  {r['article']:>3}  non_operational  {r['reason']['zh']} / {r['reason']['en']}")
        else:
            lines.append(f"  {r['article']:>3}  NOT ENCODED")
    return "\n".join(lines) + "\n"
