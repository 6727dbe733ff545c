"""The event log as CSV: one row per act (case_id, activity, resource, start, end,
document_type, …), timestamps ISO 8601. Loads with ``pandas.read_csv(parse_dates=["start",
"end"])``; for PM4Py, ``pm4py.format_dataframe(df, case_id="case_id", activity_key="activity",
timestamp_key="end")``."""

from __future__ import annotations

import csv
import io

from govmodel.sim.records import EVENT_COLUMNS
from govmodel.sim.runner import SimResult

__all__ = ["render_events_csv"]


def render_events_csv(result: SimResult) -> str:
    """Every replication's acts, in replication order then completion order."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(EVENT_COLUMNS)
    for o in result.outputs:
        for row in o.events or ():
            w.writerow(row)
    return buf.getvalue()
