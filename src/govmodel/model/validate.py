"""Cross-reference checks over a whole model, after each file has been validated on its own:
unknown references (with a "did you mean"), duplicate ids, articles out of range, articles
neither encoded nor marked non-operational, is_a cycles, step orderings.

The references between sections are checked here; the shared machinery (known ids, "did you
mean") is :mod:`govmodel.model.validate_base`, the checks against the rules' text (articles,
sentences, the source file) :mod:`govmodel.model.validate_text`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govmodel.errors import Problem
from govmodel.model import types as t
from govmodel.model.validate_base import ELEMENT_SECTIONS, Checker, missing_sections
from govmodel.model.validate_text import clauses, coverage, source

__all__ = ["cross_check"]


def cross_check(
    s: Any,
    folder: Path,
    elsewhere: frozenset[str] | None = frozenset(),
    cited_elsewhere: frozenset[int] = frozenset(),
) -> list[Problem]:
    """Every cross-reference problem of the merged sections ``s``.

    ``elsewhere`` holds the ids defined in files that failed their own validation (None when a
    file could not be read at all): references to them are not reported, nor the articles
    those files may cite, so one typo is one message. A section no file defines (a deleted
    ``roles.yaml``) is one message naming the missing file, not one per reference.
    ``cited_elsewhere`` holds the articles the elements of those files cite: the coverage of
    articles and sentences is checked even then (every problem of every stage in one run).
    """
    c = Checker(s, folder, elsewhere, cited_elsewhere)
    _duplicates(c)
    _roles(c)
    _documents(c)
    for p in s.procedures:
        _procedure(c, p)
    _deputies_and_leave(c)
    _meetings(c)
    _limits_and_orderings(c)
    _cast(c)
    if not c.unchecked and elsewhere is not None:
        clauses(c)  # with a file missing or unreadable, its elements would look unknown
        coverage(c)  # with a file missing or unreadable, articles it cites would look unaccounted for
    if c.unchecked:
        c.problems.append(missing_sections(c.unchecked, folder))
    source(c)
    return c.problems


def _duplicates(c: Checker) -> None:
    seen: dict[str, Any] = {}
    items: list[Any] = [x for n in ELEMENT_SECTIONS for x in getattr(c.s, n)]
    items += [p for m in c.s.meetings for p in m.procedures]
    if c.s.cast:
        items += list(c.s.cast.persons) + list(c.s.cast.departments)
    for el in items:
        if isinstance(el, t.Department) and el.body and el.body in seen:
            continue  # a department of the cast may stand for a body of the rules
        if el.id in seen:
            c.problems.append(
                Problem(
                    c.where(el, "id"),
                    f"duplicate id {el.id!r}",
                    f"ids are unique in a model (first at {c.where(seen[el.id])})",
                )
            )
        else:
            seen[el.id] = el
        c.articles(el, el.id)
        c.gate(el)


def _roles(c: Checker) -> None:
    from govmodel.model.vocab import MEANING_SCOPES

    for r in c.s.roles:
        c.ref(r, "specializes", r.specializes, c.roles | c.groups, "role or group")
        scopes = MEANING_SCOPES.get(r.meaning) if r.meaning else None
        if scopes and str(r.scope) not in scopes:
            c.problems.append(
                Problem(
                    c.where(r, "meaning"),
                    f"{r.id}: meaning {str(r.meaning)!r} with scope {str(r.scope)!r}",
                    f"scope: {' or '.join(scopes)} "
                    f"(the context whose {str(r.meaning).replace('_', ' ')} holds it)",
                )
            )
    for b in c.s.bodies:
        c.ref(b, "led_by", b.led_by, c.roles, "role")
    for g in c.s.role_groups:
        c.refs(g, "roles", g.roles, c.roles, "role")
    for cond in c.s.conditions:
        c.refs(cond, "implies", cond.implies, c.conditions, "condition")
        c.refs(cond, "any_of", cond.any_of, c.conditions, "condition")
        c.refs(cond, "all_of", cond.all_of, c.conditions, "condition")
        if cond.any_of and cond.all_of:
            c.problems.append(
                Problem(
                    c.where(cond, "all_of"),
                    f"{cond.id}: both any_of and all_of",
                    "one of them (write 'A or (B and C)' as two conditions, one naming the other)",
                )
            )
    _derived_cycles(c)


def _derived_cycles(c: Checker) -> None:
    """A condition derived (any_of/all_of) from itself, directly or through others, never holds."""
    parts = {x.id: x.any_of + x.all_of for x in c.s.conditions}
    for cond in c.s.conditions:
        todo, seen = list(parts.get(cond.id, ())), set()
        while todo:
            cur = todo.pop()
            if cur == cond.id:
                c.problems.append(
                    Problem(
                        c.where(cond),
                        f"{cond.id}: derived from itself (any_of/all_of)",
                        "components that do not lead back to the condition",
                    )
                )
                break
            if cur not in seen:
                seen.add(cur)
                todo.extend(parts.get(cur, ()))


def _documents(c: Checker) -> None:
    parents = {}
    for d in c.s.document_types:
        for link in d.is_a:
            c.ref(link, "is_a", link.type, c.doc_types, "document type")
            c.articles(link, f"{d.id}.is_a")
            c.gate(link)
        parents[d.id] = [link.type for link in d.is_a]
    for start in parents:
        path, todo = set(), [start]
        while todo:
            cur = todo.pop()
            for nxt in parents.get(cur, []):
                if nxt == start:
                    d = next(x for x in c.s.document_types if x.id == start)
                    c.problems.append(
                        Problem(
                            c.where(d),
                            f"is_a cycle through {start!r}",
                            "document types form a hierarchy without cycles",
                        )
                    )
                    todo = []
                    break
                if nxt not in path:
                    path.add(nxt)
                    todo.append(nxt)


def _procedure(c: Checker, p: t.Procedure) -> None:
    c.refs(p, "applies_to", p.applies_to, c.doc_types, "document type")
    for n in p.not_for:
        c.ref(n, "type", n.type, c.doc_types, "document type")
    step_ids: set[str] = set()
    for s in p.steps:
        if s.id in step_ids:
            c.problems.append(
                Problem(
                    c.where(s),
                    f"duplicate step id {s.id!r} in {p.id!r}",
                    "step ids are unique in a procedure",
                )
            )
        c.ref(s, "act", s.act, c.acts, "act")
        c.refs(s, "by", s.by, c.actors, "role, group, body or meeting")
        c.ref(s, "target", s.target, c.actors, "role, body or meeting")
        c.ref(s, "when", s.when, c.conditions, "condition")
        c.ref(s, "unless", s.unless, c.conditions, "condition")
        c.ref(s, "collective", s.collective, c.meetings, "meeting")
        c.refs(s, "after", s.after or (), step_ids, "earlier step of this procedure")
        c.articles(s, f"{p.id}.{s.id}")
        c.gate(s)
        step_ids.add(s.id)


def _deputies_and_leave(c: Checker) -> None:
    for r in c.s.deputy_rules:
        c.ref(r, "principal", r.principal, c.roles, "role")
        c.ref(r, "deputy", r.deputy, c.roles, "role")
        c.refs(r, "when_absent_for", r.when_absent_for, c.reasons, "absence reason")
        c.refs(r, "applies_to", r.applies_to, c.doc_types, "document type")
        c.refs(r, "meetings", r.meetings, c.meetings, "meeting")
        c.refs(r, "acts", () if r.acts == "all" else r.acts, c.acts, "act")
        if r.kind != "entrusts" and not r.when_absent_for:
            c.problems.append(
                Problem(
                    c.where(r),
                    f"{r.id}: no absence reason",
                    "when_absent_for lists the reasons the text names",
                )
            )
    for lr in c.s.leave_rules:
        c.refs(lr, "requesters", lr.requesters, c.roles | c.groups, "role or group")
        c.refs(lr, "approver", lr.approver, c.roles | c.groups, "role or group")
        c.refs(lr, "reasons", lr.reasons, c.reasons, "absence reason")
        c.ref(lr, "situation", lr.situation, c.situations, "leave situation")
        c.refs(lr, "files_with", lr.files_with, c.bodies, "body")


def _meetings(c: Checker) -> None:
    for m in c.s.meetings:
        for field in t.MEETING_ROLE_FIELDS:
            c.refs(m, field, getattr(m, field), c.roles | c.groups, "role or group")
        c.ref(m, "organizer", m.organizer, c.bodies, "body")
        c.refs(m, "decides", m.decides, c.doc_types, "document type")
        for q in m.quorum:
            c.refs(q, "of", q.of, c.roles | c.groups, "role or group")
            c.gate(q)
            if (q.share is None) == (q.count is None):
                c.problems.append(
                    Problem(
                        c.where(q),
                        f"{m.id}: a quorum with {'both' if q.share else 'neither'} share and count",
                        "one of share: '1/2' or count: N",
                    )
                )
            elif q.share and int(q.share.split("/")[0]) > int(q.share.split("/")[1]):
                c.problems.append(
                    Problem(
                        c.where(q, "share"),
                        f"{m.id}: quorum share {q.share} is more than all",
                        "a share up to 1/1",
                    )
                )
            if not q.of and not m.members:
                c.problems.append(
                    Problem(
                        c.where(q),
                        f"{m.id}: a quorum of the members, but the meeting has none",
                        "of: [role] or members: [...]",
                    )
                )
        if m.sign_in:
            c.refs(m.sign_in, "by", m.sign_in.by, c.actors, "role, group or body")
        sch = m.schedule
        if sch and sch.times_max is not None and sch.times_max < sch.times_min:
            c.problems.append(
                Problem(
                    c.where(sch, "times_max"),
                    f"{m.id}: times_max {sch.times_max} below times_min {sch.times_min}",
                    "a range min-max with max >= min",
                )
            )
        if sch and sch.per is None and sch.weekday is None:
            c.problems.append(
                Problem(
                    c.where(sch),
                    f"{m.id}: a schedule with neither weekday nor per",
                    "weekday: monday and/or per: week|month",
                )
            )
        for p in m.procedures:
            _procedure(c, p)


def _limits_and_orderings(c: Checker) -> None:
    for tl in c.s.time_limits:
        c.refs(tl, "applies_to", tl.applies_to, c.doc_types | c.meetings, "document type or meeting")
        c.ref(tl, "when", tl.when, c.conditions, "condition")
        c.ref(tl, "unless", tl.unless, c.conditions, "condition")
        c.refs(tl, "binds", tl.binds, c.acts, "act")
        if tl.kind == "annual_deadline" and tl.by_date is None:
            c.problems.append(
                Problem(c.where(tl), f"{tl.id}: no by_date", "an annual deadline has by_date: {month, day}")
            )
        elif tl.kind not in ("annual_deadline", "unquantified") and tl.duration is None:
            c.problems.append(
                Problem(
                    c.where(tl),
                    f"{tl.id}: no duration",
                    "duration: {value: N, unit: working_days|calendar_days|months}",
                )
            )
    for o in c.s.orderings:
        c.refs(o, "applies_to", o.applies_to, c.doc_types | c.meetings, "document type or meeting")
        c.ref(o, "when", o.when, c.conditions, "condition")
        c.ref(o, "unless", o.unless, c.conditions, "condition")
        for pat in (o.first, o.then):
            c.ref(pat, "act", pat.act, c.acts, "act")
            c.ref(pat, "by", pat.by, c.actors, "role, group, body or meeting")
            c.ref(pat, "target", pat.target, c.actors, "role, body or meeting")


def _cast(c: Checker) -> None:
    cast = c.s.cast
    if cast is None:
        return
    c.ref(cast, "assumption", cast.assumption, c.assumptions, "assumption")
    for p in cast.persons:
        c.refs(p, "holds", p.holds, c.roles, "role")
        c.refs(p, "in_charge_of", p.in_charge_of, c.departments, "department")
    for d in cast.departments:
        c.ref(d, "head", d.head, c.persons, "person")
        c.ref(d, "acting_head", d.acting_head, c.persons, "person")
        c.ref(d, "body", d.body, c.bodies, "body")
