"""Replications run in worker processes, started at once and collected later (issue #11).

:class:`Running` starts the replications of one or more scenarios in a
:class:`~concurrent.futures.ProcessPoolExecutor` as soon as it is made (the workers are forked
with the scenarios in memory: nothing is pickled but each task's four numbers and each
replication's measures), so a caller can do other work meanwhile (``govmodel reform`` verifies
both models while its replications run) and :meth:`Running.result` collects the outputs in task
order. With one process the replications run in :meth:`Running.result`, in this process. A
replication is fully determined by (scenario, seed, index), so the results do not depend on how
many processes ran them.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from govmodel.errors import InputError, Problem, ScenarioError

if TYPE_CHECKING:
    from govmodel.sim.loaded import LoadedScenario
    from govmodel.sim.replication import ReplicationOutput

__all__ = ["Running", "auto_jobs", "cpus", "Task", "progress_bar"]

Task = tuple[int, int, bool, bool]
"""(replication index, seed, keep the event log, sample queues)."""


def cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def auto_jobs(tasks: int) -> int:
    """The processes for ``tasks`` replications when the caller leaves it to us (the command
    line's default): one per CPU, but at least two replications per process (a worker's first
    replication also warms its caches, and starting it costs a little), so a run of one or two
    replications stays in this process."""
    return max(1, min(cpus(), tasks // 2))


def progress_bar(total: int, progress: bool | None, desc: str) -> Callable[[], None]:
    """A function to call once per replication done (a bar on stderr, or nothing)."""
    if progress is False:
        return lambda: None
    from tqdm import tqdm

    bar = tqdm(
        total=total,
        desc=desc,
        unit="rep",
        file=sys.stderr,
        disable=None if progress is None else False,
        leave=False,
    )
    return lambda: bar.update(1)


_WORKER: tuple[LoadedScenario, ...] = ()


def _init(scenarios: tuple[LoadedScenario, ...]) -> None:
    import signal

    global _WORKER
    _WORKER = scenarios
    # Ctrl-C reaches the whole process group: the parent answers it (exit 130, one line); a
    # worker printing its own KeyboardInterrupt traceback would defeat that.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _one(loaded: LoadedScenario, task: Task) -> ReplicationOutput:
    from govmodel.sim.replication import run_replication

    rep, seed, keep, sample = task
    return run_replication(loaded, rep, seed, keep_events=keep, sample_queues=sample)


def _work(args: tuple[int, Task]) -> ReplicationOutput | tuple[Problem, ...]:
    which, task = args
    try:
        return _one(_WORKER[which], task)
    except InputError as exc:  # exceptions with data do not survive pickling: send the data
        return exc.problems


class Running:
    """Replications of ``scenarios`` under way: ``tasks`` are (scenario index, task) pairs.

    ``jobs`` None picks :func:`auto_jobs`; the processes never exceed the tasks or the CPUs.
    """

    def __init__(
        self,
        scenarios: tuple[LoadedScenario, ...],
        tasks: Sequence[tuple[int, Task]],
        jobs: int | None,
        progress: bool | None,
        desc: str,
    ) -> None:
        self.scenarios, self.tasks = scenarios, list(tasks)
        n = len(self.tasks)
        self.jobs = auto_jobs(n) if jobs is None else max(1, min(jobs, n, os.cpu_count() or 1))
        self.tick = progress_bar(n, progress, desc) if n else (lambda: None)
        self.pool: ProcessPoolExecutor | None = None
        self.results: Iterator[ReplicationOutput | tuple[Problem, ...]] | None = None
        self.taken = 0  # outputs handed out so far (take)
        if self.jobs > 1:
            self.pool = ProcessPoolExecutor(max_workers=self.jobs, initializer=_init, initargs=(scenarios,))
            self.results = self.pool.map(_work, self.tasks)  # every task submitted now

    def result(self) -> list[ReplicationOutput]:
        """The outputs, in task order (runs them here with one process).

        Raises
        ------
        ScenarioError
            If a replication reaches a year whose holidays are not known.
        """
        try:
            return self.take(len(self.tasks) - self.taken)
        finally:
            self.cancel()

    def take(self, n: int) -> list[ReplicationOutput]:
        """The outputs of the next ``n`` tasks, in task order, as soon as they are done (a
        caller can use the first ones while the workers run the rest; with one process they
        run here). The workers stop on an error and once every task's output is taken."""
        out: list[ReplicationOutput] = []
        if self.pool is None:
            for which, task in self.tasks[self.taken : self.taken + n]:
                out.append(_one(self.scenarios[which], task))
                self.tick()
            self.taken += len(out)
            return out
        assert self.results is not None
        try:
            for o in itertools.islice(self.results, n):
                if isinstance(o, tuple):
                    raise ScenarioError(list(o))
                out.append(o)
                self.tick()
        except BaseException:
            self.cancel()
            raise
        self.taken += len(out)
        if self.taken == len(self.tasks):
            self.cancel()
        return out

    def cancel(self) -> None:
        """Stop the workers (the tasks not started are dropped); nothing when done already."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
