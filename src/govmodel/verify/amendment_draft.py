"""A candidate amendment as the data of a reform file (id, title, rationale, the articles it
amends, its changes, the findings it claims to close): the one builder both kinds of candidate
use (:mod:`.amendments`, :mod:`.amendments_meetings`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govmodel.findings import Finding
from govmodel.refs import Label

__all__ = ["draft"]


def draft(
    rid: str, title: Label, why: Label, amends: Iterable[int], found: list[Finding], **parts: Any
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": rid,
        "title": title.as_dict(),
        "rationale": why.as_dict(),
        "amends": sorted(set(amends)) or [1],
    }
    out.update({k: v for k, v in parts.items() if v})
    out["closes"] = [f"{f.property}:{f.subject}" for f in found]
    return out
