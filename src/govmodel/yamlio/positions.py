"""Positions in the round-trip tree that :func:`govmodel.yamlio.read_yaml` returns: where a
mapping, key, value or list item is written (``file:line:col``), the position of a pydantic
error location, and the plain dicts and lists the loaders read, with :class:`Positions`, the
table of where each of their mappings is written, kept beside the data (never inside it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from govmodel.refs import SourceRef

__all__ = ["Positions", "to_plain", "position_of", "node_ref", "key_ref", "value_ref", "item_ref"]


def _node_pos(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return 0, 0
    return lc.line + 1, lc.col + 1


class Positions:
    """Where the mappings read from input files are written, beside the data: for each mapping
    (a plain dict :func:`to_plain` made, or a node validated from one, see :meth:`carry`) its
    position and the positions of its keys.

    Keyed by identity, not by value: frozen pydantic nodes compare by value, and two equal
    elements written in two files are at two places. The table holds the objects it names, so
    an identity is never reused while the table lives; pickling keeps the pairing (pickle
    preserves identity within one dump). Positions are not part of any value: two tables
    compare equal, so a document that holds one compares by its data alone.
    """

    __slots__ = ("_at",)

    def __init__(self, entries: Iterable[tuple[object, SourceRef, Mapping[str, SourceRef]]] = ()) -> None:
        self._at: dict[int, tuple[object, SourceRef, Mapping[str, SourceRef]]] = {}
        for node, pos, keys in entries:
            self._at[id(node)] = (node, pos, keys)

    def of(self, node: object, key: str | None = None) -> SourceRef | None:
        """Where ``node`` is written, or its ``key`` when given and known (else the node's
        position); None for a node the table does not know (made by the code, not read)."""
        found = self._at.get(id(node))
        if found is None:
            return None
        return found[2].get(key, found[1]) if key else found[1]

    def keys_of(self, node: object) -> Mapping[str, SourceRef]:
        """Where each key of ``node`` is written (empty for a node the table does not know)."""
        found = self._at.get(id(node))
        return found[2] if found is not None else {}

    def record(self, node: object, pos: SourceRef, keys: Mapping[str, SourceRef] | None = None) -> None:
        """Say where ``node`` is written (a node the code made from a written one)."""
        self._at[id(node)] = (node, pos, keys or {})

    def same_as(self, new: object, old: object, source: Positions | None = None) -> None:
        """``new`` (a copy of ``old`` with some fields changed) is written where ``old`` is
        (as ``source``, default this table, says)."""
        found = (source or self)._at.get(id(old))
        if found is not None:
            self._at[id(new)] = (new, found[1], found[2])

    def update(self, other: Positions) -> None:
        """Add every entry of ``other``."""
        self._at.update(other._at)

    def carry(self, value: object, plain: object, source: Positions | None = None) -> None:
        """Give the nodes of ``value`` (validated from ``plain``) the positions ``source``
        (default: this table) holds for the mappings of ``plain``, walking both together.

        Field aliases are followed (``from`` for ``from_``); where the two shapes differ (a
        validator that rewrote its input) the walk stops, so those nodes keep no position.
        """
        found = (source or self)._at.get(id(plain))
        node = isinstance(value, BaseModel)
        if found is not None and value is not plain and (node or isinstance(value, dict)):
            self._at[id(value)] = (value, found[1], found[2])
        if node and isinstance(plain, dict):
            for name, info in type(value).model_fields.items():  # type: ignore[attr-defined]
                key = info.alias or name
                if key in plain:
                    self.carry(getattr(value, name), plain[key], source)
        elif isinstance(value, (tuple, list)) and isinstance(plain, list) and len(value) == len(plain):
            for v, p in zip(value, plain, strict=True):
                self.carry(v, p, source)
        elif isinstance(value, dict) and isinstance(plain, dict) and value is not plain:
            for k, v in value.items():
                if k in plain:
                    self.carry(v, plain[k], source)

    def __len__(self) -> int:
        return len(self._at)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Positions)

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return f"Positions({len(self._at)} mappings)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Positions, (list(self._at.values()),))


def to_plain(node: Any, name: str, positions: Positions | None = None) -> Any:
    """Turn the round-trip tree into plain dicts and lists; where each mapping is written goes
    into ``positions`` (when given), never into the data."""
    if isinstance(node, CommentedMap):
        out = {str(k): to_plain(v, name, positions) for k, v in node.items()}
        if positions is not None:
            line, col = _node_pos(node)
            keys = {str(k): SourceRef(name, node.lc.key(k)[0] + 1, node.lc.key(k)[1] + 1) for k in node}
            positions.record(out, SourceRef(name, line, col), keys)
        return out
    if isinstance(node, CommentedSeq):
        return [to_plain(v, name, positions) for v in node]
    if isinstance(node, dt.datetime):
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def position_of(tree: Any, loc: tuple[Any, ...], name: str, key: bool = False) -> SourceRef:
    """The position of the value at ``loc`` (a pydantic error location) in the tree.

    Location parts that do not match the data (pydantic's union tags) are skipped; the
    deepest position reached is returned.
    """
    node = tree
    line, col = _node_pos(tree)
    if not line:  # a document that is a single value: it starts the file
        line, col = 1, 1
    for part in loc:
        if isinstance(node, CommentedMap) and isinstance(part, str) and part in node:
            scalar = not isinstance(node[part], (CommentedMap, CommentedSeq))
            ln, cl = node.lc.value(part) if scalar and not key else node.lc.key(part)
            line, col = ln + 1, cl + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            ln, cl = node.lc.item(part)
            line, col = ln + 1, cl + 1
            node = node[part]
    return SourceRef(name, line, col)


# -- positions of nodes in the round-trip tree (for validators that walk it) ------------------
def _ref(name: str, pos: Any) -> SourceRef:
    try:
        line, col = pos
        return SourceRef(name, int(line) + 1, int(col) + 1)
    except (TypeError, ValueError):
        return SourceRef(name)


def node_ref(name: str, node: Any) -> SourceRef:
    """Where a mapping or sequence of the tree starts (the file alone if unknown)."""
    try:
        return SourceRef(name, node.lc.line + 1, node.lc.col + 1)
    except (AttributeError, TypeError):
        return SourceRef(name)


def key_ref(name: str, mapping: Any, key: Any) -> SourceRef:
    """Where ``key`` is written in ``mapping`` (falls back to the mapping, then the file)."""
    try:
        return _ref(name, mapping.lc.key(key))
    except (AttributeError, KeyError, TypeError):
        return node_ref(name, mapping)


def value_ref(name: str, mapping: Any, key: Any) -> SourceRef:
    """Where the value of ``key`` is written in ``mapping``."""
    try:
        return _ref(name, mapping.lc.value(key))
    except (AttributeError, KeyError, TypeError):
        return key_ref(name, mapping, key)


def item_ref(name: str, seq: Any, index: int) -> SourceRef:
    """Where item ``index`` of ``seq`` is written."""
    try:
        return _ref(name, seq.lc.item(index))
    except (AttributeError, KeyError, TypeError, IndexError):
        return node_ref(name, seq)
