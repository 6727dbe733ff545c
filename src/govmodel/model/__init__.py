"""The model: inert, frozen data loaded from YAML (DESIGN.md, "one model, three views")."""

from govmodel.model.load import bundled_model_path, load_model
from govmodel.model.model import Model
from govmodel.model.overlay import Reform, apply_reform, load_reform
from govmodel.model.types import Act
from govmodel.model.vocab import CONSTRUCT_ACTS, ActMeaning, DurationUnit

__all__ = [
    "Model",
    "Reform",
    "apply_reform",
    "load_reform",
    "load_model",
    "bundled_model_path",
    "Act",
    "ActMeaning",
    "CONSTRUCT_ACTS",
    "DurationUnit",
]
