"""Findings are values: fingerprints stable across runs and unrelated edits, three-valued
status, JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govmodel.findings import (
    Counterexample,
    DocumentTypes,
    LeaveWitness,
    OverlapWitness,
    SceneWitness,
    Status,
    StricterFrom,
    Subject,
    UnheldWitness,
    Witness,
    fingerprint,
)
from govmodel.model import Model, load_model
from govmodel.verify import Bounds, verify


def _fingerprints(model: Model, classes: list[str]) -> dict[tuple[str, str], str]:
    return {(f.property, str(f.subject)): f.fingerprint for f in verify(model, Bounds(), classes).findings}


def test_fingerprint_ignores_order_and_duplicates() -> None:
    assert fingerprint("p", "s", ["a", "b", "a"]) == fingerprint("p", "s", ["b", "a"])
    assert fingerprint("p", "s", ["a"]) != fingerprint("p", "t", ["a"])


@pytest.mark.slow  # whole-model verification
def test_fingerprints_stable_across_runs_and_unrelated_edits(dalian: Model, dalian_copy: Path) -> None:
    classes = ["coverage", "separation", "unspecified"]
    first = _fingerprints(dalian, classes)
    assert first == _fingerprints(dalian, classes)
    procedures = dalian_copy / "procedures.yaml"
    procedures.write_text(
        "# an unrelated comment that shifts every line\n\n" + procedures.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    roles = dalian_copy / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8") + "\n# another comment\n", encoding="utf-8")
    edited = load_model(dalian_copy)
    assert _fingerprints(edited, classes) == first
    moved = {
        str(f.subject): f.location for f in verify(edited, Bounds(), ["unspecified"]).findings if f.location
    }
    original = {
        str(f.subject): f.location for f in verify(dalian, Bounds(), ["unspecified"]).findings if f.location
    }
    shifted = [s for s, loc in moved.items() if loc.file.endswith("procedures.yaml")]
    assert shifted and all(moved[s].line == original[s].line + 2 for s in shifted)


@pytest.mark.slow  # whole-model verification
def test_every_result_is_three_valued_and_cites_articles(dalian: Model) -> None:
    results = verify(dalian, Bounds(k=2), ["coverage", "structure"])
    assert {f.status for f in results.findings} <= set(Status)
    for f in results.findings:
        assert f.articles, f.subject
        d = f.as_dict()
        assert d["status"] in ("holds", "violated", "unknown")
        if f.status == Status.violated:
            assert "counterexample" in d and "absent" in d["counterexample"]


def test_assumptions_are_listed(dalian: Model) -> None:
    results = verify(dalian, Bounds(), ["structure"])
    assert {a.id for a in results.assumptions} == {a.id for a in dalian.assumptions}
    assert set(results.in_force) == set(dalian.enabled)


# ----- typed subjects and witnesses (issue #10: no packed strings between the layers) -----
@pytest.mark.parametrize(
    "subject, text",
    [
        (Subject("p.sign"), "p.sign"),
        (Subject("p.review", scope=("audit_bureau",)), "p.review@audit_bureau"),
        (
            Subject("p.review", scope=("education_bureau", "commerce_bureau")),
            "p.review@education_bureau+commerce_bureau",
        ),
        (Subject.pair("p.review", ">", "p.sign"), "p.review > p.sign"),
        (Subject.pair("a.approve", "~", "b.finalize"), "a.approve ~ b.finalize"),
        (Subject("plenary_meeting", act="convenes"), "plenary_meeting.convenes"),
        (Subject("mayor", situation="leaving_city"), "leaving_city:mayor"),
        (Subject("lead_time", scope=("request",)), "lead_time@request"),
    ],
)
def test_a_subject_is_written_as_the_documented_text(subject: Subject, text: str) -> None:
    assert str(subject) == text


def test_subject_parts_are_read_not_parsed() -> None:
    s = Subject.pair("p.review", ">", "p.sign")
    assert s.steps == ("p.review", "p.sign") and s.procedure == "p"
    assert Subject("p.review").within("audit_bureau").steps == ("p.review",)
    assert Subject("mayor", situation="leaving_city").element == "mayor"
    assert f"{Subject('p.sign'):<8}|" == "p.sign  |"  # formats as its text


@pytest.mark.parametrize(
    "fixture, prop, witness, keys",
    [
        (
            "bad/conflicting-signers",
            "conflict.overlap",
            OverlapWitness,
            ["document_type", "performers_a", "performers_b"],
        ),
        ("bad/unspecified-actor", "unspecified.step", DocumentTypes, ["document_types"]),
        ("bad/missing-legality-review", "mandatory.ordering", SceneWitness, ["document_type"]),
        ("bad/two-limits-flip-on-the-calendar", "timing.two_limits", DocumentTypes, ["document_types"]),
        ("bad/vague-limit-for-the-decision", "timing.vague_limit", DocumentTypes, ["document_types"]),
    ],
)
def test_witnesses_of_conflict_unspecified_mandatory_are_typed(
    fixture: str, prop: str, witness: type, keys: list[str]
) -> None:
    folder = Path(__file__).parent / fixture
    options = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["options"]
    found = [
        f
        for f in verify(load_model(folder), Bounds(**options)).findings
        if f.property == prop and f.status == Status.violated
    ]
    assert found
    for f in found:
        cx = f.counterexample
        assert isinstance(cx.cast, witness) and isinstance(f.subject, Subject)
        assert list(cx.as_dict()["cast"]) == keys and cx.as_dict()["cast"] == dict(cx.cast)
        if prop == "timing.two_limits":
            assert isinstance(cx.dates, StricterFrom) and list(cx.as_dict()["dates"]) == [
                "a_stricter_from",
                "b_stricter_from",
            ]


def test_unheld_and_leave_witnesses_serialize_as_documented() -> None:
    assert dict(UnheldWitness.where(("audit_bureau",))) == {"departments": ["audit_bureau"]}
    assert dict(UnheldWitness.where(())) == {"context": "all"}
    assert dict(LeaveWitness(("p_mayor",), "leaving_city")) == {
        "requesters": ["p_mayor"],
        "situation": "leaving_city",
    }
    assert dict(DocumentTypes(())) == {"document_types": []}  # kept even when empty, as before
    assert not Witness() and Counterexample().as_dict() == {"absent": []}


def test_parse_reads_back_every_subject_of_dalian(dalian) -> None:
    from dataclasses import replace

    from govmodel.verify.run import all_properties

    subjects = [p.subject for _, p in all_properties(dalian, Bounds())]
    subjects += [Subject("p.sign").entrusted().within("a", "b"), Subject("m", act="quorum.2")]
    for s in subjects:
        back = Subject.parse(str(s))
        assert str(back) == str(s)
        assert back == replace(
            s,
            element=str(replace(s, relation=None, other=None, scope=(), situation=None, branch=None)),
            act=None,
        )
