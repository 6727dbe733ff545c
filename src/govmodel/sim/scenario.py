"""Scenario files: what a simulation assumes, validated at the boundary like a model.

A scenario names the model (and assumptions, optionally another cast), the calendar, the
horizon, arrivals, service times, absences, meeting policies, the waiting policy and the
replications. Every figure that is an assumption may say so in an ``assumption:`` text
(bilingual), and reports list them. Each quantity carries its unit: service times are in
working ``hours``; absences and lead times in ``working_days``; rates ``per`` hour,
``working_day`` or ``year``; a wrong unit is reported with its position.

:func:`load_scenario` reads the YAML with positions, validates it with pydantic, loads the
model and checks every reference against it (document types, departments, persons, roles,
absence reasons, acts, steps, meetings, conditions, time limits), one message per problem
with a "did you mean" (exit code 2 through :class:`~govmodel.errors.ScenarioError`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from govmodel.errors import Problem
from govmodel.model.types import Document, Node, Text
from govmodel.sim.extends import merge, resolve_extends
from govmodel.sim.scenario_figures import Assumed, DaysDist, Dist, Rate, ServiceTime, Span
from govmodel.yamlio import Positions, read_yaml

__all__ = [
    "Assumed",
    "Dist",
    "ServiceTime",
    "DaysDist",
    "Span",
    "Rate",
    "ModelRef",
    "CalendarSpec",
    "Horizon",
    "Arrival",
    "ServiceTimes",
    "Institutions",
    "Absence",
    "AdHocPolicy",
    "MeetingPolicy",
    "Waiting",
    "LimitSpan",
    "ScenarioFile",
    "read_scenario_file",
    "scenario_keys",
]

Ident = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Prob = Annotated[float, Field(ge=0.0, le=1.0)]


class ModelRef(Assumed):
    path: str | None = Field(
        default=None, description="Model folder; default the bundled one. Relative to the scenario file."
    )
    assumptions: dict[str, bool] = Field(default_factory=dict)
    cast: str | None = Field(
        default=None, description="A YAML file with a 'cast:' section replacing the model's cast."
    )
    reforms: tuple[str, ...] = Field(
        default=(),
        description="Reform files (govmodel.model.overlay) applied in order;"
        " their 'scenario:' changes apply too.",
    )


class CalendarSpec(Assumed):
    kind: Literal["chinese", "none"] = Field(
        default="chinese",
        description="'chinese': public holidays and make-up days;"
        " 'none': every day is a working day of 24 hours.",
    )
    holidays: tuple[str, ...] = Field(
        default=(), description="Holiday notice files for years chinese_calendar does not know."
    )
    hours_per_day: Annotated[float, Field(gt=0.0, le=24.0)] | None = Field(
        default=None,
        description="Working hours per working day, at most 24 (default 8; 24 without a calendar).",
    )
    day_starts: str = Field(default="08:30", description="When a working day starts, HH:MM (00:00 to 23:59).")

    @field_validator("day_starts")
    @classmethod
    def _time_of_day(cls, value: str) -> str:
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
            raise ValueError("expected a time of day HH:MM between 00:00 and 23:59")
        return value


class Horizon(Assumed):
    start: dt.date = Field(description="The first day of the simulation (the clock's origin).")
    end: dt.date | None = Field(default=None, description="The last day on which documents arrive.")
    length: Span | None = Field(default=None, description="Instead of 'end': how long documents arrive.")
    documents: Annotated[int, Field(gt=0)] | None = Field(
        default=None, description="Instead: stop after this many arrivals."
    )
    warmup: Span | None = Field(default=None, description="Documents arriving before this are not measured.")
    drain: Span | None = Field(
        default=None,
        description="How long documents in flight may finish after arrivals stop (default 60 working days).",
    )

    @model_validator(mode="after")
    def _one_stop(self) -> Horizon:
        given = [k for k in ("end", "length", "documents") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"give exactly one of end, length, documents (found: {', '.join(given) or 'none'})"
            )
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Urgency(Assumed):
    """Shares of documents that are urgent / specially urgent (art. 45); special implies urgent."""

    urgent: Prob = 0.0
    special_urgent: Prob = 0.0


class RelatedCount(Assumed):
    min: Annotated[int, Field(ge=1)] = 1
    max: Annotated[int, Field(ge=1)] = 1


class Arrival(Assumed):
    """A Poisson stream of documents of one type from each listed department."""

    type: Ident
    departments: Literal["all"] | tuple[Ident, ...] = "all"
    rate: Rate = Field(description="Per department.")
    conditions: dict[str, Prob] = Field(
        default_factory=dict, description="Condition id → probability that a document has it."
    )
    urgency: Urgency | None = Field(default=None, description="Overrides the scenario's urgency shares.")
    related_departments: RelatedCount = Field(default_factory=RelatedCount)


class ServiceTimes(Assumed):
    """Most specific wins: ``steps`` (procedure.step) > ``acts`` > ``default``."""

    default: ServiceTime
    acts: dict[str, ServiceTime] = Field(default_factory=dict)
    steps: dict[str, ServiceTime] = Field(default_factory=dict)


class Institutions(Assumed):
    """Bodies, meetings' organizers and institutional roles act through staff: a capacity
    (parallel acts) per institution; ``null`` = unlimited. Departments get one each."""

    default_capacity: Annotated[int, Field(ge=1)] | None = None
    capacity: dict[str, Annotated[int, Field(ge=1)]] = Field(default_factory=dict)


class Absence(Assumed):
    """Absences of a person (``who``) or of every holder of a role (``role``): either random
    (``rate`` per working day or year, or ``every`` = the mean gap; exponential gaps; and a
    ``duration`` in working days) or fixed (``from``/``to`` dates, inclusive)."""

    who: Ident | None = None
    role: Ident | None = None
    reason: Ident
    rate: Rate | None = Field(default=None, description="How often (Poisson): per working_day or year.")
    every: Span | None = Field(default=None, description="Instead of rate: the mean gap between absences.")
    duration: DaysDist | None = None
    from_: dt.date | None = Field(default=None, alias="from")
    to: dt.date | None = None

    @model_validator(mode="after")
    def _shape(self) -> Absence:
        if (self.who is None) == (self.role is None):
            raise ValueError("give exactly one of 'who' (a person) or 'role'")
        random_ = self.every is not None or self.rate is not None or self.duration is not None
        fixed = self.from_ is not None or self.to is not None
        if random_ == fixed:
            raise ValueError(
                "give either 'rate' (or 'every') and 'duration' (random) or 'from' and 'to' (fixed dates)"
            )
        if random_ and ((self.every is None) == (self.rate is None) or self.duration is None):
            raise ValueError("a random absence needs 'duration' and one of 'rate' or 'every'")
        if self.every is not None and self.every.unit != "working_days":
            raise ValueError(f"'every' is in working_days (found {self.every.unit!r})")
        if self.rate is not None and (self.rate.per == "hour" or self.rate.value <= 0):
            raise ValueError("an absence rate is a positive number per working_day or per year")
        if fixed and (self.from_ is None or self.to is None or self.to < self.from_):
            raise ValueError("a fixed absence needs 'from' <= 'to'")
        return self


class AdHocPolicy(Assumed):
    """Ad hoc meetings (only for meetings the model allows them for): documents with one of
    the conditions in ``for`` are decided by an ad hoc meeting ``within`` after they arrive."""

    for_: tuple[Ident, ...] = Field(alias="for")
    within: Span


class MeetingPolicy(Assumed):
    """When a meeting of the model's cadence sits, how many items it takes, and the cut-off."""

    working_day: Annotated[int, Field(ge=1, le=23)] = Field(
        default=10,
        description="The meeting sits on this working day of its month (monthly), of the quarter's first"
        " month (quarterly), or of its week or fortnight (weekly, biweekly: the last working day if there"
        " are fewer).",
    )
    at_hour: Annotated[float, Field(ge=0.0)] = Field(
        default=1.0, description="Working hours after the day starts."
    )
    cutoff: Span = Field(
        default_factory=lambda: Span(value=5, unit="working_days"),
        description="Items must be submitted at least this long before the meeting (default 5 working days).",
    )
    capacity: Annotated[int, Field(ge=1)] = Field(
        default=10, description="Agenda items per meeting (default 10)."
    )
    duration: Span = Field(
        default_factory=lambda: Span(value=4, unit="hours"),
        description="How long the meeting occupies its presider (default 4 hours).",
    )
    ad_hoc: AdHocPolicy | None = None


class Waiting(Assumed):
    """What a document does when nobody may act: wait for a return, give up after a while."""

    give_up_after: Span
    unspecified_actor: Literal["stop", "skip"] = Field(
        default="stop",
        description="A step that names no actor (by: []): the document stops there, or the step is skipped.",
    )


class LimitSpan(Assumed):
    """Which steps a time limit is measured between (default: reaching the government → issue)."""

    starts_after: str | None = Field(
        default=None,
        description="procedure.step whose end starts the clock; default the submission step, else arrival.",
    )
    ends_after: str | None = Field(
        default=None, description="procedure.step whose end stops it; default the last step."
    )


class ScenarioInfo(Node):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    label: Text
    note: Text | None = None


class ScenarioFile(Document):
    """A scenario (``scenarios/*.yaml``), with where its files (the chain of ``extends`` and
    the ``scenario:`` blocks of reforms) write each of its mappings."""

    scenario: ScenarioInfo
    model: ModelRef = Field(default_factory=ModelRef)
    calendar: CalendarSpec = Field(default_factory=CalendarSpec)
    horizon: Horizon
    replications: Annotated[int, Field(ge=1)] = 5
    seed: Annotated[int, Field(ge=0)] = 0
    urgency: Urgency = Field(default_factory=Urgency)
    arrivals: tuple[Arrival, ...]
    service_times: ServiceTimes
    optional_steps: dict[str, Prob] = Field(
        default_factory=dict,
        description="procedure.step → probability an optional ('may') step is taken; default 0.",
    )
    institutions: Institutions = Field(default_factory=Institutions)
    absences: tuple[Absence, ...] = ()
    meetings: dict[str, MeetingPolicy] = Field(default_factory=dict)
    waiting: Waiting = Field(
        default_factory=lambda: Waiting(give_up_after=Span(value=20, unit="working_days"))
    )
    time_limits: dict[str, LimitSpan] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _some_arrivals(self) -> ScenarioFile:
        if not self.arrivals:
            raise ValueError("arrivals: at least one stream of documents")
        return self


def scenario_keys() -> tuple[str, ...]:
    """The top-level keys of a scenario file (a file with none of them is not a scenario)."""
    return ("extends", *ScenarioFile.model_fields)


def read_scenario_file(
    path: Path, display: str, reforms: tuple[Any, ...] = ()
) -> tuple[ScenarioFile | None, Any, list[Problem]]:
    """Parse and validate one scenario file (no model checks): (scenario, tree, problems).

    ``extends`` is merged in; then the ``scenario:`` changes of ``reforms`` (loaded
    :class:`~govmodel.model.overlay.Reform` objects) are applied on top.
    """
    from govmodel.model.load import validation_problems
    from govmodel.yamlio import kind_problem

    tree, problems = read_yaml(path, display)
    if problems:
        return None, None, problems
    wrong = kind_problem(tree, display, "scenario", scenario_keys())  # empty, or not a scenario at all
    if wrong is not None:
        return None, tree, [wrong]
    read = Positions()  # where each mapping of the chain's files and the reforms' blocks is written
    plain, found = resolve_extends(path, display, tree, scenario_keys(), positions=read)
    if plain is None:
        return None, tree, problems + found
    for reform in reforms:
        read.update(reform.positions)
        plain = merge(plain, reform.scenario, read)
    try:
        scenario = ScenarioFile.model_validate(plain)
    except ValidationError as exc:
        found = validation_problems(exc, tree, display, ScenarioFile)
        if reforms and len(found) == len(exc.errors()):  # one problem per error, in order
            found = [
                _in_reform(err["loc"], p, reforms)
                for err, p in zip(exc.errors(include_url=False), found, strict=True)
            ]
        problems += [_unalias(p) for p in found]
        return None, tree, problems
    if problems:
        return None, tree, problems
    positions = Positions()
    positions.carry(scenario, plain, read)
    return scenario.located(positions), tree, problems


def _lookup(data: Any, loc: tuple[Any, ...]) -> bool:
    """Whether ``loc`` (a pydantic location; parts that do not match the data, such as union
    tags, are skipped) names a value present in ``data``."""
    node = data
    for part in loc:
        in_list = isinstance(node, (list, tuple)) and isinstance(part, int) and 0 <= part < len(node)
        if isinstance(node, dict) and part in node or in_list:
            node = node[part]
        elif isinstance(part, str) and ("[" in part or part[:1].isupper()):
            continue  # pydantic's union tag, not data
        else:
            return False
    return bool(loc)


def _in_reform(loc: tuple[Any, ...], problem: Problem, reforms: tuple[Any, ...]) -> Problem:
    """A problem in a value a reform's ``scenario:`` block set is the reform file's problem: name
    that file and position, not the scenario's (the value was merged in from the reform)."""
    from govmodel.yamlio import position_of

    for reform in reversed(reforms):  # the last reform that sets a value wins the merge
        if not _lookup(dict(reform.scenario), tuple(loc)):
            continue
        file = getattr(reform.positions.of(reform), "file", None)
        if not file:
            break
        tree, found = read_yaml(Path(file), file)
        try:
            node = tree["reform"]["scenario"]
        except (KeyError, TypeError):
            break
        return Problem(position_of(node, tuple(loc), file), problem.found, problem.expected)
    return problem


def _unalias(p: Problem) -> Problem:
    """'from' and 'for' are Python keywords: the fields are ``from_``/``for_`` with aliases."""
    text = (
        p.expected.replace("'from_'", "'from'")
        .replace("'for_'", "'for'")
        .replace("from_", "from")
        .replace("for_", "for")
    )
    return Problem(p.where, p.found.replace("from_", "from").replace("for_", "for"), text)
