"""SARIF 2.1.0 output of ``govmodel check``: each violation or unknown result points at the
model file and line of the element at fault. Accepted violations carry a suppression with
the baseline's justification. Plain JSON: the text of ``json.dumps(indent=2)``, written by
:mod:`govmodel.report.json_text`."""

from __future__ import annotations

from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from govmodel.findings import Finding, Results, Status
from govmodel.report.json_text import dumps
from govmodel.verify.properties import CLASSES

if TYPE_CHECKING:  # (annotations only: verify.baseline is imported with a baseline)
    from govmodel.verify.baseline import Comparison

__all__ = ["results_sarif", "SARIF_SCHEMA"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rules(results: Results) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for f in results.findings:
        if f.property not in seen:
            cls = CLASSES.get(f.cls)
            seen[f.property] = {
                "id": f.property,
                "name": f.property.replace(".", "_"),
                "shortDescription": {"text": f"{cls.en if cls else f.cls}: {f.property}"},
                "fullDescription": {"text": f"{cls.zh if cls else f.cls} / {cls.en if cls else f.cls}"},
                "properties": {"class": f.cls},
            }
    return list(seen.values())


def _result(f: Finding, comparison: Comparison | None) -> dict[str, Any]:
    r: dict[str, Any] = {
        "ruleId": f.property,
        "level": "error" if f.status == Status.violated else "warning",
        "kind": "fail" if f.status == Status.violated else "open",
        "message": {"text": f"{f.message.en}\n{f.message.zh}"},
        "partialFingerprints": {"govmodel/v1": f.fingerprint},
        "properties": {
            "subject": str(f.subject),
            "articles": list(f.articles),
            "status": str(f.status),
            "message_zh": f.message.zh,
        },
    }
    if f.counterexample is not None:
        r["properties"]["counterexample"] = f.counterexample.as_dict()
    if f.location is not None:
        region = {"startLine": max(1, f.location.line)}
        if f.location.col:
            region["startColumn"] = f.location.col
        r["locations"] = [
            {"physicalLocation": {"artifactLocation": {"uri": f.location.file}, "region": region}}
        ]
    just = comparison.justification(f) if comparison else None
    if just is not None:
        r["suppressions"] = [{"kind": "external", "justification": just}]
    return r


def results_sarif(results: Results, comparison: Comparison | None = None) -> str:

    shown = [f for f in results.findings if f.status != Status.holds]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "govmodel", "version": version("govmodel"), "rules": _rules(results)}
                },
                "properties": {
                    "model": results.model,
                    "assumptions": list(results.in_force),
                    "bounds": dict(results.options),
                },
                "results": [_result(f, comparison) for f in shown],
            }
        ],
    }
    return dumps(log) + "\n"  # (json.dumps(..., ensure_ascii=False, indent=2))
