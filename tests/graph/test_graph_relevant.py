"""relevant_persons: performers() depends on the absences of these persons only (issue #11:
the simulation caches who may act on them), checked on the Dalian model for every step, a
spread of contexts and random absences."""

from __future__ import annotations

import random

import pytest

from govmodel.graph.authority import Context, performers, relevant_persons
from govmodel.model import load_model


@pytest.fixture(scope="module")
def model():
    return load_model()


def test_performers_depend_only_on_the_relevant_persons_absences(model) -> None:
    rng = random.Random(11)
    persons = [p.id for p in model.cast.persons]
    reasons = [r.id for r in model.absence_reasons]
    departments = [d.id for d in model.cast.departments]
    checked = 0
    for proc in model.procedures:
        for step in proc.steps:
            if not step.by:
                continue
            for _ in range(4):
                dept = rng.choice(departments)
                related = frozenset(rng.sample([d for d in departments if d != dept], rng.randint(0, 2)))
                ctx = Context(dept, related)
                doc_type = rng.choice(proc.applies_to) if proc.applies_to else None
                relevant = relevant_persons(model, step.by, step.act, doc_type, ctx)
                for _ in range(6):
                    absent = {p: rng.choice(reasons) for p in rng.sample(persons, rng.randint(1, 12))}
                    kept = {p: r for p, r in absent.items() if p in relevant}
                    assert performers(model, step.by, step.act, doc_type, ctx, absent) == performers(
                        model, step.by, step.act, doc_type, ctx, kept
                    ), (proc.id, step.id, absent)
                    checked += 1
    assert checked > 100


def test_relevant_persons_follow_deputy_chains(model) -> None:
    mayor = relevant_persons(model, ("mayor",), "signs", "government_document")
    holders_of_mayor = {p.id for p in model.cast.persons if "mayor" in p.holds}
    assert holders_of_mayor < mayor  # the mayor and whoever may stand in for him, transitively
    assert relevant_persons(model, ("municipal_government",), "publishes") == frozenset()  # an institution
