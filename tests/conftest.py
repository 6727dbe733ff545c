"""How many processes run the tests (pytest-xdist; ``-n auto`` in ``pyproject.toml``).

The fast tier (``pytest``) runs on every CPU the process may use: its tests are independent
and write only under their ``tmp_path``. The slow tier (``pytest -m slow``: notebooks, the
browser, the wheel, long campaigns) runs in one process, as does any run that shows the
tests' own output (``-s``: the fuzz campaign prints its counts on standard error). ``-n 0``
(or ``-n 2``) on the command line overrides this; so does ``PYTEST_XDIST_AUTO_NUM_WORKERS``.
"""

from __future__ import annotations

import os

import pytest


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
