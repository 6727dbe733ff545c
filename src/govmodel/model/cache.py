"""Loaded models kept on disk, so a model whose files have not changed loads in milliseconds
instead of being parsed and cross-checked again (issue #11).

An entry is the model's :class:`~govmodel.model.model.Sections` (everything as written, before
assumptions), pickled under a key that hashes everything loading depends on: the content and
the displayed name of every ``*.yaml`` file (positions in messages name files relative to the
working directory), the folder as named, the folders opened with ``--allow-outside``, the
YAML limits, the Python and pydantic versions and the source of the code that loads and
validates. The entry also records the hash of the rules' text (``ruleset.source``), which the
cross-checks read; a different text is a miss. Any change is a miss; only a load that found no
problem is stored, so every message a broken model gives is given again.

Safe under concurrent runs: an entry is written to a temporary file and renamed into place
(readers see a whole entry or none), and an entry that cannot be read is a miss. Only regular
files, not symbolic links, are hashed and only folders owned by the user and writable by nobody
else are used (a pickle runs code when loaded). ``GOVMODEL_NO_CACHE=1`` (or ``--no-cache``)
switches the cache off; ``GOVMODEL_CACHE_DIR`` moves it (default: ``$XDG_CACHE_HOME/govmodel``,
else ``~/.cache/govmodel``).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

from govmodel.model.sections import Sections

__all__ = ["cache_dir", "enabled", "get", "put", "usable_dir", "write_entry", "prune"]

FORMAT = 2
"""Bumped when an entry's layout changes."""

MAX_ENTRIES = 64
"""Entries kept; the least recently written go first."""

_CODE = ("model/*.py", "yamlio/*.py", "yamlio.py", "refs.py", "paths.py", "errors.py", "bundled.py")
"""The source files whose code decides what a load produces (patterns relative to the package)."""


def enabled() -> bool:
    """False when ``GOVMODEL_NO_CACHE`` is set to anything but "" or "0" (the one switch:
    :func:`govmodel.model.memo.caching_enabled`)."""
    from govmodel.model.memo import caching_enabled

    return caching_enabled()


def cache_dir() -> Path:
    """Where entries are kept (``GOVMODEL_CACHE_DIR``, else the user's cache folder)."""
    named = os.environ.get("GOVMODEL_CACHE_DIR")
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA") or str(Path.home() / ".cache")
    return Path(base) / "govmodel"


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _code_digest() -> str:
    import pydantic

    from govmodel.yamlio import LIMITS

    return source_digest(_CODE, f"{FORMAT}|{sys.version}|{pydantic.VERSION}|{LIMITS!r}")


@functools.cache
def source_digest(patterns: tuple[str, ...], versions: str) -> str:
    """The digest of ``versions`` and of the package's source files matching ``patterns``
    (relative to the package; package data excluded): any code change is a miss. Read once per
    process (the model cache and the replication store, :mod:`govmodel.sim.store`, both key on it)."""
    h = hashlib.sha256(versions.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted({p for pattern in patterns for p in package.glob(pattern)}):
        rel = path.relative_to(package)
        if rel.parts[0] != "data":
            h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _key(folder: Path, files: list[Path]) -> str | None:
    """The entry's name, or None when a file is not a plain regular file (no caching)."""
    from govmodel.paths import allowed_outside
    from govmodel.yamlio import display_path

    if not all(_regular(f) for f in files):
        return None
    h = hashlib.sha256(_code_digest().encode())
    h.update(f"{folder}\0{[str(p) for p in allowed_outside()]}\0".encode())
    for f in files:
        h.update(f"{f.name}\0{display_path(f)}\0".encode() + f.read_bytes() + b"\0")
    return h.hexdigest()


def usable_dir(where: Path) -> bool:
    """The folder is ours and nobody else may write into it (what a cache of pickles needs:
    a pickle runs code when loaded)."""
    try:
        st = os.stat(where)
    except OSError:
        return False
    if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
        return False
    return stat.S_ISDIR(st.st_mode)


def _source(folder: Path, sections: Sections) -> Path:
    return folder / sections.ruleset.source


def get(folder: Path, files: list[Path]) -> Sections | None:
    """The sections stored for exactly these files, or None (a miss)."""
    if not enabled():
        return None
    try:
        key = _key(folder, files)
        where = cache_dir()
        if key is None or not usable_dir(where):
            return None
        entry = where / f"{key}.pickle"
        if not _regular(entry):
            return None
        with open(entry, "rb") as fh:
            data = pickle.load(fh)
        sections = data["sections"]
        if data.get("format") != FORMAT or data.get("key") != key or not isinstance(sections, Sections):
            return None
        source = _source(folder, sections)
        if not _regular(source) or _digest(source) != data.get("source"):
            return None
        return sections
    except Exception:  # noqa: BLE001  (a damaged or foreign entry is a miss, never an error)
        return None


def put(folder: Path, files: list[Path], sections: Sections) -> None:
    """Store the sections of a model that loaded without a problem (best effort)."""
    if not enabled():
        return
    try:
        key = _key(folder, files)
        source = _source(folder, sections)
        if key is None or not _regular(source):
            return
        where = cache_dir()
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not usable_dir(where):
            return
        data = {"format": FORMAT, "key": key, "source": _digest(source), "sections": sections}
        write_entry(where, key, data)
        prune(where, MAX_ENTRIES)
    except Exception:  # noqa: BLE001  (a cache that cannot be written is no cache, not an error)
        return


def write_entry(where: Path, name: str, data: object) -> None:
    """Pickle ``data`` to ``where/name.pickle`` whole or not at all (a temporary file renamed
    into place: a concurrent reader sees the old entry, the new one or none)."""
    fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, where / f"{name}.pickle")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def prune(where: Path, keep: int) -> None:
    """Keep the ``keep`` most recently written entries of ``where`` (another process may be
    removing some meanwhile)."""
    entries = []
    for p in where.glob("*.pickle"):
        try:
            entries.append((p.stat().st_mtime, p))
        except OSError:
            continue
    entries.sort()
    for _, old in entries[:-keep]:
        old.unlink(missing_ok=True)
