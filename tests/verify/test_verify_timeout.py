"""``--timeout`` is honoured everywhere it is offered: every Z3 solver a verification creates
(any check class) gets the per-query timeout of the bounds, and ``check`` passes
its option through."""

from __future__ import annotations

from pathlib import Path

import z3

from govmodel.cli import main
from govmodel.model import load_model
from govmodel.verify import Bounds, verify

MINIMAL = Path(__file__).parents[1] / "model" / "good" / "minimal"


class _Recording(z3.Solver):
    made: list["_Recording"] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timeout_ms = None
        _Recording.made.append(self)

    def set(self, *args, **kwargs):
        if len(args) == 2 and args[0] == "timeout":
            self.timeout_ms = args[1]
        if "timeout" in kwargs:
            self.timeout_ms = kwargs["timeout"]
        return super().set(*args, **kwargs)


def _simple(ctx=None, logFile=None):
    """``z3.SimpleSolver`` (z3's incremental solver alone, used where every check names
    assumptions: govmodel.verify.solve._incremental), recorded too."""
    ctx = ctx if ctx is not None else z3.main_ctx()
    return _Recording(z3.Z3_mk_simple_solver(ctx.ref()), ctx)


def _record(monkeypatch) -> None:
    _Recording.made = []
    monkeypatch.setattr(z3, "Solver", _Recording)
    monkeypatch.setattr(z3, "SimpleSolver", _simple)


def test_every_solver_of_a_verification_has_the_timeout(monkeypatch) -> None:
    _record(monkeypatch)
    results = verify(load_model(MINIMAL), Bounds(timeout=0.25))
    assert results.findings and _Recording.made
    assert {s.timeout_ms for s in _Recording.made} == {250}


def test_check_passes_the_option_through(monkeypatch, capsys) -> None:
    _record(monkeypatch)
    assert main(["check", str(MINIMAL), "--timeout", "0.5", "--format", "json"]) in (0, 1, 3)
    capsys.readouterr()
    assert _Recording.made and {s.timeout_ms for s in _Recording.made} == {500}
