"""The wheel carries its own data: built with ``pip wheel``, installed in a fresh venv outside
the checkout, the README's quick start, ``simulate``, ``reform`` and ``init`` work from any
directory (issue #9 item 1). The fast tests check the bundled data's lookup in place."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from govmodel.bundled import bundled_names, data_root, resolve_input
from govmodel.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_bundled_data_is_package_data():
    root = data_root()
    assert root == (ROOT / "src" / "govmodel" / "data").resolve() or "site-packages" in str(root)
    assert bundled_names("model") == ["baiyun-executive-meeting", "city-meetings-excerpt", "dalian-2014"]
    assert "baseline" in bundled_names("scenario")
    assert "acting-mayor-in-every-absence" in bundled_names("reform")
    assert bundled_names("baseline") == ["dalian-2014"]


def test_readme_paths_and_names_resolve_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert (
        resolve_input("baselines/dalian-2014.yaml", "baseline")
        == data_root() / "baselines" / "dalian-2014.yaml"
    )
    assert resolve_input("dalian-2014", "baseline") == data_root() / "baselines" / "dalian-2014.yaml"
    assert resolve_input("acting-mayor-in-every-absence", "reform").is_file()
    assert resolve_input("scenarios/reforms/acting-mayor-in-every-absence.yaml", "reform").is_file()
    assert resolve_input("data/holidays/example-2027.yaml", "holidays").is_file()
    # a local file wins over the bundled one; a path that is nowhere stays as given (reported missing)
    (tmp_path / "baselines").mkdir()
    (tmp_path / "baselines" / "dalian-2014.yaml").write_text("x", encoding="utf-8")
    assert resolve_input("baselines/dalian-2014.yaml", "baseline") == Path("baselines/dalian-2014.yaml")
    assert resolve_input("nope.yaml", "scenario") == Path("nope.yaml")
    assert resolve_input("scenarios/../../x.yaml", "scenario") == Path("scenarios/../../x.yaml")


def test_init_copies_the_model_and_its_scenarios(tmp_path, capsys):
    dest = tmp_path / "mine"
    assert main(["init", str(dest), "--model", "dalian-2014"]) == 0
    assert (dest / "models" / "dalian-2014" / "roles.yaml").is_file()
    assert (dest / "scenarios" / "reforms" / "acting-mayor-in-every-absence.yaml").is_file()
    assert not (dest / "scenarios" / "tandem-queue.yaml").exists()  # a scenario of another model
    assert "model: {path: ../models/dalian-2014}" in (dest / "scenarios" / "baseline.yaml").read_text(
        encoding="utf-8"
    )
    from govmodel.sim import load_scenario

    used = load_scenario(dest / "scenarios" / "baseline.yaml").model.folder
    assert used.resolve() == (dest / "models" / "dalian-2014").resolve()  # the copy, not the bundled model
    capsys.readouterr()
    assert main(["init", str(dest), "--model", "dalian-2014"]) == 2  # not empty
    assert "not empty" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "other"), "--model", "dalian-2041"]) == 2
    assert "dalian-2014" in capsys.readouterr().err  # the bundled names


@pytest.mark.slow
def test_wheel_installed_outside_the_checkout_runs_the_quick_start(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("govmodel-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "govmodel/data/models/dalian-2014/roles.yaml",
        "govmodel/data/scenarios/baseline.yaml",
        "govmodel/data/scenarios/reforms/acting-mayor-in-every-absence.yaml",
        "govmodel/data/baselines/dalian-2014.yaml",
        "govmodel/data/notebooks/01-explore-rules.ipynb",
        "govmodel/schema/model-file.schema.json",
    ):
        assert needed in names
    assert not any(n.endswith("make_dalian_baseline.py") for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    # The dependencies: reuse this interpreter's site-packages (no network). A path line in a .pth
    # file adds the folder without running its own .pth files, so the editable govmodel of the
    # checkout stays out of sight and the wheel's govmodel is the one imported.
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "zz-govmodel-test-deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"

    def govmodel(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(venv / "bin" / "govmodel"), *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    where = subprocess.run(
        [str(py), "-c", "import govmodel, sys; print(govmodel.__file__)"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert str(venv) in where and str(ROOT) not in where

    quick = govmodel(
        "check", "--baseline", "baselines/dalian-2014.yaml"
    )  # the README's quick start, verbatim
    assert quick.returncode == 0, quick.stderr
    assert "0 新违反 new" in quick.stdout
    assert govmodel("check", "--baseline", "dalian-2014", "--k", "1").returncode == 0
    sim = govmodel("simulate", "-n", "1")
    assert sim.returncode == 0, sim.stderr
    assert "仿真 Simulation" in sim.stdout
    reform = govmodel("reform", "acting-mayor-in-every-absence", "--no-sim")
    assert reform.returncode in (0, 1), reform.stderr
    assert govmodel("init", "mine", "--model", "dalian-2014").returncode == 0
    assert govmodel("init", "skeleton").returncode == 0  # the skeleton ships in the wheel too
    assert govmodel("validate", "skeleton").returncode == 0
    copied = govmodel("simulate", "mine/scenarios/baseline.yaml", "-n", "1")
    assert copied.returncode == 0, copied.stderr
    assert "mine/scenarios/baseline.yaml" in copied.stdout
    report = govmodel(
        "report", "--no-sim", "--k", "1", "--reform", "acting-mayor-in-every-absence", "--out", "r.html"
    )
    assert report.returncode == 0, report.stderr
    assert "<html" in (work / "r.html").read_text(encoding="utf-8")[:500].lower()

    # the notebooks, from the installed package's data, in a kernel of the fresh venv
    script = """
import sys, nbformat, nbclient
from pathlib import Path
from ipykernel.kernelspec import install
import govmodel as gm
install(kernel_name="python3", prefix=sys.argv[1])
for nb_path in sorted((gm.data_root() / "notebooks").glob("*.ipynb")):
    nb = nbformat.read(nb_path, as_version=4)
    nbclient.NotebookClient(nb, kernel_name="python3", timeout=600, allow_errors=False,
                            resources={"metadata": {"path": "."}}).execute()
    print("ran", nb_path.name)
"""
    jupyter = tmp_path / "jupyter"
    nb_env = {**env, "JUPYTER_PATH": str(jupyter / "share" / "jupyter")}
    ran = subprocess.run(
        [str(py), "-c", script, str(jupyter)],
        cwd=work,
        env=nb_env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert ran.returncode == 0, ran.stderr[-3000:]
    shipped = sum(n.startswith("govmodel/data/notebooks/") and n.endswith(".ipynb") for n in names)
    assert shipped >= 4 and ran.stdout.count("ran ") == shipped, ran.stdout


def test_a_mistyped_bundled_name_gets_a_did_you_mean(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["reform", "acting-mayor-in-every-absense", "--no-sim"]) == 2
    assert "did you mean 'acting-mayor-in-every-absence'?" in capsys.readouterr().err
    assert main(["check", "--baseline", "dalian-2041"]) == 2
    assert "did you mean 'dalian-2014'?" in capsys.readouterr().err
