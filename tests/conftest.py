"""How many processes run the tests (pytest-xdist; ``-n auto`` in ``pyproject.toml``).

The fast tier (``pytest``) runs on every CPU the process may use: its tests are independent
and write only under their ``tmp_path``. The slow tier (``pytest -m slow``: notebooks, the
browser, the wheel, long campaigns) runs in one process, as does any run that shows the
tests' own output (``-s``: the fuzz campaign prints its counts on standard error). ``-n 0``
(or ``-n 2``) on the command line overrides this; so does ``PYTEST_XDIST_AUTO_NUM_WORKERS``.

The model cache (:mod:`govmodel.model.cache`) of a test run is a fresh folder shared by its
processes and removed at the end, never the user's: a run starts cold, as on CI, and leaves
nothing behind (unless ``GOVMODEL_CACHE_DIR`` names one).
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_CACHE = "GOVMODEL_CACHE_DIR"
_made = pytest.StashKey[str]()


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    wanted = os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "")
    if wanted.isdigit():
        return int(wanted)
    if config.getoption("markexpr", "") != "not slow" or config.getoption("capture", "fd") == "no":
        return 0
    return _cpus()


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput") or os.environ.get(_CACHE):  # workers inherit the controller's
        return
    os.environ[_CACHE] = tempfile.mkdtemp(prefix="govmodel-test-cache-")
    config.stash[_made] = os.environ[_CACHE]


def pytest_unconfigure(config: pytest.Config) -> None:
    made = config.stash.get(_made, None)
    if made:
        shutil.rmtree(made, ignore_errors=True)
        os.environ.pop(_CACHE, None)
