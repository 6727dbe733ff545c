"""Load a scenario: the file, its model (assumptions, cast) and its calendar, with every
reference checked against the model. One message per problem; :class:`ScenarioError`."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govmodel.errors import GovmodelError, InputError, Problem, ScenarioError, UnknownYearError, excerpt
from govmodel.model import Model, load_model
from govmodel.model import types as t
from govmodel.model.overlay import apply_reform
from govmodel.paths import confine, project_root
from govmodel.refs import SourceRef
from govmodel.sim.clock import AllDaysCalendar
from govmodel.sim.scenario import ScenarioFile, read_scenario_file, scenario_keys
from govmodel.yamlio import Positions, display_path

__all__ = ["LoadedScenario", "load_scenario", "bundled_scenario_path", "is_reform_file"]


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario with its model and calendar, ready to simulate (picklable)."""

    spec: ScenarioFile
    model: Model
    calendar: Any
    path: str

    @property
    def name(self) -> str:
        """The scenario's id, with the overlays (reforms, another cast) applied to its model."""
        return self.spec.scenario.id + "".join(f"+{o}" for o in self.model.overlays)

    @property
    def departments(self) -> tuple[str, ...]:
        cast = self.model.cast
        return tuple(d.id for d in cast.departments if d.constituent) if cast else ()


def bundled_scenario_path(name: str = "baseline") -> Path:
    """A scenario shipped with govmodel (``govmodel/data/scenarios/<name>.yaml``)."""
    from govmodel.bundled import bundled_names, bundled_path

    found = bundled_path("scenario", name)
    if found is None:
        raise ScenarioError(
            [
                Problem(
                    SourceRef(name),
                    f"bundled scenario {name!r} not found",
                    f"one of: {', '.join(bundled_names('scenario')) or '(none)'}",
                )
            ]
        )
    return found


def load_scenario(path: str | Path | None = None, reforms: Sequence[str | Path] = ()) -> LoadedScenario:
    """Load and check a scenario (default: the bundled baseline).

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The scenario file.
    reforms : sequence of paths
        Reform files to apply after the scenario's own ``model.reforms`` (a reform proposal
        on top of a scenario: ``govmodel compare baseline.yaml reform.yaml``).

    Raises
    ------
    ScenarioError
        With every problem: YAML, unknown keys (did you mean), wrong units or types, and
        references the model does not know.
    """
    file = Path(path) if path is not None else bundled_scenario_path()
    name = display_path(file)
    if not file.exists() and not file.is_symlink():
        raise ScenarioError([Problem(SourceRef(name), "no such file", "a scenario YAML file")])
    try:
        root = project_root(file)  # every path the scenario names stays inside it
    except InputError as exc:
        raise ScenarioError(list(exc.problems)) from None
    loaded_reforms = _reforms(file, name, reforms, root)
    spec, _tree, problems = read_scenario_file(file, name, tuple(loaded_reforms))
    if spec is None:
        raise ScenarioError(problems)
    model = _model(spec, file, name, root)
    for reform in loaded_reforms:
        try:
            model = apply_reform(model, reform)
        except InputError as exc:
            raise ScenarioError(list(exc.problems)) from None
    problems = _Checker(spec, model, name).run()
    if problems:
        raise ScenarioError(problems)
    return LoadedScenario(spec, model, _calendar(spec, file, name, root), name)


def is_reform_file(path: str | Path) -> bool:
    """Whether a YAML file is a reform (a top-level ``reform:`` key) rather than a scenario."""
    from govmodel.yamlio import read_yaml

    tree, _ = read_yaml(Path(path), str(path))
    return hasattr(tree, "keys") and "reform" in tree


def _reforms(file: Path, name: str, extra: Sequence[str | Path], root: Path) -> list[Any]:
    from govmodel.model.overlay import load_reform
    from govmodel.sim.extends import reform_paths
    from govmodel.yamlio import read_yaml

    tree, problems = read_yaml(file, name)
    try:  # the scenario's own reforms are confined; those on the command line are the user's
        named = (
            reform_paths(file, tree, scenario_keys(), root) if hasattr(tree, "items") and not problems else []
        )
    except InputError as exc:
        raise ScenarioError(list(exc.problems)) from None
    paths = named + [Path(p) for p in extra]
    out, found = [], []
    for p in paths:
        try:
            out.append(load_reform(p))
        except InputError as exc:
            found += list(exc.problems)
    if found:
        raise ScenarioError(found)
    return out


def _where(spec: ScenarioFile, node: Any, name: str, field: str | None = None) -> SourceRef:
    """Position of ``node`` of the scenario ``spec`` (of its key ``field`` when known)."""
    return spec.positions.of(node, field) or SourceRef(name)


def _model(spec: ScenarioFile, file: Path, name: str, root: Path) -> Model:
    ref = spec.model
    try:
        folder = (
            confine(ref.path, file.parent, (root,), _where(spec, ref, name, "path"), "model.path")
            if ref.path
            else None
        )
        cast_file = (
            confine(ref.cast, file.parent, (root,), _where(spec, ref, name, "cast"), "model.cast")
            if ref.cast
            else None
        )
    except InputError as exc:
        raise ScenarioError(list(exc.problems)) from None
    try:
        model = load_model(folder, dict(ref.assumptions) or None)
    except InputError as exc:
        raise ScenarioError([Problem(_where(spec, ref, name), f"model: {p}") for p in exc.problems]) from None
    if cast_file is not None:
        model = _with_cast(model, cast_file, _where(spec, ref, name, "cast"))
    return model


def _with_cast(model: Model, cast_file: Path, where: SourceRef) -> Model:
    from govmodel.model.load import load_validated
    from govmodel.model.validate import cross_check

    display = display_path(cast_file)
    if not cast_file.exists():
        raise ScenarioError([Problem(where, f"cast: no file {display}", "a model file with a cast: section")])
    part, positions = load_validated(cast_file, t.ModelFile, display, ScenarioError, "model file")
    if part.cast is None:
        raise ScenarioError(
            [
                Problem(
                    SourceRef(display, 1, 1),
                    "no 'cast:' section",
                    "a file with a cast: {assumption, persons, departments}",
                )
            ]
        )
    located = Positions()  # the model's elements, and the cast where its own file writes it
    located.update(model.sections.positions)
    located.update(positions)
    sections = dataclasses.replace(model.sections, cast=part.cast, positions=located)
    found = cross_check(sections, model.folder)
    if found:
        raise ScenarioError(found)
    return Model.build(sections, model.folder, model.enabled, model.overlays + ("cast",))


def _calendar(spec: ScenarioFile, file: Path, name: str, root: Path) -> Any:
    if spec.calendar.kind == "none":
        return AllDaysCalendar()
    from govmodel.calendar import WorkCalendar

    where = _where(spec, spec.calendar, name, "holidays")
    try:
        notices = [
            confine(h, file.parent, (root,), where, "calendar.holidays") for h in spec.calendar.holidays
        ]
    except InputError as exc:
        raise ScenarioError(list(exc.problems)) from None
    missing = [
        Problem(
            where,
            f"calendar.holidays: no such file {excerpt(h)}",
            "a holiday notice YAML, relative to the scenario",
        )
        for h, n in zip(spec.calendar.holidays, notices, strict=True)
        if not n.exists()
    ]
    if missing:
        raise ScenarioError(missing)
    try:
        cal = WorkCalendar.from_notices(notices)
    except InputError as exc:
        raise ScenarioError(list(exc.problems)) from None
    except GovmodelError as exc:
        raise ScenarioError([Problem(_where(spec, spec.calendar, name), str(exc))]) from None
    hz = spec.horizon
    for year in range(hz.start.year, (hz.end or hz.start).year + 1):
        try:
            cal.year(year)
        except UnknownYearError as exc:
            hint = f"add the State Council's holiday notice for {year} as YAML under calendar.holidays"
            raise ScenarioError(
                [Problem(_where(spec, hz, name), f"horizon: {exc}".split("; add")[0], hint)]
            ) from None
    return cal


class _Checker:
    def __init__(self, spec: ScenarioFile, model: Model, name: str):
        self.spec, self.model, self.name = spec, model, name
        self.problems: list[Problem] = []
        cast = model.cast
        self.persons = {p.id for p in cast.persons} if cast else set()
        self.departments = {d.id for d in cast.departments} if cast else set()
        self.doc_types = {d.id for d in model.document_types}
        self.reasons = {r.id for r in model.absence_reasons}
        self.roles = {r.id for r in model.roles} | {g.id for g in model.role_groups}
        self.conditions = {c.id for c in model.conditions}
        self.meetings = {m.id: m for m in model.meetings}
        self.limits = {tl.id for tl in model.time_limits}
        self.steps = {f"{p.id}.{s.id}" for p in model.procedures for s in p.steps}
        self.acts = model.act_ids()
        self.institutions = (
            {b.id for b in model.bodies}
            | {m for m in self.meetings}
            | {r.id for r in model.roles if r.institutional}
        )

    def ref(
        self, node: Any, what: str, value: str, known: Iterable[str], field: str, key: str | None = None
    ) -> None:
        known = sorted(known)
        if value in known:
            return
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"expected a {what} of model {self.model.name}"
        where = _where(self.spec, node, self.name, key or field.split(".")[-1].split("/")[0])
        self.problems.append(Problem(where, f"{field}: unknown {what} {value!r}", hint))

    def run(self) -> list[Problem]:
        s = self.spec
        if s.calendar.kind == "none" and s.calendar.holidays:
            self.problems.append(
                Problem(
                    _where(s, s.calendar, self.name),
                    "holidays with calendar kind 'none'",
                    "holiday notices need kind: chinese",
                )
            )
        for a in s.arrivals:
            self.ref(a, "document type", a.type, self.doc_types, "type")
            if not self.model.procedures_for(a.type) and a.type in self.doc_types:
                self.problems.append(
                    Problem(
                        _where(s, a, self.name),
                        f"type: no procedure governs {a.type!r}",
                        "a document type with a procedure",
                    )
                )
            if a.departments != "all":
                for d in a.departments:
                    self.ref(a, "department", d, self.departments, "departments")
            for c in a.conditions:
                self.ref(a, "condition", c, self.conditions, "conditions")
                if c in self.model.conditions_meaning("urgent") | self.model.conditions_meaning(
                    "specially_urgent"
                ):
                    self.problems.append(
                        Problem(
                            _where(s, a, self.name),
                            f"conditions: {c!r}",
                            "set urgency shares under 'urgency:'",
                        )
                    )
                elif getattr(self.model.get(c), "derived", False):
                    parts = self.model.base_conditions((c,))
                    self.problems.append(
                        Problem(
                            _where(s, a, self.name),
                            f"conditions: {c!r} holds by its any_of/all_of",
                            f"shares of its components instead ({', '.join(parts)})",
                        )
                    )
            if a.related_departments.min > a.related_departments.max:
                self.problems.append(
                    Problem(
                        _where(s, a.related_departments, self.name),
                        "related_departments: min > max",
                        "min <= max",
                    )
                )
        st = s.service_times
        for act in st.acts:
            self.ref(st, "act", act, self.acts, "service_times.acts", "acts")
        for step in st.steps:
            self.ref(st, "step", step, self.steps, "service_times.steps", "steps")
        for step in s.optional_steps:
            self.ref(s, "step", step, self.steps, "optional_steps", "optional_steps")
        for inst in s.institutions.capacity:
            self.ref(
                s.institutions, "institution", inst, self.institutions, "institutions.capacity", "capacity"
            )
        for ab in s.absences:
            if ab.who is not None:
                self.ref(ab, "person", ab.who, self.persons, "who")
            if ab.role is not None:
                self.ref(ab, "role", ab.role, self.roles, "role")
            self.ref(ab, "absence reason", ab.reason, self.reasons, "reason")
        for mid, pol in s.meetings.items():
            self.ref(s, "meeting", mid, self.meetings, "meetings", "meetings")
            m = self.meetings.get(mid)
            if m is not None and pol.ad_hoc is not None:
                if not m.ad_hoc_allowed:
                    self.problems.append(
                        Problem(
                            _where(s, pol.ad_hoc, self.name),
                            f"ad_hoc: the model does not allow ad hoc {mid}",
                            "remove ad_hoc",
                        )
                    )
                for c in pol.ad_hoc.for_:
                    self.ref(pol.ad_hoc, "condition", c, self.conditions, "for")
            if m is not None and m.cadence == "ad_hoc" and pol.ad_hoc is None:
                self.problems.append(
                    Problem(
                        _where(s, pol, self.name),
                        f"{mid} has no cadence in the model (ad hoc only)",
                        "give an ad_hoc policy",
                    )
                )
        for lid, span in s.time_limits.items():
            self.ref(s, "time limit", lid, self.limits, "time_limits", "time_limits")
            for bound in (span.starts_after, span.ends_after):
                if bound is not None:
                    self.ref(span, "step", bound, self.steps, "starts_after/ends_after")
        return self.problems
