"""Benchmark of ``govmodel check`` (verification with Z3), with the ratio against brute-force
enumeration of absence scenarios run in the same benchmark.

Run: ``python bench/bench_verify.py [--quick] [--budget S]``

1. ``govmodel check`` on the bundled Dalian model in a cold process (target < 2 s), median of
   three runs, and the time per property class in a warm process.
2. Synthetic rule sets of growing size, up to 50 leaders, 500 departments and 200 document
   types (target < 60 s for all properties).
3. Brute force: the coverage class answered by enumerating every absence scenario (each
   relevant person present or absent for each reason, smallest sets first) through
   :func:`govmodel.graph.authority.performers`, the reference semantics. It is stopped after
   ``--budget`` seconds per model; the figure printed is then a lower bound (marked ``>``).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import time
from pathlib import Path

from govmodel.graph import authority
from govmodel.graph.authority import performers
from govmodel.model import Model, load_model
from govmodel.model import types as t
from govmodel.model.model import Sections
from govmodel.verify import Bounds, verify
from govmodel.verify.checks import coverage
from govmodel.verify.checks._common import persons_of
from govmodel.verify.checks.coverage import cases_for, distinct

__all__ = ["synthetic_model", "brute_force_coverage", "main"]

REASONS = ("abroad_visit", "out_of_city_official", "leave_city_private", "sick_or_other_in_city")


def _t(x: str) -> t.Text:
    return t.Text(zh=x, en=x)


def synthetic_model(leaders: int, departments: int, doc_types: int) -> Model:
    """A rule set shaped like Dalian's: a mayor, an executive vice mayor and vice mayors with
    portfolios, a secretary-general, departments with heads and acting heads, document types
    in families of ten governed by a sign-off procedure, leave rules, a monthly meeting."""
    vms = max(1, leaders - 2)
    persons = [t.Person(id="p_mayor", label=_t("mayor"), holds=("mayor",)),
               t.Person(id="p_sg", label=_t("sg"), holds=("secretary_general",))]
    portfolio: dict[int, list[str]] = {i: [] for i in range(vms)}
    depts = []
    for d in range(departments):
        portfolio[d % vms].append(f"d{d}")
        persons += [t.Person(id=f"p_d{d}_head", label=_t(f"head {d}")), t.Person(id=f"p_d{d}_acting", label=_t(f"acting {d}"))]
        depts.append(t.Department(id=f"d{d}", label=_t(f"dept {d}"), head=f"p_d{d}_head", acting_head=f"p_d{d}_acting"))
    for i in range(vms):
        holds = ("vice_mayor", "executive_vice_mayor") if i == 0 else ("vice_mayor",)
        persons.append(t.Person(id=f"p_vm{i}", label=_t(f"vm {i}"), holds=holds, in_charge_of=tuple(portfolio[i])))
    roles = [t.Role(id="mayor", label=_t("mayor"), articles=(1,), leader=True),
             t.Role(id="vice_mayor", label=_t("vm"), articles=(1,), leader=True, plural=True),
             t.Role(id="executive_vice_mayor", label=_t("evm"), articles=(1,), specializes="vice_mayor", leader=True),
             t.Role(id="vice_mayor_in_charge", label=_t("vmic"), articles=(1,), scope="department", specializes="vice_mayor"),
             t.Role(id="secretary_general", label=_t("sg"), articles=(1,), leader=True),
             t.Role(id="department_head", label=_t("head"), articles=(1,), scope="department"),
             t.Role(id="acting_department_head", label=_t("acting"), articles=(1,), scope="department")]
    types = tuple(t.DocumentType(id=f"t{i}", label=_t(f"type {i}"), articles=(1,), origin="department") for i in range(doc_types))
    procs = []
    for f in range(0, doc_types, 10):
        applies = tuple(ty.id for ty in types[f:f + 10])
        steps = (t.Step(id="sign_dept", act="signs", by=("department_head",), articles=(1,)),
                 t.Step(id="review", act="reviews", by=("vice_mayor_in_charge",), articles=(1,)),
                 t.Step(id="review_sg", act="reviews", by=("secretary_general",), articles=(1,), when="major"),
                 t.Step(id="sign", act="signs", by=("mayor",), articles=(1,)))
        procs.append(t.Procedure(id=f"proc{f // 10}", label=_t("p"), articles=(1,), applies_to=applies, steps=steps))
    procs.append(t.Procedure(id="decide", label=_t("decide"), articles=(1,), applies_to=(types[0].id,),
                             steps=(t.Step(id="decide", act="collective_decision", by=("executive_meeting",), articles=(1,)),)))
    deputies = (t.DeputyRule(id="evm_for_mayor", label=_t("d"), articles=(1,), kind="acts_for", principal="mayor",
                             deputy="executive_vice_mayor", when_absent_for=REASONS[:2]),
                t.DeputyRule(id="acting_signs", label=_t("d"), articles=(1,), kind="presides_work", principal="department_head",
                             deputy="acting_department_head", when_absent_for=REASONS[:3], acts=("signs",),
                             applies_to=tuple(ty.id for ty in types[: doc_types // 2])))
    leave = (t.LeaveRule(id="vm_leave", label=_t("l"), articles=(1,), requesters=("vice_mayor", "secretary_general"),
                         approver=("mayor",), situation="leaving_city", reasons=REASONS[:3]),
             t.LeaveRule(id="head_leave", label=_t("l"), articles=(1,), requesters=("department_head",),
                         approver=("vice_mayor_in_charge",), situation="leaving_city", reasons=REASONS[:3]))
    meeting = t.Meeting(id="executive_meeting", label=_t("em"), articles=(1,), members=("mayor", "vice_mayor"),
                        presider=("mayor",), convener=("mayor",), organizer="office", cadence="monthly")
    limits = (t.TimeLimit(id="lead", label=_t("lead"), articles=(1,), kind="lead_time", bound="at_least", applies_to=(types[0].id,),
                          duration=t.Duration(value=10, unit="working_days"), starts=_t("s"), ends=_t("e")),
              t.TimeLimit(id="report", label=_t("report"), articles=(1,), kind="deadline", applies_to=(types[0].id,),
                          duration=t.Duration(value=10, unit="calendar_days"), starts=_t("s"), ends=_t("e")))
    order = (t.Ordering(id="review_first", label=_t("o"), articles=(1,), applies_to=tuple(ty.id for ty in types[:10]),
                        first=t.StepPattern(act="reviews"), then=t.StepPattern(act="signs", by="mayor")),)
    sections = Sections(
        ruleset=t.Ruleset(id=f"synthetic-{leaders}-{departments}-{doc_types}", title=_t("s"), issuer=_t("s"),
                          adopted="2020-01-01", articles=1, source="none.txt"),
        cast=t.Cast(assumption="cast", persons=tuple(persons), departments=tuple(depts)),
        absence_reasons=tuple(t.AbsenceReason(id=r, label=_t(r), articles=(1,), leaves_city=True) for r in REASONS),
        roles=tuple(roles), bodies=(t.Body(id="office", label=_t("office"), articles=(1,)),),
        conditions=(t.Condition(id="major", label=_t("major"), articles=(1,)),),
        document_types=types, procedures=tuple(procs), deputy_rules=deputies, leave_rules=leave, meetings=(meeting,),
        time_limits=limits, orderings=order)
    return Model.build(sections, Path("."), frozenset())


def _covered(model: Model, case, absent: dict[str, str]) -> bool:
    if case.all_holders:
        for r in case.roots:
            if r.holder is None:
                continue
            found = authority._stand_ins(model, r.role, r.holder, case.act, case.scene.doc_type, case.scene.ctx,
                                         absent, (), frozenset({r.role}))
            if not [p for p in found if p.person not in case.exclude]:
                return False
        return True
    actors = tuple(dict.fromkeys(r.role for r in case.roots))
    return bool(performers(model, actors, case.act, case.scene.doc_type, case.scene.ctx, absent, case.exclude)) or any(
        r.holder is None and r.chains and r.chains[0].institution for r in case.roots)


def brute_force_coverage(model: Model, budget: float) -> tuple[float, int, bool]:
    """Resilience of every coverage property by enumeration, smallest absence sets first.

    Returns (seconds, scenarios evaluated, finished within the budget)."""
    start = time.perf_counter()
    reasons = [r.id for r in model.absence_reasons]
    n = 0
    for prop in coverage.properties(model, Bounds()):
        cases = distinct(cases_for(model, prop, Bounds()))
        people = sorted(persons_of(cases))
        done = False
        for k in range(len(people) + 1):
            for who in itertools.combinations(people, k):
                for why in itertools.product(reasons, repeat=k):
                    absent = dict(zip(who, why))
                    for case in cases:
                        n += 1
                        if case.scene.present & absent.keys():
                            continue
                        if not _covered(model, case, absent):
                            done = True
                            break
                    if done or time.perf_counter() - start > budget:
                        break
                if done or time.perf_counter() - start > budget:
                    break
            if done or time.perf_counter() - start > budget:
                break
        if time.perf_counter() - start > budget:
            return time.perf_counter() - start, n, False
    return time.perf_counter() - start, n, True


def _cold_check() -> list[float]:
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "govmodel", "check", "--format", "json", "--out", "/dev/null"], check=False)
        times.append(time.perf_counter() - t0)
    return times


def _per_class(model: Model, bounds: Bounds) -> dict[str, float]:
    out = {}
    for cls in ("coverage", "separation", "conflict", "mandatory", "unspecified", "timing", "structure"):
        t0 = time.perf_counter()
        verify(model, bounds, [cls])
        out[cls] = time.perf_counter() - t0
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="only the two smallest synthetic sizes")
    ap.add_argument("--budget", type=float, default=30.0, help="brute-force budget per model, seconds")
    args = ap.parse_args(argv)

    cold = _cold_check()
    print(f"dalian-2014 cold `govmodel check`: median {statistics.median(cold):.2f} s (runs: {', '.join(f'{x:.2f}' for x in cold)}; target < 2 s)")
    dalian = load_model()
    warm = _per_class(dalian, Bounds())
    print("  warm, per class: " + ", ".join(f"{k} {v:.2f}s" for k, v in warm.items()) + f"; total {sum(warm.values()):.2f} s")
    t0 = time.perf_counter()
    verify(dalian, Bounds(), ["coverage"])
    z3_cov = time.perf_counter() - t0
    brute, n, finished = brute_force_coverage(dalian, args.budget)
    print(f"  coverage: Z3 {z3_cov:.2f} s vs brute force {'' if finished else '> '}{brute:.2f} s ({n} scenario checks)"
          f" → ratio {'' if finished else '> '}{brute / z3_cov:.1f}x")

    sizes = [(5, 20, 10), (10, 50, 20), (20, 100, 50), (50, 500, 200)]
    for leaders, departments, doc_types in sizes[:2] if args.quick else sizes:
        m = synthetic_model(leaders, departments, doc_types)
        t0 = time.perf_counter()
        res = verify(m, Bounds())
        total = time.perf_counter() - t0
        t0 = time.perf_counter()
        verify(m, Bounds(), ["coverage"])
        z3_cov = time.perf_counter() - t0
        brute, n, finished = brute_force_coverage(m, args.budget)
        print(f"synthetic {leaders} leaders, {departments} departments, {doc_types} document types "
              f"({len(m.cast.persons)} persons): all properties {total:.2f} s ({len(res.findings)} results; target < 60 s); "
              f"coverage Z3 {z3_cov:.2f} s vs brute force {'' if finished else '> '}{brute:.2f} s ({n} checks) → ratio "
              f"{'' if finished else '> '}{brute / max(z3_cov, 1e-9):.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
