"""Baselines: known findings a CI job accepts, each with a written justification.

A baseline file is YAML::

    schema_version: 1
    accepted:
      - fingerprint: '3f2a9c0d1b7e4a55'       # quoted: digits alone would read as a number
        justification: >-
          Art. 9 names no second deputy; the city accepts the risk (decision of 2024-05-01).
        subject: art47_sign_off.sign          # optional, for the reader
        property: coverage.step               # optional, for the reader
        resilience: 1                         # optional: the resilience accepted; fewer is new

Every problem of the file is reported at once with its file and line (exit code 2): not a
mapping, unknown keys, a missing or empty fingerprint or justification, a duplicate
fingerprint. :func:`compare` splits findings into new and accepted violations (a violation
whose resilience fell below the one an entry accepted is new: the gap got worse), and lists
the entries that no longer occur (stale) and those the run did not evaluate (unchecked).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govmodel.errors import InputError, Problem
from govmodel.findings import Finding, Results, Status
from govmodel.refs import SourceRef
from govmodel.yamlio import read_yaml

__all__ = ["Accepted", "Baseline", "Comparison", "load_baseline", "compare", "baseline_yaml"]

_ENTRY_KEYS = ("fingerprint", "justification", "subject", "property", "resilience", "note")


@dataclass(frozen=True, slots=True)
class Accepted:
    """One accepted finding."""

    fingerprint: str
    justification: str
    where: SourceRef
    subject: str = ""
    property: str = ""
    resilience: int | None = None
    """The resilience accepted (None: any); a violation with fewer absences is new."""


@dataclass(frozen=True, slots=True)
class Baseline:
    path: str
    entries: tuple[Accepted, ...]

    def by_fingerprint(self) -> dict[str, Accepted]:
        return {e.fingerprint: e for e in self.entries}


@dataclass(frozen=True, slots=True)
class Comparison:
    """Violations split by the baseline; accepted entries that no longer occur (``stale``:
    proved to hold within bounds that cover them, or their subject is gone from the model)
    and entries this run did not evaluate (``unchecked``: a result that is unknown, a
    coverage or separation proof bounded by ``--k`` below the cast, a class left out with
    ``--class``). Only stale entries may be removed."""

    new: tuple[Finding, ...]
    accepted: tuple[tuple[Finding, Accepted], ...]
    stale: tuple[Accepted, ...]
    unchecked: tuple[Accepted, ...] = ()

    def justification(self, f: Finding) -> str | None:
        return next((a.justification for g, a in self.accepted if g is f), None)


def _line(node: Any, key: str | None = None) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is None:
        return 0, 0
    if key is not None:
        try:
            ln, col = lc.key(key)
            return ln + 1, col + 1
        except (KeyError, TypeError):
            pass
    return (lc.line or 0) + 1, (lc.col or 0) + 1


def load_baseline(path: str | Path) -> Baseline:
    """Read and check a baseline file.

    Raises
    ------
    InputError
        With every problem found, each with file and line.
    """
    p = Path(path)
    name = str(path)
    if not p.is_file():
        raise InputError(
            [Problem(SourceRef(name), "baseline file not found", "a YAML file with 'accepted: [...]'")]
        )
    tree, problems = read_yaml(p, name)
    if problems:
        raise InputError(problems)
    if not hasattr(tree, "get"):
        raise InputError(
            [
                Problem(
                    SourceRef(name, 1, 1),
                    "the baseline is not a mapping",
                    "'schema_version: 1' and 'accepted: [{fingerprint, justification}, ...]'",
                )
            ]
        )
    out: list[Problem] = []
    for key in tree:
        if key not in ("schema_version", "accepted"):
            out.append(
                Problem(
                    SourceRef(name, *_line(tree, key)),
                    f"unknown key {key!r}",
                    "one of: schema_version, accepted",
                )
            )
    items = tree.get("accepted") or []
    if not isinstance(items, list):
        out.append(
            Problem(
                SourceRef(name, *_line(tree, "accepted")),
                "'accepted' is not a list",
                "a list of {fingerprint, justification}",
            )
        )
        items = []
    entries: list[Accepted] = []
    seen: dict[str, SourceRef] = {}
    for i, item in enumerate(items):
        where = SourceRef(name, *_item_line(items, i))
        entry = _entry(item, where, name, out)
        if entry is None:
            continue
        if entry.fingerprint in seen:
            out.append(
                Problem(
                    where,
                    f"duplicate fingerprint {entry.fingerprint!r}",
                    f"each fingerprint once (first at {seen[entry.fingerprint]})",
                )
            )
            continue
        seen[entry.fingerprint] = where
        entries.append(entry)
    if out:
        raise InputError(out)
    return Baseline(name, tuple(entries))


def _item_line(seq: Any, i: int) -> tuple[int, int]:
    try:
        ln, col = seq.lc.item(i)
        return ln + 1, col + 1
    except (AttributeError, KeyError, TypeError):
        return 0, 0


def _entry(item: Any, where: SourceRef, name: str, out: list[Problem]) -> Accepted | None:
    if not hasattr(item, "get"):
        out.append(
            Problem(where, f"entry {item!r} is not a mapping", "{fingerprint: ..., justification: ...}")
        )
        return None
    ok = True
    for key in item:
        if key not in _ENTRY_KEYS:
            out.append(
                Problem(
                    SourceRef(name, *_line(item, key)),
                    f"unknown key {key!r}",
                    f"one of: {', '.join(_ENTRY_KEYS)}",
                )
            )
            ok = False
    raw = item.get("fingerprint")
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        out.append(
            Problem(
                where,
                f"fingerprint {raw!r} was read as a number",
                "quote it, e.g. fingerprint: '0123456789abcdef'",
            )
        )
        return None
    fp = str(raw or "").strip()
    just = str(item.get("justification") or "").strip()
    if not fp:
        out.append(
            Problem(
                where,
                "missing fingerprint",
                "the 16-hex-digit fingerprint of a finding (govmodel check --format json)",
            )
        )
        ok = False
    if not just:
        out.append(
            Problem(
                where,
                f"missing justification for {fp or 'an entry'}",
                "a written reason why this finding is accepted, e.g. 'justification: "
                "the council accepts the risk (minutes 2024-05)'",
            )
        )
        ok = False
    if not ok:
        return None
    res = item.get("resilience")
    if res is not None and (isinstance(res, bool) or not isinstance(res, int) or res < 0):
        out.append(
            Problem(
                SourceRef(name, *_line(item, "resilience")),
                f"resilience {res!r}",
                "a whole number of absences, 0 or more",
            )
        )
        return None
    return Accepted(fp, just, where, str(item.get("subject") or ""), str(item.get("property") or ""), res)


def compare(results: Results, baseline: Baseline | None) -> Comparison:
    """Violations not in the baseline (new), in it (accepted), and stale baseline entries."""
    violated = results.with_status(Status.violated)
    known = baseline.by_fingerprint() if baseline else {}

    def covered(f: Finding) -> bool:
        e = known.get(f.fingerprint)
        return e is not None and (e.resilience is None or (f.resilience or 0) >= e.resilience)

    new = tuple(f for f in violated if not covered(f))
    accepted = tuple((f, known[f.fingerprint]) for f in violated if covered(f))
    every = results.by_fingerprint()
    stale: list[Accepted] = []
    unchecked: list[Accepted] = []
    for e in baseline.entries if baseline else ():
        f = every.get(e.fingerprint)
        if f is not None and f.status == Status.violated:
            continue
        (stale if _evaluated(results, e, f) else unchecked).append(e)
    return Comparison(new, accepted, tuple(stale), tuple(unchecked))


_ABSENCE_CLASSES = ("coverage", "separation")
"""Classes whose proofs are bounded by the number of absences ``k``."""


def _evaluated(results: Results, entry: Accepted, f: Finding | None) -> bool:
    """This run decides that the entry no longer occurs (rather than not looking at it)."""
    if f is None:  # no such result: gone from the model, unless its class was not checked
        if results.min_severity is not None:  # or left out as less severe
            return False
        cls = entry.property.partition(".")[0]
        return results.classes is None or (bool(cls) and cls in results.classes)
    if f.status != Status.holds:
        return False
    return f.cls not in _ABSENCE_CLASSES or results.exhaustive


def baseline_yaml(results: Results) -> str:
    """A baseline accepting every current violation, justifications left for a person to
    write (an empty justification is refused when the file is read)."""
    lines = [
        "# govmodel baseline: write a justification for every entry you accept.",
        "schema_version: 1",
        "accepted:",
    ]
    for f in results.with_status(Status.violated):
        lines += [
            f"  - fingerprint: {_q(f.fingerprint)}",
            f"    property: {f.property}",
            f"    subject: {_q(str(f.subject))}",
            f"    resilience: {f.resilience}",
            "    justification: ''",
        ]
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
