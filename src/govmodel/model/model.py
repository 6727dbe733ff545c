"""The loaded model: inert, frozen data, read once. A reform is an overlay that produces a
new :class:`Model`; switching an assumption does too (:meth:`Model.with_assumptions`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from govmodel.errors import ModelError, Problem
from govmodel.model import types as t
from govmodel.model.articles import split_articles
from govmodel.model.memo import memo
from govmodel.model.sections import SECTIONS, Sections, active_section
from govmodel.paths import confine
from govmodel.refs import Label, SourceRef
from govmodel.yamlio import Positions, read_text

# Sections and SECTIONS live in model/sections.py (named here too, for the code that imported them
# from here); the reading of the rules' text in model/articles.py.
__all__ = ["Model", "Sections", "SECTIONS"]


@dataclass(frozen=True)
class Model:
    """A rules model with a set of assumptions in force.

    Attributes hold only the elements active under ``enabled``; ``sections`` keeps everything
    as written, so overlays and assumption switches produce new models from it.
    """

    sections: Sections
    folder: Path
    enabled: frozenset[str]
    overlays: tuple[str, ...] = ()

    # ----- construction -------------------------------------------------------------
    @classmethod
    def build(
        cls,
        sections: Sections,
        folder: Path,
        enabled: frozenset[str] | None = None,
        overlays: tuple[str, ...] = (),
    ) -> Model:
        if enabled is None:
            enabled = frozenset(a.id for a in sections.assumptions if a.default)
        return cls(sections, folder, enabled, overlays)

    def with_assumptions(self, changes: Mapping[str, bool]) -> Model:
        """A new model with some assumptions switched on or off."""
        known = {a.id for a in self.sections.assumptions}
        bad = [k for k in changes if k not in known]
        if bad:
            import difflib

            problems = []
            for k in bad:
                close = difflib.get_close_matches(k, sorted(known), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"one of {', '.join(sorted(known))}"
                problems.append(Problem(SourceRef("--assume"), f"unknown assumption {k!r}", hint))
            raise ModelError(problems)
        enabled = set(self.enabled)
        for k, on in changes.items():
            (enabled.add if on else enabled.discard)(k)
        return Model.build(self.sections, self.folder, frozenset(enabled), self.overlays)

    # ----- active elements ----------------------------------------------------------
    def _get(self, name: str) -> tuple[Any, ...]:
        cache = memo(self, "model.active")
        if name not in cache:
            cache[name] = active_section(self.sections, name, self.enabled, self._derived)
        return cache[name]

    @property
    def _derived(self) -> Positions:
        """Where the copies the active views made (steps an assumption rewrote) are written:
        beside the model, in its memo (the sections' own table is never written)."""
        table = memo(self, "model.derived_positions")
        found = table.get("table")
        if found is None:
            found = table["table"] = Positions()
        return found  # type: ignore[no-any-return]

    ruleset = property(lambda self: self.sections.ruleset)
    cast = property(lambda self: self.sections.cast)
    acts = property(lambda self: self._get("acts"))
    absence_reasons = property(lambda self: self._get("absence_reasons"))
    roles = property(lambda self: self._get("roles"))
    bodies = property(lambda self: self._get("bodies"))
    role_groups = property(lambda self: self._get("role_groups"))
    conditions = property(lambda self: self._get("conditions"))
    document_types = property(lambda self: self._get("document_types"))
    procedures = property(lambda self: self._get("procedures"))
    deputy_rules = property(lambda self: self._get("deputy_rules"))
    leave_situations = property(lambda self: self._get("leave_situations"))
    leave_rules = property(lambda self: self._get("leave_rules"))
    meetings = property(lambda self: self._get("meetings"))
    time_limits = property(lambda self: self._get("time_limits"))
    orderings = property(lambda self: self._get("orderings"))
    assumptions = property(lambda self: self.sections.assumptions)
    non_operational = property(lambda self: self.sections.non_operational)
    clauses = property(lambda self: self.sections.clauses)

    @property
    def name(self) -> str:
        return self.ruleset.id + "".join(f"+{o}" for o in self.overlays)

    # ----- lookups -------------------------------------------------------------------
    @cached_property
    def index(self) -> dict[str, Any]:
        """Every active element by id (procedure steps as ``procedure.step``)."""
        out: dict[str, Any] = {}
        for name in SECTIONS:
            if name in ("non_operational", "clauses"):
                continue
            for el in self._get(name) if name != "assumptions" else self.assumptions:
                out[el.id] = el
        for proc in self.all_procedures():
            for step in proc.steps:
                out[f"{proc.id}.{step.id}"] = step
        if self.cast:
            for p in self.cast.persons:
                out[p.id] = p
            for d in self.cast.departments:
                out.setdefault(d.id, d)
        return out

    def get(self, ident: str) -> Any:
        return self.index.get(ident)

    def where(self, node: object, key: str | None = None) -> SourceRef | None:
        """Where an element (any node of the model) is written, or its ``key`` when given;
        None for what the code made (a reform's addition keeps its reform file's place)."""
        return self.sections.positions.of(node, key) or self._derived.of(node, key)

    def label(self, ident: str | None) -> Label:
        """The bilingual label of any element, person or department (the id if it has none)."""
        if ident is None:
            return Label("无", "none")
        el = self.get(ident)
        if el is None:  # switched off by an assumption, yet still named where it is referenced
            el = next(
                (
                    x
                    for name in SECTIONS[:-2]
                    for x in getattr(self.sections, name)
                    if getattr(x, "id", None) == ident
                ),
                None,
            )
        text = getattr(el, "label", None)
        if text is not None and hasattr(text, "zh"):
            return Label(text.zh, text.en)
        return Label(ident, ident)

    def all_procedures(self) -> tuple[t.Procedure, ...]:
        """Document procedures and the meetings' pipelines."""
        return self.procedures + tuple(p for m in self.meetings for p in m.procedures)

    def meeting_of(self, procedure_id: str) -> t.Meeting | None:
        for m in self.meetings:
            if any(p.id == procedure_id for p in m.procedures):
                return m
        return None

    def supertypes(self, doc_type: str) -> tuple[str, ...]:
        """The type itself and every type it is_a, transitively (active links only)."""
        cache = memo(self, "model.supertypes")
        if doc_type not in cache:
            cache[doc_type] = self._supertypes(doc_type)
        found: tuple[str, ...] = cache[doc_type]
        return found

    def _supertypes(self, doc_type: str) -> tuple[str, ...]:
        types = {d.id: d for d in self.document_types}
        seen: list[str] = []
        todo = [doc_type]
        while todo:
            cur = todo.pop()
            if cur in seen or cur not in types:
                continue
            seen.append(cur)
            todo.extend(link.type for link in types[cur].is_a)
        return tuple(seen)

    def procedures_for(self, doc_type: str) -> tuple[t.Procedure, ...]:
        """Every procedure that governs a document type (directly or through is_a)."""
        cache = memo(self, "model.procedures_for")
        if doc_type not in cache:
            sup = set(self.supertypes(doc_type))
            cache[doc_type] = tuple(
                p
                for p in self.procedures
                if sup & set(p.applies_to) and not sup & {n.type for n in p.not_for}
            )
        found: tuple[t.Procedure, ...] = cache[doc_type]
        return found

    def close_conditions(self, conditions: frozenset[str] | set[str]) -> frozenset[str]:
        """The conditions and everything they imply (special urgency implies urgency), with
        the conditions derived from them (``any_of``: one of its components holds; ``all_of``:
        every one does). Memoized: the checks ask it for every condition combination of
        every document type."""
        cache = memo(self, "model.close_conditions")
        key = frozenset(conditions)
        found: frozenset[str] | None = cache.get(key)
        if found is None:
            found = cache[key] = self._close(key)
        return found

    def _condition_tables(self) -> tuple[dict[str, tuple[str, ...]], list[t.Condition]]:
        cache = memo(self, "model.condition_tables")  # what each condition implies; the derived ones
        if None not in cache:
            cache[None] = (
                {c.id: c.implies for c in self.conditions},
                [c for c in self.conditions if c.derived],
            )
        return cache[None]

    def _close(self, conditions: frozenset[str]) -> frozenset[str]:
        implies, derived = self._condition_tables()
        out = set(conditions)
        while True:
            todo = list(out)
            while todo:
                for nxt in implies.get(todo.pop(), ()):
                    if nxt not in out:
                        out.add(nxt)
                        todo.append(nxt)
            more = _newly_derived(derived, out)
            if not more:
                return frozenset(out)
            out |= more

    def conditions_meaning(self, meaning: str) -> frozenset[str]:
        """The ids of the conditions declared with ``meaning`` (urgent, specially_urgent,
        involves_other_departments)."""
        return frozenset(c.id for c in self.conditions if c.meaning == meaning)

    def with_derived(self, conditions: frozenset[str]) -> frozenset[str]:
        """The conditions and the derived ones (``any_of``/``all_of``) they make hold, without
        the implied ones (:meth:`close_conditions` adds those too). Memoized."""
        cache = memo(self, "model.with_derived")
        key = frozenset(conditions)
        found: frozenset[str] | None = cache.get(key)
        if found is None:
            found = cache[key] = self._with_derived(key)
        return found

    def _with_derived(self, conditions: frozenset[str]) -> frozenset[str]:
        derived = self._condition_tables()[1]
        out = set(conditions)
        while True:
            more = _newly_derived(derived, out)
            if not more:
                return frozenset(out)
            out |= more

    def base_conditions(self, conditions: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """The conditions with each derived one (``any_of``/``all_of``) replaced by its
        components, recursively, in order: what a scenario chooses freely."""
        by_id = {c.id: c for c in self.conditions}
        out: dict[str, None] = {}

        def add(ident: str, seen: frozenset[str]) -> None:
            el = by_id.get(ident)
            if el is None or not el.derived:
                out[ident] = None
            elif ident not in seen:
                for x in el.any_of + el.all_of:
                    add(x, seen | {ident})

        for c in conditions:
            add(c, frozenset())
        return tuple(out)

    def time_limits_for(
        self, doc_type: str, conditions: frozenset[str] | None = None
    ) -> tuple[t.TimeLimit, ...]:
        """Time limits of a document type; with ``conditions``, only those that apply."""
        sup = set(self.supertypes(doc_type))
        limits = tuple(tl for tl in self.time_limits if sup & set(tl.applies_to))
        if conditions is None:
            return limits
        cond = self.close_conditions(conditions)
        return tuple(
            tl for tl in limits if (not tl.when or tl.when in cond) and not (tl.unless and tl.unless in cond)
        )

    def act_ids(self) -> frozenset[str]:
        """The acts a model may name: those it declares and its constructs' (convening,
        presiding, granting leave)."""
        from govmodel.model.vocab import CONSTRUCT_ACTS

        return frozenset(a.id for a in self.acts) | frozenset(CONSTRUCT_ACTS)

    def act_label(self, act: str | None) -> Label:
        """An act in words: the model's label, a construct's, or the id itself."""
        from govmodel.model.vocab import CONSTRUCT_ACTS

        if not act:
            return Label("行为", "act")
        el = self.get(act)
        if isinstance(el, t.Act):
            return el.label.label()
        return CONSTRUCT_ACTS.get(act) or Label(act, act)

    def act_meaning(self, act: str | None) -> str | None:
        """What the act means to the checks (its declared ``meaning``), if anything."""
        el = self.get(act) if act else None
        return str(el.meaning) if isinstance(el, t.Act) and el.meaning is not None else None

    def acts_meaning(self, *meanings: str) -> frozenset[str]:
        """The ids of the acts declared with one of these meanings."""
        cache = memo(self, "model.acts_meaning")
        if meanings not in cache:
            cache[meanings] = frozenset(
                a.id for a in self.acts if a.meaning is not None and a.meaning in meanings
            )
        found: frozenset[str] = cache[meanings]
        return found

    def reason_ids(self, meeting: bool = True) -> tuple[str, ...]:
        """Absence reasons that can stop an act: every reason for a meeting act, and for
        other acts only those that are not ``meetings_only``."""
        return tuple(r.id for r in self.absence_reasons if meeting or not r.meetings_only)

    def effect_on(self, effect: str) -> bool:
        """Whether an assumption declared with ``effect`` is in force."""
        return any(a.effect == effect and a.id in self.enabled for a in self.assumptions)

    def is_meeting_leave(self, rule: t.LeaveRule) -> bool:
        """The leave rule's situation is leave from a meeting (declared ``meeting: true``)."""
        return bool(getattr(self.get(rule.situation), "meeting", False))

    def group_roles(self, ident: str) -> tuple[str, ...]:
        """Roles a role group stands for (an id that is not a group stands for itself)."""
        for g in self.role_groups:
            if g.id == ident:
                return g.roles
        return (ident,)

    # ----- articles ------------------------------------------------------------------
    def citations(self) -> dict[int, list[str]]:
        """Article number -> ids of the active elements citing it."""
        out: dict[int, list[str]] = {}
        for ident, el in self.iter_cited():
            for a in el.articles:
                out.setdefault(a, []).append(ident)
        return out

    def iter_cited(self) -> Iterator[tuple[str, Any]]:
        for name in SECTIONS:
            if name in ("non_operational", "clauses"):
                continue
            items = self.assumptions if name == "assumptions" else self._get(name)
            for el in items:
                yield el.id, el
                if isinstance(el, t.DocumentType):
                    for link in el.is_a:
                        yield f"{el.id}.is_a.{link.type}", link
                if isinstance(el, t.Meeting):
                    for p in el.procedures:
                        yield p.id, p
                        for s in p.steps:
                            yield f"{p.id}.{s.id}", s
                if isinstance(el, t.Procedure):
                    for s in el.steps:
                        yield f"{el.id}.{s.id}", s

    @cached_property
    def article_texts(self) -> dict[int, str]:
        """The authoritative text of each article, from the ruleset's source file."""
        where = self.where(self.ruleset, "source") or SourceRef(str(self.folder))
        text, problems = read_text(
            confine(self.ruleset.source, self.folder, (self.folder,), where, "source"), where.file
        )
        if text is None:
            raise ModelError(problems)
        return split_articles(text)

    def article_text(self, number: int) -> str:
        return self.article_texts.get(number, "")


def _newly_derived(derived: list[t.Condition], holding: set[str]) -> set[str]:
    """The derived conditions not in ``holding`` that it makes hold: an ``any_of`` one when one
    of its components holds, an ``all_of`` one when every one does."""
    return {
        c.id
        for c in derived
        if c.id not in holding
        and (
            (c.any_of and any(x in holding for x in c.any_of))
            or (c.all_of and all(x in holding for x in c.all_of))
        )
    }
