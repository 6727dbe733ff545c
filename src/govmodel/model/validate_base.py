"""What the cross-checks of a model share (:mod:`govmodel.model.validate` and
:mod:`govmodel.model.validate_text`): the ids a model defines, a reference checked against them
with a "did you mean", an element's articles in range, and the one message for sections no
file defines."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from govmodel.errors import Problem
from govmodel.model import types as t
from govmodel.model.sections import SECTIONS
from govmodel.refs import SourceRef

__all__ = ["ELEMENT_SECTIONS", "KINDS", "Checker", "missing_sections"]

# What a reference names → the section that defines it, and the file of the bundled models that
# holds that section (to name a missing file; any file may hold any section).
KINDS = {
    "act": ("acts", "acts.yaml"),
    "absence reason": ("absence_reasons", "roles.yaml"),
    "role": ("roles", "roles.yaml"),
    "group": ("role_groups", "roles.yaml"),
    "body": ("bodies", "roles.yaml"),
    "condition": ("conditions", "roles.yaml"),
    "meeting": ("meetings", "meetings.yaml"),
    "leave situation": ("leave_situations", "leave.yaml"),
    "document type": ("document_types", "procedures.yaml"),
    "assumption": ("assumptions", "assumptions.yaml"),
    "person": ("cast", "cast.yaml"),
    "department": ("cast", "cast.yaml"),
}


# The sections whose elements carry ids and cite articles (the cast aside).
ELEMENT_SECTIONS = tuple(x for x in SECTIONS if x not in ("non_operational", "clauses"))


class Checker:
    def __init__(
        self,
        s: Any,
        folder: Path,
        elsewhere: frozenset[str] | None = frozenset(),
        cited_elsewhere: frozenset[int] = frozenset(),
    ):
        self.s = s
        self.cited_elsewhere = cited_elsewhere  # articles the elements of failed files cite
        self.folder = folder
        self.problems: list[Problem] = []
        # ids defined in files that failed their own validation (None: a file could not be read
        # at all, so any id may be there): a reference to them is not reported again
        self.elsewhere = elsewhere
        # sections no file defines (a deleted roles.yaml): their references are one problem
        self.empty = {
            sec for sec, _ in KINDS.values() if not (s.cast if sec == "cast" else getattr(s, sec, ()))
        }
        self.unchecked: dict[str, int] = {}

        def ids(xs: Iterable[t.Element]) -> set[str]:
            return {x.id for x in xs}

        self.roles = ids(s.roles)
        self.groups = ids(s.role_groups)
        self.bodies = ids(s.bodies)
        self.meetings = ids(s.meetings)
        self.actors = self.roles | self.groups | self.bodies | self.meetings
        self.conditions = ids(s.conditions)
        self.doc_types = ids(s.document_types)
        self.reasons = ids(s.absence_reasons)
        self.situations = ids(s.leave_situations)
        self.assumptions = ids(s.assumptions)
        from govmodel.model.vocab import CONSTRUCT_ACTS

        # the acts the model declares, and its constructs' (convening, presiding, granting leave)
        self.acts = ids(s.acts) | set(CONSTRUCT_ACTS)
        cast = s.cast
        self.persons = {p.id for p in cast.persons} if cast else set()
        self.departments = {d.id for d in cast.departments} if cast else set()

    def where(self, node: Any, field: str | None = None) -> SourceRef:
        return self.s.positions.of(node, field) or SourceRef(str(self.folder))

    def ref(self, node: Any, field: str, value: str | None, known: set[str], what: str) -> None:
        if value is None or value in known:
            return
        if self.elsewhere is None or value in self.elsewhere:
            return  # defined in a file already reported as invalid: a knock-on, not a new problem
        # the kind a reference names first ("role" in "role, group, body or meeting"): when no
        # file defines any, the reference cannot be checked; one message for all of them
        kinds = sorted((what.find(k), sec) for k, (sec, _) in KINDS.items() if k in what)
        if kinds and kinds[0][1] in self.empty:
            self.unchecked[kinds[0][1]] = self.unchecked.get(kinds[0][1], 0) + 1
            return
        close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"expected a known {what}"
        self.problems.append(Problem(self.where(node, field), f"{field}: unknown {what} {value!r}", hint))

    def refs(self, node: Any, field: str, values: Iterable[str], known: set[str], what: str) -> None:
        for v in values:
            self.ref(node, field, v, known, what)

    def gate(self, node: Any) -> None:
        if isinstance(node, t.Gated):
            self.refs(node, "requires_assumption", node.required, self.assumptions, "assumption")
            self.ref(node, "unless_assumption", node.unless_assumption, self.assumptions, "assumption")

    def articles(self, node: Any, ident: str) -> None:
        top = self.s.ruleset.articles
        for a in getattr(node, "articles", ()):
            if not 1 <= a <= top:
                self.problems.append(
                    Problem(
                        self.where(node, "articles"),
                        f"{ident}: article {a}",
                        f"an article between 1 and {top}",
                    )
                )


def missing_sections(unchecked: dict[str, int], folder: Path) -> Problem:
    """One message for the sections no file defines while other files refer to them (a deleted
    file), naming the file the bundled models keep them in when it is not in the folder."""
    from govmodel.yamlio import display_path

    files = dict.fromkeys(f for sec, f in KINDS.values() if sec in unchecked)
    gone = [f for f in files if not (folder / f).exists()]
    names = ", ".join(s.replace("_", " ") for s in unchecked)
    n = sum(unchecked.values())
    found = f"no file defines any {names} ({n} references to them were not checked)"
    if gone:
        found = f"文件缺失 / file missing: {' or '.join(gone)}? " + found
    return Problem(
        SourceRef(display_path(folder)),
        found,
        f"restore {' / '.join(files)} (where the bundled models keep them), "
        "or define these sections in another file",
    )
