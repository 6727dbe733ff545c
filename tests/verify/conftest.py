"""Shared fixtures of the verification tests: the bundled model (loaded once) and a helper
that copies it into a temporary folder for mutation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govmodel.model import Model, bundled_model_path, load_model

HERE = Path(__file__).parent


@pytest.fixture(scope="session")
def dalian() -> Model:
    return load_model()


@pytest.fixture()
def dalian_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "dalian"
    shutil.copytree(bundled_model_path(), dst)
    return dst
