"""JUnit XML output of ``govmodel check``: one test case per result, one suite per property
class. A violation outside the baseline is a ``failure``, an unknown an ``error``, an
accepted violation ``skipped`` with its justification. Plain stdlib XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from govmodel.findings import Finding, Results, Status
from govmodel.verify.properties import CLASSES

if TYPE_CHECKING:  # (annotations only: verify.baseline is imported with a baseline)
    from govmodel.verify.baseline import Comparison

__all__ = ["results_junit"]


def _details(f: Finding) -> str:
    lines = [
        f.message.zh,
        f.message.en,
        f"articles: {', '.join(map(str, f.articles))}",
        f"fingerprint: {f.fingerprint}",
    ]
    if f.location:
        lines.append(f"location: {f.location.file}:{f.location.line}")
    if f.counterexample:
        for a in f.counterexample.absent:
            lines.append(f"absent: {a.person} ({', '.join(a.roles)}) — {a.reason}")
        for step in f.counterexample.trace:
            lines.append(f"  {step.text.zh} | {step.text.en.strip()}")
    return "\n".join(lines)


def results_junit(results: Results, comparison: Comparison | None = None) -> str:
    root = ET.Element("testsuites", name=f"govmodel check {results.model}", tests=str(len(results.findings)))
    props = ET.SubElement(root, "properties")
    for a in results.assumptions:
        ET.SubElement(props, "property", name=f"assumption.{a.id}", value="on" if a.enabled else "off")
    for k, v in results.options.items():
        ET.SubElement(props, "property", name=f"bound.{k}", value=str(v))
    for cls in CLASSES:
        found = [f for f in results.findings if f.cls == cls]
        if not found:
            continue
        suite = ET.SubElement(root, "testsuite", name=cls, tests=str(len(found)))
        counts = {"failures": 0, "errors": 0, "skipped": 0}
        for f in found:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"govmodel.{f.property}",
                name=f"{f.subject} [{f.fingerprint}]",
                file=f.location.file if f.location else "",
            )
            just = comparison.justification(f) if comparison else None
            if f.status == Status.violated and just is not None:
                ET.SubElement(case, "skipped", message=f"accepted in baseline: {just}")
                counts["skipped"] += 1
            elif f.status == Status.violated:
                ET.SubElement(case, "failure", message=f.message.en, type="violated").text = _details(f)
                counts["failures"] += 1
            elif f.status == Status.unknown:
                ET.SubElement(case, "error", message=f.message.en, type="unknown").text = _details(f)
                counts["errors"] += 1
            else:
                ET.SubElement(case, "system-out").text = f"{f.message.zh}\n{f.message.en}"
        for k, v in counts.items():
            suite.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
