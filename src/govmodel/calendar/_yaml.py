"""Holiday-notice YAML with positions, through the project's one reader (:mod:`govmodel.yamlio`).

Timestamps are kept as the text written (``2027-02-30`` must become a reported problem at its
line, not a ``ValueError`` without a position), so callers parse dates themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef
from govmodel.yamlio import parse_yaml

__all__ = ["load_yaml", "read_yaml", "key_ref", "value_ref", "item_ref", "node_ref"]


def load_yaml(text: str, file: str) -> Any:
    """Parse YAML text (dates kept as text); syntax errors and duplicate keys become an
    :class:`InputError` at the position ruamel.yaml reports.

    Returns
    -------
    Any
        ruamel.yaml's round-trip data (``CommentedMap``/``CommentedSeq`` carry ``.lc``).
    """
    tree, problems = parse_yaml(text, file, timestamps_as_text=True)
    if problems:
        raise InputError(problems)
    return tree


def read_yaml(path: str | Path) -> tuple[Any, str]:
    """Read and parse a YAML file.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.

    Returns
    -------
    tuple
        ``(data, file)`` where ``file`` is the name used in source references.

    Raises
    ------
    InputError
        If the file cannot be read or is not valid YAML.
    """
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(SourceRef(file), f"cannot read the file: {exc}")]) from None
    return load_yaml(text, file), file


def _ref(file: str, pos: Any) -> SourceRef:
    try:
        line, col = pos
        return SourceRef(file, int(line) + 1, int(col) + 1)
    except (TypeError, ValueError):
        return SourceRef(file)


def key_ref(file: str, mapping: Any, key: Any) -> SourceRef:
    """Where ``key`` is written in ``mapping`` (falls back to the mapping, then the file)."""
    try:
        return _ref(file, mapping.lc.key(key))
    except (AttributeError, KeyError, TypeError):
        return node_ref(file, mapping)


def value_ref(file: str, mapping: Any, key: Any) -> SourceRef:
    """Where the value of ``key`` is written in ``mapping``."""
    try:
        return _ref(file, mapping.lc.value(key))
    except (AttributeError, KeyError, TypeError):
        return key_ref(file, mapping, key)


def item_ref(file: str, seq: Any, index: int) -> SourceRef:
    """Where item ``index`` of ``seq`` is written."""
    try:
        return _ref(file, seq.lc.item(index))
    except (AttributeError, KeyError, TypeError, IndexError):
        return node_ref(file, seq)


def node_ref(file: str, node: Any) -> SourceRef:
    """Where a mapping or sequence starts."""
    try:
        return SourceRef(file, node.lc.line + 1, node.lc.col + 1)
    except (AttributeError, TypeError):
        return SourceRef(file)
