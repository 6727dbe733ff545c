"""Helpers shared by the check modules: the case list a coverage-like query ranges over,
and the bilingual wording of results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from govmodel.findings import Absence
from govmodel.model import Model
from govmodel.refs import Label
from govmodel.verify.chains import Root
from govmodel.verify.decode import label_of
from govmodel.verify.scenarios import Scene

__all__ = ["Case", "people", "when_away", "arts_text", "rule_ids", "persons_of"]


@dataclass(frozen=True)
class Case:
    """One scene of a query with the holders (and their chains) of the act in it."""

    scene: Scene
    roots: tuple[Root, ...]
    act: str | None
    all_holders: bool = False
    exclude: frozenset[str] = field(default_factory=frozenset)


def rule_ids(cases: Sequence[Case]) -> tuple[str, ...]:
    """Every deputy rule any chain of the cases passes through (stable, sorted)."""
    return tuple(sorted({h.rule for c in cases for r in c.roots for ch in r.chains for h in ch.hops}))


def persons_of(cases: Sequence[Case]) -> set[str]:
    """Every person whose absence can matter to the cases."""
    out: set[str] = set()
    for c in cases:
        out |= set(c.scene.present)
        for r in c.roots:
            if r.holder:
                out.add(r.holder)
            for ch in r.chains:
                out |= set(ch.persons)
    return out


def when_away(model: Model, absent: Sequence[Absence]) -> Label:
    """"市长(甲)(出国访问)缺位时" / "when Mayor A is away (visit abroad)"; "即使无人缺位" / "even with nobody away"."""
    if not absent:
        return Label("即使无人缺位", "even with nobody away")
    p = people(model, absent)
    return Label(f"{p.zh}缺位时", f"when {p.en} {'is' if len(absent) == 1 else 'are'} away")


def people(model: Model, absent: Sequence[Absence]) -> Label:
    """"市长(甲)(出国访问)、…" / "Mayor A (visit abroad), …"."""
    if not absent:
        return Label("无人缺位", "nobody absent")
    zh = "、".join(f"{label_of(model, a.person).zh}({label_of(model, a.reason).zh})" for a in absent)
    en = ", ".join(f"{label_of(model, a.person).en} ({label_of(model, a.reason).en})" for a in absent)
    return Label(zh, en)


def arts_text(articles: Sequence[int]) -> Label:
    if not articles:
        return Label("", "")
    return Label("第" + "、".join(map(str, articles)) + "条", "art. " + ", ".join(map(str, articles)))
