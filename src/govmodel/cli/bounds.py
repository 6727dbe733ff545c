"""The verification bounds on the command line (``--k``, ``--timeout``, ``--related-max``,
``--max-size``, ``--class``), shared by ``check`` (and its ``--readings``), ``explain`` and
``replay``."""

from __future__ import annotations

import argparse

from govmodel.cli.options import count_type, k_type, timeout_type

__all__ = ["add_bounds_arguments", "bounds_from_args"]


def add_bounds_arguments(p: argparse.ArgumentParser) -> None:
    from govmodel.verify.properties import CLASSES

    p.add_argument(
        "--k",
        type=k_type,
        default=None,
        metavar="N",
        help="at most N persons absent at once (default: every person of the cast)",
    )
    p.add_argument(
        "--timeout",
        type=timeout_type,
        default=10.0,
        metavar="S",
        help="solver timeout per query in seconds (default 10); a timeout makes the result unknown",
    )
    p.add_argument(
        "--related-max",
        type=count_type("0 or more related departments"),
        default=1,
        metavar="N",
        help="related departments a document may touch (default 1)",
    )
    p.add_argument(
        "--max-size",
        type=count_type("1 or more scenes", 1),
        default=None,
        metavar="N",
        help="budget of scenes (steps × contexts) estimated before any query (default 1,000,000); "
        "a larger verification is refused (exit 2)",
    )
    p.add_argument(
        "--class",
        dest="classes",
        action="append",
        choices=tuple(CLASSES),
        default=None,
        help="check only this property class (repeatable)",
    )


def bounds_from_args(args: argparse.Namespace):  # -> Bounds
    from govmodel.verify.scenarios import Bounds

    return Bounds(k=args.k, related_max=args.related_max, timeout=args.timeout, max_size=args.max_size)
