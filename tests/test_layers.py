"""The layer contract (pyproject.toml [tool.importlinter], docs/architecture.md) holds, and it
would fail on a back-edge: a copy of the package with one forbidden import breaks it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "govmodel"
LINT = Path(sys.executable).parent / "lint-imports"


def _lint(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run(
        [str(LINT), "--no-cache", "--config", str(cwd / "pyproject.toml")],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_contracts_hold() -> None:
    out = _lint(ROOT, ROOT / "src")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("graph/queries.py", "from govmodel.cli import main", "Layers"),  # up two layers
        ("verify/solve.py", "import govmodel.sim.engine", "Layers"),  # verify and sim are independent
        ("report/show.py", "import govmodel.cli.common", "Layers"),  # report below cli
        ("sim/stats.py", "import z3", "z3 only in govmodel.verify"),
        ("model/types.py", "import matplotlib", "matplotlib only in govmodel.report"),
    ],
)
def test_a_back_edge_breaks_the_contract(tmp_path: Path, module: str, line: str, contract: str) -> None:
    copy = tmp_path / "src" / "govmodel"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("data", "schema", "__pycache__", "*.json"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = copy / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # the back-edge\n", encoding="utf-8")
    out = _lint(tmp_path, tmp_path / "src")
    assert out.returncode == 1, out.stdout + out.stderr
    broken = [ln for ln in out.stdout.splitlines() if ln.endswith("BROKEN")]
    assert [ln for ln in broken if ln.startswith(contract)], out.stdout


def test_no_module_imports_the_package_root() -> None:
    """``govmodel/__init__.py`` is the public API on top; a module importing it depends on everything."""
    graph = grimp.build_graph("govmodel")
    importers = sorted(m for m in graph.find_modules_that_directly_import("govmodel"))
    assert importers == [], importers


def test_every_module_has_a_layer() -> None:
    """A new top-level module or package must be placed in the contract, or it escapes it."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["id"] == "layers")["layers"]
    named = {name.strip() for layer in layers for name in layer.replace(":", "|").split("|")}
    present = {p.stem for p in SRC.iterdir() if (p.suffix == ".py" or (p / "__init__.py").exists())}
    assert present - {"__init__", "__main__"} - named == set()
