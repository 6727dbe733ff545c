"""Suggested amendments: the candidate overlays of one root cause, each applied to the model
and judged as ``govmodel reform --no-sim`` judges a reform file (verify both models within
the same bounds, pair the findings, :func:`~govmodel.crosscheck.assess.compare_findings`),
the first that closes every finding of the root cause and opens none returned.

The search is breadth first and derived from the solver, never from a list of known gaps:
the candidates of the root cause alone first (:func:`govmodel.verify.amendments.candidates`);
where one leaves some of the root cause's findings violated, the causes the verifier reads
off their new witnesses (a second blocking point: another context, another stand-in) give
the next candidates, combined with it; where those causes have no candidate of their own,
the root cause's other candidates are combined with it (two stand-ins, each covering the
other's absence). A candidate is first judged on the root cause's own properties only, and
verified in full (every property: nothing opened) only when those close.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govmodel.crosscheck.assess import compare_findings
from govmodel.errors import InputError, Problem
from govmodel.findings import Finding, Results, RootCause, Status
from govmodel.model import Model, apply_reform, load_reform
from govmodel.refs import SourceRef
from govmodel.verify import Bounds, verify
from govmodel.verify.amendments import candidates, reform_yaml
from govmodel.verify.rootcause import cause_of
from govmodel.verify.run import all_properties

__all__ = ["Suggestion", "find_root_cause", "suggest", "combine"]

_MAX_TRIED = 16  # candidates judged per root cause and bound (singles, then combinations)
_MAX_DEPTH = 4  # parts of one combined candidate


@dataclass(frozen=True)
class Suggestion:
    """What ``suggest`` found for one root cause: ``verdict`` is ``as_claimed`` (``overlay``
    closes every finding and opens none, within ``k`` absences), ``claims_not_met`` or
    ``opens_gaps`` (``overlay`` is the first candidate, which does not), or ``none`` (no
    overlay of the model's vocabulary: ``root.note`` says why)."""

    root: RootCause
    overlay: dict[str, Any] | None
    verdict: str
    k: int
    tried: int = 0


def find_root_cause(results: Results, root_id: str) -> RootCause:
    """The root cause with this id (or the only one it is a prefix of).

    Raises
    ------
    InputError
        No root cause, or several, have that id.
    """
    wanted = root_id.strip()
    rcs = results.root_causes
    found = [rc for rc in rcs if rc.id == wanted]
    if not found and wanted:
        found = [rc for rc in rcs if rc.id.startswith(wanted)]
    if len(found) != 1:
        what = "no root cause has" if not found else f"{len(found)} root causes have"
        raise InputError(
            [
                Problem(
                    SourceRef("ROOT_CAUSE_ID"),
                    f"{what} the id {root_id!r}",
                    "an id printed by 'govmodel check' under Root causes, e.g. "
                    + (rcs[0].id if rcs else "stand_in:secretary_general"),
                )
            ]
        )
    return found[0]


def combine(first: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    """One overlay doing what both do (``more``'s changes after ``first``'s)."""
    out = dict(first)
    for lang in ("zh", "en"):
        sep = "；并且" if lang == "zh" else "; and "
        out["title"] = {**out["title"], lang: out["title"][lang] + sep + more["title"][lang]}
    out["amends"] = sorted(set(first.get("amends", [])) | set(more.get("amends", [])))
    changes = list(first.get("change", []))
    changes += [c for c in more.get("change", []) if c not in changes]
    if changes:
        out["change"] = changes
    adds: dict[str, list[Any]] = {}
    for part in (first, more):
        for section, items in part.get("add", {}).items():
            adds.setdefault(section, []).extend(i for i in items if i not in adds.get(section, []))
    if adds:
        out["add"] = adds
    return out


def _key(f: Finding) -> str:
    return f"{f.property}:{f.subject}"


def _base(key: str) -> str:
    return key.split("@", 1)[0]


def _signature(overlay: dict[str, Any]) -> str:
    return json.dumps([overlay.get("change", []), overlay.get("add", {})], sort_keys=True, default=str)


def _apply(model: Model, overlay: dict[str, Any], rc: RootCause, tmp: Path) -> Model | None:
    """The model as the overlay leaves it, read back from its reform file (as ``reform`` does)."""
    path = tmp / "candidate.yaml"
    path.write_text(reform_yaml({**overlay, "closes": []}, rc), encoding="utf-8")
    try:
        return apply_reform(model, load_reform(path))
    except InputError:
        return None


def _own(after: Model, rc: RootCause, bounds: Bounds) -> list[Finding]:
    """The root cause's properties evaluated on the amended model: its own subjects, or where
    the amendment merged or split a class of contexts, the property's subjects that replace
    them (never another root cause's class that is still there)."""
    keys = {_key(f) for f in rc.findings}
    props = [(f"{prop.id}:{prop.subject}", module, prop) for module, prop in all_properties(after, bounds)]
    kept = {_base(key) for key, _, _ in props if key in keys}
    gone = {_base(k) for k in keys} - kept
    return [
        module.evaluate(after, prop, bounds)
        for key, module, prop in props
        if key in keys or _base(key) in gone
    ]


Pool = list[dict[str, Any]]


def _next(
    after: Model, cand: dict[str, Any], left: list[Finding], pool: Pool
) -> Iterator[tuple[dict[str, Any], Pool]]:
    """Combined candidates for what ``cand`` leaves violated, each with its own pool of
    alternatives: with the first candidate of each cause the verifier now reads off the
    remaining findings (all of them together, then each alone); where those causes have no
    candidate (the stand-in is the absent person himself), with each alternative in
    ``pool`` (the other candidates of the part added last)."""
    by_cause: dict[str, list[Finding]] = {}
    for f in left:
        by_cause.setdefault(cause_of(f).id, []).append(f)
    parts: list[Pool] = []
    for fs in by_cause.values():
        c = cause_of(fs[0])
        more = candidates(after, c.kind, c.target, [cause_of(f) for f in fs], fs)
        if more:
            parts.append(more)
    if parts:
        together = cand
        for more in parts:
            together = combine(together, more[0])
        yield together, [m for more in parts for m in more[1:]]
        if len(parts) > 1:
            yield from ((combine(cand, more[0]), more[1:]) for more in parts)
        return
    for i, alt in enumerate(pool):
        yield combine(cand, alt), pool[i + 1 :]


def suggest(
    model: Model, results: Results, root_id: str, *, before: dict[int, Results] | None = None
) -> Suggestion:
    """Try the candidates of one root cause; return the first judged ``as_claimed``.

    ``k`` is the resilience of the root cause's most severe findings, at least 1; for a
    structural gap (resilience 0) that no candidate closes within one absence, ``k`` = 0
    (someone can act with everybody present) is tried next, and said so in the file.
    ``before`` holds the verification of ``model`` per ``k`` (filled here), so that
    suggestions for several root causes verify the model once.
    """
    rc = find_root_cause(results, root_id)
    fs = list(rc.findings)
    singles = candidates(model, rc.kind, rc.target, [cause_of(f) for f in fs], fs)
    low = min(f.resilience or 0 for f in fs)
    ks = [max(1, low)] + ([0] if low == 0 else [])
    if not singles:
        return Suggestion(rc, None, "none", ks[0])
    cache = before if before is not None else {}
    first: Suggestion | None = None
    tried = 0
    with tempfile.TemporaryDirectory(prefix="govmodel-suggest-") as tmp:
        for k in ks:
            found, n = _search(model, rc, singles, Bounds(k=k), cache, Path(tmp))
            tried += n
            if found.verdict == "as_claimed":
                return Suggestion(rc, found.overlay, "as_claimed", k, tried)
            first = first or found
    assert first is not None
    return Suggestion(rc, first.overlay, first.verdict, first.k, tried)


def _search(
    model: Model,
    rc: RootCause,
    singles: list[dict[str, Any]],
    bounds: Bounds,
    cache: dict[int, Results],
    tmp: Path,
) -> tuple[Suggestion, int]:
    k = bounds.k_for(model)
    keys = {_key(f) for f in rc.findings}
    queue = [(c, 1, singles[i + 1 :]) for i, c in enumerate(singles)]
    seen = {_signature(c) for c in singles}
    first: Suggestion | None = None
    tried = 0
    while queue and tried < _MAX_TRIED:
        cand, depth, pool = queue.pop(0)
        after = _apply(model, cand, rc, tmp)
        if after is None:
            continue
        tried += 1
        own = _own(after, rc, bounds)
        left = [f for f in own if f.status != Status.holds]
        if left:
            first = first or Suggestion(rc, {**cand, "closes": []}, "claims_not_met", k)
            if depth < _MAX_DEPTH:
                for more, rest in _next(after, cand, [f for f in left if f.status == Status.violated], pool):
                    if _signature(more) not in seen:
                        seen.add(_signature(more))
                        queue.append((more, depth + 1, rest))
            continue
        if k not in cache:
            cache[k] = verify(model, bounds)
        change = {c.key: c.change for c in compare_findings(cache[k], verify(after, bounds))}
        opened = sorted(key for key, c in change.items() if c == "opened")
        closed = sorted(key for key in keys if change.get(key) == "closed")
        overlay = {**cand, "closes": closed}
        if not opened and all(change.get(key) in ("closed", "gone", "still_holds") for key in keys):
            return Suggestion(rc, overlay, "as_claimed", k), tried
        first = first or Suggestion(rc, overlay, "opens_gaps" if opened else "claims_not_met", k)
    return first or Suggestion(rc, None, "none", k), tried
