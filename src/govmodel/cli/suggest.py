"""``govmodel suggest ROOT_CAUSE_ID [MODEL] --out FILE``: a candidate amendment for one root
cause of ``govmodel check``, as a reform overlay (the format of ``scenarios/reforms/``).

The candidates of the root cause are tried in order; each is applied to the model and
verified (as ``govmodel reform`` does, within ``k`` = the resilience of the root cause's most
severe findings, at least 1): the first that closes every one of them and opens no gap is written,
its ``closes:`` listing the findings it closes. Exit 0 when written; 1 when no candidate
closes the root cause (the best one is still written when ``--out`` is given, marked so,
or nothing when the model's vocabulary cannot express the change); 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from govmodel.cli.common import add_model_argument, model_from_args, verify_with_progress, write_atomic
from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = ["add_parser", "run", "suggest"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="为根本原因生成修订建议 / write a candidate amendment for a root cause",
                       description="Write a reform overlay that closes the findings of ROOT_CAUSE_ID (from govmodel "
                                   "check) and opens no gap, checked by verification before it is written. Exit 0 "
                                   "written; 1 no candidate closes it; 2 bad input.")
    p.add_argument("root_cause", metavar="ROOT_CAUSE_ID",
                   help="govmodel check 列出的根本原因编号 / a root cause id printed by govmodel check (a unique prefix is enough)")
    add_model_argument(p)
    p.add_argument("--out", metavar="FILE", help="写入改革文件 / write the reform file to FILE (default: standard output)")
    p.set_defaults(run=run)


def suggest(model, results, root_id: str):  # -> (RootCause, overlay | None, verdict str, k)
    """Try the candidates of one root cause; return (root cause, overlay, verdict, k):
    ``as_claimed`` for the first candidate that closes every finding and opens none,
    otherwise the verdict of the first candidate (or ``none`` without candidates)."""
    from govmodel.crosscheck.assess import compare_findings
    from govmodel.model import apply_reform, load_reform
    from govmodel.verify import Bounds, verify
    from govmodel.verify.rootcause import candidates, cause_of, reform_yaml

    wanted = root_id.strip()
    found = [rc for rc in results.root_causes if rc.id == wanted] or \
            [rc for rc in results.root_causes if rc.id.startswith(wanted)] if wanted else []
    if len(found) != 1:
        what = "no root cause has" if not found else f"{len(found)} root causes have"
        raise InputError([Problem(SourceRef("ROOT_CAUSE_ID"), f"{what} the id {root_id!r}",
                                  "an id printed by 'govmodel check' under Root causes, e.g. "
                                  + (results.root_causes[0].id if results.root_causes else "stand_in:secretary_general"))])
    rc = found[0]
    fs = list(rc.findings)
    cands = candidates(model, rc.kind, rc.target, [cause_of(f) for f in fs], fs)
    if not cands:
        return rc, None, "none", 0
    k = max(1, min(f.resilience or 0 for f in fs))  # the bounds its most severe findings need
    bounds = Bounds(k=k)
    before = verify(model, bounds)
    keys = {f"{f.property}:{f.subject}" for f in fs}
    first: tuple[dict, str] | None = None
    with tempfile.TemporaryDirectory(prefix="govmodel-suggest-") as tmp:
        for i, cand in enumerate(cands):
            path = Path(tmp) / f"candidate-{i}.yaml"
            path.write_text(reform_yaml({**cand, "closes": []}, rc), encoding="utf-8")
            try:  # what govmodel reform's verification view does (no simulation: any model)
                after = apply_reform(model, load_reform(path))
            except InputError:
                continue
            changes = compare_findings(before, verify(after, bounds))
            change = {c.key: c.change for c in changes}
            opened = [c for c in changes if c.change == "opened"]
            closed = sorted(key for key in keys if change.get(key) == "closed")
            ok = not opened and all(change.get(key) in ("closed", "gone", "still_holds") for key in keys)
            overlay = {**cand, "closes": closed}
            if ok:
                return rc, overlay, "as_claimed", k
            if first is None:
                first = (overlay, "opens_gaps" if opened else "claims_not_met")
    return (rc, first[0], first[1], k) if first else (rc, None, "none", k)


def run(args: argparse.Namespace) -> int:
    from govmodel.verify import Bounds
    from govmodel.verify.rootcause import reform_yaml

    model = model_from_args(args)
    results = verify_with_progress(model, Bounds())
    rc, overlay, verdict, k = suggest(model, results, args.root_cause)
    if overlay is None:
        note = rc.note.en if rc.note else "no candidate"
        sys.stderr.write(f"{rc.id}: 无可关闭此根本原因的修订 / no overlay closes this root cause: {note}\n")
        return 1
    text = reform_yaml(overlay, rc)
    text = text.replace("judge it with: govmodel reform FILE", f"judge it with: govmodel reform FILE --k {k}", 1)
    if verdict != "as_claimed":
        text = f"# 注意: 此候选未能关闭全部结果 / NOTE: this candidate does not close every finding ({verdict})\n" + text
    if args.out:
        write_atomic(args.out, text)
    else:
        sys.stdout.write(text)
    if verdict != "as_claimed":
        sys.stderr.write(f"{rc.id}: 候选修订未能关闭全部结果 / the candidate does not close every finding ({verdict})\n")
        return 1
    return 0
