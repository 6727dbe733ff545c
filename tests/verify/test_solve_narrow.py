"""The canonical scenario decided scene by scene (``solve.smallest`` with ``parts``) is the
one decided over the whole question: same size, same absences and reasons, same core, and
its model satisfies the same scenes (issue #11: the scan was linear × linear)."""

from __future__ import annotations

import z3

from govmodel.model import load_model
from govmodel.verify import Bounds, solve, verify


def _true(out: solve.Outcome, parts) -> tuple[int, ...]:
    m = out.model
    if m is None or out.status == "unsat":
        return ()
    return tuple(i for i, f in enumerate(parts) if z3.is_true(m.eval(f, model_completion=True)))


def test_narrow_scan_gives_the_whole_questions_answer(monkeypatch) -> None:
    real = solve.smallest
    compared: list[int] = []

    def both(enc, constraints, timeout, k, parts=None, involved=None):
        got = real(enc, constraints, timeout, k, parts=parts, involved=involved)
        if parts is not None:
            whole = real(enc, constraints, timeout, k)
            assert (got.status, got.size, got.core) == (whole.status, whole.size, whole.core)
            assert got.absent == whole.absent
            assert _true(got, parts) == _true(whole, parts)
            compared.append(got.size or 0)
        return got

    monkeypatch.setattr(solve, "smallest", both)
    monkeypatch.setattr(solve, "NARROW_FROM", 0)  # every question of this small model narrowed
    monkeypatch.setenv("GOVMODEL_NO_CACHE", "1")  # every question asked here, none reused
    model = load_model()
    for k in (None, 1):
        verify(model, Bounds(k=k), ["coverage", "separation"])
    assert len(compared) > 20
    assert sum(1 for n in compared if n >= 2) > 0  # scenarios of several persons were decided
