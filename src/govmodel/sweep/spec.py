"""Sweep spec files (``govmodel sweep SPEC``): validated like every input, with positions.

A sweep names a scenario (or a scenario and a reform, to analyse the reform's effect), the
factors (numeric fields of the scenario by path, each with a range, a list of values or a
share around its value; default: every figure the scenario labels as an assumption, ± a share),
the design (``grid``, ``morris``, ``sobol``, ``latin``), the replications per point, the seed
(common random numbers across points) and the KPIs to analyse. See ``docs/sweep.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from govmodel.errors import InputError, Problem
from govmodel.model.types import Document, Node, Text
from govmodel.refs import SourceRef

__all__ = ["SweepSpec", "FactorSpec", "DesignSpec", "load_sweep_spec"]


Share = Annotated[float, Field(gt=0.0, lt=1.0)]


class SweepInfo(Node):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
    label: Text | None = None


class FactorSpec(Node):
    """One factor: a numeric field of the scenario (or a distribution: its mean, shape kept)."""

    path: Annotated[
        str,
        Field(min_length=1, description="e.g. arrivals[type=request].rate.value, service_times.acts.drafts"),
    ]
    name: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.\-]*$")] | None = Field(
        default=None, description="Column name in the table (default: derived from the path)."
    )
    label: Text | None = Field(default=None, description="Bilingual label for plots and summaries.")
    range: tuple[float, float] | None = Field(default=None, description="[low, high]")
    values: tuple[float, ...] | None = Field(
        default=None, description="A list of values (grid) or [low, high] bounds of it."
    )
    share: Share | None = Field(
        default=None, description="± this share of the scenario's value (default: the sweep's share)."
    )

    @model_validator(mode="after")
    def _one_range(self) -> FactorSpec:
        given = [k for k in ("range", "values", "share") if getattr(self, k) is not None]
        if len(given) > 1:
            raise ValueError(f"give at most one of range, values, share (found: {', '.join(given)})")
        if self.range is not None and not self.range[0] < self.range[1]:
            raise ValueError(f"range needs low < high (found {list(self.range)})")
        if self.values is not None and len(self.values) < 2:
            raise ValueError("values needs at least two values")
        return self


class DesignSpec(Node):
    """How points are chosen (SALib): ``grid`` (every combination of ``levels`` values per
    factor, or of the factor's ``values``), ``morris`` (``trajectories`` × (factors+1) points on
    ``levels`` levels), ``sobol`` (Saltelli, ``samples`` × (factors+2) points), ``latin``
    (``samples`` points, Latin hypercube)."""

    method: Literal["grid", "morris", "sobol", "latin"]
    trajectories: Annotated[int, Field(ge=2)] = 10
    levels: Annotated[int, Field(ge=2, le=64)] = 4
    samples: Annotated[int, Field(ge=2)] = 64

    @model_validator(mode="after")
    def _shape(self) -> DesignSpec:
        if self.method == "morris" and self.levels % 2:
            raise ValueError(f"morris needs an even number of levels (found {self.levels})")
        if self.method == "sobol" and self.samples & (self.samples - 1):
            raise ValueError(f"sobol needs samples a power of 2 (found {self.samples})")
        return self


class SweepSpec(Document):
    """A sweep spec file (with where it writes each of its mappings)."""

    sweep: SweepInfo
    scenario: str = Field(description="Scenario YAML, relative to the spec file.")
    reform: str | None = Field(
        default=None,
        description="Reform YAML: each KPI becomes reform − scenario (paired, common random numbers).",
    )
    factors: tuple[FactorSpec, ...] | None = Field(
        default=None, description="Default: every figure labelled as an assumption."
    )
    share: Share = Field(
        default=0.2, description="± share around the scenario's value for factors without range or values."
    )
    exclude: tuple[str, ...] = Field(default=(), description="Path prefixes left out of the default factors.")
    overrides: dict[str, Any] = Field(
        default_factory=dict,
        description="Fixed changes to the scenario at every point (path → value), e.g. a shorter horizon.",
    )
    design: DesignSpec
    replications: Annotated[int, Field(ge=1)] = 3
    seed: Annotated[int, Field(ge=0)] = 0
    kpis: Annotated[tuple[str, ...], Field(min_length=1)] = ("cycle_time_hours/mean",)


def load_sweep_spec(path: str | Path) -> tuple[SweepSpec, str]:
    """Read and validate a sweep spec; returns it with its display name.

    Raises
    ------
    InputError
        Every problem at once, with file:line:col.
    """
    from govmodel.model.load import load_validated
    from govmodel.yamlio import display_path

    file = Path(path)
    name = display_path(file)
    if not file.is_file():
        raise InputError([Problem(SourceRef(name), "no such file", "a sweep spec YAML file")])
    spec, positions = load_validated(file, SweepSpec, name, InputError)
    return spec.located(positions), name
