"""The loaded model: inert, frozen data, read once. A reform is an overlay that produces a
new :class:`Model`; switching an assumption does too (:meth:`Model.with_assumptions`)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from govmodel.errors import ModelError, Problem
from govmodel.model import types as t
from govmodel.model.memo import memo
from govmodel.paths import confine
from govmodel.refs import Label, SourceRef
from govmodel.yamlio import read_text

__all__ = ["Model", "Sections", "SECTIONS"]

SECTIONS = (
    "absence_reasons", "roles", "bodies", "role_groups", "conditions", "document_types",
    "procedures", "deputy_rules", "leave_situations", "leave_rules", "meetings", "time_limits", "orderings",
    "assumptions", "non_operational", "clauses",
)


@dataclass(frozen=True)
class Sections:
    """Every element of a model as written, before assumptions are applied."""

    ruleset: t.Ruleset
    cast: t.Cast | None
    absence_reasons: tuple[t.AbsenceReason, ...] = ()
    roles: tuple[t.Role, ...] = ()
    bodies: tuple[t.Body, ...] = ()
    role_groups: tuple[t.RoleGroup, ...] = ()
    conditions: tuple[t.Condition, ...] = ()
    document_types: tuple[t.DocumentType, ...] = ()
    procedures: tuple[t.Procedure, ...] = ()
    deputy_rules: tuple[t.DeputyRule, ...] = ()
    leave_situations: tuple[t.LeaveSituation, ...] = ()
    leave_rules: tuple[t.LeaveRule, ...] = ()
    meetings: tuple[t.Meeting, ...] = ()
    time_limits: tuple[t.TimeLimit, ...] = ()
    orderings: tuple[t.Ordering, ...] = ()
    assumptions: tuple[t.Assumption, ...] = ()
    non_operational: tuple[t.NonOperational, ...] = ()
    clauses: tuple[t.Clause, ...] = ()


def _active(items: tuple[Any, ...], enabled: frozenset[str]) -> tuple[Any, ...]:
    return tuple(x for x in items if not isinstance(x, t.Gated) or x.active(enabled))


def _strip_procedure(p: t.Procedure, enabled: frozenset[str]) -> t.Procedure:
    """The procedure with its inactive steps removed; a step listed in another's ``after`` and
    switched off by an assumption is replaced there by its own predecessors (order is kept)."""
    steps, not_for = _active(p.steps, enabled), _active(p.not_for, enabled)
    if steps == p.steps and not_for == p.not_for:
        return p
    live = {s.id for s in steps}
    preds: dict[str, tuple[str, ...]] = {}
    previous: str | None = None
    for s in p.steps:
        preds[s.id] = s.after if s.after is not None else ((previous,) if previous else ())
        previous = s.id

    def expand(ids: tuple[str, ...], seen: frozenset[str] = frozenset()) -> tuple[str, ...]:
        out: list[str] = []
        for i in ids:
            if i in live:
                out.append(i)
            elif i not in seen:
                out += expand(preds.get(i, ()), seen | {i})
        return tuple(dict.fromkeys(out))

    fixed = []
    for s in steps:
        if s.after is not None and not set(s.after) <= live:
            s = s.model_copy(update={"after": expand(s.after)})
        fixed.append(s)
    return p.model_copy(update={"steps": tuple(fixed), "not_for": not_for})


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
    def build(cls, sections: Sections, folder: Path, enabled: frozenset[str] | None = None,
              overlays: tuple[str, ...] = ()) -> Model:
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
            items = _active(getattr(self.sections, name), self.enabled)
            if name == "procedures":
                items = tuple(_strip_procedure(p, self.enabled) for p in items)
            if name == "meetings":
                items = tuple(
                    m.model_copy(update={"procedures": tuple(
                        _strip_procedure(p, self.enabled) for p in _active(m.procedures, self.enabled))})
                    for m in items
                )
            if name == "document_types":
                items = tuple(d.model_copy(update={"is_a": _active(d.is_a, self.enabled)}) for d in items)
            cache[name] = items
        return cache[name]

    ruleset = property(lambda self: self.sections.ruleset)
    cast = property(lambda self: self.sections.cast)
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

    def label(self, ident: str | None) -> Label:
        """The bilingual label of any element, person or department (the id if it has none)."""
        if ident is None:
            return Label("无", "none")
        el = self.get(ident)
        if el is None:  # switched off by an assumption, yet still named where it is referenced
            el = next((x for name in SECTIONS[:-2] for x in getattr(self.sections, name) if getattr(x, "id", None) == ident), None)
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
            cache[doc_type] = tuple(p for p in self.procedures
                                    if sup & set(p.applies_to) and not sup & {n.type for n in p.not_for})
        found: tuple[t.Procedure, ...] = cache[doc_type]
        return found

    def close_conditions(self, conditions: frozenset[str] | set[str]) -> frozenset[str]:
        """The conditions and everything they imply (special urgency implies urgency), with
        the conditions derived from them (``any_of``: one of its components holds; ``all_of``:
        every one does)."""
        implies = {c.id: c.implies for c in self.conditions}
        derived = [c for c in self.conditions if c.derived]
        out = set(conditions)
        while True:
            todo = list(out)
            while todo:
                for nxt in implies.get(todo.pop(), ()):
                    if nxt not in out:
                        out.add(nxt)
                        todo.append(nxt)
            more = {c.id for c in derived if c.id not in out
                    and ((c.any_of and any(x in out for x in c.any_of)) or (c.all_of and all(x in out for x in c.all_of)))}
            if not more:
                return frozenset(out)
            out |= more

    def conditions_meaning(self, meaning: str) -> frozenset[str]:
        """The ids of the conditions declared with ``meaning`` (urgent, specially_urgent,
        involves_other_departments)."""
        return frozenset(c.id for c in self.conditions if c.meaning == meaning)

    def with_derived(self, conditions: frozenset[str]) -> frozenset[str]:
        """The conditions and the derived ones (``any_of``/``all_of``) they make hold, without
        the implied ones (:meth:`close_conditions` adds those too)."""
        derived = [c for c in self.conditions if c.derived]
        out = set(conditions)
        while True:
            more = {c.id for c in derived if c.id not in out
                    and ((c.any_of and any(x in out for x in c.any_of)) or (c.all_of and all(x in out for x in c.all_of)))}
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

    def time_limits_for(self, doc_type: str, conditions: frozenset[str] | None = None) -> tuple[t.TimeLimit, ...]:
        """Time limits of a document type; with ``conditions``, only those that apply."""
        sup = set(self.supertypes(doc_type))
        limits = tuple(tl for tl in self.time_limits if sup & set(tl.applies_to))
        if conditions is None:
            return limits
        cond = self.close_conditions(conditions)
        return tuple(tl for tl in limits if (not tl.when or tl.when in cond) and not (tl.unless and tl.unless in cond))

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
        where = self.ruleset.where("source") or SourceRef(str(self.folder))
        text, problems = read_text(confine(self.ruleset.source, self.folder, (self.folder,), where, "source"), where.file)
        if text is None:
            raise ModelError(problems)
        return split_articles(text)

    def article_text(self, number: int) -> str:
        return self.article_texts.get(number, "")


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ARTICLE = re.compile(r"^([一二三四五六七八九十]+)、")


_CN_NUMBER = re.compile(r"(?:([一二三四五六七八九]?)十([一二三四五六七八九]?)|([一二三四五六七八九]))")


def chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 二十三 → 23, 六十七 → 67 (the article numbers of the rules).

    Raises ``ValueError`` for anything else ("一一", "十十", "零").
    """
    m = _CN_NUMBER.fullmatch(text)
    if not m:
        raise ValueError(f"{text!r} is not a Chinese number from 一 to 九十九")
    tens, ones, single = m.groups()
    if single:
        return _CN_DIGITS[single]
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def article_heading_problems(text: str) -> list[tuple[int, str]]:
    """Lines that look like an article heading (``一一、``) but whose numeral is not a number:
    ``(line, numeral)`` pairs, for the loader to report."""
    out = []
    for i, line in enumerate(text.splitlines(), 1):
        m = _ARTICLE.match(line)
        if m and not _CN_NUMBER.fullmatch(m.group(1)):
            out.append((i, m.group(1)))
    return out


_SENTENCE_END = re.compile(r"(?<=[。！？；;])|\n")


def split_sentences(article: str) -> list[str]:
    """The sentences of an article's text: split after 。！？； and at line ends (the items
    (一)(二)… of a list are sentences of their own); blank pieces dropped."""
    return [x.strip() for x in _SENTENCE_END.split(article) if x and x.strip()]


def split_articles(text: str) -> dict[int, str]:
    """Split the rules' text into articles numbered 一、二、… (continuation lines included).

    A line that starts like a heading with a numeral that is not a number (``一一、``) is text
    of the current article; the loader reports it (:func:`article_heading_problems`).
    """
    out: dict[int, str] = {}
    current: int | None = None
    for line in text.splitlines():
        m = _ARTICLE.match(line)
        if m and _CN_NUMBER.fullmatch(m.group(1)):
            current = chinese_number(m.group(1))
            out[current] = line
        elif current is not None and not line.startswith("第") and line.strip():
            out[current] += "\n" + line
        elif line.startswith("第") and "章" in line[:6]:
            current = None
    return out
