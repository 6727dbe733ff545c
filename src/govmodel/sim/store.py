"""Replications kept on disk, so a replication run by one command serves the next (issue #11).

``govmodel simulate`` fills the store with the baseline's replications; ``govmodel reform``,
``compare`` and ``report`` in later processes find them there and run only what is new (the
reform's side). A replication is fully determined by its scenario's content, its seed and its
index (common random numbers), so an entry is keyed by a digest of exactly that, computed so
that every process gets the same digest for the same content: a canonical walk of the
scenario's settings, its model (sections as written, folder, assumptions in force, overlays)
and its calendar's holiday data, in which sets and mappings are sorted (``pickle`` is not
stable across processes: the order of a set of strings follows ``PYTHONHASHSEED``), plus the
digest of the whole package's source and of the Python, SimPy and holiday package versions.
Any change to any of them is a miss; a value the walk does not know how to spell keeps the
replication out of the store (it is run, never guessed).

The same machinery keeps other values computed from a model by kind (the cross-checks keep
verifications, :mod:`govmodel.crosscheck.reuse`). Entries live in ``replications/`` (one
folder per kind) under the model cache's folder
(:func:`govmodel.model.cache.cache_dir`, ``GOVMODEL_CACHE_DIR``), one file per replication,
written to a temporary file and renamed into place (a reader sees a whole entry or none; two
processes writing the same entry write the same bytes), checked on reading (format, key) and
treated as a miss when damaged. The folder keeps the :data:`MAX_ENTRIES` most recently written
entries. Only a folder owned by the user and writable by nobody else is used (a pickle runs
code when loaded). ``GOVMODEL_NO_CACHE=1`` (``--no-cache``) switches it off. Event logs are
never stored.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import pickle
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from govmodel.model.memo import caching_enabled, memo

if TYPE_CHECKING:
    from govmodel.model import Model
    from govmodel.sim.loaded import LoadedScenario
    from govmodel.yamlio import Positions

__all__ = ["canonical", "stable_digest", "model_parts", "value_key", "entry_key", "load", "save", "folder"]

FORMAT = 1
"""Bumped when an entry's layout changes."""

MAX_ENTRIES = 2000
"""Entries kept per kind (a Dalian replication is about 40 kB, a verification 160 kB); the
least recently written go first."""

REPLICATIONS = "replications"


class Unspellable(TypeError):
    """A value :func:`canonical` cannot spell the same way in every process."""


def canonical(value: Any, positions: Positions | None = None) -> str:
    """A text that spells ``value`` the same way in every process: mappings and sets sorted,
    pydantic models and dataclasses by class and fields (a dataclass field that takes no part
    in comparison, such as a model's positions, is left out); raises :class:`Unspellable` for
    anything else. With ``positions``, every node is spelled with where it is written (what a
    verification's findings point at).

    Examples
    --------
    >>> canonical({"b": {2, 1}, "a": (1.5, None)}) == canonical({"a": (1.5, None), "b": {1, 2}})
    True
    """
    out: list[str] = []
    _walk(value, out, positions)
    return "".join(out)


def _walk(v: Any, out: list[str], at: Positions | None) -> None:
    from pydantic import BaseModel

    if v is None or isinstance(v, bool | int | float | str | bytes):
        out.append(f"{type(v).__name__}:{v!r};")
    elif isinstance(v, Spelled):
        out.append(v.text)
    elif isinstance(v, enum.Enum):
        out.append(f"E:{type(v).__qualname__}.{v.name};")
    elif isinstance(v, PurePath):
        out.append(f"P:{str(v)!r};")
    elif isinstance(v, dt.date | dt.time | dt.timedelta):
        out.append(f"D:{v!r};")
    elif isinstance(v, BaseModel):
        out.append(f"M:{type(v).__qualname__}(")
        where = at.of(v) if at is not None else None
        if at is not None and where is not None:
            keys = at.keys_of(v)
            out.append(f"@{where}" + "".join(f"|{k}@{keys[k]}" for k in sorted(keys)) + ";")
        for name in type(v).model_fields:
            out.append(f"{name}=")
            _walk(getattr(v, name), out, at)
        out.append(")")
    elif dataclasses.is_dataclass(v) and not isinstance(v, type):
        out.append(f"C:{type(v).__qualname__}(")
        for f in dataclasses.fields(v):
            if f.compare:
                out.append(f"{f.name}=")
                _walk(getattr(v, f.name), out, at)
        out.append(")")
    elif isinstance(v, Mapping):
        out.append(
            "{" + "".join(sorted(canonical(k, at) + ":" + canonical(x, at) + "," for k, x in v.items())) + "}"
        )
    elif isinstance(v, set | frozenset):
        out.append("S{" + "".join(sorted(canonical(x, at) + "," for x in v)) + "}")
    elif isinstance(v, list | tuple):
        out.append("[")
        for x in v:
            _walk(x, out, at)
        out.append("]")
    else:
        raise Unspellable(f"no canonical spelling for {type(v).__qualname__}")


def _versions() -> str:
    import simpy

    try:
        from importlib.metadata import version

        holidays = version("chinesecalendar")
    except Exception:  # noqa: BLE001  (not installed: the notices are the only holiday data)
        holidays = "-"
    return f"{FORMAT}|{sys.version}|{simpy.__version__}|{holidays}"


def _code_digest() -> str:
    """The digest of every source file of the package (any code change is a miss) and of the
    versions a run depends on; computed once per process."""
    from govmodel.model.cache import source_digest

    return source_digest(("**/*.py",), _versions())


def model_parts(model: Model) -> tuple[Any, ...]:
    """What a model is (as :func:`govmodel.sim.reuse.model_digest` reads it): its sections as
    written, its folder, the assumptions in force, its overlays."""
    return (model.sections, str(model.folder), model.enabled, model.overlays)


class Spelled:
    """A value's canonical spelling computed once (a model's is long: keep it beside the model)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def model_spelled(model: Model) -> Spelled | None:
    """The canonical spelling of :func:`model_parts`, once per model object (None: unspellable)."""
    found = memo(model, "store.spelled")
    if "parts" not in found:
        try:
            found["parts"] = Spelled(canonical(model_parts(model), model.sections.positions))
        except Unspellable:
            found["parts"] = None
    spelled = found["parts"]
    return spelled if isinstance(spelled, Spelled) else None


def value_key(kind: str, *parts: Any) -> str | None:
    """The entry name of a value of ``kind`` computed from ``parts`` by this code (None when a
    part has no canonical spelling: such a value is not stored)."""
    try:
        text = canonical((_code_digest(), kind, parts))
    except Unspellable:
        return None
    return hashlib.sha256(text.encode()).hexdigest()


def _spelled_or_raise(model: Model) -> Spelled:
    spelled = model_spelled(model)
    if spelled is None:
        raise Unspellable("the model has a value with no canonical spelling")
    return spelled


def stable_digest(loaded: LoadedScenario) -> str | None:
    """A digest of everything a replication of ``loaded`` depends on besides seed and index,
    the same in every process (None when some value has no canonical spelling)."""
    found = memo(loaded, "store.digest")
    if "digest" not in found:
        cal = loaded.calendar
        model = loaded.model
        try:
            text = canonical(
                (
                    _code_digest(),
                    loaded.spec,
                    _spelled_or_raise(model),
                    (type(cal).__qualname__, getattr(cal, "notices", ()), getattr(cal, "known_years", ())),
                )
            )
            found["digest"] = hashlib.sha256(text.encode()).hexdigest()
        except Unspellable:
            found["digest"] = None
    d = found["digest"]
    return None if d is None else str(d)


def entry_key(scenario: str, replication: int, seed: int, sample_queues: bool) -> str:
    """The name of one replication's entry."""
    return hashlib.sha256(f"{scenario}|{replication}|{seed}|{int(sample_queues)}".encode()).hexdigest()


def folder(create: bool = False, kind: str = REPLICATIONS) -> Path | None:
    """The folder of ``kind`` when it may be used (ours, writable by nobody else), else None."""
    from govmodel.model.cache import cache_dir, usable_dir

    where = cache_dir() / kind
    if create:
        try:
            where.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return None
    return where if usable_dir(where) else None


def load(keys: Iterable[str], kind: str = REPLICATIONS) -> dict[str, Any]:
    """The stored values of those ``keys`` that have a sound entry (replications by default)."""
    if not caching_enabled():
        return {}
    where = folder(kind=kind)
    if where is None:
        return {}
    out = {}
    for key in keys:
        try:
            with open(where / f"{key}.pickle", "rb") as fh:
                data = pickle.load(fh)
            if data.get("format") == FORMAT and data.get("key") == key:
                out[key] = data["output"]
        except Exception:  # noqa: BLE001,S112  (missing, damaged or foreign: a miss)
            continue
    return out


def save(entries: Mapping[str, Any], kind: str = REPLICATIONS, keep: int | None = None) -> None:
    """Store values by key, keeping the ``keep`` (default :data:`MAX_ENTRIES`) most recent
    entries of ``kind`` (best effort: a store that cannot be written is no store)."""
    if not entries or not caching_enabled():
        return
    where = folder(create=True, kind=kind)
    if where is None:
        return
    from govmodel.model.cache import prune, write_entry

    try:
        for key, value in entries.items():
            write_entry(where, key, {"format": FORMAT, "key": key, "output": value})
        prune(where, MAX_ENTRIES if keep is None else keep)
    except Exception:  # noqa: BLE001
        return
