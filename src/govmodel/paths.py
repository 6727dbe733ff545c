"""Where govmodel may read: every path an input names stays inside a root, and only regular
files are read.

An input may be hostile (a pull request's model checked in CI, on a runner that holds
secrets), so a path written *in* a file is confined; a path given on the command line is the
user's own choice and is not.

Roots (the rule, also in the README, "Running govmodel on untrusted models (CI)"):

- a **model folder**'s own files (``*.yaml``, symlinks included, and ``ruleset.source``) must
  resolve inside that folder;
- the paths a **scenario** names (``extends``, ``model.path``, ``model.cast``,
  ``model.reforms``, ``calendar.holidays``, through the whole ``extends`` chain and a reform's
  ``scenario:`` block) must resolve inside the **project**: the working directory when the
  scenario lies in it, else the nearest folder above it with a ``.git``, a
  ``pyproject.toml`` or a ``models/`` folder (the layout ``govmodel init`` makes), else the
  scenario's own folder;
- the data shipped with govmodel (the bundled model and scenarios) may always be named;
- ``--allow-outside FOLDER`` (:func:`allow_outside`) opens one more folder.

Symlinks are resolved before the check, so a link cannot lead out. A file is read only when
it is a regular file (never a device such as ``/dev/zero``, a FIFO or a socket): it is
opened without blocking and checked on the open descriptor.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import stat
from collections.abc import Iterable, Iterator
from importlib.resources import files
from pathlib import Path

from govmodel.errors import InputError, Problem, excerpt
from govmodel.refs import SourceRef

__all__ = [
    "allow_outside",
    "allowed_outside",
    "bundled_roots",
    "project_root",
    "PROJECT_MARKERS",
    "resolve",
    "confine",
    "read_regular",
    "OPEN_HINT",
]

OPEN_HINT = "or pass --allow-outside FOLDER to open that folder"

_ALLOWED: contextvars.ContextVar[tuple[Path, ...]] = contextvars.ContextVar(
    "govmodel_allowed_outside", default=()
)


@contextlib.contextmanager
def allow_outside(folders: Iterable[str | Path]) -> Iterator[tuple[Path, ...]]:
    """Within the block, paths inside ``folders`` may be named by any input as well.

    Raises
    ------
    InputError
        If a folder does not exist (``--allow-outside`` names what to open, not a pattern).
    """
    opened: list[Path] = []
    problems = []
    for folder in folders:
        try:
            path = Path(folder).resolve(strict=True)
        except (OSError, RuntimeError):
            problems.append(
                Problem(
                    SourceRef("--allow-outside"),
                    f"no such folder {excerpt(str(folder), 200)}",
                    "an existing folder (or file) to open",
                )
            )
            continue
        opened.append(path)
    if problems:
        raise InputError(problems)
    token = _ALLOWED.set(_ALLOWED.get() + tuple(opened))
    try:
        yield tuple(opened)
    finally:
        _ALLOWED.reset(token)


def allowed_outside() -> tuple[Path, ...]:
    """The folders opened by :func:`allow_outside` in this context."""
    return _ALLOWED.get()


def bundled_roots() -> tuple[Path, ...]:
    """The data shipped with govmodel (``govmodel/data``: the bundled models, scenarios,
    reforms and holiday notices), which any input may name."""
    # govmodel.bundled.data_root() says the same; paths sits below it in the layers, so the
    # one line is repeated here rather than imported
    return (Path(str(files("govmodel") / "data")).resolve(),)


#: What makes a folder a project: a repository, a Python project, or govmodel's own layout
#: (``models/`` beside ``scenarios/``, as ``govmodel init`` lays it out).
PROJECT_MARKERS = (".git", "pyproject.toml", "models")


def project_root(file: str | Path) -> Path:
    """The root of the paths a scenario names: the working directory when the scenario lies
    in it; else the nearest folder above the scenario that holds one of
    :data:`PROJECT_MARKERS`; else the scenario's own folder."""
    path = resolve(Path(file))
    cwd = Path.cwd().resolve()
    if path.is_relative_to(cwd):
        return cwd
    for folder in path.parents:
        if folder == folder.parent:  # the file system's root is nobody's project
            break
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return folder
    return path.parent


def resolve(path: Path, where: SourceRef | None = None) -> Path:
    """``path`` with every symlink resolved; a symlink loop is an :class:`InputError`."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):  # 3.11: RuntimeError on a loop; 3.13: OSError
        raise InputError(
            [Problem(where or SourceRef(str(path)), "a symlink loop", "a file or a symlink to one")]
        ) from None


def _display(root: Path) -> str:
    cwd = Path.cwd().resolve()
    if root == cwd:
        return "the working directory (the project)"
    return f"the folder {root.relative_to(cwd) if root.is_relative_to(cwd) else root}"


def confine(ref: str | Path, base: Path, roots: Iterable[Path], where: SourceRef, field: str) -> Path:
    """Resolve ``ref`` (relative to the folder ``base``) and check it lies inside one of
    ``roots``, the bundled data or a folder opened with ``--allow-outside``.

    Returns
    -------
    pathlib.Path
        The resolved path (symlinks followed).

    Raises
    ------
    InputError
        At ``where``: the path escapes (``../``, an absolute path, a symlink leading out) or
        is a symlink loop.
    """
    roots = tuple(resolve(r) for r in roots)
    path = resolve(base / ref, where)
    inside = roots + bundled_roots() + allowed_outside()
    if any(path == r or path.is_relative_to(r) for r in inside):
        return path
    shown = excerpt(str(ref), 120) + (" (a symlink)" if (base / ref).is_symlink() else "")
    root = " or ".join(_display(r) for r in roots) or "its folder"
    raise InputError(
        [Problem(where, f"{field}: {shown} leads outside {root}", f"a path inside it ({OPEN_HINT})")]
    )


def read_regular(path: str | Path, name: str | None = None, limit: int = -1) -> bytes:
    """At most ``limit`` bytes (all when negative) of a regular file. A device, FIFO, socket
    or folder is refused without reading from it (checked before opening, and again on the
    descriptor, opened non-blocking so a FIFO cannot hang the run).

    Raises
    ------
    InputError
        The file is missing, not a regular file or unreadable (never quoting its content).
    """
    where = SourceRef(name or str(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    real = resolve(Path(path), where)
    refused = "a regular file (devices, FIFOs and sockets are never read)"
    try:
        mode = real.stat().st_mode
        if not stat.S_ISREG(mode):  # a socket cannot even be opened: say what it is first
            raise InputError([Problem(where, f"not a regular file ({_kind(mode)})", refused)])
        fd = os.open(real, flags)
    except FileNotFoundError:
        raise InputError([Problem(where, "cannot read the file: no such file", "an existing file")]) from None
    except OSError as exc:
        raise InputError(
            [
                Problem(
                    where,
                    f"cannot open the file ({exc.strerror or type(exc).__name__})",
                    "a readable regular file",
                )
            ]
        ) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError([Problem(where, f"not a regular file ({_kind(mode)})", refused)])
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(limit)
    except OSError as exc:
        raise InputError(
            [
                Problem(
                    where,
                    f"cannot read the file ({exc.strerror or type(exc).__name__})",
                    "a readable regular file",
                )
            ]
        ) from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"
