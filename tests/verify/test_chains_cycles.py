"""A deputy cycle costs no more than a chain (issue #15): a chain of stand-ins stops, once, where
its next deputy is a role it already passed through *or one such a role specializes* (the
vice mayor in charge is a vice mayor). Before, a cycle between two plural roles (vice mayor ->
deputy secretary-general -> vice mayor) went round again through every other vice mayor, and
``reform --no-sim`` on such a model cost three times the chain (bench/bench_deputy_cycle.py)."""

from __future__ import annotations

import dataclasses

import pytest

from govmodel.graph.authority import Context, performers
from govmodel.model import load_model
from govmodel.model.model import Model
from govmodel.verify.chains import chains

CTX = Context(department="finance_bureau")
REASONS = ("abroad_visit", "out_of_city_official")


@pytest.fixture(scope="module")
def models() -> dict[str, Model]:
    base = load_model()
    template = next(r for r in base.deputy_rules if r.kind == "acts_for")

    def rule(rid: str, principal: str, deputy: str):  # a rule as a model file would give it
        return template.model_copy(
            update={
                "id": rid,
                "principal": principal,
                "deputy": deputy,
                "acts": "all",
                "applies_to": (),
                "requires_assumption": None,
                "when_absent_for": REASONS,
            }
        )

    def with_rules(*rules) -> Model:
        sections = dataclasses.replace(base.sections, deputy_rules=base.sections.deputy_rules + rules)
        return Model.build(sections, base.folder, base.enabled)

    forth = rule("bench_vm_to_dsg", "vice_mayor", "deputy_secretary_general")
    back = rule("bench_dsg_to_vm", "deputy_secretary_general", "vice_mayor")
    return {"chain": with_rules(forth), "cycle": with_rules(forth, back)}


def _chains(model: Model) -> int:
    actors = ("vice_mayor_in_charge", "vice_mayor")
    return sum(len(chains(model, (actor,), "signs", None, CTX)) for actor in actors)


def test_a_cycle_between_plural_roles_unrolls_no_more_chains_than_the_chain(models) -> None:
    assert _chains(models["cycle"]) == _chains(models["chain"])  # 33 against 21 before the cut


def test_stand_ins_never_come_back_to_a_role_on_their_chain(models) -> None:
    model = models["cycle"]

    def holders(role):
        return [p.id for p in model.cast.persons if role in p.holds]

    vms, dsgs = holders("vice_mayor_in_charge") or holders("vice_mayor"), holders("deputy_secretary_general")
    absent = {p: "abroad_visit" for p in [*vms, *dsgs]}
    absent.pop(holders("vice_mayor")[-1])  # one vice mayor is in: only a walk round the cycle finds him
    found = performers(model, ("vice_mayor_in_charge",), "signs", None, CTX, absent)
    assert all("bench_dsg_to_vm" not in p.via for p in found), found
