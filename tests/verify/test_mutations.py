"""Mutation tests on a copy of the Dalian model: each edit a careless reform could make must
change the findings, and a CI baseline of the unmutated findings must report a new
violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from govmodel.findings import Results, Status
from govmodel.model import Model, load_model
from govmodel.refs import SourceRef
from govmodel.verify import Bounds, verify
from govmodel.verify.baseline import Accepted, Baseline, compare

pytestmark = pytest.mark.slow  # whole-model verification of three mutants


def _edit(folder: Path, name: str, change) -> None:
    y = YAML(typ="rt")
    path = folder / name
    data = y.load(path.read_text(encoding="utf-8"))
    change(data)
    with path.open("w", encoding="utf-8") as fh:
        y.dump(data, fh)


def _forget(folder: Path, removed: set[str]) -> None:
    """Clause-level coverage (clauses.yaml) names elements: a mutant that removes one no longer
    encodes the sentence with it (omitted, with the mutation as the reason)."""

    def change(data):
        for clause in data.get("clauses") or ():
            kept = [e for e in clause.get("elements") or () if e not in removed]
            if "elements" in clause and len(kept) != len(clause["elements"]):
                if kept:
                    clause["elements"] = kept
                else:
                    del clause["elements"]
                    clause["status"] = "omitted"
                    clause["reason"] = {
                        "zh": "变异测试删除了其要素",
                        "en": "its element was removed by a mutation test",
                    }

    if (folder / "clauses.yaml").exists():
        _edit(folder, "clauses.yaml", change)


def _baseline(results: Results) -> Baseline:
    return Baseline(
        "b.yaml",
        tuple(
            Accepted(f.fingerprint, "accepted", SourceRef("b.yaml"), resilience=f.resilience)
            for f in results.with_status(Status.violated)
        ),
    )


def _status(results: Results, prop: str, subject: str) -> str | None:
    return next(
        (f.status.value for f in results.findings if f.property == prop and str(f.subject) == subject), None
    )


def _run(model: Model, classes: list[str]) -> Results:
    return verify(model, Bounds(), classes)


def test_dropping_the_art9_deputy_rule_is_caught(dalian: Model, dalian_copy: Path) -> None:
    classes = ["coverage", "separation"]
    before = _run(dalian, classes)

    removed: set[str] = set()

    def drop(data):
        rules = data["deputy_rules"]
        for i in reversed(range(len(rules))):
            if rules[i]["principal"] == "mayor" and rules[i]["deputy"] == "executive_vice_mayor":
                removed.add(rules[i]["id"])
                del rules[i]

    _edit(dalian_copy, "deputies.yaml", drop)
    _forget(dalian_copy, removed)
    after = _run(load_model(dalian_copy), classes)
    # Fingerprints name the gap, not the rules its witness passes through (issue #8): the
    # mayor's absence already stopped the signing (on private leave), so that gap keeps its
    # identity and now shows a visit abroad, which art. 9 no longer covers; the separation
    # gaps art. 9 created are gone, and CI lists them as no longer occurring.
    comparison = compare(after, _baseline(before))
    assert comparison.stale, "CI must see the change"
    sign = "art47_sign_off.sign"

    def reason(r):
        return next(f for f in r.findings if str(f.subject) == sign).counterexample.absent[0].reason

    assert (reason(before), reason(after)) == ("leave_city_private", "abroad_visit")
    subject = "art48_government_document.review_in_charge > art48_government_document.sign"
    assert _status(before, "separation.two_levels", subject) == "violated"
    assert _status(after, "separation.two_levels", subject) == "holds"


def test_dropping_the_legality_review_is_caught(dalian: Model, dalian_copy: Path) -> None:
    classes = ["mandatory"]
    before = _run(dalian, classes)

    removed: set[str] = set()

    def drop(data):
        for proc in data["procedures"]:
            if "normative_document" not in proc.get("applies_to", []):
                continue
            gone = [s["id"] for s in proc["steps"] if s["act"] == "legality_review"]
            removed.update(f"{proc['id']}.{g}" for g in gone)
            proc["steps"] = [s for s in proc["steps"] if s["id"] not in gone]
            for s in proc["steps"]:
                if s.get("after") is not None:
                    s["after"] = [x for x in s["after"] if x not in gone]

    _edit(dalian_copy, "procedures.yaml", drop)
    _forget(dalian_copy, removed)
    after = _run(load_model(dalian_copy), classes)
    subject = "art48_legality_review_before_issue@normative_document"
    assert _status(before, "mandatory.ordering", subject) == "holds"
    assert _status(after, "mandatory.ordering", subject) == "violated"
    assert compare(after, _baseline(before)).new


def test_swapping_a_signer_is_caught(dalian: Model, dalian_copy: Path) -> None:
    classes = ["coverage", "conflict", "separation"]
    before = _run(dalian, classes)

    def swap(data):
        for proc in data["procedures"]:
            if proc["id"] == "art47_sign_off":
                for s in proc["steps"]:
                    if s["act"] == "signs":
                        s["by"] = ["executive_vice_mayor"]

    _edit(dalian_copy, "procedures.yaml", swap)
    after = _run(load_model(dalian_copy), classes)
    new = compare(after, _baseline(before)).new
    assert new
    assert any(f.property == "conflict.overlap" and "art47_sign_off.sign" in str(f.subject) for f in new)
