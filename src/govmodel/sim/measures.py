"""The names of the simulation's measures, typed: a :class:`Measure` is (group, subject, stat).

Outputs keep the flat text keys of ``docs/sim-json.md`` (``meeting/executive_meeting/held``,
``could_not_proceed/<why>``); code builds them with :attr:`Measure.key` and takes them apart
with :meth:`Measure.parse`, never with ``split("/")``: a subject may itself contain ``/`` (the
roles of a gap, ``mayor/vice_mayor``).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = ["Measure", "Group", "SCALARS", "WITH_STAT", "PERCENTILES"]

Group = Literal[
    "documents", "measured", "completed", "abandoned", "unfinished",
    "cycle_time_hours", "latency_working_days", "on_time_rate", "on_time_count",
    "utilization", "queue_length", "acts", "deputy_activations",
    "could_not_proceed", "blocked_waits", "blocked_wait_working_days",
    "meeting", "absence_episodes",
]  # fmt: skip

SCALARS: frozenset[str] = frozenset({"documents", "measured", "completed", "abandoned", "unfinished"})
"""Groups that are one number (no subject, no statistic)."""

WITH_STAT: dict[str, bool] = {"cycle_time_hours": False, "latency_working_days": True, "meeting": True}
"""Groups whose key ends with a statistic: whether they also have a subject before it."""

PERCENTILES = (("p50", 0.5), ("p90", 0.9), ("p95", 0.95))


class Measure(NamedTuple):
    """One measure: its group, what it is about (a person, a rule, a meeting, a gap…) and the
    statistic (``mean``, ``p90``, ``held``…), where the group has them.

    Examples
    --------
    >>> Measure("meeting", "executive_meeting", "held").key
    'meeting/executive_meeting/held'
    >>> Measure.parse("could_not_proceed/art48.sign: mayor/vice_mayor absent (abroad)").subject
    'art48.sign: mayor/vice_mayor absent (abroad)'
    >>> Measure.parse("cycle_time_hours/p90")
    Measure(group='cycle_time_hours', subject=None, stat='p90')
    """

    group: str
    subject: str | None = None
    stat: str | None = None

    @property
    def key(self) -> str:
        """The flat text key used in the outputs."""
        return "/".join(p for p in (self.group, self.subject, self.stat) if p is not None)

    @classmethod
    def parse(cls, key: str) -> Measure:
        """The measure a flat key names (the inverse of :attr:`key`)."""
        group, _, rest = key.partition("/")
        if group in SCALARS or not rest:
            return cls(group)
        if group in WITH_STAT:
            if not WITH_STAT[group]:
                return cls(group, None, rest)
            subject, _, stat = rest.rpartition("/")
            return cls(group, subject, stat)
        return cls(group, rest)
