"""Differential tests: on random small models, Z3's answers equal brute-force enumeration of
every absence scenario through :func:`govmodel.graph.authority.performers` (the reference
deputizing semantics): coverage holds/violated and the minimal resilience number, the
smallest scenario forcing one person onto two levels of a check, and the smallest scenario in
which two rules asking one settling act require different persons (semantic conflict)."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govmodel.graph import authority
from govmodel.graph.authority import Context, performers
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.model.sections import Sections
from govmodel.verify import Bounds
from govmodel.verify.checks import conflict, coverage, separation
from govmodel.verify.checks.coverage import cases_for, distinct

ROLES = ("r0", "r1", "r2", "r3")
REASONS = ("away", "sick", "trip")


def _text(x: str) -> t.Text:
    return t.Text(zh=x, en=x)


@st.composite
def small_models(draw: st.DrawFn, two_rules: bool = False) -> Model:
    n_reasons = draw(st.integers(1, 3))
    reasons = REASONS[:n_reasons]
    n_persons = draw(st.integers(1, 4))
    persons = []
    for i in range(n_persons):
        holds = draw(st.lists(st.sampled_from(ROLES), max_size=2, unique=True))
        persons.append(t.Person(id=f"p{i}", label=_text(f"p{i}"), holds=tuple(holds)))
    rules = []
    for i in range(draw(st.integers(0, 5))):
        principal, deputy = draw(st.sampled_from(ROLES)), draw(st.sampled_from(ROLES))
        when = draw(st.lists(st.sampled_from(reasons), min_size=1, unique=True))
        acts = draw(st.sampled_from(["all", ("signs",), ("reviews",)]))
        rules.append(
            t.DeputyRule(
                id=f"d{i}",
                label=_text(f"d{i}"),
                articles=(1,),
                kind="acts_for",
                principal=principal,
                deputy=deputy,
                when_absent_for=tuple(when),
                acts=acts,
            )
        )
    steps = []
    for i, act in enumerate(("reviews", "signs")):
        by = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=2, unique=True))
        steps.append(
            t.Step(id=f"s{i}", act=act, by=tuple(by), articles=(1,), all_holders=draw(st.booleans()))
        )
    sections = Sections(
        ruleset=t.Ruleset(
            id="random", title=_text("r"), issuer=_text("r"), adopted="2020-01-01", articles=1, source="x.txt"
        ),
        cast=t.Cast(assumption="cast", persons=tuple(persons)),
        absence_reasons=tuple(
            t.AbsenceReason(id=r, label=_text(r), articles=(1,), leaves_city=True) for r in reasons
        ),
        roles=tuple(t.Role(id=r, label=_text(r), articles=(1,), plural=True) for r in ROLES),
        document_types=(t.DocumentType(id="doc", label=_text("doc"), articles=(1,), origin="government"),),
        procedures=(
            t.Procedure(
                id="proc", label=_text("proc"), articles=(1,), applies_to=("doc",), steps=tuple(steps)
            ),
            *(
                (
                    t.Procedure(
                        id="other",
                        label=_text("other"),
                        articles=(1,),
                        applies_to=("doc",),
                        steps=(
                            t.Step(
                                id="s9",
                                act=draw(st.sampled_from(["signs", "approves", "finalizes"])),
                                by=tuple(
                                    draw(
                                        st.lists(st.sampled_from(ROLES), min_size=1, max_size=2, unique=True)
                                    )
                                ),
                                articles=(1,),
                            ),
                        ),
                    ),
                )
                if two_rules
                else ()
            ),
        ),
        deputy_rules=tuple(rules),
    )
    return Model.build(sections, Path("."), frozenset())


def _scenarios(model: Model):
    persons = [p.id for p in model.cast.persons]
    reasons = [r.id for r in model.absence_reasons]
    for states in itertools.product([None, *reasons], repeat=len(persons)):
        yield {p: s for p, s in zip(persons, states, strict=True) if s is not None}


def _performing(model: Model, step: t.Step, absent: dict[str, str]) -> list[set[str]]:
    """Per holder (all_holders) or for all holders together: the persons able to act."""
    if not step.all_holders:
        return [{p.person for p in performers(model, step.by, step.act, "doc", Context(), absent)}]
    out = []
    for actor in step.by:
        for holder in authority.holders(model, actor, Context()):
            found = authority._stand_ins(
                model, actor, holder, step.act, "doc", Context(), absent, (), frozenset({actor})
            )
            out.append({p.person for p in found})
    return out


def _brute_resilience(model: Model, step: t.Step) -> int | None:
    best = None
    for absent in _scenarios(model):
        groups = _performing(model, step, absent)
        broken = any(not g for g in groups) if step.all_holders else not groups[0]
        if broken and (best is None or len(absent) < best):
            best = len(absent)
    return best


def _forced(step: t.Step, groups: list[set[str]], person: str) -> bool:
    if step.all_holders:
        return any(person in g for g in groups)
    return groups[0] == {person}


def _brute_separation(model: Model, a: t.Step, b: t.Step) -> int | None:
    best = None
    persons = [p.id for p in model.cast.persons]
    for absent in _scenarios(model):
        ga, gb = _performing(model, a, absent), _performing(model, b, absent)
        if any(_forced(a, ga, p) and _forced(b, gb, p) for p in persons) and (
            best is None or len(absent) < best
        ):
            best = len(absent)
    return best


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(small_models())
def test_coverage_equals_brute_force(model: Model) -> None:
    bounds = Bounds()
    for prop in coverage.properties(model, bounds):
        step = model.get(prop.subject.element)
        finding = coverage.evaluate(model, prop, bounds)
        expected = _brute_resilience(model, step)
        if expected is None:
            assert finding.status.value == "holds", (prop.subject, finding.message)
        else:
            assert finding.status.value == "violated"
            assert finding.bounds["resilience"] == expected
            assert len(finding.counterexample.absent) == expected


@SETTINGS
@given(small_models())
def test_separation_equals_brute_force(model: Model) -> None:
    bounds = Bounds()
    for prop in separation.properties(model, bounds):
        a, b = model.get(prop.parameters["a"]), model.get(prop.parameters["b"])
        finding = separation.evaluate(model, prop, bounds)
        expected = _brute_separation(model, a, b)
        if expected is None:
            assert finding.status.value == "holds"
        else:
            assert finding.status.value == "violated"
            assert finding.bounds["absences"] == expected


def _brute_conflict(model: Model, a: t.Step, b: t.Step) -> int | None:
    """Fewest absences under which someone can perform each step and nobody both."""
    best = None
    for absent in _scenarios(model):
        pa = {p.person for p in performers(model, a.by, a.act, "doc", Context(), absent)}
        pb = {p.person for p in performers(model, b.by, b.act, "doc", Context(), absent)}
        if pa and pb and not pa & pb and (best is None or len(absent) < best):
            best = len(absent)
    return best


@SETTINGS
@given(small_models(two_rules=True))
def test_semantic_conflict_equals_brute_force(model: Model) -> None:
    bounds = Bounds()
    for prop in conflict.properties(model, bounds):
        if prop.id != "conflict.overlap":
            continue
        a, b = model.get(prop.parameters["a"]), model.get(prop.parameters["b"])
        finding = conflict.evaluate(model, prop, bounds)
        expected = _brute_conflict(model, a, b)
        if expected is None:
            assert finding.status.value == "holds", (prop.subject, finding.message)
        else:
            assert finding.status.value == "violated", prop.subject
            assert finding.bounds["absences"] == expected


@SETTINGS
@given(small_models(two_rules=True))
def test_separation_equals_brute_force_with_two_routes(model: Model) -> None:
    """With a second rule on the same document the pairs merge; what remains is still exact."""
    test_separation_equals_brute_force.hypothesis.inner_test(model)


@SETTINGS
@given(small_models(), st.integers(0, 2))
def test_bound_k_is_respected(model: Model, k: int) -> None:
    for prop in coverage.properties(model, Bounds(k=k)):
        finding = coverage.evaluate(model, prop, Bounds(k=k))
        expected = _brute_resilience(model, model.get(prop.subject.element))
        assert (finding.status.value == "violated") == (expected is not None and expected <= k)


def test_cases_are_distinct_questions(dalian: Model) -> None:
    proc = next(p for p in dalian.procedures if any(s.all_holders for s in p.steps))
    step = next(s for s in proc.steps if s.all_holders)
    prop = next(p for p in coverage.properties(dalian, Bounds()) if str(p.subject) == f"{proc.id}.{step.id}")
    cases = cases_for(dalian, prop, Bounds())

    def question(c):  # what the solver is asked: the chains and the persons required present
        return (c.roots, c.all_holders, c.scene.present, c.exclude)

    kept = distinct(cases)
    assert len({question(c) for c in kept}) == len(kept)  # no question asked twice
    assert {question(c) for c in kept} == {question(c) for c in cases}  # none lost
    assert distinct(cases + cases[::-1]) == kept  # the first of each, in order
