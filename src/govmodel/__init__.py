"""govmodel: turn a government's work rules into a formal model, prove what they guarantee,
find what they leave open, and simulate how documents flow under them.

The curated public API; notebooks and scripts use only these names.
"""

from govmodel.errors import GovmodelError, InputError, ModelError, Problem, ScenarioError
from govmodel.graph import Context, Performer, build_graph, paths_to_issue, performers, step_dag, who_may
from govmodel.model import Act, Model, bundled_model_path, load_model
from govmodel.refs import Label, SourceRef

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "Act",
    "Context",
    "GovmodelError",
    "InputError",
    "Label",
    "Model",
    "ModelError",
    "Performer",
    "Problem",
    "ScenarioError",
    "SourceRef",
    "build_graph",
    "bundled_model_path",
    "load_model",
    "paths_to_issue",
    "performers",
    "step_dag",
    "who_may",
]
