"""The notebooks run from a fresh kernel, from notebooks/ and from the repository root, with
no error, in memory (nothing is written back), and use only the public API."""

from __future__ import annotations

import ast
import hashlib
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

import govmodel  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
EXPECTED = (
    "01-explore-rules.ipynb",
    "02-gaps-and-counterexamples.ipynb",
    "03-baseline-simulation.ipynb",
    "04-reform-proposal.ipynb",
    "05-sensitivity.ipynb",
)
KERNEL = "python3"
CELL_TIMEOUT = 300
# besides ``govmodel`` itself (as gm, names from gm.__all__): public, documented modules
ALLOWED_GOVMODEL = {
    "govmodel",
    "govmodel.crosscheck",
    "govmodel.report.plots",
    "govmodel.report.graph_plot",
    "govmodel.report.sweep_plot",
    "govmodel.report.sweep_text",
    "govmodel.report.readings_text",
}
ALLOWED_OTHER = {
    "pathlib",
    "collections",
    "io",
    "IPython",
    "IPython.display",
    "matplotlib",
    "matplotlib.pyplot",
}


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory):
    """A ``python3`` kernelspec for this interpreter, first on JUPYTER_PATH, so the kernel
    runs in the environment under test (where govmodel is installed)."""
    from ipykernel.kernelspec import install
    from jupyter_client.kernelspec import KernelSpecManager

    prefix = tmp_path_factory.mktemp("jupyter")
    install(kernel_name=KERNEL, prefix=str(prefix))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
        assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve(), spec.argv
        yield


def run(nb, cwd: Path) -> float:
    """Execute in memory from ``cwd``; raises CellExecutionError on the first failing cell."""
    client = nbclient.NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=CELL_TIMEOUT,
        allow_errors=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


def test_the_four_notebooks_are_there():
    assert tuple(sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED)
def test_saved_clean_for_kernel_python3(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == KERNEL
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{name}: saved with outputs"


def _imports_and_gm_names(source: str) -> tuple[set[str], set[str]]:
    tree = ast.parse(source)
    modules: set[str] = set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "gm":
            names.add(node.attr)
    return modules, names


@pytest.mark.parametrize("name", EXPECTED)
def test_only_the_public_api(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    modules, names = _imports_and_gm_names(source)
    govmodel_modules = {m for m in modules if m.split(".")[0] == "govmodel"}
    assert govmodel_modules <= ALLOWED_GOVMODEL, govmodel_modules - ALLOWED_GOVMODEL
    assert modules - govmodel_modules <= ALLOWED_OTHER, modules - govmodel_modules - ALLOWED_OTHER
    assert names <= set(govmodel.__all__), names - set(govmodel.__all__)
    assert "import govmodel as gm" in source


@pytest.mark.slow  # starts a Jupyter kernel
def test_kernel_is_this_environment(kernel_env):
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": KERNEL, "display_name": "Python 3", "language": "python"}}
    )
    nb.cells.append(nbformat.v4.new_code_cell("import sys, govmodel\nprint(sys.prefix)"))
    run(nb, NOTEBOOKS)
    assert nb.cells[0].outputs[0].text.strip() == sys.prefix


@pytest.mark.slow  # starts a Jupyter kernel
@pytest.mark.parametrize("cwd", ["notebooks", "root"])
@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_runs(kernel_env, name, cwd):
    before = digest(NOTEBOOKS)
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    seconds = run(nb, NOTEBOOKS if cwd == "notebooks" else ROOT)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert any(
        "text/html" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs
    ), "no rich HTML output"
    assert digest(NOTEBOOKS) == before, "running a notebook changed files in notebooks/"
    print(f"{name} from {cwd}: {seconds:.1f} s")
