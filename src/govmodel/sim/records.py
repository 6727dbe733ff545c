"""What one replication measures, kept in memory bounded by what is in flight.

Every measure is aggregated online (counts, sums, log-binned histograms for percentiles), so a
replication's memory does not grow with the number of documents, unless an event log is asked
for (then one flat tuple per act is kept). Observation window: documents arriving after the
warm-up are measured; utilization and queues are clipped to [warm-up end, arrivals end].
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Histogram", "Recorder", "EventRow", "EVENT_COLUMNS"]

EVENT_COLUMNS = (
    "case_id", "activity", "resource", "start", "end", "document_type",
    "replication", "department", "step", "act", "actor", "deputy_rules", "waited_hours",
)
"""Columns of the CSV event log (one row per act)."""

EventRow = tuple[Any, ...]

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
                mid = math.sqrt(_GROWTH ** k * _GROWTH ** (k + 1))
                return min(max(mid, self.lo), self.hi)
        return self.hi

    def points(self) -> list[tuple[float, int]]:
        """(bin midpoint, count) pairs, ascending (for plots)."""
        out = [(0.0, self.zeros)] if self.zeros else []
        return out + [(math.sqrt(_GROWTH ** k * _GROWTH ** (k + 1)), n) for k, n in sorted(self.bins.items())]


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
    busy: Counter[str] = field(default_factory=Counter)
    waiting: Counter[str] = field(default_factory=Counter)
    acts: Counter[str] = field(default_factory=Counter)
    deputy: Counter[str] = field(default_factory=Counter)
    blocked_waits: Counter[str] = field(default_factory=Counter)
    blocked_hours: Counter[str] = field(default_factory=Counter)
    abandoned_by: Counter[str] = field(default_factory=Counter)
    blocked_info: dict[str, dict[str, Any]] = field(default_factory=dict)
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
        self.acts[resource] += 1
        self.busy[resource] += self.clip(start, end)
        if start > requested:
            self.waiting[resource] += self.clip(requested, start)

    def limit(self, limit_id: str, on_time: bool) -> None:
        slot = self.on_time.get(limit_id)
        if slot is None:
            slot = self.on_time[limit_id] = [0, 0]
        slot[0] += on_time
        slot[1] += 1

    def blocked(self, key: str, info: dict[str, Any], hours: float) -> None:
        self.blocked_waits[key] += 1
        self.blocked_hours[key] += hours
        self.blocked_info.setdefault(key, info)

    def meeting(self, meeting: str, what: str, n: int = 1) -> None:
        self.meetings.setdefault(meeting, Counter())[what] += n
