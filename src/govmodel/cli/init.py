"""``govmodel init DIR [--model NAME]``: copy a bundled model and its scenarios (and reforms)
into DIR for editing. The copy is made whole or not at all (a temporary folder beside DIR,
then a rename); DIR must not exist or be empty.

DIR gets ``models/NAME/``, and for the model the bundled scenarios are written for,
``scenarios/*.yaml`` (pointing at the copied model) and ``scenarios/reforms/*.yaml``, so
``govmodel check DIR/models/NAME`` and ``govmodel simulate DIR/scenarios/baseline.yaml``
work on the copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef
from govmodel.bundled import DEFAULT_MODEL
from govmodel.cli.options import add_output_policy

__all__ = ["add_parser", "run", "init_folder"]

_DEFAULT_MODEL = DEFAULT_MODEL  # the bundled scenarios with `model: {}` are written for it


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="复制模型以便编辑 / copy a bundled model and its scenarios into DIR for editing",
                       description=f"复制内置模型及其情景、改革方案到 DIR / Copy a bundled model (default {DEFAULT_MODEL}), "
                                   "its scenarios and reforms into DIR, to edit them. DIR must not exist or be empty.")
    p.add_argument("init_dir", metavar="DIR", help="目标文件夹 / the folder to create")
    p.add_argument("--model", default=_DEFAULT_MODEL, metavar="NAME",
                   help=f"内置模型名 / the bundled model to copy (default {_DEFAULT_MODEL})")
    add_output_policy(p)
    p.set_defaults(run=run)


def _problem(path: Path, found: str, expected: str) -> InputError:
    return InputError([Problem(SourceRef(f"DIR {path}"), found, expected)])


def init_folder(dest: str | Path, model: str = _DEFAULT_MODEL) -> list[Path]:
    """Copy the bundled ``model`` (and, for the default model, its scenarios and reforms)
    into ``dest``; returns the files written."""
    from govmodel.bundled import data_root
    from govmodel.model import bundled_model_path

    source = bundled_model_path(model)  # ModelError (exit 2) with the bundled names if unknown
    from govmodel.outputs import OutputError, check_output, output_parents

    problems = check_output(dest, "DIR", folder=True)  # a file, a link, a missing parent, unwritable
    if problems:
        raise OutputError(problems)
    dest = Path(dest)
    dest = dest.resolve() if dest.is_symlink() else dest  # --force: the folder the link points to
    if dest.is_dir() and any(dest.iterdir()):
        raise _problem(dest, "文件夹不是空的 / is a folder that is not empty", "一个新的或空的文件夹 / a new or empty folder")
    parent = dest.absolute().parent
    if output_parents():
        parent.mkdir(parents=True, exist_ok=True)
    try:
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{dest.name}.", suffix=".tmp"))
    except OSError as exc:
        raise _problem(dest, f"无法写入 {parent} / cannot write in {parent} ({exc.strerror})",
                       "可写的位置 / a place you can write to") from None
    try:
        shutil.copytree(source, tmp / "models" / model)
        schema = (Path(__file__).resolve().parents[1] / "schema" / "model-file.schema.json").as_uri()
        for f in (tmp / "models" / model).glob("*.yaml"):  # the editor's schema link, to the installed schema
            f.write_text(f.read_text(encoding="utf-8").replace("$schema=../../../schema/model-file.schema.json",
                                                               f"$schema={schema}"), encoding="utf-8")
        if model == _DEFAULT_MODEL:
            scenarios = data_root() / "scenarios"
            (tmp / "scenarios").mkdir()
            for f in sorted(scenarios.glob("*.yaml")):
                text = f.read_text(encoding="utf-8")
                if "\nmodel: {}" in text:  # the bundled model: point at the copy
                    text = text.replace("\nmodel: {}", f"\nmodel: {{path: ../models/{model}}}", 1).replace(
                        "# the bundled Dalian 2014 model", "# the copied model", 1)
                elif "\n  path: " in text:
                    continue  # a scenario of another model (the tandem-queue validation case)
                (tmp / "scenarios" / f.name).write_text(text, encoding="utf-8")
            shutil.copytree(scenarios / "reforms", tmp / "scenarios" / "reforms")
        os.chmod(tmp, 0o777 & ~_umask())
        if dest.is_dir():
            dest.rmdir()  # empty (checked above)
        os.rename(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(p for p in dest.rglob("*") if p.is_file())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def run(args: argparse.Namespace) -> int:
    files = init_folder(args.init_dir, args.model)
    print(f"已复制 {len(files)} 个文件到 {args.init_dir} / copied {len(files)} files into {args.init_dir}")
    print(f"  govmodel check {Path(args.init_dir) / 'models' / args.model}")
    if (Path(args.init_dir) / "scenarios" / "baseline.yaml").is_file():
        print(f"  govmodel simulate {Path(args.init_dir) / 'scenarios' / 'baseline.yaml'}")
    return 0
