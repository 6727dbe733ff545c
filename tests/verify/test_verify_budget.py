"""A verification larger than the budget of scenes is refused before any query (exit 2), with
the estimate and the options that lower it or raise the budget; the bundled model at its
default bounds is far below it."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.errors import InputError
from govmodel.model import load_model
from govmodel.verify import Bounds, verify
from govmodel.verify.budget import DEFAULT_MAX_SIZE, verification_size

MINIMAL = Path(__file__).parents[1] / "model" / "good" / "minimal"


@pytest.fixture(scope="module")
def dalian():
    return load_model()


def test_related_max_of_ten_is_refused_up_front(dalian, capsys) -> None:
    size, steps, contexts = verification_size(dalian, Bounds(related_max=10))
    assert (
        contexts == 16 * sum(__import__("math").comb(15, n) for n in range(1, 11)) and size > DEFAULT_MAX_SIZE
    )
    with pytest.raises(InputError) as info:
        verify(dalian, Bounds(related_max=10))
    (problem,) = info.value.problems
    assert str(problem).startswith(
        f"--related-max: the verification would examine about {size:,} scenes ({steps:,} steps × "
    )
    assert main(["check", "--related-max", "10", "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert "raise the budget with --max-size N" in err and "Traceback" not in err


def test_bundled_model_at_default_bounds_is_far_below_the_budget(dalian) -> None:
    size, _, _ = verification_size(dalian, Bounds())
    assert 1_000 < size < DEFAULT_MAX_SIZE / 20


def test_the_option_sets_the_budget(capsys) -> None:
    assert main(["check", str(MINIMAL), "--max-size", "1"]) == 2
    assert "at most 1 scenes" in capsys.readouterr().err
    assert main(["check", str(MINIMAL), "--max-size", "0"]) == 2
