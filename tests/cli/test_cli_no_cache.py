"""Outputs do not depend on caches (issue #11): ``check``, ``simulate``, ``compare`` and
``reform`` on the Dalian model write byte-identical JSON with every cache and reuse on (the
reform's and the comparison's baseline replications reused from ``simulate``) and with
``--no-cache``."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.model import memo

REFORM = "acting-mayor-in-every-absence"
COMMANDS = {
    "check": ["check", "--k", "1", "--format", "json"],
    "simulate": ["simulate", "-n", "2", "--format", "json", "--no-progress"],
    "compare": ["compare", "baseline", "mayor-and-evm-travel", "-n", "2", "--format", "json",
                "--no-progress"],
    "reform": ["reform", REFORM, "-n", "2", "--format", "json"],
}


def _outputs(folder: Path, extra: list[str]) -> dict[str, bytes]:
    folder.mkdir()
    out = {}
    for name, argv in COMMANDS.items():
        target = folder / f"{name}.json"
        assert main([*argv, "--out", str(target), *extra]) in (0, 1), name
        out[name] = target.read_bytes()
    return out


@pytest.mark.slow  # verifies the whole model and simulates a year of Dalian, both ways
def test_outputs_are_the_same_with_and_without_caches(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from govmodel.sim import runner

    ran: list[int] = []
    fresh = runner._run_fresh

    def counting(loaded, tasks, *args):  # type: ignore[no-untyped-def]
        ran.extend(t[0] for t in tasks)
        return fresh(loaded, tasks, *args)

    monkeypatch.setattr(runner, "_run_fresh", counting)
    monkeypatch.setattr(memo, "_SHARED", {})
    monkeypatch.delenv("GOVMODEL_NO_CACHE", raising=False)
    off = _outputs(tmp_path / "off", ["--no-cache"])
    assert memo._SHARED == {} and len(ran) == 2 + 4 + 4  # nothing kept, every replication run
    ran.clear()
    on = _outputs(tmp_path / "on", [])
    assert len(ran) == 2 + 2 + 2  # the baseline's two replications run once, by simulate
    for name in COMMANDS:
        assert on[name] == off[name], name
