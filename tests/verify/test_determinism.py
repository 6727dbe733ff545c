"""Determinism and stable identity (issue #8 item 6): the same JSON whatever the hash seed,
the witness ``explain`` prints is the one ``check`` printed, fingerprints survive unrelated
assumption switches, baseline entries a run did not evaluate are "not checked", and timing
witnesses are dated while the rules were in force."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.findings import Finding, Status, Subject, fingerprint
from govmodel.refs import Label

HERE = Path(__file__).parent
GOOD = HERE / "good" / "covered-with-deputy"


def _check_json(*args: str, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "govmodel", "check", "--format", "json", *args],
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout


def test_fingerprint_hashes_identity_not_the_rules_a_witness_passes_through() -> None:
    base = dict(
        property="coverage.step",
        cls="coverage",
        subject=Subject("p.sign"),
        status=Status.violated,
        statement=Label("", ""),
        message=Label("", ""),
        articles=(1,),
    )
    a = Finding(**base, elements=("p.sign", "rule_a"), identity=("p.sign",))
    b = Finding(**base, elements=("p.sign", "rule_a", "rule_b"), identity=("p.sign",))
    assert a.fingerprint == b.fingerprint == fingerprint("coverage.step", "p.sign", ["p.sign"])


@pytest.mark.slow  # three interpreters; determinism within one run stays in the fast tier
def test_fixture_json_is_byte_identical_across_hash_seeds() -> None:
    outs = {_check_json(str(HERE / "bad" / "reviewer-is-signer"), seed=s) for s in ("1", "2", "3")}
    assert len(outs) == 1


def test_a_deputy_cycle_is_named_from_its_least_role_whatever_the_hash_seed() -> None:
    # networkx's simple_cycles starts a cycle where the node order puts it (seeds 0 and 1
    # named the same two-role cycle from different roles)
    outs = {_check_json(str(HERE / "bad" / "deputy-cycle"), seed=s) for s in ("0", "1")}
    assert len(outs) == 1
    assert "deputy_director → director → deputy_director" in outs.pop().decode()


@pytest.mark.slow
def test_dalian_json_is_byte_identical_across_hash_seeds() -> None:
    outs = [_check_json(seed=s) for s in ("1", "2", "3")]
    assert outs[0] == outs[1] == outs[2]
    assert json.loads(outs[0])["summary"]["violated"] > 0


@pytest.mark.slow
def test_explain_prints_the_witness_check_printed_for_every_violated_dalian_finding() -> None:
    """``check`` in one interpreter (hash seed 1), ``explain`` for every violated fingerprint in
    another (hash seed 2): the finding's block, witness included, is the same text."""
    from govmodel.cli.explain import explain_text
    from govmodel.model import load_model
    from govmodel.report.verify_text import finding_text
    from govmodel.verify import Bounds, verify

    script = (
        "import json, sys\n"
        "from govmodel.model import load_model\nfrom govmodel.verify import Bounds, verify\n"
        "from govmodel.cli.explain import explain_text\n"
        "m = load_model(); r = verify(m, Bounds())\n"
        "fps = [f.fingerprint for f in r.findings if f.status == 'violated']\n"
        "json.dump({fp: explain_text(m, r, fp) for fp in fps}, sys.stdout)\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "2"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True)
    explained = json.loads(done.stdout)
    model = load_model()
    results = verify(model, Bounds())
    violated = [f for f in results.findings if f.status == Status.violated]
    assert sorted(explained) == sorted(f.fingerprint for f in violated)
    for f in violated:
        block = "\n".join(finding_text(f, model=model))
        assert explained[f.fingerprint].startswith(block + "\n"), f.fingerprint
        assert explain_text(model, results, f.fingerprint) == explained[f.fingerprint]


def _property_fingerprints(model) -> dict[tuple[str, str], str]:
    """(property, subject) → fingerprint of every property of the model, without solving: a
    fingerprint depends on the property alone (its id, subject and identity), never on the answer."""
    from govmodel.refs import Label
    from govmodel.verify import Bounds
    from govmodel.verify.run import all_properties

    return {
        (p.id, str(p.subject)): p.finding(model, Status.holds, Label("", "")).fingerprint
        for _, p in all_properties(model, Bounds())
    }


def _renamed(a: dict[tuple[str, str], str], b: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    return sorted(k for k in a.keys() & b.keys() if a[k] != b[k])


def test_a_review_sign_gap_keeps_its_fingerprint_when_art47_replaces_art48s_review(dalian) -> None:
    # with the assumption on, art. 47's review is no longer the same act as art. 48's, so the
    # check "review_in_charge > sign" passes through fewer routes: the gap is the same, and so
    # must be its fingerprint (the baseline showed one new plus one gone)
    from govmodel.model import load_model

    on = load_model(None, {"art47_chain_replaces_art48_review": True})
    key = (
        "separation.two_levels",
        "art48_government_document.review_in_charge > art48_government_document.sign",
    )
    a, b = _property_fingerprints(dalian), _property_fingerprints(on)
    assert key in a and key in b
    assert _renamed(a, b) == []


@pytest.mark.slow
def test_no_assumption_switch_changes_a_fingerprint(dalian) -> None:
    from govmodel.model import load_model

    a = _property_fingerprints(dalian)
    for asm in dalian.assumptions:
        switched = load_model(None, {asm.id: asm.id not in dalian.enabled})
        assert _renamed(a, _property_fingerprints(switched)) == [], asm.id


@pytest.mark.slow
@pytest.mark.parametrize(
    "assumption", ["art44_deputy_extends_to_instruction_reports", "art47_chain_replaces_art48_review"]
)
def test_fingerprints_survive_an_unrelated_assumption_switch(assumption: str) -> None:
    from govmodel.model import load_model
    from govmodel.verify import Bounds, verify

    a = verify(load_model(), Bounds())
    b = verify(load_model(None, {assumption: True}), Bounds())
    fa = {(f.property, str(f.subject)): f.fingerprint for f in a.findings}
    fb = {(f.property, str(f.subject)): f.fingerprint for f in b.findings}
    assert {k for k in fa if k in fb and fa[k] != fb[k]} == set()


def test_baseline_entries_not_evaluated_are_not_checked_never_stale(tmp_path: Path, capsys) -> None:
    full = json.loads(_check_json(str(GOOD), seed="0"))
    resilience_2 = [
        r for r in full["results"] if r["status"] == "violated" and r["bounds"]["resilience"] == 2
    ]
    assert resilience_2
    base = tmp_path / "baseline.yaml"
    lines = ["schema_version: 1", "accepted:"]
    for r in resilience_2:
        lines += [
            f"  - fingerprint: '{r['fingerprint']}'",
            f"    property: {r['property']}",
            "    justification: accepted",
        ]
    base.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "k1.json"
    assert (
        main(["check", str(GOOD), "--k", "1", "--baseline", str(base), "--format", "json", "--out", str(out)])
        == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["baseline"]["stale"] == []
    assert len(data["baseline"]["unchecked"]) == len(resilience_2)
    # a class left out with --class: not checked either
    assert main(["check", str(GOOD), "--class", "structure", "--baseline", str(base)]) == 0
    text = capsys.readouterr().out
    assert "remove it" not in text and "not checked" in text


def test_timing_witnesses_are_dated_after_the_rules_were_adopted(dalian) -> None:
    from govmodel.verify import Bounds, verify

    adopted = dalian.ruleset.adopted.isoformat()
    results = verify(dalian, Bounds(), ["timing"])
    dated = [f for f in results.findings if f.status == Status.violated and f.counterexample.dates]
    assert dated
    for f in dated:
        dates = f.counterexample.as_dict()["dates"]
        first = dates.get("submitted") or dates.get("start") or dates.get("a_stricter_from")
        assert first >= adopted, (f.subject, first)
        assert f.bounds["years"][0] == dalian.ruleset.adopted.year


def test_a_violation_worse_than_the_resilience_accepted_is_new() -> None:
    from govmodel.findings import Results
    from govmodel.refs import SourceRef
    from govmodel.verify.baseline import Accepted, Baseline, compare

    def finding(resilience: int) -> Finding:
        return Finding(
            "coverage.step",
            "coverage",
            Subject("p.sign"),
            Status.violated,
            Label("", ""),
            Label("", ""),
            (1,),
            ("p.sign",),
            bounds={"resilience": resilience},
            identity=("p.sign",),
        )

    fp = finding(2).fingerprint
    base = Baseline("b.yaml", (Accepted(fp, "accepted at 2", SourceRef("b.yaml"), resilience=2),))
    assert compare(Results("m", "p", (), (finding(2),), {"k": 3}, persons=3), base).new == ()
    assert compare(Results("m", "p", (), (finding(3),), {"k": 3}, persons=3), base).new == ()
    worse = compare(Results("m", "p", (), (finding(1),), {"k": 3}, persons=3), base)
    assert [f.fingerprint for f in worse.new] == [fp]
    assert (
        finding(1).severity == "high" and finding(0).severity == "critical" and finding(5).severity == "low"
    )


def test_witnesses_are_typed_per_property_class_and_serialize_as_documented(dalian) -> None:
    from govmodel.findings import CadenceDates, CalendarDates, SceneWitness
    from govmodel.verify import Bounds, verify

    results = verify(dalian, Bounds(k=1), ["coverage", "timing"])
    for f in results.with_status(Status.violated):
        cx = f.counterexample
        if f.property == "timing.cadence":
            assert isinstance(cx.cast, SceneWitness) and isinstance(cx.dates, CadenceDates)
            assert list(cx.as_dict()["dates"]) == ["submitted", "decision_needed_by", "next_meeting"]
        elif f.property == "timing.calendar_days":
            assert (
                isinstance(cx.dates, CalendarDates)
                and cx.dates.working_days == cx.as_dict()["dates"]["working_days"]
            )
        elif f.cls == "coverage" and cx.cast:
            assert isinstance(cx.cast, SceneWitness)
            assert cx.as_dict()["cast"] == {k: v for k, v in cx.cast.items()}
