"""Decode: a z3 model back into the words of the rules (absent persons with their roles and
reasons, the context chosen, the chain of acts that fails), in Chinese and English."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import z3

from govmodel.findings import Absence, TraceStep
from govmodel.graph.authority import Context, deputy_holders, deputy_rules_for, persons_roles
from govmodel.model import Model
from govmodel.refs import Label, articles_label
from govmodel.verify.encode import Encoding
from govmodel.verify.scenarios import Scene
from govmodel.verify.terms import truth

__all__ = ["label_of", "act_label", "absences", "absence_list", "scene_index", "pick_scene", "walk"]


def label_of(model: Model, ident: str | None) -> Label:
    """The bilingual label of any element, person or department (the id if it has none)."""
    return model.label(ident)


def act_label(model: Model, act: str | None) -> Label:
    """An act in the model's words (:meth:`Model.act_label`)."""
    return model.act_label(act)


def absences(enc: Encoding, m: z3.ModelRef) -> dict[str, str]:
    """person → absence reason, for every person the model makes absent."""
    out = {}
    for p, by_reason in enc.absent.items():
        for r, v in by_reason.items():
            if truth(m, v):
                out[p] = r
                break
    return out


def absence_list(model: Model, absent: Mapping[str, str]) -> tuple[Absence, ...]:
    return tuple(
        Absence(p, tuple(persons_roles(model, p)) or _context_roles(model, p), r)
        for p, r in sorted(absent.items())
    )


def _context_roles(model: Model, person: str) -> tuple[str, ...]:
    if not model.cast:
        return ()
    head = next((r.id for r in model.roles if r.meaning == "head_of_department"), None)
    acting = next((r.id for r in model.roles if r.meaning == "acting_head_of_department"), None)
    out = []
    for d in model.cast.departments:
        if d.head == person and head:
            out.append(head)
        if d.acting_head == person and acting:
            out.append(acting)
    return tuple(dict.fromkeys(out))


def scene_index(formulas: list[z3.BoolRef], m: z3.ModelRef, scenes: Sequence[Scene] | None = None) -> int:
    """The scene whose formula the z3 model satisfies; of several, the one whose context
    sorts first (document type, department, related departments …), so the choice does
    not depend on the order the scenes were enumerated in."""
    true = [i for i, f in enumerate(formulas) if truth(m, f)]
    if scenes is None or len(true) < 2:
        return true[0] if true else Encoding.pick(m, formulas)
    return pick_scene(true, scenes)


def pick_scene(true: Sequence[int], scenes: Sequence[Scene]) -> int:
    """Of the scenes (by index) a z3 model satisfies, the one whose context sorts first."""
    if len(true) < 2:
        return true[0]
    return min(true, key=lambda i: (json.dumps(scenes[i].describe(), sort_keys=True, ensure_ascii=False), i))


def _arts(el: object) -> tuple[int, ...]:
    return tuple(getattr(el, "articles", ()) or ())


def walk(
    model: Model,
    role: str,
    person: str,
    act: str | None,
    doc_type: str | None,
    ctx: Context,
    absent: Mapping[str, str],
    exclude: frozenset[str] = frozenset(),
    depth: int = 0,
    visited: frozenset[str] | None = None,
) -> list[TraceStep]:
    """Explain, step by step, why ``person`` (holding ``role``) can or cannot perform ``act``
    under ``absent``: the same walk as :func:`govmodel.graph.authority.performers`."""
    visited = visited if visited is not None else frozenset({role})
    pad = "  " * depth
    who, r = label_of(model, person), label_of(model, role)
    if person not in absent:
        if person in exclude:
            return [
                TraceStep(
                    Label(
                        f"{pad}{who.zh}({r.zh})是请假人本人，不能为自己准假",
                        f"{pad}{who.en} ({r.en}) is the requester and may not grant his own leave",
                    ),
                    element=role,
                )
            ]
        a = act_label(model, act)
        return [
            TraceStep(
                Label(
                    f"{pad}{who.zh}({r.zh})在岗，可以{a.zh}", f"{pad}{who.en} ({r.en}) is present and {a.en}"
                ),
                element=role,
            )
        ]
    reason = absent[person]
    why = label_of(model, reason)
    out = [
        TraceStep(
            Label(f"{pad}{who.zh}({r.zh})缺位:{why.zh}", f"{pad}{who.en} ({r.en}) is absent: {why.en}"),
            _arts(model.get(reason)),
            role,
        )
    ]
    rules = deputy_rules_for(model, role, act, doc_type, person)
    if not rules:
        a = act_label(model, act)
        out.append(
            TraceStep(
                Label(
                    f"{pad}  规则未规定由谁代{r.zh}{a.zh}",
                    f"{pad}  no rule names a stand-in for the {r.en} ({a.en})",
                )
            )
        )
    for rule in rules:
        rl = label_of(model, rule.id)
        if reason not in rule.when_absent_for:
            reasons = [label_of(model, x) for x in rule.when_absent_for]
            out.append(
                TraceStep(
                    Label(
                        f"{pad}  「{rl.zh}」({articles_label(rule.articles).zh})"
                        f"仅适用于{'、'.join(x.zh for x in reasons)}",
                        f"{pad}  '{rl.en}' ({articles_label(rule.articles).en}) "
                        f"applies only to {', '.join(x.en for x in reasons)}",
                    ),
                    rule.articles,
                    rule.id,
                )
            )
            continue
        if rule.deputy in visited:
            continue
        deputies = [d for d in deputy_holders(model, rule, person, ctx) if d != person]
        dl = label_of(model, rule.deputy)
        out.append(
            TraceStep(
                Label(f"{pad}  依「{rl.zh}」由{dl.zh}代行", f"{pad}  under '{rl.en}' the {dl.en} stands in"),
                rule.articles,
                rule.id,
            )
        )
        if not deputies:
            out.append(
                TraceStep(
                    Label(f"{pad}    无人担任{dl.zh}", f"{pad}    nobody holds the role {dl.en}"),
                    (),
                    rule.deputy,
                )
            )
        for d in deputies:
            out += walk(
                model, rule.deputy, d, act, doc_type, ctx, absent, exclude, depth + 2, visited | {rule.deputy}
            )
    return out
