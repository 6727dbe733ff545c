"""Semantic diff of authority: verdicts and witnesses, checked on real assumption switches."""

from pathlib import Path

from govmodel.findings import AuthorityWitness
from govmodel.graph.diff import authority_diff
from govmodel.model import apply_reform, load_model, load_reform

M = load_model()


def _changed(diff):
    return {(d.key.subject, d.key.step): d for d in diff if d.verdict != "equivalent"}


def test_identical_models_are_equivalent():
    assert _changed(authority_diff(M, M)) == {}


def test_extending_a_deputy_rule_is_more_permissive_with_a_witness():
    on = M.with_assumptions({"art44_deputy_extends_to_instruction_reports": True})
    changed = _changed(authority_diff(M, on))
    assert set(changed) == {("instruction_report", "art51_instruction_report.sign")}
    d = changed[("instruction_report", "art51_instruction_report.sign")]
    assert d.verdict == "more_permissive"
    assert d.witness["before"] == [] and len(d.witness["after"]) == 1
    assert list(d.witness["absent"].values())[0] in (
        "abroad_visit",
        "out_of_city_official",
        "leave_city_private",
    )
    back = _changed(authority_diff(on, M))
    assert back[("instruction_report", "art51_instruction_report.sign")].verdict == "less_permissive"


def test_steps_that_disappear_are_removed():
    off = M.with_assumptions({"art47_documents_are_government_documents": False})
    changed = _changed(authority_diff(M, off))
    assert changed[("government_rule", "art48_government_document.sign")].verdict == "removed"
    assert changed[("government_rule", "art48_government_document.sign")].key.act == "signs"


def test_reform_changing_reasons_is_more_permissive():
    minimal = load_model(Path(__file__).parents[1] / "model" / "good" / "minimal")
    reform = load_reform(Path(__file__).parents[1] / "model" / "reforms" / "good-second-deputy.yaml")
    changed = _changed(authority_diff(minimal, apply_reform(minimal, reform)))
    d = changed[("request", "art3_request.approve")]
    assert d.verdict == "more_permissive" and d.witness["absent"] == {"p_mayor": "leave_city_private"}


def test_a_witness_is_typed_and_serializes_as_before():
    """The witness of an authority difference is a typed AuthorityWitness (a rename breaks the
    type check, not silently its readers); its JSON keeps the documented keys in order."""
    on = M.with_assumptions({"art44_deputy_extends_to_instruction_reports": True})
    d = next(d for d in authority_diff(M, on) if d.witness is not None)
    assert isinstance(d.witness, AuthorityWitness)
    assert list(dict(d.witness)) == ["department", "absent", "before", "after"]
    assert dict(d.witness)["before"] == list(d.witness.before)


def test_one_reason_per_class_gives_the_verdicts_and_witnesses_of_every_reason(monkeypatch):
    """Scanning the first reason of each class the models' rules treat alike finds what
    scanning every reason finds (the same verdict and the same first witness per act)."""
    import govmodel.graph.diff as diff
    from govmodel.bundled import bundled_path

    for name in ("acting-mayor-in-every-absence", "deputy-secretary-general-stands-in"):
        after = apply_reform(M, load_reform(bundled_path("reform", name)))
        reasons = sorted(r.id for r in M.absence_reasons)
        classes = diff._one_per_class(M, after, reasons)
        assert len(classes) < len(reasons) and classes == sorted(classes)
        fast = authority_diff(M, after)
        with monkeypatch.context() as m:
            m.setattr(diff, "_one_per_class", lambda before, after, reasons: reasons)
            every = authority_diff(M, after)
        assert fast == every
        assert any(d.verdict != "equivalent" for d in fast)
