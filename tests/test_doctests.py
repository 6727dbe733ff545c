"""The examples in the docstrings are run: every module of the package, its doctests pass."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import govmodel

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(govmodel.__path__, "govmodel.") if m.name != "govmodel.__main__"
)


def test_the_package_has_doctests() -> None:
    found = [
        m
        for m in MODULES
        if any(t.examples for t in doctest.DocTestFinder().find(importlib.import_module(m)))
    ]
    assert {"govmodel.sim.stats", "govmodel.calendar.units"} <= set(found)


@pytest.mark.parametrize("name", MODULES)
def test_doctests_pass(name: str) -> None:
    result = doctest.testmod(
        importlib.import_module(name), optionflags=doctest.ELLIPSIS, verbose=False, report=True
    )
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
