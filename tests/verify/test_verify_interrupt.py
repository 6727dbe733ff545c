"""Ctrl-C during a z3 check stops govmodel (exit 130 from the command line): z3's own handler,
on by default, would cancel the check, report "unknown (interrupted from keyboard)" and keep
the signal from Python, so a check carried on with unknown results."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PIGEONHOLE = textwrap.dedent(
    """
    import os, signal, threading, z3
    import govmodel.verify.terms  # the verifier's z3 settings
    n = 9  # ten pigeons in nine holes: seconds of search for z3
    p = [[z3.Bool(f"p{i}_{j}") for j in range(n)] for i in range(n + 1)]
    s = z3.Solver()
    s.set("timeout", 2000)
    for i in range(n + 1):
        s.add(z3.Or(p[i]))
    for j in range(n):
        for a in range(n + 1):
            for b in range(a + 1, n + 1):
                s.add(z3.Or(z3.Not(p[a][j]), z3.Not(p[b][j])))
    threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    print("carried on:", s.check(), s.reason_unknown())
    """
)


def test_ctrl_c_during_a_check_reaches_python() -> None:
    out = subprocess.run([sys.executable, "-c", PIGEONHOLE], capture_output=True, text=True, timeout=60)
    assert "carried on" not in out.stdout, out.stdout  # z3 did not swallow it
    assert "KeyboardInterrupt" in out.stderr
