"""Reading YAML with positions: ruamel.yaml's round-trip loader, duplicate keys rejected.

Timestamps are kept as the text written (``2027-02-30`` must become a reported problem at its
line, not a ``ValueError`` without a position), so callers parse dates themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode

from govmodel.errors import InputError, Problem
from govmodel.refs import SourceRef

__all__ = ["load_yaml", "read_yaml", "key_ref", "value_ref", "item_ref", "node_ref"]


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that leaves timestamps as strings."""

    def construct_timestamp_as_text(self, node: ScalarNode) -> str:
        return str(self.construct_scalar(node))


_Constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _Constructor.construct_timestamp_as_text
)


def _loader() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def load_yaml(text: str, file: str) -> Any:
    """Parse YAML text; turn any syntax or duplicate-key error into :class:`InputError`.

    Parameters
    ----------
    text : str
        The YAML source.
    file : str
        Name used in source references.

    Returns
    -------
    Any
        ruamel.yaml's round-trip data (``CommentedMap``/``CommentedSeq`` carry ``.lc``).

    Raises
    ------
    InputError
        With one problem at the position ruamel.yaml reports.
    """
    try:
        return _loader().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = SourceRef(file, mark.line + 1, mark.column + 1) if mark else SourceRef(file)
        found = (exc.problem or str(exc)).strip()
        expected = ""
        if exc.context_mark is not None and exc.context:
            expected = f"{exc.context.strip()} at line {exc.context_mark.line + 1}"
        if "duplicate key" in found:
            expected = "each key at most once in a mapping" + (
                f" (first at line {exc.context_mark.line + 1})"
                if exc.context_mark is not None
                else ""
            )
        raise InputError([Problem(where, found, expected)]) from None
    except YAMLError as exc:
        raise InputError([Problem(SourceRef(file), f"invalid YAML: {exc}")]) from None


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
