"""Outputs do not depend on caches (issue #11): ``check``, ``simulate``, ``compare`` and
``reform`` on the Dalian model write byte-identical JSON with every cache and reuse on (the
reform's and the comparison's baseline replications reused from ``simulate``), in a later
process that finds every replication in the on-disk store, and with ``--no-cache``."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.model import memo

REFORM = "acting-mayor-in-every-absence"
COMMANDS = {
    "check": ["check", "--k", "1", "--format", "json"],
    "simulate": ["simulate", "-n", "2", "--format", "json", "--no-progress"],
    "compare": [
        "compare",
        "baseline",
        "mayor-and-evm-travel",
        "-n",
        "2",
        "--format",
        "json",
        "--no-progress",
    ],
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
def test_outputs_are_the_same_with_and_without_caches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govmodel.sim import runner

    ran: list[int] = []
    fresh = runner._start

    def counting(scenarios, tasks, *args):  # type: ignore[no-untyped-def]
        ran.extend(t[1][0] for t in tasks)
        return fresh(scenarios, tasks, *args)

    monkeypatch.setattr(runner, "_start", counting)
    monkeypatch.setattr(memo, "_SHARED", {})
    monkeypatch.delenv("GOVMODEL_NO_CACHE", raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("GOVMODEL_CACHE_DIR", str(cache))
    off = _outputs(tmp_path / "off", ["--no-cache"])
    assert memo._SHARED == {} and len(ran) == 2 + 4 + 4  # nothing kept, every replication run
    assert not (cache / "replications").exists()  # nor stored
    ran.clear()
    on = _outputs(tmp_path / "on", [])
    assert len(ran) == 2 + 2 + 2  # the baseline's two replications run once, by simulate
    assert len(list((cache / "replications").glob("*.pickle"))) == 6
    ran.clear()
    monkeypatch.setattr(memo, "_SHARED", {})  # a new process: only the on-disk store is left
    disk = _outputs(tmp_path / "disk", [])
    assert ran == []  # every replication read from the store
    for name in COMMANDS:
        assert on[name] == off[name], name
        assert disk[name] == off[name], name


@pytest.mark.slow  # verifies Dalian twice and simulates two scenarios of a year, both ways
def test_the_report_is_the_same_with_its_replications_started_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``report`` starts the scenario's and every reform's replications in one pool before it
    verifies: the same HTML as with every cache off (each command running its own)."""
    from govmodel.sim import runner

    starts: list[int] = []
    fresh = runner._start

    def counting(scenarios, tasks, *args):  # type: ignore[no-untyped-def]
        starts.append(len(tasks))
        return fresh(scenarios, tasks, *args)

    monkeypatch.setattr(runner, "_start", counting)
    monkeypatch.setattr(memo, "_SHARED", {})
    monkeypatch.delenv("GOVMODEL_NO_CACHE", raising=False)
    monkeypatch.setenv("GOVMODEL_CACHE_DIR", str(tmp_path / "cache"))
    argv = ["report", "--reform", REFORM, "-n", "2", "--jobs", "2"]
    assert main([*argv, "--out", str(tmp_path / "off.html"), "--no-cache"]) == 0
    assert starts == [2, 4]  # simulate, then the reform's comparison (both sides)
    starts.clear()
    assert main([*argv, "--out", str(tmp_path / "on.html")]) == 0
    assert starts == [4, 0]  # all at once; simulate finds them all, the comparison starts none
    assert (tmp_path / "on.html").read_bytes() == (tmp_path / "off.html").read_bytes()
