"""What one replication measures, kept in memory bounded by what is in flight.

Every measure is aggregated online (counts, sums, log-binned histograms for percentiles), so a
replication's memory does not grow with the number of documents, unless an event log is asked
for (then one flat tuple per act is kept). Observation window: documents arriving after the
warm-up are measured; utilization and queues are clipped to [warm-up end, arrivals end].
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

__all__ = ["Histogram", "Recorder", "EventRow", "EVENT_COLUMNS", "Blocked", "BlockedKind"]


class EventRow(NamedTuple):
    """One act in the event log (one CSV row; the fields are the columns, in order)."""

    case_id: str
    activity: str  # the step's node, procedure.step
    resource: str  # the person, institution or meeting that performed
    start: str  # ISO timestamps
    end: str
    document_type: str
    replication: int
    department: str
    step: str
    act: str
    actor: str  # the role acted as
    deputy_rules: str  # "+"-joined deputy rule ids ("" when performed directly)
    waited_hours: float


EVENT_COLUMNS = EventRow._fields
"""Columns of the CSV event log (one row per act)."""

BlockedKind = Literal["no_actor_named", "nobody_holds", "all_absent", "no_meeting"]

_WHY: dict[BlockedKind, str] = {
    "no_actor_named": "the rules name nobody to perform this act",
    "nobody_holds": "nobody holds the role in the cast",
    "all_absent": "every holder is absent and no deputy rule covers the reason",
    "no_meeting": "no meeting of these kinds sits",
}


@dataclass(frozen=True)
class Blocked:
    """Why a document could not proceed at a step: what kind of gap, the step and act, the
    roles (or meetings) that could act, and who was away then (an example)."""

    kind: BlockedKind
    step: str  # procedure.step
    act: str
    actors: tuple[str, ...]
    example_absent: Mapping[str, str] = field(default_factory=dict)  # person -> absence reason

    @property
    def why(self) -> str:
        return _WHY[self.kind]

    @property
    def key(self) -> str:
        """The words that group gaps in the measures (``could_not_proceed/<key>``, ...)."""
        if self.kind == "no_actor_named":
            return f"{self.step}: no actor named"
        if self.kind == "nobody_holds":
            return f"{self.step}: nobody holds {'/'.join(self.actors)}"
        if self.kind == "no_meeting":
            return f"{self.step}: no meeting of {', '.join(self.actors)} is scheduled"
        reasons = ", ".join(sorted(set(self.example_absent.values())))
        return f"{self.step}: {'/'.join(self.actors)} absent ({reasons})"

    def as_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "act": self.act,
            "actors": list(self.actors),
            "example_absent": dict(self.example_absent),
            "why": self.why,
        }


_GROWTH = 1.01
_LOG_GROWTH = math.log(_GROWTH)


class Histogram:
    """Log-binned histogram (1 % relative bin width): exact count, mean, min, max, and
    percentiles within 1 %. Zeros are kept apart."""

    __slots__ = ("bins", "zeros", "count", "total", "lo", "hi")

    def __init__(self) -> None:
        self.bins: dict[int, int] = {}
        self.zeros = 0
        self.count = 0
        self.total = 0.0
        self.lo = math.inf
        self.hi = -math.inf

    def add(self, x: float) -> None:
        self.count += 1
        self.total += x
        if x < self.lo:
            self.lo = x
        if x > self.hi:
            self.hi = x
        if x <= 1e-12:
            self.zeros += 1
            return
        k = math.floor(math.log(x) / _LOG_GROWTH)
        self.bins[k] = self.bins.get(k, 0) + 1

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None

    def quantile(self, q: float) -> float | None:
        """The q-quantile: the order statistic at rank ceil(q (n - 1)) (numpy's ``method="higher"``), as
        the midpoint of its 1 % bin clamped to the observed range, so within 0.5 % of the exact value
        (tests/sim/test_sim_stats.py checks it against numpy). Hand-written because the histogram
        keeps memory bounded where numpy would need every value."""
        if not self.count:
            return None
        rank = q * (self.count - 1) + 1
        seen = self.zeros
        if seen >= rank:
            return 0.0
        for k in sorted(self.bins):
            seen += self.bins[k]
            if seen >= rank:
                mid = math.sqrt(_GROWTH**k * _GROWTH ** (k + 1))
                return min(max(mid, self.lo), self.hi)
        return self.hi

    def points(self) -> list[tuple[float, int]]:
        """(bin midpoint, count) pairs, ascending (for plots)."""
        out = [(0.0, self.zeros)] if self.zeros else []
        return out + [(math.sqrt(_GROWTH**k * _GROWTH ** (k + 1)), n) for k, n in sorted(self.bins.items())]


@dataclass
class Recorder:
    """The measures of one replication."""

    warmup: float
    end: float
    keep_events: bool = False
    arrived: int = 0
    measured: int = 0
    completed: int = 0
    abandoned: int = 0
    cycle_hours: Histogram = field(default_factory=Histogram)
    latency_days: dict[str, Histogram] = field(default_factory=dict)
    on_time: dict[str, list[int]] = field(default_factory=dict)
    busy: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    waiting: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    acts: Counter[str] = field(default_factory=Counter)
    deputy: Counter[str] = field(default_factory=Counter)
    blocked_waits: Counter[str] = field(default_factory=Counter)
    blocked_hours: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    abandoned_by: Counter[str] = field(default_factory=Counter)
    blocked_info: dict[str, Blocked] = field(default_factory=dict)
    meetings: dict[str, Counter[str]] = field(default_factory=dict)
    absences: Counter[str] = field(default_factory=Counter)
    events: list[EventRow] = field(default_factory=list)
    queue_samples: dict[str, list[int]] = field(default_factory=dict)

    def clip(self, a: float, b: float) -> float:
        """Length of [a, b] inside the observation window."""
        lo = a if a > self.warmup else self.warmup
        hi = b if b < self.end else self.end
        return hi - lo if hi > lo else 0.0

    def act(self, resource: str, requested: float, start: float, end: float) -> None:
        """One act on ``resource``: busy from start to end, waited for from requested to start
        (both clipped to the observation window, as :meth:`clip`; inlined, once per act)."""
        self.acts[resource] += 1
        w, e = self.warmup, self.end
        lo = start if start > w else w
        hi = end if end < e else e
        self.busy[resource] += hi - lo if hi > lo else 0.0
        if start > requested:
            lo = requested if requested > w else w
            hi = start if start < e else e
            self.waiting[resource] += hi - lo if hi > lo else 0.0

    def limit(self, limit_id: str, on_time: bool) -> None:
        slot = self.on_time.get(limit_id)
        if slot is None:
            slot = self.on_time[limit_id] = [0, 0]
        slot[0] += on_time
        slot[1] += 1

    def blocked(self, gap: Blocked, hours: float) -> None:
        key = gap.key
        self.blocked_waits[key] += 1
        self.blocked_hours[key] += hours
        self.blocked_info.setdefault(key, gap)

    def meeting(self, meeting: str, what: str, n: int = 1) -> None:
        self.meetings.setdefault(meeting, Counter())[what] += n
