"""context_parts: the parts of a context that can change who performs a step (the simulation
keys its performers' cache on them only, issue #11). Checked on every step of the bundled
models: a part called irrelevant never changes performers() or relevant_persons()."""

from __future__ import annotations

import random

import pytest

from govmodel.bundled import bundled_path
from govmodel.graph.authority import Context, performers, relevant_persons
from govmodel.graph.context import ContextParts, context_parts
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


def test_an_irrelevant_part_never_changes_the_answer(model) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    departments = [d.id for d in model.cast.departments] if model.cast else []
    persons = [p.id for p in model.cast.persons] if model.cast else []
    reasons = [r.id for r in model.absence_reasons]
    if len(departments) < 3 or not reasons:
        pytest.skip("too few departments to vary")
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
