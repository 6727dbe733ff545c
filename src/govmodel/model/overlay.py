"""Reforms as overlays: a reform file patches a model (add, remove or change elements, switch
assumptions) and yields a new :class:`Model`; the original is untouched, so every view can
compare the two. The patched model is cross-checked like any other, and problems point at
the reform file's lines.

A reform file::

    reform:
      id: acting_head_signs_instruction_reports
      title: {zh: ..., en: ...}
      rationale: {zh: ..., en: ...}
      amends: [44, 51]
      add:            # sections shaped like model files
        deputy_rules: [...]
      remove:         # ids per section; steps as procedure.step
        deputy_rules: [art9_executive_vice_mayor_acts_as_mayor]
      change:         # fields to set on an element (steps as procedure.step)
        - {id: executive_meeting, set: {cadence: ad_hoc}}
      assumptions: {art44_deputy_extends_to_instruction_reports: true}
      scenario: {...} # optional, for the simulation (validated by govmodel.sim)
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from govmodel.errors import ModelError, Problem, ScenarioError
from govmodel.model import types as t
from govmodel.model.load import describe, load_validated
from govmodel.model.model import Model
from govmodel.model.sections import SECTIONS
from govmodel.model.validate import cross_check
from govmodel.refs import SourceRef
from govmodel.yamlio import Positions

__all__ = ["Reform", "ReformFile", "Change", "load_reform", "apply_reform"]


class Change(t.Node):
    """Set fields of one element (``id``; steps as ``procedure.step``)."""

    id: str
    set: dict[str, Any]


class Reform(t.Document):
    """A proposed amendment of the rules: a patch of the model, the articles it amends, its
    rationale, the findings it claims to close, and optional scenario changes."""

    id: t.Ident
    title: t.Text
    rationale: t.Text
    amends: t.Articles
    add: t.ModelFile = Field(default_factory=t.ModelFile)
    remove: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    change: tuple[Change, ...] = ()
    assumptions: dict[str, bool] = Field(default_factory=dict)
    closes: tuple[str, ...] = Field(
        default=(),
        description="Findings the reform claims to close, as 'property:subject' "
        "(e.g. 'coverage.step:art51_instruction_report.sign'), judged by `govmodel reform`.",
    )
    scenario: dict[str, Any] = Field(
        default_factory=dict, description="Scenario changes, validated by govmodel.sim."
    )


class ReformFile(t.Node):
    """A reform file's top level: ``reform: {...}``."""

    reform: Reform


def load_reform(path: str | Path) -> Reform:
    """Read and validate a reform file (positions kept; every problem reported)."""
    path = Path(path)
    name = str(path)
    if not path.exists() and not path.is_symlink():
        raise ScenarioError([Problem(SourceRef(name), "no such file", "a reform YAML file")])
    import hashlib

    from govmodel.model.memo import shared

    try:  # a reform is read once per process for the same file content (`report` reads each 2×)
        key = (name, str(Path.cwd()), hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        key = None
    known = shared("model.reform", limit=64)
    if key is not None and key in known:
        return known[key]  # type: ignore[no-any-return]
    top, positions = load_validated(path, ReformFile, name, ScenarioError, "reform file")
    reform = top.reform.located(positions)
    if key is not None:
        known[key] = reform
    return reform


def _rebuild(
    el: t.Node,
    updates: dict[str, Any],
    where: SourceRef,
    problems: list[Problem],
    reform: Reform,
    at: Positions,
) -> t.Node | None:
    data = el.model_dump(exclude_unset=True)  # what is written stays written (and only that)
    unknown = [k for k in updates if k not in type(el).model_fields or k == "id"]
    for k in unknown:
        allowed = [f for f in type(el).model_fields if f != "id"]
        close = difflib.get_close_matches(k, allowed, n=1)
        problems.append(
            Problem(
                where,
                f"change: {type(el).__name__} has no field {k!r}" + ("" if k != "id" else " to change"),
                f"did you mean {close[0]!r}?" if close else f"one of {', '.join(allowed)}",
            )
        )
    if unknown:
        return None
    data.update(updates)
    try:
        new = type(el).model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = ".".join(str(x) for x in err["loc"])
            problems.append(Problem(where, f"change {loc}: found {describe(err.get('input'))}", err["msg"]))
        return None
    at.carry(new, data, reform.positions)  # what the change sets is written in the reform file
    at.record(new, where)
    return new


def _find(sections: dict[str, list[Any]], ident: str) -> tuple[str, int, int | None, int | None] | None:
    """(section, index, meeting-procedure index or None, step index or None)."""
    head, _, step = ident.partition(".")
    for name, items in sections.items():
        for i, el in enumerate(items):
            if isinstance(el, t.Meeting):
                for j, p in enumerate(el.procedures):
                    if p.id == head and step:
                        k = next((k for k, s in enumerate(p.steps) if s.id == step), None)
                        return (name, i, j, k) if k is not None else None
            if getattr(el, "id", None) == head:
                if not step:
                    return name, i, None, None
                k = next((k for k, s in enumerate(getattr(el, "steps", ())) if s.id == step), None)
                return (name, i, None, k) if k is not None else None
    return None


def _replace_at(
    sections: dict[str, list[Any]],
    at: tuple[str, int, int | None, int | None],
    new: Any | None,
    positions: Positions,
) -> None:
    name, i, j, k = at
    el = sections[name][i]
    if k is None:  # the element itself (``_find`` names a step index whenever it names a procedure)
        if new is None:
            del sections[name][i]
        else:
            sections[name][i] = new
        return
    proc = el.procedures[j] if j is not None else el
    steps = list(proc.steps)
    if new is None:
        del steps[k]
    else:
        steps[k] = new
    old = proc
    proc = proc.model_copy(update={"steps": tuple(steps)})
    positions.same_as(proc, old)
    if j is not None:
        procs = list(el.procedures)
        procs[j] = proc
        sections[name][i] = el.model_copy(update={"procedures": tuple(procs)})
        positions.same_as(sections[name][i], el)
    else:
        sections[name][i] = proc


def apply_reform(model: Model, reform: Reform) -> Model:
    """The model as the reform would leave it (a new Model; ``model`` is unchanged).

    Raises
    ------
    ModelError
        With one problem per bad patch operation or per inconsistency of the result, at the
        reform file's lines.
    """
    problems: list[Problem] = []
    sections = {name: list(getattr(model.sections, name)) for name in SECTIONS}
    positions = Positions()  # the model's, with the reform's additions and changes
    positions.update(model.sections.positions)
    positions.update(reform.positions)
    where = reform.positions.of(reform) or SourceRef("reform")
    top = model.ruleset.articles
    for number in reform.amends:  # the articles amended must be articles of the rules amended
        if not 1 <= number <= top:
            problems.append(
                Problem(
                    reform.positions.of(reform, "amends") or where,
                    f"amends: article {number}",
                    f"an article of {model.name} (1 to {top})",
                )
            )
    for section, ids in reform.remove.items():
        if section not in sections:
            close = difflib.get_close_matches(section, SECTIONS, n=1)
            problems.append(
                Problem(
                    reform.positions.of(reform, "remove") or where,
                    f"remove: unknown section {section!r}",
                    f"did you mean {close[0]!r}?" if close else f"one of {', '.join(SECTIONS)}",
                )
            )
            continue
        for ident in ids:
            at = _find({section: sections[section]}, ident)
            if at is None:
                known = [getattr(x, "id", "") for x in sections[section]]
                close = difflib.get_close_matches(ident.partition(".")[0], known, n=1)
                problems.append(
                    Problem(
                        reform.positions.of(reform, "remove") or where,
                        f"remove: no {section} element {ident!r} in {model.name}",
                        f"did you mean {close[0]!r}?" if close else "an id of the model",
                    )
                )
            else:
                _replace_at(sections, at, None, positions)
    for ch in reform.change:
        at = _find(sections, ch.id)
        if at is None:
            close = difflib.get_close_matches(ch.id, sorted(model.index), n=1)
            problems.append(
                Problem(
                    reform.positions.of(ch) or where,
                    f"change: no element {ch.id!r} in {model.name}",
                    f"did you mean {close[0]!r}?"
                    if close
                    else "an id of the model (steps as procedure.step)",
                )
            )
            continue
        name, i, j, k = at
        el = sections[name][i]
        if j is not None:
            el = el.procedures[j]
        if k is not None:
            el = el.steps[k]
        new = _rebuild(el, ch.set, reform.positions.of(ch) or where, problems, reform, positions)
        if new is not None:
            _replace_at(sections, at, new, positions)
    for name in SECTIONS:
        sections[name] += list(getattr(reform.add, name))
    cast = reform.add.cast or model.cast
    for a in reform.assumptions:
        if a not in {x.id for x in sections["assumptions"]}:
            problems.append(
                Problem(
                    reform.positions.of(reform, "assumptions") or where,
                    f"assumptions: unknown assumption {a!r}",
                    "an assumption of the model",
                )
            )
    if problems:
        raise ModelError(problems)
    changes: dict[str, Any] = {k: tuple(v) for k, v in sections.items()}
    new_sections = replace(model.sections, cast=cast, positions=positions, **changes)
    problems = cross_check(new_sections, model.folder)
    if problems:
        raise ModelError(problems)
    enabled = set(model.enabled)
    for a, on in reform.assumptions.items():
        (enabled.add if on else enabled.discard)(a)
    return Model.build(new_sections, model.folder, frozenset(enabled), model.overlays + (reform.id,))
