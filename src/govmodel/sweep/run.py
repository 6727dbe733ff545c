"""A sweep end to end: spec → factors → design → points (serial or Dask, stored point by
point) → tidy table → indices.

Every point runs the same replication indices with the same seed (common random numbers), so
the difference between two points is the factors', not the random draws'; a point's rows
depend only on its values, never on where or when it ran.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from govmodel.errors import InputError, Problem, ScenarioError
from govmodel.refs import SourceRef
from govmodel.sweep.design import INDICES, analyze, design_points, point_count
from govmodel.sweep.execute import run_tasks
from govmodel.sweep.factors import Factor, apply_values, build_factors
from govmodel.sweep.scenario_paths import apply_overrides, scenario_plain
from govmodel.sweep.spec import SweepSpec, load_sweep_spec
from govmodel.sweep.store import PartStore

__all__ = ["PointContext", "SweepPlan", "SweepResult", "plan_sweep", "run_point", "run_sweep", "MAX_POINTS"]

MAX_POINTS = 1_000_000
_COUNT_PREFIXES = (
    "could_not_proceed/",
    "blocked_waits/",
    "blocked_wait_working_days/",
    "on_time_count/",
    "deputy_activations/",
)


@dataclass(frozen=True)
class PointContext:
    """What every point needs (sent to each worker once)."""

    base: Any  # LoadedScenario
    reform: Any | None  # LoadedScenario with the reform applied, or None
    base_plain: dict[str, Any]
    reform_plain: dict[str, Any] | None
    factors: tuple[Factor, ...]
    replications: int
    seed: int
    kpis: tuple[str, ...]


def _variant(loaded: Any, plain: dict[str, Any], factors: tuple[Factor, ...], values: Any, index: int) -> Any:
    from pydantic import ValidationError

    from govmodel.sim.scenario import ScenarioFile

    try:
        spec = ScenarioFile.model_validate(apply_values(plain, list(factors), values))
    except ValidationError as exc:
        shown = ", ".join(f"{f.name}={v:g}" for f, v in zip(factors, values, strict=False))
        first = exc.errors(include_url=False)[0]
        raise ScenarioError(
            [
                Problem(
                    SourceRef(f"sweep point {index}"),
                    f"the scenario is invalid with {shown}: "
                    f"{'.'.join(map(str, first['loc']))}: {first['msg']}",
                    "factor ranges that keep the scenario valid",
                )
            ]
        ) from None
    return dataclasses.replace(loaded, spec=spec)


def _pick(kpis: dict[str, Any], name: str) -> float:
    v = kpis.get(name)
    if v is None:
        return 0.0 if name not in kpis and name.startswith(_COUNT_PREFIXES) else math.nan
    return float(v)


def run_point(
    ctx: PointContext, index: int, values: tuple[float, ...]
) -> tuple[int, list[tuple[int, str, float]]]:
    """Run one point's replications: (index, [(replication, kpi, value), ...]). Top level and
    pure, so it runs the same in this process or on a Dask worker."""
    from govmodel.sim.runner import run_replication

    a = _variant(ctx.base, ctx.base_plain, ctx.factors, values, index)
    b = (
        _variant(ctx.reform, ctx.reform_plain, ctx.factors, values, index)
        if ctx.reform is not None and ctx.reform_plain is not None
        else None
    )
    rows = []
    for rep in range(ctx.replications):
        ka = run_replication(a, rep, ctx.seed).kpis
        kb = run_replication(b, rep, ctx.seed).kpis if b is not None else None
        for name in ctx.kpis:
            v = _pick(ka, name)
            if kb is not None:
                v = _pick(kb, name) - v
            rows.append((rep, name, v))
    return index, rows


@dataclass
class SweepPlan:
    """A validated sweep ready to run: its context, factors and design matrix."""

    spec: SweepSpec
    name: str
    ctx: PointContext
    X: np.ndarray
    fingerprint: str

    @property
    def factors(self) -> tuple[Factor, ...]:
        return self.ctx.factors


@dataclass
class SweepResult:
    """The tidy table (one row per point × replication × KPI, with the factors' values) and
    the indices per KPI: ``{kpi: {index: {"value": [...], "conf": [...]}}}`` in factor order,
    or ``{kpi: {"error": text}}`` when the KPI cannot be analysed."""

    plan: SweepPlan
    table: pa.Table
    indices: dict[str, dict[str, Any]] = field(default_factory=dict)
    resumed: int = 0

    def point_means(self, kpi: str) -> np.ndarray:
        sub = self.table.filter(pa.compute.equal(self.table["kpi"], kpi))
        v = np.asarray(sub["value"].to_numpy(zero_copy_only=False), dtype=float)
        return v.reshape(len(self.plan.X), self.plan.ctx.replications).mean(axis=1)


def plan_sweep(path: str | Path, *, replications: int | None = None, seed: int | None = None) -> SweepPlan:
    """Load and check a sweep spec, its scenario (and reform), its factors and its design.

    Raises
    ------
    InputError
        Every problem found, with positions in the spec (or the scenario).
    """
    from govmodel.paths import confine, project_root
    from govmodel.sim import load_scenario

    spec, name = load_sweep_spec(path)
    folder = Path(path).parent
    root = project_root(path)  # the spec's paths stay inside the project (issue #15)
    scenario = confine(
        spec.scenario, folder, (root,), spec.positions.of(spec, "scenario") or SourceRef(name), "scenario"
    )
    reform_file = (
        confine(spec.reform, folder, (root,), spec.positions.of(spec, "reform") or SourceRef(name), "reform")
        if spec.reform
        else None
    )
    base = load_scenario(scenario)
    reform = load_scenario(scenario, reforms=[reform_file]) if reform_file else None
    plain = scenario_plain(base.spec)
    plain, errors = apply_overrides(plain, spec.overrides)
    rplain = None
    if reform is not None:
        rplain, more = apply_overrides(scenario_plain(reform.spec), spec.overrides)
        errors += more
    where = spec.positions.of(spec, "overrides") or SourceRef(name)
    problems = [Problem(where, f"overrides: {e}", "a path of the scenario") for e in errors]
    factors, found = build_factors(spec, plain, base.model, name)
    problems += found
    if problems:
        raise InputError(problems)
    count = point_count(spec.design, len(factors))
    if count > MAX_POINTS:
        raise InputError(
            [
                Problem(
                    spec.positions.of(spec.design) or SourceRef(name),
                    f"{count} points ({len(factors)} factors, {spec.design.method})",
                    f"at most {MAX_POINTS}: fewer factors, levels or samples",
                )
            ]
        )
    # the overrides must give a valid scenario on their own
    _variant(base, plain, (), (), -1)
    reps = replications or spec.replications
    s = spec.seed if seed is None else seed
    X = design_points(spec.design, factors, s)
    for f_i, f in enumerate(factors):
        if f.integer:
            X[:, f_i] = np.round(X[:, f_i])
    ctx = PointContext(base, reform, plain, rplain, tuple(factors), reps, s, tuple(spec.kpis))
    digest = hashlib.sha256()
    digest.update(
        json.dumps(
            {"spec": spec.model_dump(mode="json"), "base": plain, "reform": rplain, "reps": reps, "seed": s},
            sort_keys=True,
            default=str,
        ).encode()
    )
    digest.update(np.ascontiguousarray(X).tobytes())
    return SweepPlan(spec, name, ctx, X, digest.hexdigest()[:16])


def check_kpis(plan: SweepPlan) -> None:
    """Every KPI must be a measure the simulation reports (checked on one short run)."""
    from govmodel.sim.runner import run_replication

    ctx = plan.ctx
    known = set(run_replication(_variant(ctx.base, ctx.base_plain, (), (), -1), 0, ctx.seed).kpis)
    problems = []
    for name in ctx.kpis:
        if name not in known and not name.startswith(_COUNT_PREFIXES):
            import difflib

            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}?" if close else "a measure of govmodel simulate --format json"
            problems.append(
                Problem(
                    plan.spec.positions.of(plan.spec, "kpis") or SourceRef(plan.name),
                    f"unknown KPI {name!r}",
                    hint,
                )
            )
    if problems:
        raise InputError(problems)


def run_sweep(
    plan: SweepPlan,
    store_dir: str | Path | None = None,
    *,
    scheduler: str = "serial",
    workers: int | None = None,
    resume: bool = False,
    progress: bool | None = False,
    validate_kpis: bool = True,
) -> SweepResult:
    """Run every point not yet stored, then assemble the table and the indices.

    Parameters
    ----------
    store_dir : path, optional
        Where finished points are kept (one Parquet part each) so that ``resume`` loses none.
        None: keep them in memory only.
    scheduler : str
        ``"serial"``, ``"local"`` or a Dask scheduler address (see :mod:`govmodel.sweep.execute`).
    """
    if validate_kpis:
        check_kpis(plan)
    n = len(plan.X)
    store = PartStore(store_dir) if store_dir is not None else None
    done = store.open(plan.fingerprint, resume) if store is not None else set()
    memory: dict[int, list[tuple[int, str, float]]] = {}
    bar = _bar(n, len(done), progress)

    def finished(result: tuple[int, list[tuple[int, str, float]]]) -> None:
        index, rows = result
        if store is not None:
            store.write(index, rows)
        else:
            memory[index] = rows
        bar.update(1)

    todo = [(i, tuple(float(v) for v in plan.X[i])) for i in range(n) if i not in done]
    try:
        run_tasks(run_point, plan.ctx, todo, finished, scheduler=scheduler, workers=workers)
    finally:
        bar.close()
    if store is not None:
        rows = store.read(n)
    else:
        from govmodel.sweep.store import rows_table

        rows = pa.concat_tables([rows_table(i, memory[i]) for i in range(n)])
    table = _with_factors(rows, plan)
    result = SweepResult(plan, table, resumed=len(done))
    result.indices = compute_indices(result)
    return result


def _with_factors(rows: pa.Table, plan: SweepPlan) -> pa.Table:
    points = rows["point"].to_numpy()
    for j, f in enumerate(plan.factors):
        rows = rows.append_column(f.name, pa.array(plan.X[points, j], type=pa.float64()))
    return rows


def compute_indices(result: SweepResult) -> dict[str, dict[str, Any]]:
    plan = result.plan
    out: dict[str, dict[str, Any]] = {}
    for kpi in plan.ctx.kpis:
        Y = result.point_means(kpi)
        try:
            out[kpi] = analyze(plan.spec.design, list(plan.factors), plan.X, Y, plan.ctx.seed)
        except (ValueError, ZeroDivisionError, FloatingPointError) as exc:
            out[kpi] = {"error": str(exc)}
    return out


def ranking(result: SweepResult, kpi: str) -> list[tuple[Factor, float, float]]:
    """Factors by importance for a KPI (μ* for Morris, ST for Sobol, S1 otherwise), highest first."""
    idx = result.indices.get(kpi, {})
    key = {"morris": "mu_star", "sobol": "ST"}.get(result.plan.spec.design.method, "S1")
    if key not in idx:
        return []
    vals, confs = idx[key]["value"], idx[key]["conf"]
    order = sorted(range(len(vals)), key=lambda j: (-(vals[j] if math.isfinite(vals[j]) else -math.inf), j))
    return [(result.plan.factors[j], vals[j], confs[j]) for j in order]


def index_names(result: SweepResult) -> tuple[str, ...]:
    return INDICES[result.plan.spec.design.method]


class _NoBar:
    def update(self, _n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, initial: int, progress: bool | None) -> Any:
    if progress is False:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(
        total=total,
        initial=initial,
        desc="扫描 sweep",
        unit=" points",
        file=sys.stderr,
        disable=None if progress is None else False,
        smoothing=0.1,
    )
