"""What each named assumption changes: the model verified with the assumption switched, and
the violated results compared with those of the model as given (computed, never written by
hand). Used by ``govmodel show assumptions``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from govmodel.findings import Finding, Status
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.verify.run import Results, verify
from govmodel.verify.scenarios import DEFAULT_BOUNDS, Bounds

__all__ = ["Effect", "effects"]


@dataclass(frozen=True)
class Effect:
    """Switching one assumption: the findings that become violated (``opens``), the ones that
    stop being violated (``closes``), and those that stay violated with a different message
    (``changes``: the same property and subject, another counterexample)."""

    assumption: t.Assumption
    in_force: bool
    opens: tuple[Finding, ...]
    closes: tuple[Finding, ...]
    changes: tuple[tuple[Finding, Finding], ...]

    def as_dict(self) -> dict:
        a = self.assumption
        return {
            "id": a.id,
            "articles": list(a.articles),
            "default": a.default,
            "in_force": self.in_force,
            "statement": {"zh": a.statement.zh, "en": a.statement.en},
            "switching_opens": [f.fingerprint for f in self.opens],
            "switching_closes": [f.fingerprint for f in self.closes],
            "switching_changes": [[a.fingerprint, b.fingerprint] for a, b in self.changes],
        }


def _violated(results: Results) -> dict[tuple[str, str], Finding]:
    return {(f.property, str(f.subject)): f for f in results.findings if f.status == Status.violated}


def effects(
    model: Model,
    bounds: Bounds = DEFAULT_BOUNDS,
    base: Results | None = None,
    progress: Callable[[t.Assumption], None] | None = None,
) -> list[Effect]:
    """For every assumption of the model, what switching it (from its state in ``model``) does."""
    before = _violated(base if base is not None else verify(model, bounds))
    out = []
    for a in model.assumptions:
        if progress:
            progress(a)
        on = a.id in model.enabled
        after = _violated(verify(model.with_assumptions({a.id: not on}), bounds))
        opens = tuple(after[k] for k in sorted(set(after) - set(before)))
        closes = tuple(before[k] for k in sorted(set(before) - set(after)))
        changes = tuple(
            (before[k], after[k])
            for k in sorted(set(before) & set(after))
            if before[k].message != after[k].message
        )
        out.append(Effect(a, on, opens, closes, changes))
    return out
