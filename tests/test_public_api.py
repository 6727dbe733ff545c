"""The curated public API: exactly these names, each importable and documented."""

import govmodel

EXPECTED = {
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
    "verify",
    "Bounds",
    "Results",
    "Finding",
    "Status",
    "simulate",
    "compare",
    "load_scenario",
    "apply_reform",
    "load_reform",
    "Reform",
    "authority_diff",
    "data_root",
    "plan_sweep",
    "run_sweep",
    "check_readings",
}


def test_all_is_curated():
    assert set(govmodel.__all__) == EXPECTED
    assert len(govmodel.__all__) == len(EXPECTED)  # no name twice
    for name in govmodel.__all__:
        assert hasattr(govmodel, name), name


def test_public_names_are_documented():
    for name in govmodel.__all__:
        obj = getattr(govmodel, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"


def test_import_stays_light():
    import subprocess
    import sys

    heavy = ("z3", "simpy", "matplotlib")
    code = f"import sys, govmodel; print(*(m in sys.modules for m in {heavy!r}))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False", "False"]


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "govmodel", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("govmodel ")
