"""Sensitivity sweeps and robustness to readings, on one machine or a Dask cluster.

A layer beside :mod:`govmodel.assess`: it uses :mod:`govmodel.sim` and :mod:`govmodel.verify`,
neither of which imports it; Dask is imported only here (:mod:`govmodel.sweep.execute`).

- :func:`plan_sweep` / :func:`run_sweep`: ``govmodel sweep SPEC`` (factors, designs and
  indices by SALib, a tidy table, a resumable store of finished points);
- :func:`~govmodel.sweep.readings.check_readings`: ``govmodel check --readings``.
"""

from govmodel.sweep.readings import ReadingsReport, check_readings
from govmodel.sweep.run import SweepPlan, SweepResult, plan_sweep, ranking, run_sweep

__all__ = [
    "ReadingsReport",
    "SweepPlan",
    "SweepResult",
    "check_readings",
    "plan_sweep",
    "ranking",
    "run_sweep",
]
