"""Helpers shared by the subcommands: loading the model named on the command line, the
``--assume`` switch; outputs are written by :func:`govmodel.outputs.write_atomic`."""

from __future__ import annotations

import argparse

from govmodel.errors import InputError, Problem
from govmodel.model import Model, load_model
from govmodel.outputs import write_atomic  # re-exported: the commands write through it
from govmodel.refs import SourceRef

__all__ = ["add_model_argument", "model_from_args", "write_atomic", "verify_with_progress", "input_path"]


def input_path(*kinds: str):
    """An argparse ``type`` for an input file or folder: an existing path, else a bundled input
    of one of ``kinds`` by name (``dalian-2014``, ``acting-mayor-in-every-absence``) or by the
    README's path (``scenarios/reforms/x.yaml``), so the README works from any directory."""
    from govmodel.bundled import bundled_names, resolve_input

    def convert(text: str) -> str:
        path = resolve_input(text, kinds)
        if not path.exists() and len(path.parts) == 1:  # a bare name: perhaps a bundled one mistyped
            import difflib

            names = sorted({n for k in kinds for n in bundled_names(k)})
            close = difflib.get_close_matches(text.removesuffix(".yaml"), names, n=1, cutoff=0.6)
            if close:
                raise argparse.ArgumentTypeError(
                    f"{text!r}: 没有此文件，也没有此内置名称 / no such file, "
                    f"nor a bundled {' or '.join(kinds)}; "
                    f"did you mean {close[0]!r}?"
                )
        return str(path)

    convert.__name__ = "/".join(kinds)  # argparse names the type in its messages
    return convert


def add_model_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "model",
        nargs="?",
        default=None,
        metavar="MODEL",
        type=input_path("model"),
        help="model folder (default: the bundled model dalian-2014, named on standard error)",
    )
    p.add_argument(
        "--assume",
        action="append",
        default=[],
        metavar="NAME=on|off",
        help="switch a named assumption (repeatable)",
    )


def _parse_assume(items: list[str]) -> dict[str, bool]:
    out: dict[str, bool] = {}
    problems = []
    for item in items:
        name, _, value = item.partition("=")
        if value.lower() in ("on", "true", "1", "yes"):
            out[name] = True
        elif value.lower() in ("off", "false", "0", "no"):
            out[name] = False
        else:
            problems.append(Problem(SourceRef("--assume"), f"{item!r}", "NAME=on or NAME=off"))
    if problems:
        raise InputError(problems)
    return out


def model_from_args(args: argparse.Namespace) -> Model:
    """The model named on the command line; without one, the bundled default, and a line on
    standard error saying which (no hidden default)."""
    model = load_model(args.model, _parse_assume(getattr(args, "assume", [])) or None)
    if args.model is None:
        say_default_model(model)
    return model


def say_default_model(model: Model) -> None:
    """``model: <id> (bundled: <folder>)`` on standard error: which model a command used when
    none was named."""
    import sys

    from govmodel.yamlio import display_path

    print(f"模型 model: {model.ruleset.id} (内置 bundled: {display_path(model.folder)})", file=sys.stderr)


def verify_with_progress(model: Model, bounds, classes=None, reuse: bool = False):
    """Run the verification with a progress bar on standard error (shown only on a terminal);
    with ``reuse``, the results an earlier run kept for the same model and bounds
    (:func:`govmodel.crosscheck.reuse.verified`) when there are some."""
    import sys

    from govmodel.verify import verify

    if not sys.stderr.isatty():  # no bar off a terminal (tqdm's disable=None): tqdm not imported
        if reuse and classes is None:
            from govmodel.crosscheck.reuse import verified

            return verified(model, bounds)
        return verify(model, bounds, classes)

    from tqdm import tqdm

    with tqdm(desc="验证 verifying", unit=" properties", file=sys.stderr, disable=None, leave=False) as bar:

        def tick(prop) -> None:
            bar.set_postfix_str(str(prop.subject)[:40], refresh=False)
            bar.update()

        if reuse and classes is None:
            from govmodel.crosscheck.reuse import verified

            return verified(model, bounds, progress=tick)
        return verify(model, bounds, classes, progress=tick)
