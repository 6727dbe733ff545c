"""The authority graph (networkx) and pure queries over the model and the graph."""

from govmodel.graph.authority import Context, Performer, holders, performers
from govmodel.graph.build import build_graph
from govmodel.graph.procedures import applicable_steps, paths_to_issue, step_dag
from govmodel.graph.queries import deputy_chains, deputy_cycles, unreachable_roles, who_may

__all__ = [
    "Context",
    "Performer",
    "holders",
    "performers",
    "build_graph",
    "applicable_steps",
    "paths_to_issue",
    "step_dag",
    "deputy_chains",
    "deputy_cycles",
    "unreachable_roles",
    "who_may",
]
