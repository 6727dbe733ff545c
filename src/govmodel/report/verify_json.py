"""JSON output of ``govmodel check`` (documented in docs/verify-json-schema.md, validated by
docs/verify-result.schema.json). Plain JSON: the text of ``json.dumps(indent=2)``, written by
:mod:`govmodel.report.json_text`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govmodel.findings import Finding, Results, Status
from govmodel.report.json_text import dumps

if TYPE_CHECKING:  # (annotations only: verify.baseline is imported with a baseline)
    from govmodel.verify.baseline import Comparison

__all__ = ["SCHEMA_VERSION", "results_data", "results_json", "summary"]

SCHEMA_VERSION = "1.2"
"""Version of the JSON shape: major changes break readers, minor ones add fields."""


def summary(results: Results, comparison: Comparison | None = None) -> dict[str, Any]:
    """Counts by status, and by baseline when one was given."""
    out: dict[str, Any] = {s.value: len(results.with_status(s)) for s in Status}
    out["total"] = len(results.findings)
    if comparison is not None:
        out["new_violations"] = len(comparison.new)
        out["accepted_violations"] = len(comparison.accepted)
        out["stale_baseline_entries"] = len(comparison.stale)
        out["unchecked_baseline_entries"] = len(comparison.unchecked)
    return out


def _result(f: Finding, comparison: Comparison | None, cause: dict[str, str]) -> dict[str, Any]:
    d = f.as_dict()
    if f.fingerprint in cause:
        d["root_cause"] = cause[f.fingerprint]
    if comparison is not None and f.status == Status.violated:
        just = comparison.justification(f)
        d["baseline"] = {"accepted": just is not None, **({"justification": just} if just else {})}
    return d


def results_data(results: Results, comparison: Comparison | None = None) -> dict[str, Any]:
    """The whole report as plain data."""
    cause = {f.fingerprint: rc.id for rc in results.root_causes for f in rc.findings}
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "model": {"id": results.model, "path": results.model_path},
        "assumptions": [a.as_dict() for a in results.assumptions],
        "bounds": dict(results.options),
        "summary": summary(results, comparison),
        "root_causes": [rc.as_dict() for rc in results.root_causes],
        "results": [_result(f, comparison, cause) for f in results.findings],
    }
    if comparison is not None:

        def entry(e) -> dict[str, Any]:
            return {
                "fingerprint": e.fingerprint,
                "justification": e.justification,
                "subject": e.subject,
                "property": e.property,
                "location": {"file": e.where.file, "line": e.where.line},
            }

        data["baseline"] = {
            "stale": [entry(e) for e in comparison.stale],
            "unchecked": [entry(e) for e in comparison.unchecked],
        }
    return data


def results_json(results: Results, comparison: Comparison | None = None) -> str:
    return dumps(results_data(results, comparison)) + "\n"  # (json.dumps(..., ensure_ascii=False, indent=2))
