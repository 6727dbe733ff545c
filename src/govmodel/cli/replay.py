"""``govmodel replay FINGERPRINT [MODEL] [--scenario SCENARIO] [--assume NAME=on|off]
[--k N] [--meetings scenario|counterexample] [--format text|json] [--out FILE]``

Runs the counterexample of one finding (found by fingerprint, as ``explain`` does) as one
deterministic simulation and shows it step by step, with a verdict: does the simulation
AGREE with the verification (blocked / late / the same person on both levels, as predicted)?

Exit codes: 0 it agrees; 1 it does not; 2 bad input, or the finding cannot be replayed
(holds, unknown, or a class that is not a document's run: one line says why).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys

from govmodel.cli.bounds import add_bounds_arguments, bounds_from_args
from govmodel.cli.common import _parse_assume, input_path, verify_with_progress, write_atomic
from govmodel.cli.options import add_output_policy, check_k
from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "replay",
        help="把反例作为模拟重演 / replay a finding's counterexample as a simulation",
        description="Find the finding with FINGERPRINT (from govmodel check; a unique prefix is enough), "
        "run its counterexample as one deterministic simulation (its absences for the whole "
        "run, one document, the scenario's mean service times, meetings on the scenario's "
        "cadence) and say whether the simulation agrees. Exit 0 agrees, 1 disagrees, 2 bad "
        "input or not replayable.",
    )
    p.add_argument("fingerprint", metavar="FINGERPRINT")
    p.add_argument(
        "model",
        nargs="?",
        default=None,
        metavar="MODEL",
        type=input_path("model"),
        help="model folder (default: the scenario's model; given, it replaces the scenario's model)",
    )
    # the former spelling, kept so existing scripts keep working; MODEL is an argument as in every command
    p.add_argument(
        "--model",
        dest="model_option",
        default=None,
        metavar="MODEL",
        type=input_path("model"),
        help=argparse.SUPPRESS,
    )
    p.add_argument(
        "--scenario",
        default=None,
        metavar="SCENARIO",
        type=input_path("scenario"),
        help="scenario YAML for the calendar, service times, meeting days and waiting policy "
        "(default: the bundled baseline)",
    )
    p.add_argument(
        "--assume",
        action="append",
        default=[],
        metavar="NAME=on|off",
        help="switch a named assumption (repeatable)",
    )
    p.add_argument(
        "--meetings",
        choices=("scenario", "counterexample"),
        default="scenario",
        help="meetings sit on the scenario's cadence (default) or, for a timing.cadence finding, on the "
        "counterexample's date",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--out", metavar="FILE", help="write the replay to FILE (whole or not at all)")
    add_bounds_arguments(p)
    add_output_policy(p)
    p.set_defaults(run=run)


def _loaded(args: argparse.Namespace):  # -> LoadedScenario
    from govmodel.model import load_model
    from govmodel.sim import load_scenario

    loaded = load_scenario(args.scenario)
    assume = _parse_assume(args.assume)
    if args.model_option is not None:
        if args.model is not None:
            raise InputError(
                [
                    Problem(
                        SourceRef("--model"),
                        "both MODEL and --model given",
                        "MODEL only (--model is deprecated)",
                    )
                ]
            )
        print(
            "govmodel replay: --model is deprecated; pass MODEL as an argument (govmodel replay "
            "FINGERPRINT MODEL)",
            file=sys.stderr,
        )
        args.model = args.model_option
    if args.model is not None or assume:
        base = {} if args.model is not None else dict(loaded.spec.model.assumptions)
        model = load_model(args.model, {**base, **assume} or None)
        loaded = dataclasses.replace(loaded, model=model)
    return loaded


def run(args: argparse.Namespace) -> int:
    from govmodel.cli import EXIT_OK, EXIT_VIOLATIONS
    from govmodel.crosscheck.replay import replay
    from govmodel.report.replay_text import render_json, render_text

    loaded = _loaded(args)
    model = loaded.model
    check_k(args.k, model)
    wanted = args.fingerprint.strip().lower()
    results = verify_with_progress(model, bounds_from_args(args), args.classes)
    found = [f for f in results.findings if f.fingerprint.startswith(wanted)] if wanted else []
    if len(found) != 1:
        what = "no finding has" if not found else f"{len(found)} findings have"
        raise InputError(
            [
                Problem(
                    SourceRef("FINGERPRINT"),
                    f"{what} fingerprint {args.fingerprint!r}",
                    "a fingerprint printed by 'govmodel check' (a unique prefix is enough)",
                )
            ]
        )
    result = replay(loaded, found[0], meetings=args.meetings)
    text = render_json(result) if args.format == "json" else render_text(result)
    if args.out:
        write_atomic(args.out, text, "--out")
    else:
        sys.stdout.write(text)
    return EXIT_OK if result.agrees else EXIT_VIOLATIONS
