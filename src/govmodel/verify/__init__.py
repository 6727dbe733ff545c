"""Verification with Z3 (the only package importing z3): properties as data, encoded,
solved and decoded into findings that hold, are violated (with the smallest counterexample)
or are unknown."""

from govmodel.verify.properties import CLASSES, Property
from govmodel.verify.run import all_properties, verify
from govmodel.verify.scenarios import Bounds

__all__ = ["Bounds", "CLASSES", "Property", "all_properties", "verify"]
