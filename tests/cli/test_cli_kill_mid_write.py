"""Nothing lost (issue #13 item 5): a run killed (SIGKILL: no handler, no cleanup) in the middle
of writing its output leaves the old output file intact; the same run not killed replaces it
whole.

The child is the real command line with a slow disk: files opened with ``os.fdopen`` for
writing (how the outputs are written) write 1 kB at a time with a pause, so the parent can
see the half-written temporary file and kill the child then, deterministically.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SLOW_DISK = """
import os, sys, time
_real = os.fdopen

class _Slow:
    def __init__(self, f):
        self._f = f
    def write(self, data):
        for i in range(0, len(data), 1024):
            self._f.write(data[i:i + 1024])
            self._f.flush()
            time.sleep(0.02)
        return len(data)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self._f.close()
    def __getattr__(self, name):
        return getattr(self._f, name)

def _fdopen(fd, mode="r", *args, **kwargs):
    f = _real(fd, mode, *args, **kwargs)
    return _Slow(f) if "w" in mode or "a" in mode else f

os.fdopen = _fdopen
from govmodel.cli import main
sys.exit(main(sys.argv[1:]))
"""

OLD = '{"old": "the output of an earlier run"}\n'


def _child(out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", SLOW_DISK, "schema", "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=out.parent,
    )


def _half_written(folder: Path, name: str) -> Path | None:
    for p in folder.iterdir():
        if p.name != name and name in p.name and p.stat().st_size > 0:
            return p
    return None


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_mid_write_leaves_the_old_output_intact(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    out.write_text(OLD, encoding="utf-8")
    child = _child(out)
    try:
        partial = None
        for _ in range(3000):  # up to a minute for the child to start and begin writing
            partial = _half_written(tmp_path, out.name)
            if partial is not None or child.poll() is not None:
                break
            time.sleep(0.02)
        if partial is None:
            err = child.stderr.read().decode() if child.poll() is not None else ""
            pytest.fail(f"the child never wrote (exit {child.poll()}): {err}")
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert out.read_text(encoding="utf-8") == OLD  # the old output, whole
    assert partial.stat().st_size > 0  # and the kill did land mid-write


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_the_same_run_not_killed_replaces_the_output_whole(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    out.write_text(OLD, encoding="utf-8")
    child = _child(out)
    _, err = child.communicate(timeout=600)
    assert child.returncode == 0, err.decode()
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert (
        "old" not in schema and len(out.read_bytes()) > 2048
    )  # whole, and long enough to be killed mid-write
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]  # no temporary file left
