"""Running the points: serially in this process, or as Dask tasks on a cluster.

The only module that imports Dask (``distributed``). ``scheduler``:

- ``"serial"``: one point after the other, in this process (tests, debugging);
- ``"local"`` (default): a :class:`distributed.LocalCluster` on this machine's cores
  (one single-threaded worker process per core, or ``workers``);
- an address (``tcp://host:8786``): an existing cluster; ``DASK_SCHEDULER_ADDRESS`` is used
  when no scheduler is given. Its workers need govmodel installed (the same version).

Every point depends only on (scenario, factors' values, seed, replications), so the results
do not depend on the scheduler, the number of workers or the order in which points finish.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

__all__ = ["resolve_scheduler", "run_tasks"]


def resolve_scheduler(scheduler: str | None) -> str:
    """The scheduler to use: the option, else ``DASK_SCHEDULER_ADDRESS``, else ``"local"``."""
    if scheduler:
        return scheduler
    return os.environ.get("DASK_SCHEDULER_ADDRESS") or "local"


def run_tasks(
    fn: Callable[..., Any],
    shared: Any,
    tasks: Sequence[tuple[Any, ...]],
    on_done: Callable[[Any], None],
    *,
    scheduler: str = "serial",
    workers: int | None = None,
) -> None:
    """Call ``fn(shared, *task)`` for every task and hand each result to ``on_done`` as it
    finishes (in the main process, so the caller may write it at once).

    ``shared`` (the scenario, the model) is sent to each worker once, not with every task.
    An exception in a task is raised here; the tasks not yet finished are cancelled.
    """
    if not tasks:
        return
    if scheduler == "serial":
        for task in tasks:
            on_done(fn(shared, *task))
        return
    for result in _dask(fn, shared, tasks, scheduler, workers):
        on_done(result)


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start the worker processes with SIGINT ignored (an ignored signal stays ignored in a
    child, and Python then installs no KeyboardInterrupt handler): Ctrl-C reaches only this
    process, which stops the cluster and exits 130 with one line, not a traceback per worker."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def _dask(
    fn: Callable[..., Any], shared: Any, tasks: Sequence[tuple[Any, ...]], scheduler: str, workers: int | None
) -> Iterable[Any]:
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler == "local":
        n = workers or os.cpu_count() or 1
        with _workers_ignore_ctrl_c():
            cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address="127.0.0.1:0",
                silence_logs=logging.ERROR,
            )
        client = Client(cluster)
    else:
        client = Client(scheduler, timeout="30s")
    futures: list[Any] = []
    try:
        ref = client.scatter(shared, broadcast=True)
        futures = [client.submit(fn, ref, *task, pure=False) for task in tasks]
        for future in as_completed(futures):
            yield future.result()
    finally:
        for f in futures:
            if not f.done():
                f.cancel()
        client.close()
        if cluster is not None:
            cluster.close()
