"""Positions in the round-trip tree that :func:`govmodel.yamlio.read_yaml` returns: where a
mapping, key, value or list item is written (``file:line:col``), the position of a pydantic
error location, and the plain dicts and lists the loaders read (each mapping with its ``pos``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from govmodel.refs import SourceRef

__all__ = ["to_plain", "position_of", "node_ref", "key_ref", "value_ref", "item_ref"]


def _node_pos(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return 0, 0
    return lc.line + 1, lc.col + 1


def to_plain(node: Any, name: str) -> Any:
    """Turn the round-trip tree into plain dicts and lists; every mapping gets a ``pos``."""
    if isinstance(node, CommentedMap):
        line, col = _node_pos(node)
        out = {str(k): to_plain(v, name) for k, v in node.items()}
        out["pos"] = SourceRef(name, line, col)
        out["field_pos"] = {
            str(k): SourceRef(name, node.lc.key(k)[0] + 1, node.lc.key(k)[1] + 1) for k in node
        }
        return out
    if isinstance(node, CommentedSeq):
        return [to_plain(v, name) for v in node]
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
