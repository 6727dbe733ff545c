"""Robustness of the findings to the model's readings: ``govmodel check --readings``.

Every combination of the chosen named assumptions (on/off) is verified, each as one task
(serially or on Dask, :mod:`govmodel.sweep.execute`); when there are more combinations than
``max_combinations``, a seeded sample of them is checked, always with the model's own
reading, and the report says so. Each finding (a property and its subject) is then:

- **robust**: violated under every reading checked: a gap in the text, whatever the reading;
- **reading-dependent**: violated under some readings only, with the smallest sets of readings
  (``name=on|off``, at most three) under which it always appears, or always disappears, among
  the combinations checked;
- **never**: violated under no reading checked.

The findings are reported by root cause (:mod:`govmodel.verify.rootcause`): each violated
finding belongs to the root cause the verifier gives it under the model's own reading (or,
when that reading does not violate it, under the first reading checked that does); a root
cause is present under a reading when one of its findings is violated there, and is robust,
reading-dependent or never on the same terms.
"""

from __future__ import annotations

import difflib
import itertools
import random
import sys
from dataclasses import dataclass, field
from typing import Any

from govmodel.errors import InputError, Problem
from govmodel.refs import Label, SourceRef
from govmodel.sweep.execute import run_tasks

__all__ = [
    "ReadingsReport",
    "FindingRobustness",
    "RootCauseRobustness",
    "reading_names",
    "reading_combinations",
    "check_readings",
    "verify_reading",
    "MAX_SET",
]

MAX_SET = 3  # the largest set of readings searched for as a cause
_SHOWN_SETS = 4  # minimal sets shown per finding and direction


@dataclass(frozen=True)
class FindingRobustness:
    """One finding across the readings checked."""

    property: str
    subject: str
    cls: str
    statement: Label
    example: Label | None  # the message of the first reading checked that violates it
    verdict: str  # "robust", "reading_dependent", "never"
    violated_in: int
    unknown_in: int
    checked: int
    default_status: str
    appears_with: tuple[tuple[tuple[str, bool], ...], ...] = ()
    disappears_with: tuple[tuple[tuple[str, bool], ...], ...] = ()
    root_cause: str | None = None  # the root cause it belongs to (None: never violated)


@dataclass(frozen=True)
class RootCauseRobustness:
    """One root cause across the readings checked: present where one of its findings is violated."""

    id: str
    summary: Label
    verdict: str  # "robust", "reading_dependent"
    violated_in: int
    checked: int
    default_status: str  # "violated" when present under the model's own reading, else "holds"
    findings: tuple[FindingRobustness, ...]
    appears_with: tuple[tuple[tuple[str, bool], ...], ...] = ()
    disappears_with: tuple[tuple[tuple[str, bool], ...], ...] = ()


@dataclass
class ReadingsReport:
    """The readings, the combinations checked, and every finding's robustness."""

    model: str
    names: tuple[str, ...]
    statements: dict[str, Label]
    defaults: dict[str, bool]
    total: int
    combinations: list[dict[str, bool]]
    sampled: bool
    seed: int
    findings: list[FindingRobustness] = field(default_factory=list)
    root_causes: list[RootCauseRobustness] = field(default_factory=list)

    def by_verdict(self, verdict: str) -> list[FindingRobustness]:
        return [f for f in self.findings if f.verdict == verdict]

    def causes_by_verdict(self, verdict: str) -> list[RootCauseRobustness]:
        return [rc for rc in self.root_causes if rc.verdict == verdict]


def reading_names(model: Any, text: str) -> list[str]:
    """``all`` or a comma-separated list of named assumptions (checked, with did-you-mean)."""
    known = [a.id for a in model.assumptions]
    if text.strip() == "all":
        return known
    names, problems = [], []
    for name in (n.strip() for n in text.split(",")):
        if not name:
            continue
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            problems.append(
                Problem(
                    SourceRef("--readings"),
                    f"unknown assumption {name!r}",
                    f"did you mean {close[0]!r}?" if close else f"'all' or names among: {', '.join(known)}",
                )
            )
        elif name not in names:
            names.append(name)
    if not names and not problems:
        problems.append(Problem(SourceRef("--readings"), "no assumption named", "'all' or NAME,NAME,…"))
    if problems:
        raise InputError(problems)
    return names


def reading_combinations(
    names: list[str], defaults: dict[str, bool], max_combinations: int, seed: int = 0
) -> tuple[list[dict[str, bool]], int, bool]:
    """(combinations to check, how many there are, whether they are a sample). The model's own
    reading comes first; a sample is drawn with ``seed`` so a run can be repeated."""
    total = 2 ** len(names)

    def combo(code: int) -> dict[str, bool]:
        return {n: bool(code >> i & 1) for i, n in enumerate(names)}

    default_code = sum(1 << i for i, n in enumerate(names) if defaults[n])
    if total <= max_combinations:
        codes = [default_code] + [c for c in range(total) if c != default_code]
        return [combo(c) for c in codes], total, False
    rng = random.Random(seed)
    others = rng.sample([c for c in range(total) if c != default_code], max_combinations - 1)
    return [combo(c) for c in [default_code] + others], total, True


def verify_reading(
    shared: tuple[Any, Any, Any], index: int, combo: dict[str, bool]
) -> tuple[int, list[tuple[str, ...]]]:
    """Verify the model under one combination: (index, [(property, subject, class, status,
    statement zh, statement en, message zh, message en, root cause id, its summary zh, en)];
    the root cause is empty unless violated). Top level, so it runs on a Dask worker too."""
    from govmodel.verify import verify

    model, bounds, classes = shared
    results = verify(model.with_assumptions(combo), bounds, classes)
    cause = {f.fingerprint: rc for rc in results.root_causes for f in rc.findings}
    rows: list[tuple[str, ...]] = []
    for f in results.findings:
        rc = cause.get(f.fingerprint) if f.status.value == "violated" else None
        rows.append(
            (
                f.property,
                str(f.subject),
                f.cls,
                str(f.status),
                f.statement.zh,
                f.statement.en,
                f.message.zh,
                f.message.en,
                rc.id if rc else "",
                rc.summary.zh if rc else "",
                rc.summary.en if rc else "",
            )
        )
    return index, rows


def check_readings(
    model: Any,
    names: list[str],
    bounds: Any,
    classes: Any = None,
    *,
    max_combinations: int = 128,
    seed: int = 0,
    scheduler: str = "serial",
    workers: int | None = None,
    progress: bool | None = False,
) -> ReadingsReport:
    """Verify ``model`` under the combinations of ``names`` and classify every finding."""
    defaults = {a.id: a.id in model.enabled for a in model.assumptions}
    statements = {a.id: Label(a.statement.zh, a.statement.en) for a in model.assumptions}
    combos, total, sampled = reading_combinations(names, defaults, max_combinations, seed)
    outcomes: list[dict[tuple[str, str], str] | None] = [None] * len(combos)
    info: dict[tuple[str, str], tuple[str, Label]] = {}
    examples: dict[tuple[str, str], dict[int, Label]] = {}
    causes: dict[tuple[str, str], dict[int, tuple[str, Label]]] = {}
    bar = _bar(len(combos), progress)

    def done(result: tuple[int, list[tuple[str, ...]]]) -> None:
        index, rows = result
        outcomes[index] = {(r[0], r[1]): r[3] for r in rows}
        for p, s, c, st, zh, en, mzh, men, rc, rzh, ren in rows:
            info.setdefault((p, s), (c, Label(zh, en)))
            if st == "violated":
                examples.setdefault((p, s), {})[index] = Label(mzh, men)
                causes.setdefault((p, s), {})[index] = (rc, Label(rzh, ren))
        bar.update(1)

    try:
        run_tasks(
            verify_reading,
            (model, bounds, classes),
            [(i, c) for i, c in enumerate(combos)],
            done,
            scheduler=scheduler,
            workers=workers,
        )
    finally:
        bar.close()
    report = ReadingsReport(model.name, tuple(names), statements, defaults, total, combos, sampled, seed)
    first = {key: found[min(found)] for key, found in examples.items()}
    report.findings = _classify(
        names,
        combos,
        [o or {} for o in outcomes],
        info,
        first,
        {key: found[min(found)] for key, found in causes.items()},
    )
    report.root_causes = group_by_root_cause(
        names,
        combos,
        [o or {} for o in outcomes],
        report.findings,
        {key: found[min(found)] for key, found in causes.items()},
    )
    return report


Cause = tuple[str, Label]  # a root cause's id and summary


def _literals(names: list[str], combos: list[dict[str, bool]]) -> tuple[int, dict[tuple[str, bool], int]]:
    """The combinations as bit sets: all of them, and for each reading and value the
    combinations where the reading has that value (bit i: combination i)."""
    everyone = (1 << len(combos)) - 1
    literal = {
        (name, value): sum(1 << i for i, c in enumerate(combos) if c[name] == value)
        for name in names
        for value in (True, False)
    }
    return everyone, literal


def _classify(
    names: list[str],
    combos: list[dict[str, bool]],
    outcomes: list[dict[tuple[str, str], str]],
    info: dict[tuple[str, str], tuple[str, Label]],
    examples: dict[tuple[str, str], Label],
    causes: dict[tuple[str, str], Cause] | None = None,
) -> list[FindingRobustness]:
    n = len(combos)
    everyone, literal = _literals(names, combos)
    out = []
    for key in sorted(info):
        cls, statement = info[key]
        violated = sum(1 << i for i, o in enumerate(outcomes) if o.get(key) == "violated")
        unknown = sum(1 << i for i, o in enumerate(outcomes) if o.get(key) == "unknown")
        count, unk = bin(violated).count("1"), bin(unknown).count("1")
        default_status = outcomes[0].get(key, "absent")
        if count == n:
            verdict = "robust"
        elif count == 0:
            verdict = "never"
        else:
            verdict = "reading_dependent"
        appears: tuple[tuple[tuple[str, bool], ...], ...] = ()
        disappears: tuple[tuple[tuple[str, bool], ...], ...] = ()
        if verdict == "reading_dependent":
            appears = _minimal_sets(names, literal, violated)
            disappears = _minimal_sets(names, literal, everyone & ~violated & ~unknown)
        rc = (causes or {}).get(key)
        out.append(
            FindingRobustness(
                key[0],
                key[1],
                cls,
                statement,
                examples.get(key),
                verdict,
                count,
                unk,
                n,
                default_status,
                appears,
                disappears,
                rc[0] if rc else None,
            )
        )
    return out


def group_by_root_cause(
    names: list[str],
    combos: list[dict[str, bool]],
    outcomes: list[dict[tuple[str, str], str]],
    findings: list[FindingRobustness],
    causes: dict[tuple[str, str], Cause],
) -> list[RootCauseRobustness]:
    """The violated findings by root cause (``causes``: each finding's, from the first reading
    that violates it, the model's own coming first); a root cause is present under a reading
    when one of its findings is violated there. Robust ones first, then by id."""
    n = len(combos)
    everyone, literal = _literals(names, combos)
    groups: dict[str, list[FindingRobustness]] = {}
    for f in findings:
        if f.root_cause is not None:
            groups.setdefault(f.root_cause, []).append(f)
    out = []
    for rid, found in groups.items():
        keys = {(f.property, f.subject) for f in found}
        present = sum(1 << i for i, o in enumerate(outcomes) if any(o.get(k) == "violated" for k in keys))
        unknown = (
            sum(1 << i for i, o in enumerate(outcomes) if any(o.get(k) == "unknown" for k in keys)) & ~present
        )
        count = bin(present).count("1")
        verdict = "robust" if count == n else "reading_dependent"
        appears: tuple[tuple[tuple[str, bool], ...], ...] = ()
        disappears: tuple[tuple[tuple[str, bool], ...], ...] = ()
        if verdict == "reading_dependent":
            appears = _minimal_sets(names, literal, present)
            disappears = _minimal_sets(names, literal, everyone & ~present & ~unknown)
        summary = causes[(found[0].property, found[0].subject)][1]
        out.append(
            RootCauseRobustness(
                rid,
                summary,
                verdict,
                count,
                n,
                "violated" if present & 1 else "holds",
                tuple(found),
                appears,
                disappears,
            )
        )
    return sorted(out, key=lambda rc: (rc.verdict != "robust", rc.id))


def _minimal_sets(
    names: list[str], literal: dict[tuple[str, bool], int], target: int
) -> tuple[tuple[tuple[str, bool], ...], ...]:
    """The smallest sets of readings such that every combination checked that has them is in
    ``target`` (and at least one combination has them)."""
    lits = list(literal)
    for size in range(1, MAX_SET + 1):
        found = []
        for group in itertools.combinations(lits, size):
            if len({name for name, _v in group}) < size:
                continue
            mask = -1
            for lit in group:
                mask &= literal[lit]
            if mask and not mask & ~target:
                found.append(group)
                if len(found) >= _SHOWN_SETS:
                    break
        if found:
            return tuple(found)
    return ()


class _NoBar:
    def update(self, _n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, progress: bool | None) -> Any:
    if progress is False:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc="解读组合 readings",
        unit=" combinations",
        file=sys.stderr,
        disable=None if progress is None else False,
    )
