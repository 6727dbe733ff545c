"""``govmodel compare-rules``: two rule sets lined up by concern, in words (text) or as data
(JSON, :meth:`govmodel.crosscheck.rulesets.RulesComparison.as_dict`)."""

from __future__ import annotations

import json

from govmodel.crosscheck.rulesets import CONCERNS, Gap, Row, RulesComparison
from govmodel.report.words import CHANGE, articles_en

__all__ = ["render_rules_text", "render_rules_json"]

_STATUS = {
    "same": ("相同", "same"),
    "differs": ("不同", "differs"),
    "only_a": ("仅A有", "only in A"),
    "only_b": ("仅B有", "only in B"),
}
_CLOSED = CHANGE["closed"][0]
_RESULT = {"holds": "✓", "violated": "✗", "unknown": "?", None: "—"}


def _row(r: Row) -> list[str]:
    zh, en = _STATUS[r.status]
    name = r.a or r.b
    assert name is not None
    out = [f"  [{zh} {en}] {name.label.zh} / {name.label.en}"]
    if r.status == "same":
        assert r.a is not None
        out.append(f"      A=B: {r.a.text.zh} / {r.a.text.en}")
        return out
    for side, e in (("A", r.a), ("B", r.b)):
        if e is not None:
            out.append(f"      {side} ({articles_en(e.articles)}): {e.text.zh}")
            out.append(f"      {' ' * len(side)}  {e.text.en}")
    return out


def _gap(g: Gap) -> list[str]:
    closed = {"a": f"A{_CLOSED} closed in A", "b": f"B{_CLOSED} closed in B", None: ""}[g.closed_by]
    a, b = _RESULT[g.a.value if g.a else None], _RESULT[g.b.value if g.b else None]
    head = f"  A {a}  B {b}  {g.statement.zh} / {g.statement.en}"
    return [head + (f"  — {closed}" if closed else ""), f"      {g.message.zh}", f"      {g.message.en}"]


def render_rules_text(c: RulesComparison) -> str:
    out = [f"A = {c.a_title.zh} / {c.a_title.en} [{c.a}]", f"B = {c.b_title.zh} / {c.b_title.en} [{c.b}]"]
    if c.bounds:
        out.append(f"界限 Bounds: k={c.bounds.get('k')}")
    for concern, label in CONCERNS.items():
        rows = [r for r in c.rows if r.concern == concern]
        gaps = [g for g in c.gaps if g.concern == concern]
        if not rows and not gaps:
            continue
        counts = {s: sum(r.status == s for r in rows) for s in _STATUS}
        out += [
            "",
            f"== {label.zh} {label.en}: "
            + ", ".join(f"{n} {_STATUS[s][1]}" for s, n in counts.items() if n)
            + " ==",
        ]
        for r in rows:
            out += _row(r)
        if gaps:
            closed_a = sum(g.closed_by == "a" for g in gaps)
            closed_b = sum(g.closed_by == "b" for g in gaps)
            both = [g for g in gaps if g.a is not None and g.b is not None]
            only_a = sum(g.b is None for g in gaps)
            shared = sum(g.closed_by is None for g in both)
            only_b = sum(g.a is None for g in gaps)
            out.append(
                f"  问题 Gaps: {len(gaps)} — B{_CLOSED}A的 {closed_b} closed in B, "
                f"A{_CLOSED}B的 {closed_a} closed in A, 两者皆有 {shared} in both"
            )
            for g in both:
                out += _gap(g)
            if only_a or only_b:
                out.append(
                    f"  另有仅一方有该要素的问题 gaps on elements only one has: A {only_a}, B {only_b} "
                    "(--format json lists them)"
                )
    return "\n".join(out) + "\n"


def render_rules_json(c: RulesComparison) -> str:
    return json.dumps(c.as_dict(), ensure_ascii=False, indent=2) + "\n"
