"""``govmodel init DIR [--model NAME]``: start a model in DIR.

Without ``--model``, DIR becomes a **skeleton** model (``govmodel/data/skeleton/``): a
three-article placeholder text and the YAML that encodes it, with every section the model
may have named in comments. It validates (``govmodel validate DIR``) and checks as it is
(its first check reports the one gap the placeholder text leaves), so an author starts from
a working model and replaces it piece by piece (docs/authoring.md).

With ``--model NAME``, a bundled model is copied for editing: DIR gets ``models/NAME/``, and
for the model the bundled scenarios are written for, ``scenarios/*.yaml`` (pointing at the
copied model) and ``scenarios/reforms/*.yaml``, so ``govmodel check DIR/models/NAME`` and
``govmodel simulate DIR/scenarios/baseline.yaml`` work on the copy.

Either way DIR is written whole or not at all (a temporary folder beside DIR, then a
rename); DIR must not exist or be empty (else exit 2, nothing written).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
from pathlib import Path

from govmodel.bundled import DEFAULT_MODEL
from govmodel.cli.options import add_output_policy
from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = ["add_parser", "run", "init_folder"]

_DEFAULT_MODEL = DEFAULT_MODEL  # the bundled scenarios with `model: {}` are written for it


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "init",
        help="新建模型骨架或复制内置模型 / start a model in DIR: a skeleton, or a copy of a bundled model",
        description="在 DIR 新建可校验的模型骨架;或用 --model 复制内置模型及其情景、改革方案 / "
        "Write a model skeleton into DIR (it validates and checks as it is; replace its placeholders), "
        "or with --model NAME copy a bundled model, its scenarios and reforms into DIR to edit them. "
        "DIR must not exist or be empty.",
    )
    p.add_argument("init_dir", metavar="DIR", help="目标文件夹 / the folder to create")
    p.add_argument(
        "--model",
        default=None,
        metavar="NAME",
        help=f"复制的内置模型名 / copy this bundled model instead (e.g. {_DEFAULT_MODEL})",
    )
    add_output_policy(p)
    p.set_defaults(run=run)


def _problem(path: Path, found: str, expected: str) -> InputError:
    return InputError([Problem(SourceRef(f"DIR {path}"), found, expected)])


def init_folder(dest: str | Path, model: str | None = None) -> list[Path]:
    """Write the skeleton model into ``dest`` (``model`` None), or copy the bundled ``model``
    (and, for the default model, its scenarios and reforms) into it; returns the files written."""
    from govmodel.bundled import data_root
    from govmodel.model import bundled_model_path

    # ModelError (exit 2) with the bundled names if unknown
    source = data_root() / "skeleton" if model is None else bundled_model_path(model)
    from govmodel.outputs import OutputError, check_output, output_parents

    problems = check_output(dest, "DIR", folder=True)  # a file, a link, a missing parent, unwritable
    if problems:
        raise OutputError(problems)
    dest = Path(dest)
    dest = dest.resolve() if dest.is_symlink() else dest  # --force: the folder the link points to
    if dest.is_dir() and any(dest.iterdir()):
        raise _problem(
            dest,
            "文件夹不是空的 / is a folder that is not empty",
            "一个新的或空的文件夹 / a new or empty folder",
        )
    parent = dest.absolute().parent
    if output_parents():
        parent.mkdir(parents=True, exist_ok=True)
    try:
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{dest.name}.", suffix=".tmp"))
    except OSError as exc:
        raise _problem(
            dest,
            f"无法写入 {parent} / cannot write in {parent} ({exc.strerror})",
            "可写的位置 / a place you can write to",
        ) from None
    try:
        if model is None:
            for f in sorted(source.iterdir()):
                if f.suffix == ".txt":
                    shutil.copyfile(f, tmp / f.name)
                elif f.suffix == ".yaml":  # the editor's schema link first, to the installed schema
                    text = f"# yaml-language-server: $schema={_schema_uri()}\n" + f.read_text(
                        encoding="utf-8"
                    )
                    (tmp / f.name).write_text(text, encoding="utf-8")
        else:
            _copy_model(source, tmp, model)
        os.chmod(tmp, 0o777 & ~_umask())
        if dest.is_dir():
            dest.rmdir()  # empty (checked above)
        os.rename(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return sorted(p for p in dest.rglob("*") if p.is_file())


def _copy_model(source: Path, tmp: Path, model: str) -> None:
    from govmodel.bundled import data_root

    shutil.copytree(source, tmp / "models" / model)
    schema = _schema_uri()
    for f in (tmp / "models" / model).glob("*.yaml"):  # the editor's schema link, to the installed schema
        f.write_text(
            f.read_text(encoding="utf-8").replace(
                "$schema=../../../schema/model-file.schema.json", f"$schema={schema}"
            ),
            encoding="utf-8",
        )
    if model == _DEFAULT_MODEL:
        scenarios = data_root() / "scenarios"
        (tmp / "scenarios").mkdir()
        for f in sorted(scenarios.glob("*.yaml")):
            text = f.read_text(encoding="utf-8")
            if "\nmodel: {}" in text:  # the bundled model: point at the copy
                text = re.sub(
                    r"\nmodel: \{\}( *# the bundled [^\n]*? model)?",
                    lambda m: (
                        f"\nmodel: {{path: ../models/{model}}}"
                        + (" # the copied model" if m.group(1) else "")
                    ),
                    text,
                    count=1,
                )
            elif "\n  path: " in text:
                continue  # a scenario of another model (the tandem-queue validation case)
            (tmp / "scenarios" / f.name).write_text(text, encoding="utf-8")
        shutil.copytree(scenarios / "reforms", tmp / "scenarios" / "reforms")


def _schema_uri() -> str:
    return (Path(__file__).resolve().parents[1] / "schema" / "model-file.schema.json").as_uri()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def run(args: argparse.Namespace) -> int:
    files = init_folder(args.init_dir, args.model)
    if args.model is None:
        print(
            f"已写入模型骨架({len(files)} 个文件)到 {args.init_dir} / "
            f"wrote a model skeleton ({len(files)} files) into {args.init_dir}"
        )
        print("  替换其中的占位内容 / replace its placeholders (docs/authoring.md), then:")
        for command in ("validate", "coverage", "check"):
            print(f"  govmodel {command} {args.init_dir}")
        return 0
    print(f"已复制 {len(files)} 个文件到 {args.init_dir} / copied {len(files)} files into {args.init_dir}")
    print(f"  govmodel check {Path(args.init_dir) / 'models' / args.model}")
    if (Path(args.init_dir) / "scenarios" / "baseline.yaml").is_file():
        print(f"  govmodel simulate {Path(args.init_dir) / 'scenarios' / 'baseline.yaml'}")
    return 0
