"""The number a quorum needs, read as the text writes it (share or count, with or without the
number itself), and its smallest breaking set of absences on the tiny models."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.findings import Status
from govmodel.model import load_model
from govmodel.model import types as t
from govmodel.verify import Bounds, verify
from govmodel.verify.checks.quorum import needed

HERE = Path(__file__).parent


@pytest.mark.parametrize(
    ("share", "count", "bound", "n", "want"),
    [
        ("1/2", None, "at_least", 4, 2),
        ("1/2", None, "more_than", 4, 3),
        ("1/2", None, "at_least", 5, 3),
        ("1/2", None, "more_than", 5, 3),
        ("2/3", None, "at_least", 6, 4),
        (None, 3, "at_least", 9, 3),
        (None, 3, "more_than", 9, 4),
    ],
)
def test_needed(share, count, bound, n, want) -> None:
    q = t.Quorum(share=share, count=count, bound=bound, articles=(1,))
    assert needed(q, n) == want


def test_two_absent_vice_mayors_of_four_stop_the_meeting() -> None:
    model = load_model(HERE / "bad" / "quorum-broken-by-two-absences")
    res = verify(model, Bounds(k=2), classes=["coverage"])
    f = next(f for f in res.findings if f.property == "coverage.quorum")
    assert f.status == Status.violated and f.bounds["resilience"] == 2
    assert f.counterexample is not None and len(f.counterexample.absent) == 2
    assert {a.person for a in f.counterexample.absent} <= {"p_vm1", "p_vm2", "p_vm3", "p_vm4"}


def test_the_reading_with_the_number_itself_holds_three_absences_breaks_it() -> None:
    model = load_model(HERE / "good" / "quorum-kept-with-two-absences")
    res = verify(model, Bounds(k=3), classes=["coverage"])
    f = next(f for f in res.findings if f.property == "coverage.quorum")
    assert f.status == Status.violated and f.bounds["resilience"] == 3
