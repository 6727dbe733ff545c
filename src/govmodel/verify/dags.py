"""Composed step DAGs per (document type, condition set), built once per model and shared
by the checks that enumerate condition combinations (separation, mandatory)."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from govmodel.graph.procedures import step_dag
from govmodel.model import Model
from govmodel.verify.scenarios import condition_sets, procedure_conditions

__all__ = ["dag", "dags"]

_CACHE: dict[int, tuple[Model, dict[tuple[str, frozenset[str]], nx.DiGraph]]] = {}


def dag(model: Model, doc_type: str, conditions: frozenset[str]) -> nx.DiGraph:
    """``step_dag(model, doc_type, conditions)``, cached for this model (do not mutate)."""
    entry = _CACHE.get(id(model))
    if entry is None or entry[0] is not model:
        if len(_CACHE) > 4:
            _CACHE.clear()
        entry = _CACHE[id(model)] = (model, {})
    key = (doc_type, conditions)
    if key not in entry[1]:
        entry[1][key] = step_dag(model, doc_type, conditions)
    return entry[1][key]


def dags(model: Model, doc_type: str) -> Iterator[tuple[frozenset[str], nx.DiGraph]]:
    """Every condition combination of the document type with its DAG."""
    for conds in condition_sets(procedure_conditions(model, doc_type)):
        yield conds, dag(model, doc_type, conds)
