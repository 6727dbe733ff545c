"""``govmodel validate [MODEL]``: load and cross-check a model without solving anything.

Every problem of every stage in one run: YAML, the schema of each file (unknown keys, wrong
types, missing keys), references between files, ids, articles and sentences, the source text.
Each problem is one line, ``file:line:col: what was found; what was expected``. Exit 2 when
there is any, 0 otherwise. A valid model also gets its structural warnings (a role nobody can
ever hold, a role no rule uses, a deputy cycle): they are findings of ``check`` too, and do not
change the exit code.
"""

from __future__ import annotations

import argparse
import sys

from govmodel.cli.common import add_model_argument, model_from_args

__all__ = ["add_parser", "run"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="检查模型文件(不求解) / check a model's files without solving",
        description="Load MODEL and cross-check it without verifying anything: every "
        "problem of every stage (YAML, schema, references, articles, sentences) "
        "in one run, each with its position and the fix; exit 2 if there is any, "
        "else 0, with the structural warnings (roles nobody can hold or no rule "
        "uses).",
    )
    add_model_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from govmodel.cli import EXIT_BAD_INPUT, EXIT_OK
    from govmodel.errors import ModelError

    try:
        model = model_from_args(args)
    except ModelError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        n, where = len(exc.problems), args.model or "the bundled model"
        print(f"验证未通过 / not valid: {n} problem{'s' if n != 1 else ''} in {where}", file=sys.stderr)
        return EXIT_BAD_INPUT
    warnings = structural_warnings(model)
    for w in warnings:
        print(f"warning: {w}")
    sections = ("roles", "procedures", "meetings", "deputy_rules", "leave_rules", "time_limits")
    counts = ", ".join(f"{len(getattr(model, s))} {s.replace('_', ' ')}" for s in sections)
    title = model.ruleset.title
    print(
        f"有效 / valid: {title.zh} / {title.en} ({model.ruleset.id}): {counts}; "
        f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    )
    return EXIT_OK


def structural_warnings(model) -> list[str]:  # (Model) -> list[str]
    """The structure findings that need no solver (roles held and used, deputy cycles), as
    one line each with the position of the element concerned."""
    from govmodel.findings import Status
    from govmodel.verify.checks import structure
    from govmodel.verify.scenarios import Bounds

    bounds = Bounds()
    out = []
    for prop in structure.properties(model, bounds):
        f = structure.evaluate(model, prop, bounds)
        if f.status == Status.violated:
            el = model.get(prop.subject.element)
            where = model.where(el) or model.folder
            out.append(f"{where}: {f.message.en} / {f.message.zh}")
    return out
