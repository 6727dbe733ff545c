"""The command line as a process: ``govmodel`` (the console script) and ``python -m govmodel``
run one command line, then leave without the interpreter's teardown (as mypy does).

Tearing down a finished process frees every object one by one (a check's memos, z3 solvers,
the model): ~15 ms of CPU after a cold check, a tenth of what the check itself adds to the
imports (issue #11). So once the command has returned, the exit handlers run (as they would),
the standard streams are flushed, and the process ends with ``os._exit``. Every file govmodel
writes is closed before the command returns (:func:`govmodel.outputs.write_atomic`). If a
stream cannot be flushed (a reader that went away), the ordinary exit handles it as before;
so it does when a tool runs this module and has work left after it (a profiler or tracer is
set, or coverage is loaded: ``python -m cProfile -m govmodel``, ``coverage run -m govmodel``),
and when a thread besides the main one is alive (the ordinary exit joins it first).
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

from govmodel.cli import main

__all__ = ["run"]


def run() -> NoReturn:
    """Run ``sys.argv``'s command line and end the process with its exit code."""
    code = main()
    watched = sys.gettrace() is not None or sys.getprofile() is not None or "coverage" in sys.modules
    if watched or threading.active_count() > 1:
        raise SystemExit(code)
    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001  (whatever it is, the ordinary exit deals with it as before)
        raise SystemExit(code) from None
    os._exit(code)
