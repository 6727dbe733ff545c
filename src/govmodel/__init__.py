"""govmodel: turn a government's work rules into a formal model, prove what they guarantee,
find what they leave open, and simulate how documents flow under them.

The curated public API; notebooks and scripts use only these names. The verification (z3)
and simulation (simpy) entry points are imported on first use, so ``import govmodel`` and
the command line stay quick.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType

__version__ = "0.1.0"

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads the name)
if TYPE_CHECKING:  # the names as the type checker sees them; at run time each is imported on first use
    from typing import Any

    from govmodel.bundled import data_root
    from govmodel.errors import GovmodelError, InputError, ModelError, Problem, ScenarioError
    from govmodel.findings import Finding, Results, Status
    from govmodel.graph import Context, Performer, build_graph, paths_to_issue, performers, step_dag, who_may
    from govmodel.graph.diff import authority_diff
    from govmodel.model import Act, Model, Reform, apply_reform, bundled_model_path, load_model, load_reform
    from govmodel.refs import Label, SourceRef
    from govmodel.sim import compare, load_scenario, simulate
    from govmodel.sweep import check_readings, plan_sweep, run_sweep
    from govmodel.verify import Bounds, verify

# Every public name is imported on first use, so ``import govmodel`` (and with it the command
# line's ``--version`` and ``--help``) imports neither pydantic, networkx, z3 nor simpy.
_LAZY = {
    "data_root": "govmodel.bundled",
    **dict.fromkeys(
        ("GovmodelError", "InputError", "ModelError", "Problem", "ScenarioError"), "govmodel.errors"
    ),
    **dict.fromkeys(
        ("Context", "Performer", "build_graph", "paths_to_issue", "performers", "step_dag", "who_may"),
        "govmodel.graph",
    ),
    **dict.fromkeys(
        ("Act", "Model", "Reform", "apply_reform", "bundled_model_path", "load_model", "load_reform"),
        "govmodel.model",
    ),
    **dict.fromkeys(("Label", "SourceRef"), "govmodel.refs"),
    "verify": "govmodel.verify",
    "Bounds": "govmodel.verify",
    "Results": "govmodel.findings",
    "Finding": "govmodel.findings",
    "Status": "govmodel.findings",
    "simulate": "govmodel.sim",
    "compare": "govmodel.sim",
    "load_scenario": "govmodel.sim",
    "authority_diff": "govmodel.graph.diff",
    "plan_sweep": "govmodel.sweep",
    "run_sweep": "govmodel.sweep",
    "check_readings": "govmodel.sweep",
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
    "check_readings",
    "compare",
    "data_root",
    "load_model",
    "load_reform",
    "load_scenario",
    "paths_to_issue",
    "performers",
    "plan_sweep",
    "run_sweep",
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


class _Api(ModuleType):
    """``govmodel.verify`` is both a subpackage and the public function ``verify``. Importing
    the subpackage makes Python bind it on this package; the property keeps the public name
    the function (``from govmodel.verify import …`` and ``importlib`` still reach the package)."""

    @property
    def verify(self) -> Any:
        return __getattr__("verify")

    @verify.setter
    def verify(self, value: Any) -> None:
        if not isinstance(value, ModuleType):
            globals()["verify"] = value


sys.modules[__name__].__class__ = _Api


def _register_jupyter_displays() -> None:
    """Rich HTML in Jupyter for models, findings, simulations and reform assessments.

    The renderers live in :mod:`govmodel.report.html` (above the model, verify and sim
    layers, which must not import it); they are registered with IPython by type *name*, so
    nothing is imported until an object is shown.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return
    html = shell.display_formatter.formatters["text/html"]
    for module, name in (
        ("govmodel.model.model", "Model"),
        ("govmodel.findings", "Results"),
        ("govmodel.findings", "Finding"),
        ("govmodel.sim.runner", "SimResult"),
        ("govmodel.sim.runner", "Comparison"),
        ("govmodel.crosscheck.assess", "ReformAssessment"),
    ):
        html.for_type_by_name(module, name, _render_html)


def _render_html(obj: Any) -> str:
    from govmodel.report.html import html_of

    return html_of(obj)


_register_jupyter_displays()


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
