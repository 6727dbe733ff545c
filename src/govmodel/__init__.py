"""govmodel: turn a government's work rules into a formal model, prove what they guarantee,
find what they leave open, and simulate how documents flow under them.

The curated public API; notebooks and scripts use only these names. The verification (z3)
and simulation (simpy) entry points are imported on first use, so ``import govmodel`` and
the command line stay quick.
"""

from importlib import import_module
from typing import Any

from govmodel.errors import GovmodelError, InputError, ModelError, Problem, ScenarioError
from govmodel.graph import Context, Performer, build_graph, paths_to_issue, performers, step_dag, who_may
from govmodel.model import Act, Model, Reform, apply_reform, bundled_model_path, load_model, load_reform
from govmodel.refs import Label, SourceRef

__version__ = "0.1.0"

_LAZY = {
    "verify": "govmodel.verify",
    "Bounds": "govmodel.verify",
    "Results": "govmodel.findings",
    "Finding": "govmodel.findings",
    "Status": "govmodel.findings",
    "simulate": "govmodel.sim",
    "compare": "govmodel.sim",
    "load_scenario": "govmodel.sim",
    "authority_diff": "govmodel.graph.diff",
}

__all__ = [
    "__version__",
    "Act",
    "Bounds",
    "Context",
    "Finding",
    "GovmodelError",
    "InputError",
    "Label",
    "Model",
    "ModelError",
    "Performer",
    "Problem",
    "Reform",
    "Results",
    "ScenarioError",
    "SourceRef",
    "Status",
    "apply_reform",
    "authority_diff",
    "build_graph",
    "bundled_model_path",
    "compare",
    "load_model",
    "load_reform",
    "load_scenario",
    "paths_to_issue",
    "performers",
    "simulate",
    "step_dag",
    "verify",
    "who_may",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'govmodel' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
