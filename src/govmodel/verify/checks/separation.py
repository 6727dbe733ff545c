"""Separation of duties: once deputies stand in, no scenario forces one person to perform
two levels of one check (review then sign, approve then decide, two approvals in a row) or
to grant his own leave.

"Forced" means the person can perform both acts and nobody else can perform either (for a
step where every holder acts, being one of them suffices): the rules then leave no choice
but self-checking. The pairs are taken from the composed step DAG of each document type
under every combination of its conditions, and from each meeting pipeline; two steps that
name a common actor are meant to be done by the same person and are not checked.

The same act reached by two routes is one act: steps of different procedures asking the same
act of the same actors (art. 47's and art. 48's review by the vice mayor in charge) are one
node, named by the first of them (:func:`routes`), and two settling acts of different
procedures on one document (art. 46's approval and art. 43's finalization) are one decision,
not two levels: either they name a common person, or :mod:`.conflict` reports them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import z3

from govmodel.findings import Cause, Counterexample, Finding, Status, Subject, TraceStep
from govmodel.graph.procedures import procedure_dag
from govmodel.model import Model
from govmodel.model import types as t
from govmodel.refs import Label
from govmodel.verify import decode, solve
from govmodel.verify.checks._common import Case, no_answer, persons_of, rule_ids, when_away
from govmodel.verify.checks.act_meanings import LEVELS, act_level, same_act
from govmodel.verify.checks.coverage_cases import institutional
from govmodel.verify.checks.separation_cases import leave_cases, step_cases
from govmodel.verify.dags import Dag, Piece, lights
from govmodel.verify.encode import Encoding
from govmodel.verify.properties import Property
from govmodel.verify.questions import ask
from govmodel.verify.scenarios import (
    Bounds,
    condition_sets,
    governed_types,
    mentioned_conditions,
)
from govmodel.verify.terms import conj, disj, false, truth

__all__ = ["LEVELS", "properties", "evaluate", "check_pairs"]


def _roles(model: Model, actors: tuple[str, ...]) -> set[str]:
    return {r for a in actors for r in model.group_roles(a)}


def _checkable(model: Model, a: t.Step, b: t.Step) -> bool:
    la, lb = act_level(model, a.act), act_level(model, b.act)
    if la is None or lb is None or la > lb:
        return False
    if a.optional or b.optional or not a.by or not b.by:
        return False
    if institutional(model, a.by) or institutional(model, b.by):
        return False
    return not (_roles(model, a.by) & _roles(model, b.by))


def _signature(model: Model, s: t.Step) -> tuple:
    return (str(s.act), frozenset(_roles(model, s.by)), s.target, s.all_holders)


def routes(model: Model) -> dict[str, str]:
    """Step node id → the id standing for every step asking the same act of the same actors:
    the same act reached through two rules is one act. The representative is the step that
    governs the most document types (then the least id), so it is present wherever the others are."""
    groups: dict[tuple, list[str]] = {}
    reach: dict[str, int] = {}
    for proc in model.all_procedures():
        n = len(governed_types(model, proc))  # the document types it governs
        for s in proc.steps:
            if s.by and not s.optional:
                node = f"{proc.id}.{s.id}"
                groups.setdefault(_signature(model, s), []).append(node)
                reach[node] = n
    return {n: min(ids, key=lambda x: (-reach[x], x)) for ids in groups.values() for n in ids}


def _one_decision(model: Model, u: str, v: str, a: t.Step, b: t.Step) -> bool:
    """Two settling acts asked by different procedures of one document: the one decision."""
    return u.partition(".")[0] != v.partition(".")[0] and same_act(model, str(a.act), str(b.act))


def check_pairs(model: Model) -> dict[tuple[str, str], dict[str, set]]:
    """(earlier step, later step) node ids → document types (or meeting), condition sets and
    the routes (step ids) merged into each node."""
    out: dict[tuple[str, str], dict[str, set]] = {}
    canon = routes(model)

    checkable: dict[tuple[str, str], bool] = {}
    level: dict[str, bool] = {}

    def cands(nodes: Iterable[str], steps: dict[str, t.Step]) -> list[str]:
        """The steps among ``nodes`` that can be a level of a check, in order."""
        out = []
        for n in nodes:
            if n not in level:
                s = steps[n]
                level[n] = (
                    act_level(model, s.act) is not None
                    and bool(s.by)
                    and not s.optional
                    and not institutional(model, s.by)
                )
            if level[n]:
                out.append(n)
        return out

    def check(u: str, v: str, steps_u: dict[str, t.Step], steps_v: dict[str, t.Step]) -> bool:
        """``u`` before ``v`` is a pair to check (once per pair of nodes: a node is one step)."""
        found = checkable.get((u, v))
        if found is None:
            sa, sb = steps_u[u], steps_v[v]
            found = checkable[(u, v)] = (
                _checkable(model, sa, sb)
                and not _one_decision(model, u, v, sa, sb)
                and canon.get(u, u) != canon.get(v, v)
            )
        return found

    # A composed DAG is a chain of its procedures' DAGs (pieces, shared by the DAGs; dags.Dag):
    # a step reaches every step of a later piece, and within a piece what that piece says, so
    # the checkable pairs of a DAG are those within each of its pieces and across each pair,
    # found once per piece and pair of pieces, not once per DAG (1876 for Dalian, issue #11)
    piece_cands: dict[Piece, list[str]] = {}  # (keyed by the pieces: each is kept, its id its own)
    between: dict[tuple[Piece, Piece | None], list[tuple[str, str]]] = {}  # None: within the piece

    def cands_of(p: Piece) -> list[str]:
        found = piece_cands.get(p)
        if found is None:
            found = piece_cands[p] = cands(p.nodes, p.steps)
        return found

    def pairs(p: Piece, q: Piece | None) -> list[tuple[str, str]]:
        found = between.get((p, q))
        if found is None:
            cp = piece_cands[p]
            found = between[(p, q)] = (
                [(u, v) for u in cp for v in cp if v in p.after[u] and check(u, v, p.steps, p.steps)]
                if q is None
                else [(u, v) for u in cp for v in piece_cands[q] if check(u, v, p.steps, q.steps)]
            )
        return found

    # the raw pairs of a chain of pieces, by the pieces that have a candidate (most DAGs differ
    # only in pieces without one)
    chained: dict[tuple[Piece, ...], list[tuple[str, str]]] = {}

    def pairs_of(g: Dag) -> list[tuple[str, str, str, str]]:
        """(representative of u, of v, u, v) for every checkable pair of steps of ``g``."""
        live = tuple(p for p in g.pieces if cands_of(p))
        raw = chained.get(live)
        if raw is None:
            raw = chained[live] = [
                pair for i, p in enumerate(live) for q in (None, *live[i + 1 :]) for pair in pairs(p, q)
            ]
        found = []
        for u, v in raw:
            cu, cv = canon.get(u, u), canon.get(v, v)
            if cu not in g or cv not in g:  # the representative is absent here: keep this route's own names
                cu, cv = u, v
            found.append((cu, cv, u, v))
        return found

    def scan(owner: str, conds: frozenset[str], found: list[tuple[str, str, str, str]]) -> None:
        for cu, cv, u, v in found:
            slot = out.setdefault((cu, cv), {"owners": set(), "conditions": set(), "routes": set()})
            slot["owners"].add(owner)
            slot["conditions"].add(conds)
            slot["routes"] |= {u, v}

    # the pairs of a DAG once: types with the same procedures and relevant conditions share
    # one (dags.light); the DAG is kept with its pairs, so its id stays its own
    scanned: dict[int, tuple[Dag, list[tuple[str, str, str, str]]]] = {}
    for d in model.document_types:
        if model.procedures_for(d.id):
            for conds, g in lights(model, d.id):
                hit = scanned.get(id(g))
                if hit is None:
                    hit = scanned[id(g)] = (g, pairs_of(g))
                scan(d.id, conds, hit[1])
    for m in model.meetings:
        for p in m.procedures:
            for conds in condition_sets(mentioned_conditions(p.steps, model)):
                g = Dag.of_graph(procedure_dag(p, model.with_derived(conds)))
                scan(f"meeting:{m.id}", conds, pairs_of(g))
    return out


def _step_words(model: Model, step: t.Step) -> Label:
    """A step of a two-level check in words: its act and who the text names for it
    (``审核(分管副市长)`` / ``reviews (as Vice mayor in charge)``), never its id."""
    act = decode.act_label(model, step.act)
    who = [decode.label_of(model, r) for r in step.by]
    if not who:
        return act
    return Label(
        f"{act.zh}({'、'.join(w.zh for w in who)})", f"{act.en} (as {' or '.join(w.en for w in who)})"
    )


def properties(model: Model, bounds: Bounds) -> Iterator[Property]:
    for (u, v), slot in sorted(check_pairs(model).items()):
        a, b = model.get(u), model.get(v)
        la, lb = _step_words(model, a), _step_words(model, b)
        yield Property(
            "separation.two_levels",
            Subject.pair(u, ">", v),
            Label(f"同一人不得既{la.zh}又{lb.zh}", f"no one both {la.en} and {lb.en}"),
            (u, v, *sorted(slot["routes"] - {u, v})),
            v,
            {
                "kind": "steps",
                "a": u,
                "b": v,
                "owners": sorted(slot["owners"]),
                "condition_sets": len(slot["conditions"]),
                "routes": sorted(slot["routes"]),
            },
        )
    for lr in model.leave_rules:
        yield Property(
            "separation.own_leave",
            Subject(lr.id),
            Label(f"{lr.label.zh}:任何人不得批准自己的请假", f"{lr.label.en}: nobody grants his own leave"),
            (lr.id,),
            lr.id,
            {"kind": "leave", "rule": lr.id},
        )


def _both(enc: Encoding, ca: Case, cb: Case) -> z3.BoolRef:
    if ca.act == "leave_request":
        q = next(iter(ca.scene.present))
        return enc.forced(cb.roots, q)
    ends_a = {ch.person for r in ca.roots for ch in r.chains if ch.person}
    ends_b = {ch.person for r in cb.roots for ch in r.chains if ch.person}
    both = sorted(ends_a & ends_b)
    return disj(
        [
            conj([enc.forced(ca.roots, p, ca.all_holders), enc.forced(cb.roots, p, cb.all_holders)])
            for p in both
        ]
        or [false()]
    )


def _is_meeting(model: Model, prop: Property) -> bool:
    """Leave from a meeting, or two acts of meetings' pipelines: meetings-only absences count."""
    p = prop.parameters
    if p["kind"] == "leave":
        return model.is_meeting_leave(model.get(p["rule"]))
    procs = [str(p[x]).partition(".")[0] for x in ("a", "b") if x in p]
    return bool(procs) and all(model.meeting_of(x) is not None for x in procs)


def evaluate(model: Model, prop: Property, bounds: Bounds) -> Finding:
    """Prove no scenario forces one person onto both levels, or find the smallest one that does."""
    pairs = (
        leave_cases(model, model.get(prop.parameters["rule"]), bounds)
        if prop.parameters["kind"] == "leave"
        else step_cases(model, prop, bounds)
    )
    cases = [c for pair in pairs for c in pair]
    rules = rule_ids(cases)
    k = bounds.k_for(model)
    bd = {**bounds.as_dict(model), "contexts": len(pairs)}
    if not pairs:
        return prop.finding(model, Status.holds, Label("无适用情形", "no context applies"), bounds=bd)
    meeting = _is_meeting(model, prop)

    def build() -> tuple[Encoding, list[z3.BoolRef]]:
        enc = Encoding(model, str(prop.subject), persons_of(cases), meeting=meeting)
        return enc, [conj([enc.all_present(ca.scene.present), _both(enc, ca, cb)]) for ca, cb in pairs]

    question = (
        "separation",
        meeting,
        tuple(
            (ca.act, ca.roots, ca.all_holders, ca.scene.present, cb.act, cb.roots, cb.all_holders)
            for ca, cb in pairs
        ),
    )
    answer = ask(
        model, question, build, bounds.timeout, k, lambda: [frozenset(persons_of(pair)) for pair in pairs]
    )
    enc, out = answer.enc, answer.out
    if out.status == "unsat":
        return prop.finding(
            model,
            Status.holds,
            Label(
                f"已证明:至多{k}人缺位的任何情形下都不会由同一人兼任",
                f"proved: no scenario of up to {k} absences forces one person onto both",
            ),
            extra=rules,
            bounds=bd,
        )
    if out.model is None:
        return prop.finding(
            model,
            Status.unknown,
            no_answer(out.reason),
            extra=rules,
            bounds=bd,
        )
    return _violated(
        model, prop, enc, out, pairs[decode.pick_scene(answer.true, [a.scene for a, _ in pairs])], rules, bd
    )


def _violated(
    model: Model,
    prop: Property,
    enc: Encoding,
    out: solve.Outcome,
    pair: tuple[Case, Case],
    rules: tuple[str, ...],
    bd: dict,
) -> Finding:
    assert out.model is not None
    absent = dict(out.absent) if out.absent is not None else decode.absences(enc, out.model)
    ca, cb = pair
    who = _who(model, enc, out.model, ca, cb)
    trace: list[TraceStep] = []
    for case in (ca, cb):
        for r in case.roots if case.act != "leave_request" else ():
            if r.holder:
                trace += decode.walk(
                    model, r.role, r.holder, case.act, case.scene.doc_type, case.scene.ctx, absent
                )
    ab = decode.absence_list(model, absent)
    p = decode.label_of(model, who)
    la, lb = decode.act_label(model, ca.act), decode.act_label(model, cb.act)
    if prop.parameters["kind"] == "leave":
        msg = Label(
            f"{when_away(model, ab).zh}，{p.zh}只能自己批准自己的请假",
            f"{when_away(model, ab).en}, {p.en} can only grant his own leave",
        )
    else:
        msg = Label(
            f"{when_away(model, ab).zh}，{p.zh}须既{la.zh}又{lb.zh}",
            f"{when_away(model, ab).en}, {p.en} must both perform '{la.en}' and '{lb.en}'",
        )
    key = "requester" if prop.parameters["kind"] == "leave" else "person"
    cx = Counterexample(absent=ab, cast=ca.scene.witness(**{key: who}), trace=tuple(trace))
    return prop.finding(
        model,
        Status.violated,
        msg,
        counterexample=cx,
        extra=rules,
        bounds={**bd, "absences": out.size or 0},
        cause=_cause(prop, ca, cb, who, absent),
    )


def _cause(prop: Property, ca: Case, cb: Case, who: str, absent: dict[str, str]) -> Cause:
    """The stand-in rule that puts ``who`` on a level he would not hold without it (the rule
    that needs a recusal clause); with no stand-in involved, the rule that names him twice."""
    via: list[str] = []
    for case in (cb, ca):
        for r in case.roots:
            for ch in r.chains:
                if ch.person == who and ch.hops and all(absent.get(h.person) in h.reasons for h in ch.hops):
                    via.append(ch.hops[-1].rule)
    if via:
        return Cause("recusal", sorted(via)[0], cb.act)
    if prop.parameters["kind"] == "leave":
        return Cause("approver", prop.parameters["rule"], "grants_leave")
    return Cause("recusal", prop.parameters["b"], cb.act)


def _who(model: Model, enc: Encoding, m: z3.ModelRef, ca: Case, cb: Case) -> str:
    if ca.act == "leave_request":
        return next(iter(ca.scene.present))
    for r in ca.roots:
        for ch in r.chains:
            if ch.person and truth(
                m,
                conj(
                    [
                        enc.forced(ca.roots, ch.person, ca.all_holders),
                        enc.forced(cb.roots, ch.person, cb.all_holders),
                    ]
                ),
            ):
                return ch.person
    return "?"
