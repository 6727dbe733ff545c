"""Run every property of a model and collect the findings (the one entry point reports, the
CLI and notebooks use)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from types import ModuleType

from govmodel.findings import AssumptionState, Finding, Results
from govmodel.model import Model
from govmodel.refs import Label
from govmodel.verify.budget import check_size
from govmodel.verify.checks import CHECKS
from govmodel.verify.properties import Property
from govmodel.verify.scenarios import DEFAULT_BOUNDS, Bounds

__all__ = ["verify", "all_properties", "assumption_states"]


def all_properties(
    model: Model, bounds: Bounds = DEFAULT_BOUNDS, classes: Iterable[str] | None = None
) -> Iterator[tuple[ModuleType, Property]]:
    """Every property of every class (or of ``classes``), with the module that evaluates it."""
    wanted = set(classes) if classes is not None else None
    for name, module in CHECKS.items():
        if wanted is None or name in wanted:
            for prop in module.properties(model, bounds):
                yield module, prop


def assumption_states(model: Model) -> tuple[AssumptionState, ...]:
    return tuple(
        AssumptionState(a.id, a.id in model.enabled, Label(a.statement.zh, a.statement.en), tuple(a.articles))
        for a in model.assumptions
    )


def verify(
    model: Model,
    bounds: Bounds = DEFAULT_BOUNDS,
    classes: Iterable[str] | None = None,
    progress: Callable[[Property], None] | None = None,
) -> Results:
    """Evaluate every property of ``model`` within ``bounds``.

    Parameters
    ----------
    model : Model
        The rules, with the assumptions in force.
    bounds : Bounds
        ``k`` absences at most (default: every person), related departments, timeout.
    classes : iterable of str, optional
        Only these property classes (``coverage``, ``separation`` …).

    Returns
    -------
    Results
        Every finding, in property order, with the assumptions in force.

    Raises
    ------
    InputError
        If the verification is larger than the budget (``bounds.max_size``).
    """
    check_size(model, bounds)
    findings: list[Finding] = []
    for module, prop in all_properties(model, bounds, classes):
        if progress:
            progress(prop)
        findings.append(module.evaluate(model, prop, bounds))
    from govmodel.verify.rootcause import root_causes

    results = Results(
        model.name,
        str(model.folder),
        assumption_states(model),
        tuple(findings),
        {"k": bounds.k_for(model), "related_max": bounds.related_max, "timeout_s": bounds.timeout},
        persons=len(model.cast.persons) if model.cast else 0,
        classes=tuple(sorted(set(classes))) if classes is not None else None,
    )
    return dataclasses.replace(results, root_causes=root_causes(model, results))
