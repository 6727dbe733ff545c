"""The figures of a scenario, each with its unit and each possibly an assumption: distributions
of durations (service times in working hours, absences in working days), spans of time and
Poisson rates. The sections of a scenario file (:mod:`govmodel.sim.scenario`) are built from them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from govmodel.model.types import Node, Text
from govmodel.sim.dists import DIST_PARAMS

__all__ = ["Assumed", "Dist", "ServiceTime", "DaysDist", "Span", "Rate"]

Positive = Annotated[float, Field(gt=0.0)]


class Assumed(Node):
    """A scenario node whose figures may be labelled as an assumption, with a reason."""

    assumption: Text | None = Field(
        default=None, description="Why this figure was chosen (bilingual); listed in reports."
    )


class Dist(Assumed):
    """A distribution of durations: ``exponential`` (mean), ``lognormal`` (mean, sd),
    ``triangular`` (min, mode, max), ``uniform`` (min, max) or ``fixed`` (value)."""

    dist: Literal["exponential", "lognormal", "triangular", "uniform", "fixed"]
    mean: Positive | None = None
    sd: Positive | None = None
    min: Annotated[float, Field(ge=0.0)] | None = None
    mode: Annotated[float, Field(ge=0.0)] | None = None
    max: Annotated[float, Field(ge=0.0)] | None = None
    value: Annotated[float, Field(ge=0.0)] | None = None

    @model_validator(mode="after")
    def _params(self) -> Dist:
        need = DIST_PARAMS[self.dist]
        given = {k for k in ("mean", "sd", "min", "mode", "max", "value") if getattr(self, k) is not None}
        missing = [k for k in need if k not in given]
        extra = sorted(given - set(need))
        if missing or extra:
            raise ValueError(
                f"{self.dist} takes {', '.join(need)}"
                + (f"; missing {', '.join(missing)}" if missing else "")
                + (f"; not used: {', '.join(extra)}" if extra else "")
            )
        if self.dist in ("triangular", "uniform"):
            lo, hi = self.min or 0.0, self.max or 0.0
            mode = self.mode if self.mode is not None else lo
            if not lo <= mode <= hi or lo >= hi:
                raise ValueError(f"{self.dist} needs min <= mode <= max and min < max")
        return self

    def params(self) -> dict[str, float]:
        return {k: float(getattr(self, k)) for k in DIST_PARAMS[self.dist]}

    def mean_value(self) -> float:
        p = self.params()
        if self.dist in ("exponential", "lognormal"):
            return p["mean"]
        if self.dist == "triangular":
            return (p["min"] + p["mode"] + p["max"]) / 3.0
        if self.dist == "uniform":
            return (p["min"] + p["max"]) / 2.0
        return p["value"]


class ServiceTime(Dist):
    """Time to perform one act, in working hours."""

    unit: Literal["hours"]


class DaysDist(Dist):
    """A duration in working days (absences)."""

    unit: Literal["working_days"]


class Span(Assumed):
    """A length of time with its unit."""

    value: Annotated[float, Field(ge=0.0)]
    unit: Literal["working_days", "hours"]


class Rate(Assumed):
    """Poisson arrivals: ``value`` events ``per`` hour, working day or year (250 working days)."""

    value: Annotated[float, Field(ge=0.0)]
    per: Literal["hour", "working_day", "year"]
