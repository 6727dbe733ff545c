"""The curated public API: exactly these names, each importable and documented."""

import govmodel

EXPECTED = {
    "__version__", "Act", "Context", "GovmodelError", "InputError", "Label", "Model", "ModelError",
    "Performer", "Problem", "ScenarioError", "SourceRef", "build_graph", "bundled_model_path",
    "load_model", "paths_to_issue", "performers", "step_dag", "who_may",
}


def test_all_is_curated():
    assert set(govmodel.__all__) >= EXPECTED
    for name in govmodel.__all__:
        assert hasattr(govmodel, name), name


def test_public_names_are_documented():
    for name in govmodel.__all__:
        obj = getattr(govmodel, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"
