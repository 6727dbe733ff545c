"""Writing outputs whole or not at all, and checking output paths before any work.

Every file govmodel writes goes through :func:`write_atomic` (a temporary file in the same
folder, then a rename), so a reader never sees half a report and a failed run leaves the old
file intact. Before a command starts its work, :func:`check_output` tells what is wrong with
an output path: a folder where a file is expected, a folder that does not exist, a place that
cannot be written, or a symbolic link. Each is bad input (exit 2), never a traceback.

Policy (the same for every subcommand, set from ``--force`` and ``--parents``):

- a symbolic link is not written through unless ``force`` (then the file it points to is
  replaced, and the link stays);
- missing parent folders are created only with ``parents``.

A leaf module: it imports only :mod:`govmodel.errors` and :mod:`govmodel.refs`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = [
    "OutputPolicy",
    "output_policy",
    "output_parents",
    "check_output",
    "write_atomic",
    "prepare_folder",
    "OutputError",
]


class OutputError(InputError):
    """An output path that cannot be written as asked (exit 2)."""


@dataclass(frozen=True, slots=True)
class OutputPolicy:
    force: bool = False  # write through a symbolic link
    parents: bool = False  # create missing parent folders


_policy = OutputPolicy()


@contextlib.contextmanager
def output_policy(force: bool = False, parents: bool = False) -> Iterator[OutputPolicy]:
    """Within the block, :func:`write_atomic` and :func:`check_output` follow this policy."""
    global _policy
    old, _policy = _policy, OutputPolicy(force=force, parents=parents)
    try:
        yield _policy
    finally:
        _policy = old


def output_parents() -> bool:
    """Does the policy in force create missing parent folders?"""
    return _policy.parents


def _problem(option: str, path: Path, found: str, expected: str) -> Problem:
    label = f"{option} {path}" if option else str(path)
    return Problem(SourceRef(label), found, expected)


def _probe(folder: Path) -> bool:
    """Can a file be created in ``folder``? (os.access says yes to root on read-only
    file systems and /proc; trying is the only reliable answer.)"""
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".govmodel-probe.", suffix=".tmp")
    except OSError:
        return False
    os.close(fd)
    os.unlink(tmp)
    return True


def _existing_ancestor(path: Path) -> Path:
    for folder in path.parents:
        if folder.exists():
            return folder
    return Path(".")


def check_output(
    path: str | Path, option: str = "", *, folder: bool = False, policy: OutputPolicy | None = None
) -> list[Problem]:
    """The problems of writing ``path`` (a file, or with ``folder`` a folder of files);
    ``option`` names where the path came from (``--out``) in the messages."""
    policy = policy or _policy
    path = Path(path)
    if not folder and (str(path) == "" or path.name in ("", ".", "..")):
        return [
            _problem(
                option,
                path,
                "不是文件路径 / is not a file path",
                "给出文件名 / a file name such as report.html",
            )
        ]
    if path.is_symlink() and not policy.force:
        return [
            _problem(
                option,
                path,
                "是符号链接 / is a symbolic link",
                "不经链接写入;给出普通路径,或用 --force 写入其指向的文件 / "
                "govmodel does not write through a link: give a plain path, "
                "or --force to replace what it points to",
            )
        ]
    target = path.resolve() if path.is_symlink() else path
    if target.exists():
        if folder and not target.is_dir():
            return [
                _problem(option, path, "是文件,不是文件夹 / is a file, not a folder", "一个文件夹 / a folder")
            ]
        if not folder and target.is_dir():
            return [
                _problem(
                    option,
                    path,
                    "是文件夹,不是文件 / is a folder, not a file",
                    "文件路径 / a file path, e.g. " + str(path / "out.txt"),
                )
            ]
        if not folder and _device(target):
            if os.access(target, os.W_OK):
                return []  # written to as it is (write_atomic): its folder does not matter
            return [
                _problem(
                    option, path, "无法写入 / cannot be written", "可写的位置 / a place you can write to"
                )
            ]
    parent = target.parent if not (folder and target.is_dir()) else target
    if not parent.exists():
        if not policy.parents:
            return [
                _problem(
                    option,
                    path,
                    f"文件夹 {parent} 不存在 / folder {parent} does not exist",
                    "先创建它,或用 --parents 自动创建 / create it first, or pass --parents to create it",
                )
            ]
        ancestor = _existing_ancestor(parent)
        if not ancestor.is_dir():
            return [
                _problem(
                    option,
                    path,
                    f"{ancestor} 不是文件夹 / {ancestor} is not a folder",
                    "一个文件夹中的路径 / a path inside a folder",
                )
            ]
        if not _probe(ancestor):
            return [
                _problem(
                    option,
                    path,
                    f"无法在 {ancestor} 中创建文件夹 / cannot create folders in {ancestor}",
                    "可写的位置 / a place you can write to",
                )
            ]
        return []
    if not parent.is_dir():
        return [
            _problem(
                option,
                path,
                f"{parent} 不是文件夹 / {parent} is not a folder",
                "一个文件夹中的路径 / a path inside a folder",
            )
        ]
    if not _probe(parent):
        return [
            _problem(
                option,
                path,
                f"无法写入文件夹 {parent} / cannot write in folder {parent}",
                "可写的位置 / a place you can write to",
            )
        ]
    return []


def prepare_folder(path: str | Path, option: str = "") -> Path:
    """Make the output folder ``path`` exist (checked first); returns it."""
    problems = check_output(path, option, folder=True)
    if problems:
        raise OutputError(problems)
    path = Path(path)
    target = path.resolve() if path.is_symlink() else path
    try:
        target.mkdir(parents=_policy.parents, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            [
                _problem(
                    option,
                    path,
                    f"无法创建 / cannot be created ({exc.strerror})",
                    "可写的位置 / a place you can write to",
                )
            ]
        ) from None
    return target


def write_atomic(path: str | Path, data: str | bytes, option: str = "") -> None:
    """Write a file whole or not at all (temporary file in the same folder, then rename).

    Raises :class:`OutputError` (exit 2) for an output path that cannot be written as asked.
    """
    problems = check_output(path, option)
    if problems:
        raise OutputError(problems)
    path = Path(path)
    target = path.resolve() if path.is_symlink() else path
    if _device(target):
        _write_through(target, data, option, path)
        return
    try:
        if _policy.parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(
            [
                _problem(
                    option,
                    path,
                    f"无法写入 / cannot be written ({exc.strerror})",
                    "可写的位置 / a place you can write to",
                )
            ]
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file
        os.replace(tmp, target)
    except OSError as exc:  # disk full, quota, a folder removed meanwhile: bad output, not a bug
        Path(tmp).unlink(missing_ok=True)
        raise _not_written(option, path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _device(target: Path) -> bool:
    """An existing path that is neither a file nor a folder: a device or a pipe (/dev/null, a FIFO)."""
    return target.exists() and not target.is_file() and not target.is_dir()


def _write_through(target: Path, data: str | bytes, option: str, path: Path) -> None:
    """Write to a device or a pipe as it is (``--out /dev/null``, a named pipe): a file put in
    its place by a rename would replace the device itself (as root, /dev/null would become an
    ordinary file for every program of the machine). "Whole or not at all" is a promise about
    files; what a device or a reader does with the bytes is theirs."""
    try:
        with open(target, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        raise _not_written(option, path, exc) from None


def _not_written(option: str, path: Path, exc: OSError) -> OutputError:
    """A write that failed midway (disk full, quota, a reader gone): bad output, not a bug."""
    return OutputError(
        [
            _problem(
                option,
                path,
                f"无法写入 / could not be written ({exc.strerror})",
                "可写的位置 / a place you can write to",
            )
        ]
    )
