"""Benchmark of verification and start-up (issue #11): every figure a ratio against a
reference measured in the same run, interleaved, medians (the machine may be shared).

Run: ``python bench/bench_verify.py [--quick] [--runs N] [--sizes 10,25,50] [--brute S] [--against SRC]``

1. Start-up, each a fresh process, interleaved, median of ``--runs`` (default 5):
   ``govmodel --version`` and ``govmodel --help`` against ``python -c pass`` (target ≤ 3×),
   and a cold ``govmodel check`` of the bundled Dalian model against the import floor, a
   process that only imports z3, networkx, pydantic and ruamel.yaml (target ≤ 3×): with the
   model cache as a second run finds it, and with ``GOVMODEL_NO_CACHE=1``. Wall time and the
   child's CPU time (user + system, which a loaded machine inflates less) are both printed.
2. Growth: synthetic rule sets with L leaders, 10·L departments and 4·L document types
   (:func:`synthetic_model`), all properties verified in this process, for L = 10, 25, 50,
   100, 200 (``--quick``: up to 100); the exponent of t ≈ c·L^e fitted by least squares on
   log t over L ≥ 25 (target: L=100 under 20 s, e below 1.5).
3. With ``--brute S``: the coverage class of Dalian answered by enumerating every absence
   scenario through :func:`govmodel.graph.authority.performers` (the reference semantics),
   stopped after S seconds (a stopped figure is a lower bound, marked ``>``), against Z3.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import resource
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

__all__ = ["synthetic_model", "brute_force_coverage", "fitted_exponent", "interleaved", "main"]

REASONS = ("abroad_visit", "out_of_city_official", "leave_city_private", "sick_or_other_in_city")


def _t(x: str) -> t.Text:
    return t.Text(zh=x, en=x)


def synthetic_model(leaders: int, departments: int, doc_types: int) -> Model:
    """A rule set shaped like Dalian's: a mayor, an executive vice mayor and vice mayors with
    portfolios, a secretary-general, departments with heads and acting heads, document types
    in families of ten governed by a sign-off procedure, leave rules, a monthly meeting."""
    vms = max(1, leaders - 2)
    persons = [
        t.Person(id="p_mayor", label=_t("mayor"), holds=("mayor",)),
        t.Person(id="p_sg", label=_t("sg"), holds=("secretary_general",)),
    ]
    portfolio: dict[int, list[str]] = {i: [] for i in range(vms)}
    depts = []
    for d in range(departments):
        portfolio[d % vms].append(f"d{d}")
        persons += [
            t.Person(id=f"p_d{d}_head", label=_t(f"head {d}")),
            t.Person(id=f"p_d{d}_acting", label=_t(f"acting {d}")),
        ]
        depts.append(
            t.Department(id=f"d{d}", label=_t(f"dept {d}"), head=f"p_d{d}_head", acting_head=f"p_d{d}_acting")
        )
    for i in range(vms):
        holds = ("vice_mayor", "executive_vice_mayor") if i == 0 else ("vice_mayor",)
        persons.append(
            t.Person(id=f"p_vm{i}", label=_t(f"vm {i}"), holds=holds, in_charge_of=tuple(portfolio[i]))
        )
    roles = [
        t.Role(id="mayor", label=_t("mayor"), articles=(1,), leader=True),
        t.Role(id="vice_mayor", label=_t("vm"), articles=(1,), leader=True, plural=True),
        t.Role(
            id="executive_vice_mayor", label=_t("evm"), articles=(1,), specializes="vice_mayor", leader=True
        ),
        t.Role(
            id="vice_mayor_in_charge",
            label=_t("vmic"),
            articles=(1,),
            scope="department",
            specializes="vice_mayor",
        ),
        t.Role(id="secretary_general", label=_t("sg"), articles=(1,), leader=True),
        t.Role(
            id="department_head",
            label=_t("head"),
            articles=(1,),
            scope="department",
            meaning="head_of_department",
        ),
        t.Role(
            id="acting_department_head",
            label=_t("acting"),
            articles=(1,),
            scope="department",
            meaning="acting_head_of_department",
        ),
    ]
    types = tuple(
        t.DocumentType(id=f"t{i}", label=_t(f"type {i}"), articles=(1,), origin="department")
        for i in range(doc_types)
    )
    procs = []
    for f in range(0, doc_types, 10):
        applies = tuple(ty.id for ty in types[f : f + 10])
        steps = (
            t.Step(id="sign_dept", act="signs", by=("department_head",), articles=(1,)),
            t.Step(id="review", act="reviews", by=("vice_mayor_in_charge",), articles=(1,)),
            t.Step(id="review_sg", act="reviews", by=("secretary_general",), articles=(1,), when="major"),
            t.Step(id="sign", act="signs", by=("mayor",), articles=(1,)),
        )
        procs.append(
            t.Procedure(id=f"proc{f // 10}", label=_t("p"), articles=(1,), applies_to=applies, steps=steps)
        )
    procs.append(
        t.Procedure(
            id="decide",
            label=_t("decide"),
            articles=(1,),
            applies_to=(types[0].id,),
            steps=(t.Step(id="decide", act="collective_decision", by=("executive_meeting",), articles=(1,)),),
        )
    )
    deputies = (
        t.DeputyRule(
            id="evm_for_mayor",
            label=_t("d"),
            articles=(1,),
            kind="acts_for",
            principal="mayor",
            deputy="executive_vice_mayor",
            when_absent_for=REASONS[:2],
        ),
        t.DeputyRule(
            id="acting_signs",
            label=_t("d"),
            articles=(1,),
            kind="presides_work",
            principal="department_head",
            deputy="acting_department_head",
            when_absent_for=REASONS[:3],
            acts=("signs",),
            applies_to=tuple(ty.id for ty in types[: doc_types // 2]),
        ),
    )
    leave = (
        t.LeaveRule(
            id="vm_leave",
            label=_t("l"),
            articles=(1,),
            requesters=("vice_mayor", "secretary_general"),
            approver=("mayor",),
            situation="leaving_city",
            reasons=REASONS[:3],
        ),
        t.LeaveRule(
            id="head_leave",
            label=_t("l"),
            articles=(1,),
            requesters=("department_head",),
            approver=("vice_mayor_in_charge",),
            situation="leaving_city",
            reasons=REASONS[:3],
        ),
    )
    meeting = t.Meeting(
        id="executive_meeting",
        label=_t("em"),
        articles=(1,),
        members=("mayor", "vice_mayor"),
        presider=("mayor",),
        convener=("mayor",),
        organizer="office",
        cadence="monthly",
    )
    limits = (
        t.TimeLimit(
            id="lead",
            label=_t("lead"),
            articles=(1,),
            kind="lead_time",
            bound="at_least",
            applies_to=(types[0].id,),
            duration=t.Duration(value=10, unit="working_days"),
            starts=_t("s"),
            ends=_t("e"),
        ),
        t.TimeLimit(
            id="report",
            label=_t("report"),
            articles=(1,),
            kind="deadline",
            applies_to=(types[0].id,),
            duration=t.Duration(value=10, unit="calendar_days"),
            starts=_t("s"),
            ends=_t("e"),
        ),
    )
    order = (
        t.Ordering(
            id="review_first",
            label=_t("o"),
            articles=(1,),
            applies_to=tuple(ty.id for ty in types[:10]),
            first=t.StepPattern(act="reviews"),
            then=t.StepPattern(act="signs", by="mayor"),
        ),
    )
    sections = Sections(
        ruleset=t.Ruleset(
            id=f"synthetic-{leaders}-{departments}-{doc_types}",
            title=_t("s"),
            issuer=_t("s"),
            adopted="2020-01-01",
            articles=1,
            source="none.txt",
        ),
        cast=t.Cast(assumption="cast", persons=tuple(persons), departments=tuple(depts)),
        absence_reasons=tuple(
            t.AbsenceReason(id=r, label=_t(r), articles=(1,), leaves_city=True) for r in REASONS
        ),
        acts=(  # declared by the model since #14 (without them no act has a level to separate)
            t.Act(id="signs", label=_t("signs"), meaning="signs"),
            t.Act(id="reviews", label=_t("reviews"), meaning="reviews"),
            t.Act(id="collective_decision", label=_t("decision"), meaning="collective_decision"),
        ),
        roles=tuple(roles),
        bodies=(t.Body(id="office", label=_t("office"), articles=(1,)),),
        conditions=(t.Condition(id="major", label=_t("major"), articles=(1,)),),
        document_types=types,
        procedures=tuple(procs),
        deputy_rules=deputies,
        leave_rules=leave,
        meetings=(meeting,),
        time_limits=limits,
        orderings=order,
    )
    return Model.build(sections, Path("."), frozenset())


def _covered(model: Model, case, absent: dict[str, str]) -> bool:
    if case.all_holders:
        for r in case.roots:
            if r.holder is None:
                continue
            found = authority._stand_ins(
                model,
                r.role,
                r.holder,
                case.act,
                case.scene.doc_type,
                case.scene.ctx,
                absent,
                (),
                frozenset({r.role}),
            )
            if not [p for p in found if p.person not in case.exclude]:
                return False
        return True
    actors = tuple(dict.fromkeys(r.role for r in case.roots))
    return bool(
        performers(model, actors, case.act, case.scene.doc_type, case.scene.ctx, absent, case.exclude)
    ) or any(r.holder is None and r.chains and r.chains[0].institution for r in case.roots)


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
                    absent = dict(zip(who, why, strict=True))
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


IMPORT_FLOOR = "import z3, networkx, pydantic, ruamel.yaml"


def _child(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run of ``cmd``, output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(
    commands: dict[str, tuple[list[str], dict[str, str] | None]], runs: int
) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) of each command over ``runs`` rounds, one run of each per round."""
    walls: dict[str, list[float]] = {k: [] for k in commands}
    cpus: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(runs):
        for name, (cmd, env) in commands.items():
            wall, cpu = _child(cmd, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
    return {k: (statistics.median(walls[k]), statistics.median(cpus[k])) for k in commands}


def _line(name: str, got: tuple[float, float], ref: tuple[float, float], ref_name: str, target: float) -> str:
    wall, cpu = got[0] / ref[0], got[1] / max(ref[1], 1e-3)
    return (
        f"  {name:<38} wall {got[0]:6.3f} s  cpu {got[1]:6.3f} s   {wall:5.1f}x / {cpu:5.1f}x {ref_name}"
        f" (wall / cpu; target <= {target:g}x)"
    )


def startup(runs: int, check_too: bool = True, against: str | None = None) -> None:
    py = sys.executable
    # as installed: Python's bytecode cache on (PYTHONDONTWRITEBYTECODE would make every child
    # compile govmodel's sources, which the floor's libraries never do)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    no_cache = {**env, "GOVMODEL_NO_CACHE": "1"}
    check = [py, "-m", "govmodel", "check", "--format", "json", "--out", os.devnull, "--force"]
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "pass": ([py, "-c", "pass"], env),
        "version": ([py, "-m", "govmodel", "--version"], env),
        "help": ([py, "-m", "govmodel", "--help"], env),
    }
    if check_too:
        commands.update(
            {
                "floor": ([py, "-c", IMPORT_FLOOR], env),
                "check": (check, env),
                "check_no_cache": (check, no_cache),
            }
        )
        if against:  # the same check from another source tree (``git archive REV src``), same rounds
            commands["against"] = (check, {**env, "PYTHONPATH": str(Path(against).resolve())})
    for cmd, cmd_env in commands.values():  # warm-up: bytecode written, the model cache filled
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cmd_env)
    got = interleaved(commands, runs)
    print(f"1. start-up, medians of {runs} interleaved runs (load average {os.getloadavg()[0]:.1f})")
    print(f"  {'python -c pass':<38} wall {got['pass'][0]:6.3f} s  cpu {got['pass'][1]:6.3f} s")
    print(_line("govmodel --version", got["version"], got["pass"], "pass", 3))
    print(_line("govmodel --help", got["help"], got["pass"], "pass", 3))
    if not check_too:
        return
    print(
        f"  {'import floor (' + IMPORT_FLOOR[7:] + ')':<38} wall {got['floor'][0]:6.3f} s  cpu "
        f"{got['floor'][1]:6.3f} s"
    )
    print(_line("govmodel check (Dalian, cached)", got["check"], got["floor"], "floor", 3))
    print(_line("govmodel check (GOVMODEL_NO_CACHE=1)", got["check_no_cache"], got["floor"], "floor", 3))
    if against:
        print(_line(f"govmodel check ({against}, cached)", got["against"], got["floor"], "floor", 3))
        print(f"  {'this tree / ' + against:<38} cpu {got['check'][1] / got['against'][1]:.2f}")


def fitted_exponent(points: list[tuple[int, float]]) -> float:
    """The slope of log t against log L (least squares)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(s) for _, s in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def one_size(n: int) -> dict[str, float]:
    """Verify the synthetic model of ``n`` leaders in this process: CPU and wall seconds."""
    m = synthetic_model(n, 10 * n, 4 * n)
    c0, t0 = time.process_time(), time.perf_counter()
    res = verify(m, Bounds(max_size=10**12))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    persons = len(m.cast.persons) if m.cast else 0
    return {"cpu": cpu, "wall": wall, "results": len(res.findings), "persons": persons}


def growth(sizes: list[int], runs: int = 1) -> None:
    """Each size verified in a fresh process (nothing a smaller size left in memory: z3's
    context, memos), ``runs`` interleaved rounds, medians fitted."""
    print(
        "2. growth: L leaders, 10L departments, 4L document types, "
        f"all properties, {runs} interleaved round(s), a fresh process each "
        f"(load average {os.getloadavg()[0]:.1f})"
    )
    got: dict[int, list[dict[str, float]]] = {n: [] for n in sizes}
    for _ in range(runs):
        for n in sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--one-size", str(n)], capture_output=True, text=True, check=True
            )
            got[n].append(json.loads(out.stdout))
    walls: list[tuple[int, float]] = []
    cpus: list[tuple[int, float]] = []
    for n in sizes:
        wall = statistics.median(r["wall"] for r in got[n])
        cpu = statistics.median(r["cpu"] for r in got[n])
        walls.append((n, wall))
        cpus.append((n, cpu))
        first = got[n][0]
        each = ", ".join(f"{r['cpu']:.2f}" for r in got[n])
        print(
            f"  L={n:<4} {int(first['persons']):>5} persons  {int(first['results']):>5} results   wall "
            f"{wall:8.2f} s  cpu {cpu:8.2f} s   {cpu / first['results'] * 1000:7.1f} ms cpu per property"
            + (f"  (cpu runs {each})" if runs > 1 else ""),
            flush=True,
        )
    fit_w = [p for p in walls if p[0] >= 25]
    fit_c = [p for p in cpus if p[0] >= 25]
    if len(fit_c) >= 2:
        print(
            f"  fitted exponent over L={fit_c[0][0]}..{fit_c[-1][0]}: wall {fitted_exponent(fit_w):.2f}, "
            f"cpu {fitted_exponent(fit_c):.2f} (target < 1.5)"
        )


def brute(budget: float) -> None:
    dalian = load_model()
    t0 = time.perf_counter()
    verify(dalian, Bounds(), ["coverage"])
    z3_cov = time.perf_counter() - t0
    secs, n, finished = brute_force_coverage(dalian, budget)
    mark = "" if finished else "> "
    print(
        f"3. dalian coverage: Z3 {z3_cov:.2f} s vs brute force {mark}{secs:.2f} s ({n} scenario checks)"
        f" → ratio {mark}{secs / z3_cov:.1f}x"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="growth up to L=100 only")
    ap.add_argument("--runs", type=int, default=5, help="interleaved runs per start-up figure (default 5)")
    ap.add_argument("--sizes", default=None, help="comma-separated L values (default 10,25,50,100,200)")
    ap.add_argument("--skip-startup", action="store_true")
    ap.add_argument(
        "--growth-runs",
        type=int,
        default=1,
        metavar="N",
        help="interleaved rounds of the growth figures (default 1)",
    )
    ap.add_argument("--one-size", type=int, default=None, help=argparse.SUPPRESS)  # a growth run's child
    ap.add_argument(
        "--startup-only", action="store_true", help="only --version and --help against python -c pass"
    )
    ap.add_argument("--brute", type=float, default=0.0, metavar="S", help="also brute force, S seconds")
    ap.add_argument(
        "--against",
        metavar="SRC",
        help="also the cached check from another source tree (its src folder, e.g. from git archive), "
        "in the same interleaved rounds",
    )
    args = ap.parse_args(argv)
    if args.one_size is not None:
        print(json.dumps(one_size(args.one_size)))
        return 0
    if not args.skip_startup:
        startup(args.runs, check_too=not args.startup_only, against=args.against)
    if args.startup_only:
        return 0
    sizes = (
        [int(x) for x in args.sizes.split(",")]
        if args.sizes
        else [10, 25, 50, 100] + ([] if args.quick else [200])
    )
    if sizes and sizes != [0]:
        growth(sizes, args.growth_runs)
    if args.brute:
        brute(args.brute)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
