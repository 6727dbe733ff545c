"""Cross-reference checks over a whole model, after each file has been validated on its own:
unknown references (with a "did you mean"), duplicate ids, articles out of range, articles
neither encoded nor marked non-operational, is_a cycles, step orderings."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from govmodel.errors import InputError, Problem, excerpt
from govmodel.model import types as t
from govmodel.paths import confine
from govmodel.refs import SourceRef

__all__ = ["cross_check"]

# What a reference names → the section that defines it, and the file of the bundled models that
# holds that section (to name a missing file; any file may hold any section).
_KINDS = {
    "absence reason": ("absence_reasons", "roles.yaml"), "role": ("roles", "roles.yaml"),
    "group": ("role_groups", "roles.yaml"), "body": ("bodies", "roles.yaml"),
    "condition": ("conditions", "roles.yaml"), "meeting": ("meetings", "meetings.yaml"),
    "leave situation": ("leave_situations", "leave.yaml"),
    "document type": ("document_types", "procedures.yaml"), "assumption": ("assumptions", "assumptions.yaml"),
    "person": ("cast", "cast.yaml"), "department": ("cast", "cast.yaml"),
}


class _Checker:
    def __init__(self, s: Any, folder: Path, elsewhere: frozenset[str] | None = frozenset(),
                 cited_elsewhere: frozenset[int] = frozenset()):
        self.s = s
        self.cited_elsewhere = cited_elsewhere  # articles the elements of failed files cite
        self.folder = folder
        self.problems: list[Problem] = []
        # ids defined in files that failed their own validation (None: a file could not be read
        # at all, so any id may be there): a reference to them is not reported again
        self.elsewhere = elsewhere
        # sections no file defines (a deleted roles.yaml): their references are one problem
        self.empty = {sec for sec, _ in _KINDS.values()
                      if not (s.cast if sec == "cast" else getattr(s, sec, ()))}
        self.unchecked: dict[str, int] = {}
        ids = lambda xs: {x.id for x in xs}  # noqa: E731
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
        cast = s.cast
        self.persons = {p.id for p in cast.persons} if cast else set()
        self.departments = {d.id for d in cast.departments} if cast else set()

    def where(self, node: Any, field: str | None = None) -> SourceRef:
        if field and isinstance(node, t.Node):
            return node.where(field) or SourceRef(str(self.folder))
        return getattr(node, "pos", None) or SourceRef(str(self.folder))

    def ref(self, node: Any, field: str, value: str | None, known: set[str], what: str) -> None:
        if value is None or value in known:
            return
        if self.elsewhere is None or value in self.elsewhere:
            return  # defined in a file already reported as invalid: a knock-on, not a new problem
        # the kind a reference names first ("role" in "role, group, body or meeting"): when no
        # file defines any, the reference cannot be checked; one message for all of them
        kinds = sorted((what.find(k), sec) for k, (sec, _) in _KINDS.items() if k in what)
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
                self.problems.append(Problem(self.where(node, "articles"), f"{ident}: article {a}", f"an article between 1 and {top}"))


def cross_check(s: Any, folder: Path, elsewhere: frozenset[str] | None = frozenset(),
                cited_elsewhere: frozenset[int] = frozenset()) -> list[Problem]:
    """Every cross-reference problem of the merged sections ``s``.

    ``elsewhere`` holds the ids defined in files that failed their own validation (None when a
    file could not be read at all): references to them are not reported, nor the articles
    those files may cite, so one typo is one message. A section no file defines (a deleted
    ``roles.yaml``) is one message naming the missing file, not one per reference.
    ``cited_elsewhere`` holds the articles the elements of those files cite: the coverage of
    articles and sentences is checked even then (every problem of every stage in one run).
    """
    c = _Checker(s, folder, elsewhere, cited_elsewhere)
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
        _clauses(c)  # with a file missing or unreadable, its elements would look unknown
        _coverage(c)  # with a file missing or unreadable, articles it cites would look unaccounted for
    if c.unchecked:
        c.problems.append(_missing_sections(c.unchecked, folder))
    try:  # the text must lie in the model folder (symlinks resolved) and be a regular file
        src = confine(s.ruleset.source, folder, (folder,), c.where(s.ruleset, "source"), "source")
    except InputError as exc:
        c.problems += exc.problems
    else:
        if not src.exists():
            c.problems.append(Problem(c.where(s.ruleset), f"source: file {excerpt(s.ruleset.source)} not found", "the rules' text beside the model files"))
        elif not src.is_file():
            c.problems.append(Problem(c.where(s.ruleset, "source"), f"source: {excerpt(s.ruleset.source)} is not a regular file", "the rules' text beside the model files (devices, FIFOs and sockets are never read)"))
        else:
            _source_text(c, src)
    return c.problems


def _missing_sections(unchecked: dict[str, int], folder: Path) -> Problem:
    """One message for the sections no file defines while other files refer to them (a deleted
    file), naming the file the bundled models keep them in when it is not in the folder."""
    from govmodel.yamlio import display_path

    files = dict.fromkeys(f for sec, f in _KINDS.values() if sec in unchecked)
    gone = [f for f in files if not (folder / f).exists()]
    names = ", ".join(s.replace("_", " ") for s in unchecked)
    n = sum(unchecked.values())
    found = f"no file defines any {names} ({n} references to them were not checked)"
    if gone:
        found = f"文件缺失 / file missing: {' or '.join(gone)}? " + found
    return Problem(SourceRef(display_path(folder)), found,
                   f"restore {' / '.join(files)} (where the bundled models keep them), or define these sections in another file")


def _source_text(c: _Checker, src: Path) -> None:
    """The rules' text must be UTF-8 and its article headings readable numbers."""
    from govmodel.model.model import article_heading_problems
    from govmodel.yamlio import display_path, read_text

    name = display_path(src)
    text, problems = read_text(src, name, "the rules' text in UTF-8")
    c.problems.extend(problems)
    for line, numeral in article_heading_problems(text or ""):
        c.problems.append(Problem(SourceRef(name, line, 1), f"article heading {numeral + '、'!r} is not a number",
                                  "a heading numbered 一、 to 九十九、 (十、, 十一、, 二十、 …)"))


def _duplicates(c: _Checker) -> None:
    seen: dict[str, Any] = {}
    names = ("absence_reasons", "roles", "bodies", "role_groups", "conditions", "document_types",
             "procedures", "deputy_rules", "leave_situations", "leave_rules", "meetings", "time_limits", "orderings",
             "assumptions")
    items: list[Any] = [x for n in names for x in getattr(c.s, n)]
    items += [p for m in c.s.meetings for p in m.procedures]
    if c.s.cast:
        items += list(c.s.cast.persons) + list(c.s.cast.departments)
    for el in items:
        if isinstance(el, t.Department) and el.body and el.body in seen:
            continue  # a department of the cast may stand for a body of the rules
        if el.id in seen:
            c.problems.append(Problem(c.where(el, "id"), f"duplicate id {el.id!r}", f"ids are unique in a model (first at {c.where(seen[el.id])})"))
        else:
            seen[el.id] = el
        c.articles(el, el.id)
        c.gate(el)


def _roles(c: _Checker) -> None:
    from govmodel.model.vocab import MEANING_SCOPES

    for r in c.s.roles:
        c.ref(r, "specializes", r.specializes, c.roles | c.groups, "role or group")
        scopes = MEANING_SCOPES.get(r.meaning) if r.meaning else None
        if scopes and str(r.scope) not in scopes:
            c.problems.append(Problem(c.where(r, "meaning"), f"{r.id}: meaning {str(r.meaning)!r} with scope {str(r.scope)!r}",
                                      f"scope: {' or '.join(scopes)} (the context whose {str(r.meaning).replace('_', ' ')} holds it)"))
    for b in c.s.bodies:
        c.ref(b, "led_by", b.led_by, c.roles, "role")
    for g in c.s.role_groups:
        c.refs(g, "roles", g.roles, c.roles, "role")
    for cond in c.s.conditions:
        c.refs(cond, "implies", cond.implies, c.conditions, "condition")
        c.refs(cond, "any_of", cond.any_of, c.conditions, "condition")
        c.refs(cond, "all_of", cond.all_of, c.conditions, "condition")
        if cond.any_of and cond.all_of:
            c.problems.append(Problem(c.where(cond, "all_of"), f"{cond.id}: both any_of and all_of",
                                      "one of them (write 'A or (B and C)' as two conditions, one naming the other)"))
    _derived_cycles(c)


def _derived_cycles(c: _Checker) -> None:
    """A condition derived (any_of/all_of) from itself, directly or through others, never holds."""
    parts = {x.id: x.any_of + x.all_of for x in c.s.conditions}
    for cond in c.s.conditions:
        todo, seen = list(parts.get(cond.id, ())), set()
        while todo:
            cur = todo.pop()
            if cur == cond.id:
                c.problems.append(Problem(c.where(cond), f"{cond.id}: derived from itself (any_of/all_of)",
                                          "components that do not lead back to the condition"))
                break
            if cur not in seen:
                seen.add(cur)
                todo.extend(parts.get(cur, ()))


def _documents(c: _Checker) -> None:
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
                    c.problems.append(Problem(c.where(d), f"is_a cycle through {start!r}", "document types form a hierarchy without cycles"))
                    todo = []
                    break
                if nxt not in path:
                    path.add(nxt)
                    todo.append(nxt)


def _procedure(c: _Checker, p: t.Procedure) -> None:
    c.refs(p, "applies_to", p.applies_to, c.doc_types, "document type")
    for n in p.not_for:
        c.ref(n, "type", n.type, c.doc_types, "document type")
    step_ids: set[str] = set()
    for s in p.steps:
        if s.id in step_ids:
            c.problems.append(Problem(c.where(s), f"duplicate step id {s.id!r} in {p.id!r}", "step ids are unique in a procedure"))
        c.refs(s, "by", s.by, c.actors, "role, group, body or meeting")
        c.ref(s, "target", s.target, c.actors, "role, body or meeting")
        c.ref(s, "when", s.when, c.conditions, "condition")
        c.ref(s, "unless", s.unless, c.conditions, "condition")
        c.ref(s, "collective", s.collective, c.meetings, "meeting")
        c.refs(s, "after", s.after or (), step_ids, "earlier step of this procedure")
        c.articles(s, f"{p.id}.{s.id}")
        c.gate(s)
        step_ids.add(s.id)


def _deputies_and_leave(c: _Checker) -> None:
    for r in c.s.deputy_rules:
        c.ref(r, "principal", r.principal, c.roles, "role")
        c.ref(r, "deputy", r.deputy, c.roles, "role")
        c.refs(r, "when_absent_for", r.when_absent_for, c.reasons, "absence reason")
        c.refs(r, "applies_to", r.applies_to, c.doc_types, "document type")
        c.refs(r, "meetings", r.meetings, c.meetings, "meeting")
        if r.kind != "entrusts" and not r.when_absent_for:
            c.problems.append(Problem(c.where(r), f"{r.id}: no absence reason", "when_absent_for lists the reasons the text names"))
    for lr in c.s.leave_rules:
        c.refs(lr, "requesters", lr.requesters, c.roles | c.groups, "role or group")
        c.refs(lr, "approver", lr.approver, c.roles | c.groups, "role or group")
        c.refs(lr, "reasons", lr.reasons, c.reasons, "absence reason")
        c.ref(lr, "situation", lr.situation, c.situations, "leave situation")
        c.refs(lr, "files_with", lr.files_with, c.bodies, "body")


def _meetings(c: _Checker) -> None:
    for m in c.s.meetings:
        for field in ("members", "may_attend", "may_attend_approved_by", "convener", "presider", "presider_entrusted_by"):
            c.refs(m, field, getattr(m, field), c.roles | c.groups, "role or group")
        c.ref(m, "organizer", m.organizer, c.bodies, "body")
        c.refs(m, "decides", m.decides, c.doc_types, "document type")
        for q in m.quorum:
            c.refs(q, "of", q.of, c.roles | c.groups, "role or group")
            c.gate(q)
            if (q.share is None) == (q.count is None):
                c.problems.append(Problem(c.where(q), f"{m.id}: a quorum with {'both' if q.share else 'neither'} share and count",
                                          "one of share: '1/2' or count: N"))
            elif q.share and int(q.share.split("/")[0]) > int(q.share.split("/")[1]):
                c.problems.append(Problem(c.where(q, "share"), f"{m.id}: quorum share {q.share} is more than all", "a share up to 1/1"))
            if not q.of and not m.members:
                c.problems.append(Problem(c.where(q), f"{m.id}: a quorum of the members, but the meeting has none",
                                          "of: [role] or members: [...]"))
        if m.sign_in:
            c.refs(m.sign_in, "by", m.sign_in.by, c.actors, "role, group or body")
        sch = m.schedule
        if sch and sch.times_max is not None and sch.times_max < sch.times_min:
            c.problems.append(Problem(c.where(sch, "times_max"), f"{m.id}: times_max {sch.times_max} below times_min {sch.times_min}",
                                      "a range min-max with max >= min"))
        if sch and sch.per is None and sch.weekday is None:
            c.problems.append(Problem(c.where(sch), f"{m.id}: a schedule with neither weekday nor per", "weekday: monday and/or per: week|month"))
        for p in m.procedures:
            _procedure(c, p)


def _limits_and_orderings(c: _Checker) -> None:
    for tl in c.s.time_limits:
        c.refs(tl, "applies_to", tl.applies_to, c.doc_types | c.meetings, "document type or meeting")
        c.ref(tl, "when", tl.when, c.conditions, "condition")
        c.ref(tl, "unless", tl.unless, c.conditions, "condition")
        if tl.kind == "annual_deadline" and tl.by_date is None:
            c.problems.append(Problem(c.where(tl), f"{tl.id}: no by_date", "an annual deadline has by_date: {month, day}"))
        elif tl.kind not in ("annual_deadline", "unquantified") and tl.duration is None:
            c.problems.append(Problem(c.where(tl), f"{tl.id}: no duration", "duration: {value: N, unit: working_days|calendar_days|months}"))
    for o in c.s.orderings:
        c.refs(o, "applies_to", o.applies_to, c.doc_types | c.meetings, "document type or meeting")
        c.ref(o, "when", o.when, c.conditions, "condition")
        c.ref(o, "unless", o.unless, c.conditions, "condition")
        for pat in (o.first, o.then):
            c.ref(pat, "by", pat.by, c.actors, "role, group, body or meeting")
            c.ref(pat, "target", pat.target, c.actors, "role, body or meeting")


def _cast(c: _Checker) -> None:
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


def _coverage(c: _Checker) -> None:
    top = c.s.ruleset.articles
    cited: dict[int, Any] = {a: None for a in c.cited_elsewhere}  # cited by an element of a failed file
    for el in _all_cited(c.s):
        for a in el.articles:
            cited.setdefault(a, el)
    marked: dict[int, Any] = {}
    for n in c.s.non_operational:
        if not 1 <= n.article <= top:
            c.problems.append(Problem(c.where(n), f"article {n.article}", f"an article between 1 and {top}"))
        elif n.article in marked:
            c.problems.append(Problem(c.where(n), f"article {n.article} marked non_operational twice", f"once (first at {c.where(marked[n.article])})"))
        elif n.article in cited:
            el = cited[n.article]
            c.problems.append(Problem(c.where(n), f"article {n.article} marked non_operational but {getattr(el, 'id', 'an element')!r} cites it ({c.where(el)})", "an article is either encoded or non_operational"))
        marked.setdefault(n.article, n)
    missing = [a for a in range(1, top + 1) if a not in cited and a not in marked]
    if missing:
        where = SourceRef(str(c.folder))
        c.problems.append(Problem(where, f"articles neither encoded nor marked non_operational: {', '.join(map(str, missing))}", "cite each article from an element, or list it under non_operational with a reason"))


def _clauses(c: _Checker) -> None:
    """With a ``clauses`` section, every sentence of every encoded article is accounted for
    (sentences of an article marked non_operational inherit its reason unless listed), each
    listed sentence exists and opens with its ``text``, encoded ones name elements that cite
    the article, the others give a reason."""
    if not c.s.clauses:
        return
    from govmodel.model.model import split_articles, split_sentences

    try:
        texts = split_articles((c.folder / c.s.ruleset.source).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return  # the loader reports an unreadable source text
    known: dict[str, Any] = {}
    for el in _all_cited(c.s):
        if getattr(el, "id", None):
            known.setdefault(el.id, el)
    for p in list(c.s.procedures) + [q for m in c.s.meetings for q in m.procedures]:
        for st in p.steps:
            known[f"{p.id}.{st.id}"] = st
    seen: dict[tuple[int, int], Any] = {}
    for cl in c.s.clauses:
        sents = split_sentences(texts.get(cl.article, ""))
        key = (cl.article, cl.sentence)
        if key in seen:
            c.problems.append(Problem(c.where(cl), f"article {cl.article} sentence {cl.sentence} listed twice",
                                      f"once (first at {c.where(seen[key])})"))
            continue
        seen[key] = cl
        if cl.sentence > len(sents):
            c.problems.append(Problem(c.where(cl, "sentence"), f"article {cl.article} has no sentence {cl.sentence}",
                                      f"a sentence between 1 and {len(sents)}"))
            continue
        if not sents[cl.sentence - 1].startswith(cl.text.strip()):
            c.problems.append(Problem(c.where(cl, "text"), f"article {cl.article} sentence {cl.sentence} does not open with {cl.text[:40]!r}",
                                      f"its opening words: {sents[cl.sentence - 1][:20]!r}"))
        if cl.status == "encoded":
            if not cl.elements:
                c.problems.append(Problem(c.where(cl), "an encoded sentence with no elements", "the ids of the elements that encode it"))
            for e in cl.elements:
                if e not in known and e.partition(".")[0] not in (c.elsewhere or ()):  # not in a failed file
                    close = difflib.get_close_matches(e, sorted(known), n=1, cutoff=0.6)
                    c.problems.append(Problem(c.where(cl, "elements"), f"elements: unknown element {e!r}",
                                              f"did you mean {close[0]!r}?" if close else "an element id (a step as procedure.step)"))
        elif cl.reason is None:
            c.problems.append(Problem(c.where(cl), f"{'an' if cl.status == 'omitted' else 'a'} {cl.status} sentence with no reason", "reason: {zh: …, en: …}"))
    marked = {n.article for n in c.s.non_operational}
    missing = [f"{a}.{i}" for a in sorted(texts) if a not in marked
               for i in range(1, len(split_sentences(texts[a])) + 1) if (a, i) not in seen]
    if missing:
        shown = ", ".join(missing[:12]) + (f" … ({len(missing)} in all)" if len(missing) > 12 else "")
        c.problems.append(Problem(SourceRef(str(c.folder)), f"sentences not accounted for (article.sentence): {shown}",
                                  "list each under clauses as encoded, non_operational or omitted"))


def _all_cited(s: Any) -> Iterable[Any]:
    names = ("absence_reasons", "roles", "bodies", "role_groups", "conditions", "document_types",
             "procedures", "deputy_rules", "leave_situations", "leave_rules", "meetings", "time_limits", "orderings", "assumptions")
    for n in names:
        for el in getattr(s, n):
            yield el
            for sub in getattr(el, "steps", ()):
                yield sub
            for sub in getattr(el, "is_a", ()):
                yield sub
            for p in getattr(el, "procedures", ()):
                yield p
                yield from p.steps
