"""Composed step DAGs per (document type, condition set), built once per model and shared
by the checks that enumerate condition combinations (separation, mandatory)."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from govmodel.graph.procedures import step_dag
from govmodel.model import Model
from govmodel.model.memo import memo
from govmodel.verify.scenarios import condition_sets, procedure_conditions

__all__ = ["dag", "dags"]

def dag(model: Model, doc_type: str, conditions: frozenset[str]) -> nx.DiGraph:
    """``step_dag(model, doc_type, conditions)``, cached for this model (do not mutate)."""
    cache = memo(model, "verify.dag")
    key = (doc_type, conditions)
    if key not in cache:
        cache[key] = step_dag(model, doc_type, conditions)
    graph: nx.DiGraph = cache[key]
    return graph


def dags(model: Model, doc_type: str) -> Iterator[tuple[frozenset[str], nx.DiGraph]]:
    """Every condition combination of the document type with its DAG."""
    for conds in condition_sets(procedure_conditions(model, doc_type)):
        yield conds, dag(model, doc_type, conds)
