"""Meeting schedules, quorums, sign-in, time limits and assumptions of a rules model.

Split from :mod:`govmodel.model.types` (which re-exports every name); the classes are the
same pydantic models, so the generated JSON Schema is unchanged.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from govmodel.model.types_base import Articles, Element, Gated, Ident, Node, Text
from govmodel.model.vocab import AssumptionEffect, DurationUnit

Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class Quorum(Gated):
    """A share or a count of a role's holders (or of the meeting's members) that must attend
    (全体会议、常务会议必须要有半数以上的副市长参加). Whether 以上 includes the number itself is
    a reading of the text: write it as ``bound`` (gate two quorums by an assumption if unsure)."""

    of: tuple[Ident, ...] = Field(
        default=(), description="Roles or groups whose holders count; empty: the meeting's members."
    )
    share: Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*/[1-9][0-9]*$")] | None = Field(
        default=None, description="A share of the holders, as a fraction: '1/2' (半数), '2/3'."
    )
    count: Annotated[int, Field(ge=1, strict=True)] | None = Field(
        default=None, description="A number of holders."
    )
    bound: Literal["at_least", "more_than"] = Field(
        default="at_least",
        description=(
            "at_least: the share or count itself is enough (以上 with 本数); more_than: strictly more."
        ),
    )
    articles: Articles
    note: Text | None = None


class SignIn(Node):
    """Attendance is recorded (会议实行签到制度): a declared requirement, reported with the
    meeting; ``by`` who keeps the record (empty: the text names nobody)."""

    articles: Articles
    by: tuple[Ident, ...] = ()


class Schedule(Node):
    """When a meeting sits, as the text says it: on a weekday (一般在每周一召开) and/or a number
    of times per period, possibly a range (每月召开1-2次). ``in_principle``: 一般 (as a rule)."""

    weekday: Weekday | None = None
    per: Literal["week", "month", "quarter", "year"] | None = None
    times_min: Annotated[int, Field(ge=1, strict=True)] = 1
    times_max: Annotated[int, Field(ge=1, strict=True)] | None = Field(
        default=None,
        description="The upper end of a range (每月1-2次: times_min 1, times_max 2); default times_min.",
    )
    in_principle: bool = Field(
        default=False, description="一般/原则上: the usual schedule, exceptions allowed."
    )
    if_day_off: Literal["later", "earlier_or_later"] | None = Field(
        default=None,
        description="What the text says when the weekday is a day off: later (若因故无法召开，则顺延), "
        "earlier_or_later (如遇特殊情况，可提前或推后); left out: the text does not say.",
    )
    articles: Articles


class Duration(Node):
    value: Annotated[int, Field(ge=0, strict=True)]
    unit: DurationUnit


class MonthDay(Node):
    month: Annotated[int, Field(ge=1, le=12)]
    day: Annotated[int, Field(ge=1, le=31)]


class TimeLimit(Element):
    kind: Literal["lead_time", "deadline", "advance_notice", "annual_deadline", "unquantified"]
    applies_to: Annotated[tuple[Ident, ...], Field(min_length=1)] = Field(
        description="Document types, or meetings (a limit on their agenda items: 会议召开前一个星期)."
    )
    duration: Duration | None = None
    by_date: MonthDay | None = None
    when: Ident | None = None
    unless: Ident | None = None
    starts: Text = Field(description="The event the limit counts from.")
    ends: Text = Field(description="The event that must happen within the limit.")
    bound: Literal["at_least", "at_most"] = "at_most"
    binds: tuple[Ident, ...] = Field(
        default=(),
        description="The acts the limit is on (及时签批: approves); default the submitting side's.",
    )
    in_principle: bool = Field(
        default=False,
        description="原则上: a general rule that admits exceptions (whether it binds hard is an assumption).",
    )


class Assumption(Node):
    id: Ident
    statement: Text
    articles: Articles
    default: bool
    rationale: Text
    effect: AssumptionEffect | None = Field(
        default=None,
        description="What the assumption switches in the checks themselves, when it is not "
        "through gated elements: deadlines_move_past_days_off, in_principle_limits_are_soft, "
        "stand_ins_count_toward_quorum.",
    )
