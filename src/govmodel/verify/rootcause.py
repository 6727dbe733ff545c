"""Root causes: violated results grouped by the smallest change to the rules that closes them.

Each violation carries a :class:`~govmodel.findings.Cause` read off its witness and the
encoding (coverage: where the chains of stand-ins block for the witness's absences;
separation: the stand-in rule that lands a person on both levels) or off the property
itself (an act with nobody named, a role nobody holds, a meeting cadence, a calendar-day
limit, a conflict). Findings with the same cause form one :class:`RootCause`, with its
articles, a one-sentence summary in Chinese and English, its severity (that of its most
severe finding) and a candidate amendment: a reform overlay in the format of
``scenarios/reforms/*.yaml`` (:func:`amendment`), which ``govmodel suggest`` writes and
``govmodel reform`` judges. Nothing here is a hand-written list of gaps.

The grouping is here; the summaries and articles of a root cause are in
:mod:`govmodel.verify.rootcause_summary`, the candidate amendments in
:mod:`govmodel.verify.amendments`.
"""

from govmodel.findings import Cause, Finding, Results, RootCause, Status
from govmodel.model import Model
from govmodel.verify.amendments import amendment, candidates, reform_yaml
from govmodel.verify.rootcause_summary import articles_of, summary

# amendment, candidates and reform_yaml live in verify/amendments.py; named here too for the
# code that imported them from here
__all__ = ["RootCause", "cause_of", "root_causes", "amendment", "candidates", "reform_yaml"]


def cause_of(f: Finding) -> Cause:
    """The cause a check recorded, or the one the property itself names."""
    if f.cause is not None:
        return f.cause
    subject = str(f.subject)
    if f.property == "unspecified.step":
        return Cause("nobody_named", f.subject.procedure)
    if f.property == "unspecified.role":
        return Cause("unheld", f.subject.element)
    if f.property == "unspecified.leave":
        return Cause("no_approver", f.subject.situation or "")
    if (
        f.property == "timing.cadence"
        and f.counterexample is not None
        and f.counterexample.cast.get("meeting")
    ):
        return Cause("cadence", str(f.counterexample.cast["meeting"]))
    if f.property == "timing.calendar_days":
        return Cause("calendar", subject)
    if f.property == "timing.two_limits":  # two limits on one document that clash on the calendar
        return Cause("two_limits", subject)
    if f.property == "timing.vague_limit":  # one cause: the decision's limit (vague, or none)
        return Cause("vague_limit", ",".join(f.elements[1:]) or "none")
    if f.cls == "conflict":
        return Cause("conflict", subject)
    return Cause("other", f"{f.property}:{subject}")


def root_causes(model: Model, results: Results) -> tuple[RootCause, ...]:
    """Every root cause of the violated results, most severe first (then most findings)."""
    groups: dict[str, list[Finding]] = {}
    causes: dict[str, list[Cause]] = {}
    for f in results.with_status(Status.violated):
        c = cause_of(f)
        groups.setdefault(c.id, []).append(f)
        causes.setdefault(c.id, []).append(c)
    out = []
    for cid, found in groups.items():
        cs = causes[cid]
        sev = min((f.severity for f in found if f.severity is not None), key=lambda s: s.rank)
        found = sorted(
            found, key=lambda f: (f.severity.rank if f.severity else 9, f.property, str(f.subject))
        )
        kind, target = cs[0].kind, cs[0].target
        arts = articles_of(model, target, found)
        ov, note = amendment(model, kind, target, cs, found)
        out.append(
            RootCause(
                cid, kind, target, arts, summary(model, kind, target, cs, found), sev, tuple(found), ov, note
            )
        )
    return tuple(sorted(out, key=lambda r: (r.severity.rank, -len(r.findings), r.id)))
