"""Assessing a reform proposal: the three views side by side on the same pair of models.

(a) verification of both models, findings closed / opened / unchanged, and the reform's own
claims checked; (b) paired simulation with common random numbers, each measure's change with
its 95 % interval; (c) the semantic diff of authority (who may act, under which absences).
This module sits above :mod:`govmodel.verify` and :mod:`govmodel.sim` (which never import
each other) and below the renderers and the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govmodel.errors import Problem
from govmodel.findings import Finding, Results, Status
from govmodel.graph.diff import ActDiff, authority_diff
from govmodel.model import Model, Reform, apply_reform, load_model, load_reform
from govmodel.sim.runner import Comparison
from govmodel.verify import Bounds

__all__ = ["FindingChange", "ReformAssessment", "assess_reform", "compare_findings", "claim_problems"]


@dataclass(frozen=True)
class FindingChange:
    """One finding across the two models: ``change`` is closed, opened, still_violated,
    still_holds, unknown, gone (the subject no longer exists) or new_holds."""

    key: str
    change: str
    before: Finding | None
    after: Finding | None

    def as_dict(self) -> dict[str, Any]:
        def side(f: Finding | None) -> dict[str, Any] | None:
            if f is None:
                return None
            d = {"status": str(f.status), "message": f.message.as_dict(), "fingerprint": f.fingerprint}
            if f.bounds.get("resilience") is not None:
                d["resilience"] = f.bounds["resilience"]
            return d

        f = self.after or self.before
        return {
            "key": self.key,
            "change": self.change,
            "articles": list(f.articles) if f else [],
            "before": side(self.before),
            "after": side(self.after),
        }


def _key(f: Finding) -> str:
    return f"{f.property}:{f.subject}"


def compare_findings(before: Results, after: Results) -> list[FindingChange]:
    """Pair findings by property and subject (stable across a reform's edits).

    A coverage property checked per class of context (``subject@class``) may have other
    classes after a reform that changes who acts (one role for another merges two classes):
    a key of one side that the other lacks pairs with what the other side has for the same
    property and subject without the class (the worst of them: violated, unknown, holds), so
    a merged or split class is compared, never counted as opened or gone."""
    a = {_key(f): f for f in before.findings}
    b = {_key(f): f for f in after.findings}
    lone_a = _by_base([k for k in a if k not in b])
    lone_b = _by_base([k for k in b if k not in a])
    out = []
    for key, x in a.items():
        peers = lone_b.get(_base(key), [])
        y = b.get(key) or (_worst([b[k] for k in peers]) if peers else None)
        out.append(FindingChange(key, _change(x, y), x, y))
    for key, y in b.items():
        if key not in a and _base(key) not in lone_a:
            out.append(FindingChange(key, _change(None, y), None, y))
    return out


def _base(key: str) -> str:
    return key.split("@", 1)[0]


def _by_base(keys: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k in keys:
        out.setdefault(_base(k), []).append(k)
    return out


def _worst(found: list[Finding]) -> Finding:
    rank = {Status.violated: 0, Status.unknown: 1, Status.holds: 2}
    return min(found, key=lambda f: (rank.get(f.status, 3), _key(f)))


def _change(x: Finding | None, y: Finding | None) -> str:
    if y is None:
        return "gone"
    if x is None:
        return (
            "opened"
            if y.status == Status.violated
            else "new_holds"
            if y.status == Status.holds
            else "unknown"
        )
    if Status.unknown in (x.status, y.status):
        return "unknown"
    if x.status == Status.violated and y.status == Status.holds:
        return "closed"
    if x.status == Status.holds and y.status == Status.violated:
        return "opened"
    return "still_violated" if y.status == Status.violated else "still_holds"


@dataclass
class ReformAssessment:
    """Everything ``govmodel reform`` reports, as values."""

    reform: Reform
    path: str
    before: Model
    after: Model
    findings: list[FindingChange]
    authority: list[ActDiff]
    bounds: dict[str, Any]
    comparison: Comparison | None = None  # when simulated
    claims: dict[str, str] = field(default_factory=dict)

    @property
    def closed(self) -> list[FindingChange]:
        return [c for c in self.findings if c.change == "closed"]

    @property
    def opened(self) -> list[FindingChange]:
        return [c for c in self.findings if c.change == "opened"]

    @property
    def verdict(self) -> str:
        """``as_claimed`` (every claim closed, nothing opened), ``claims_not_met`` or
        ``opens_gaps`` (a finding that held before is violated after)."""
        if self.opened:
            return "opens_gaps"
        if any(v != "closed" for v in self.claims.values()):
            return "claims_not_met"
        return "as_claimed"

    def as_dict(self) -> dict[str, Any]:
        from collections import Counter

        counts = Counter(c.change for c in self.findings)
        out: dict[str, Any] = {
            "schema_version": "1.0",
            "reform": {
                "id": self.reform.id,
                "file": self.path,
                "title": self.reform.title.label().as_dict(),
                "rationale": self.reform.rationale.label().as_dict(),
                "amends": list(self.reform.amends),
                "closes": list(self.reform.closes),
            },
            "model": {"before": self.before.name, "after": self.after.name},
            "assumptions": {"before": sorted(self.before.enabled), "after": sorted(self.after.enabled)},
            "verdict": self.verdict,
            "claims": self.claims,
            "verification": {
                "bounds": self.bounds,
                "summary": dict(counts),
                "changes": [
                    c.as_dict() for c in self.findings if c.change not in ("still_holds", "still_violated")
                ],
                "unchanged_violations": [c.key for c in self.findings if c.change == "still_violated"],
            },
            "authority": [_diff_dict(d) for d in self.authority if d.verdict != "equivalent"],
            "authority_summary": dict(Counter(d.verdict for d in self.authority)),
        }
        if self.comparison is not None:
            out["simulation"] = self.comparison.as_dict()
        return out


def _diff_dict(d: ActDiff) -> dict[str, Any]:
    return {
        "subject": d.key.subject,
        "step": d.key.step,
        "act": d.key.act,
        "verdict": d.verdict,
        "articles": list(d.articles),
        "witness": dict(d.witness) if d.witness is not None else None,
    }


def _property_keys(model: Model, bounds: Bounds) -> frozenset[str]:
    """Every finding key ``property:subject`` of ``model`` (once per model: `govmodel report`
    checks every reform's claims against the same base model; read from the model's kept
    verification when there is one, since it has one finding per property)."""
    from govmodel.crosscheck.reuse import kept
    from govmodel.model.memo import memo
    from govmodel.verify.run import all_properties

    known = memo(model, "crosscheck.property_keys")
    if bounds not in known:
        results = kept(model, bounds)  # one finding per property: its keys, without listing them
        known[bounds] = (
            frozenset(_key(f) for f in results.findings)
            if results is not None
            else frozenset(f"{p.id}:{p.subject}" for _, p in all_properties(model, bounds))
        )
    return frozenset(known[bounds])


def claim_problems(
    reform: Reform, path: str | Path, before: Model, after: Model, bounds: Bounds
) -> list[Problem]:
    """A ``closes:`` entry that names no property of the model (before or after the reform) is
    a typo, not a claim "not met": one problem per entry, at its position, with a did-you-mean.
    """
    import difflib

    from govmodel.refs import SourceRef
    from govmodel.yamlio import position_of, read_yaml

    known = _property_keys(before, bounds)  # a claim names a finding of the model it amends …
    if all(key in known for key in reform.closes):
        return []
    known = known | _property_keys(after, bounds)  # … or one the reform adds
    wrong = [(i, key) for i, key in enumerate(reform.closes) if key not in known]
    if not wrong:
        return []
    name = str(path)
    tree, _ = read_yaml(Path(path), name)
    problems = []
    for i, key in wrong:
        where = position_of(tree, ("reform", "closes", i), name) if tree is not None else SourceRef(name)
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        problems.append(
            Problem(
                where,
                f"closes: found {key!r}, which is no property of the model",
                f"{hint}a finding key 'property:subject' as govmodel check --format json prints it",
            )
        )
    return problems


def assess_reform(
    path: str | Path,
    model: Model | None = None,
    *,
    bounds: Bounds | None = None,
    scenario: str | Path | None = None,
    simulate: bool = True,
    replications: int | None = None,
    seed: int | None = None,
    jobs: int | None = 1,
    k_authority: int = 2,
    progress: bool | None = False,
    before_results: Results | None = None,
) -> ReformAssessment:
    """Assess a reform file against a model (default: the bundled Dalian model).

    Parameters
    ----------
    path : path of the reform file.
    model : the model it amends.
    bounds : verification bounds; default ``k = 1`` (single points of failure), so a gap a
        reform closes shows as violated → holds rather than as a higher resilience number.
    scenario : the scenario for the paired simulation (default: the bundled baseline).
    simulate : run the paired simulation (b).
    k_authority : absences per scenario in the semantic diff (c).
    before_results : the verification of ``model`` within ``bounds``, when the caller already
        has it (assessing several reforms of one model verifies it once).

    Raises
    ------
    InputError
        A bad reform file or a reform that leaves an inconsistent model.
    """
    from govmodel.errors import ScenarioError
    from govmodel.sim import load_scenario

    reform = load_reform(path)
    before = model or load_model()
    after = apply_reform(before, reform)
    bounds = bounds or Bounds(k=1)
    # Every input is validated before anything is reported, the simulation's too: a bad
    # `scenario:` block is bad input with or without --no-sim. Without the simulation, a reform
    # that changes no scenario setting has nothing to validate there (the baseline is not loaded
    # for nothing). The replications start as soon as both scenarios load, in worker processes,
    # while this one checks the claims (a tenth of a second of a cold reform) and verifies; a
    # problem stops them.
    found: list[Problem] = []
    reformed = None
    if simulate or reform.scenario:
        try:
            reformed = load_scenario(scenario, reforms=[path])
        except ScenarioError as exc:
            found = list(exc.problems)
    from govmodel.crosscheck.reuse import verified

    running = None
    try:
        if simulate and reformed is not None:
            from govmodel.sim.runner import start_compare

            try:
                running = start_compare(
                    load_scenario(scenario),
                    reformed,
                    replications=replications,
                    seed=seed,
                    jobs=jobs,
                    progress=progress,
                )
            except ScenarioError as exc:  # over the budget of simulation events
                found = list(exc.problems)
        problems = claim_problems(reform, path, before, after, bounds) + found
        if problems:
            raise ScenarioError(problems)
        rb = before_results if before_results is not None else verified(before, bounds)
        ra = verified(after, bounds)
        changes = compare_findings(rb, ra)
        authority = authority_diff(before, after, k=k_authority)
        comparison = running.result() if running is not None else None
    finally:
        if running is not None:
            running.cancel()
    by_key = {c.key: c.change for c in changes}
    claims = {k: by_key.get(k, "not_found") for k in reform.closes}
    return ReformAssessment(
        reform,
        str(path),
        before,
        after,
        changes,
        authority,
        dict(rb.options),
        comparison,
        claims,
    )
