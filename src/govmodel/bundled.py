"""The data shipped inside the package: models, scenarios (and reforms), baselines, holiday
notices and notebooks, found with :mod:`importlib.resources` so they work from an installed
wheel in any directory.

The data lives in ``govmodel/data/``; the repository root links ``models/``, ``scenarios/``,
``baselines/``, ``notebooks/`` and ``data/holidays/`` to it, so the paths the README names
work in a checkout, and :func:`resolve_input` makes them work anywhere else too.

A leaf module: it imports nothing from govmodel.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["data_root", "bundled_path", "bundled_names", "resolve_input", "KINDS", "DEFAULT_MODEL"]

#: The bundled model a command uses when given none (it says so on standard error); the one
#: place its name is written in code.
DEFAULT_MODEL = "dalian-2014"

#: what can be named by its bare name, and where it lives under the data folder
KINDS = {
    "model": ("models", ""),
    "scenario": ("scenarios", ".yaml"),
    "reform": ("scenarios/reforms", ".yaml"),
    "baseline": ("baselines", ".yaml"),
    "holidays": ("holidays", ".yaml"),
    "notebook": ("notebooks", ".ipynb"),
}
# The README's paths (`scenarios/baseline.yaml`, `baselines/dalian-2014.yaml`, ...) start with
# one of these folders; ``data/holidays/`` is the root link of ``holidays/``.
_TOP = ("models", "scenarios", "baselines", "notebooks", "holidays")


def data_root() -> Path:
    """The folder of the bundled data (``govmodel/data``), as a real path.

    govmodel is installed as files (a wheel unpacked by pip, or an editable checkout), so the
    resource is a folder on disk; zip imports are not supported.
    """
    return Path(str(files("govmodel") / "data"))


def bundled_path(kind: str, name: str) -> Path | None:
    """The bundled ``kind`` (a key of :data:`KINDS`) called ``name`` (with or without its
    suffix), or None if there is none."""
    folder, suffix = KINDS[kind]
    base = data_root() / folder
    for candidate in (base / name, base / f"{name}{suffix}"):
        if candidate.exists() and (candidate.is_dir() if kind == "model" else candidate.is_file()):
            return candidate
    return None


def bundled_names(kind: str) -> list[str]:
    """The names of the bundled inputs of one kind (for messages and did-you-mean)."""
    folder, suffix = KINDS[kind]
    base = data_root() / folder
    if not base.is_dir():
        return []
    if kind == "model":
        return sorted(p.name for p in base.iterdir() if p.is_dir())
    return sorted(p.name[: -len(suffix)] for p in base.iterdir() if p.is_file() and p.name.endswith(suffix))


def resolve_input(arg: str | Path, kind: str | tuple[str, ...]) -> Path:
    """Where an input named on the command line is.

    An existing path is itself. Otherwise a bare name (``dalian-2014``,
    ``acting-mayor-in-every-absence``) is the bundled input of that kind, and a relative path
    the README uses (``baselines/dalian-2014.yaml``, ``scenarios/reforms/x.yaml``) is the
    bundled file at that path. Anything else is returned unchanged, for the loader to report
    as missing.
    """
    path = Path(arg)
    if path.exists() or path.is_symlink() or path.is_absolute():
        return path
    if len(path.parts) == 1:
        for k in (kind,) if isinstance(kind, str) else kind:
            found = bundled_path(k, str(path))
            if found is not None:
                return found
    parts = path.parts
    if parts[:2] == ("data", "holidays"):
        parts = parts[1:]
    if parts and parts[0] in _TOP and ".." not in parts:
        candidate = data_root().joinpath(*parts)
        if candidate.exists():
            return candidate
    return path
