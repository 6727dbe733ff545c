"""context_parts: the parts of a context that can change who performs a step (the simulation
keys its performers' cache on them only, issue #11). Checked on every step of the bundled
models: a part called irrelevant never changes performers() or relevant_persons()."""

from __future__ import annotations

import random

import pytest

from govmodel.bundled import bundled_path
from govmodel.graph.authority import Context, holders, performers, relevant_persons
from govmodel.graph.context import ContextParts, context_parts, holder_parts
from govmodel.model import load_model

MODELS = ("dalian-2014", "city-meetings-excerpt", "baiyun-executive-meeting")


@pytest.fixture(scope="module", params=MODELS)
def model(request):  # type: ignore[no-untyped-def]
    return load_model(bundled_path("model", request.param))


def test_roles_of_the_whole_government_need_no_department(model) -> None:  # type: ignore[no-untyped-def]
    government = [r.id for r in model.roles if r.scope == "government" and not r.institutional]
    scoped = [r.id for r in model.roles if r.scope in ("department", "document")]
    if not scoped:
        pytest.skip("no department-scoped role in this model")
    assert context_parts(model, tuple(scoped), None, None).department
    related = [r.id for r in model.roles if r.scope == "document"]
    if related:
        assert context_parts(model, tuple(related), None, None) == ContextParts(True, True)
    # some government-wide role of every model is performed the same whatever the department
    assert any(context_parts(model, (r,), None, None) == ContextParts(False, False) for r in government)


def _cast(model, fewest: int) -> tuple[list[str], list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The model's departments, persons and absence reasons (skipped with fewer than ``fewest``
    departments to vary, or no reason to be away)."""
    departments = [d.id for d in model.cast.departments] if model.cast else []
    persons = [p.id for p in model.cast.persons] if model.cast else []
    reasons = [r.id for r in model.absence_reasons]
    if len(departments) < fewest or not reasons:
        pytest.skip("too few departments to vary")
    return departments, persons, reasons


def test_an_irrelevant_part_never_changes_the_answer(model) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    departments, persons, reasons = _cast(model, 3)
    checked = 0
    for proc in model.procedures:
        for step in proc.steps:
            if not step.by:
                continue
            for doc_type in proc.applies_to or (None,):
                parts = context_parts(model, step.by, step.act, doc_type)
                for _ in range(3):
                    a, b = rng.sample(departments, 2)
                    rel_a = frozenset(rng.sample([d for d in departments if d != a], 2))
                    rel_b = frozenset(rng.sample([d for d in departments if d != b], 1))
                    one = Context(a, rel_a)
                    # the other context differs only in the parts called irrelevant
                    other = Context(a if parts.department else b, rel_a if parts.related else rel_b)
                    absent = {p: rng.choice(reasons) for p in rng.sample(persons, min(len(persons), 6))}
                    for where in ({}, absent):
                        assert performers(model, step.by, step.act, doc_type, one, where) == performers(
                            model, step.by, step.act, doc_type, other, where
                        ), (proc.id, step.id, doc_type)
                    assert relevant_persons(model, step.by, step.act, doc_type, one) == relevant_persons(
                        model, step.by, step.act, doc_type, other
                    )
                    checked += 1
    assert checked > 0


def _stand_ins(model, actor, act, doc_type, ctx, person, absent) -> tuple:  # type: ignore[no-untyped-def,type-arg]
    """Who stands in for ``person``, one holder of ``actor``, the other holders held present."""
    held = set(holders(model, actor, ctx)) - {person}
    away = {p: r for p, r in absent.items() if p not in held}
    return tuple(p for p in performers(model, (actor,), act, doc_type, ctx, away) if p.via)


def test_who_stands_in_for_one_holder_ignores_the_parts_called_irrelevant(model) -> None:  # type: ignore[no-untyped-def]
    """holder_parts: for one holder of an all-holders step (会签), a part it calls irrelevant
    never changes who stands in for him (unless another holder is among his stand-ins: the
    simulation keys on those) nor the persons his stand-ins are drawn from."""
    rng = random.Random(11)
    departments, persons, reasons = _cast(model, 4)
    checked = 0
    for proc in model.procedures:
        for step in (s for s in proc.steps if s.all_holders):
            for doc_type in proc.applies_to or (None,):
                for actor in step.by:
                    parts = holder_parts(model, actor, step.act, doc_type)
                    for _ in range(4):
                        a, b = rng.sample(departments, 2)
                        for x in rng.sample([d for d in departments if d not in (a, b)], 2):
                            one = Context(
                                a, frozenset({x, rng.choice([d for d in departments if d not in (a, x)])})
                            )
                            mine = holders(model, actor, Context(a, frozenset({x})))
                            if len(mine) != 1:
                                continue
                            person = mine[0]
                            rest = rng.choice([d for d in departments if d not in (a, b, x)])
                            other = Context(
                                a if parts.department else b,
                                one.related_departments if parts.related else frozenset({x, rest}),
                            )
                            if person not in holders(model, actor, other):
                                continue
                            absent = {
                                p: rng.choice(reasons) for p in rng.sample(persons, min(len(persons), 6))
                            }
                            absent[person] = rng.choice(reasons)
                            walk = relevant_persons(model, (actor,), step.act, doc_type, one, person)
                            assert walk == relevant_persons(
                                model, (actor,), step.act, doc_type, other, person
                            )
                            others = (set(holders(model, actor, one)) | set(holders(model, actor, other))) - {
                                person
                            }
                            if not walk & others:
                                assert _stand_ins(
                                    model, actor, step.act, doc_type, one, person, absent
                                ) == _stand_ins(model, actor, step.act, doc_type, other, person, absent), (
                                    proc.id,
                                    step.id,
                                    person,
                                )
                                checked += 1
    if not checked:
        pytest.skip("no all-holders step with a holder in two contexts")
