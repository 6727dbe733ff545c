"""Safe YAML reading that keeps positions and rejects duplicate keys: the one reader of every
input file (models, scenarios, reforms, baselines, holiday notices).

ruamel.yaml's round-trip loader records the line and column of every key and item and
refuses duplicate keys; PyYAML keeps no positions and silently keeps the last duplicate
(DEPENDENCY-FACTS.md). Tags other than the YAML core schema are refused, so loading never
constructs arbitrary objects. With ``timestamps_as_text`` dates stay the text written, so a
date like ``2027-02-30`` becomes a problem at its line rather than a bare ``ValueError``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode

from govmodel.errors import Problem
from govmodel.refs import SourceRef

__all__ = ["display_path", "parse_yaml", "read_yaml", "to_plain", "position_of"]

_CORE = "tag:yaml.org,2002:"
_CORE_TAGS = {None, *(_CORE + k for k in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp"))}


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class _TextDates(RoundTripConstructor):
    """Round-trip constructor that leaves timestamps as the text written."""

    def construct_timestamp_as_text(self, node: ScalarNode) -> str:
        return str(self.construct_scalar(node))


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", _TextDates.construct_timestamp_as_text)


def _yaml(timestamps_as_text: bool) -> YAML:
    y = YAML(typ="rt")
    if timestamps_as_text:
        y.Constructor = _TextDates
    y.allow_duplicate_keys = False
    return y


def read_yaml(path: Path, display: str | None = None, timestamps_as_text: bool = False) -> tuple[Any, list[Problem]]:
    """Parse one file. Returns the round-trip tree (or None) and the problems found."""
    name = display or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(SourceRef(name), f"cannot read the file ({exc})", "a UTF-8 YAML file")]
    return parse_yaml(text, name, timestamps_as_text)


def parse_yaml(text: str, name: str, timestamps_as_text: bool = False) -> tuple[Any, list[Problem]]:
    """Parse YAML text. Returns the round-trip tree (or None) and the problems found."""
    try:
        tree = _yaml(timestamps_as_text).load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        key = (exc.problem or "").split('"')[1] if '"' in (exc.problem or "") else ""
        return None, [
            Problem(
                SourceRef(name, mark.line + 1, mark.column + 1),
                f"duplicate key {key!r}" if key else "duplicate key",
                "each key once per mapping",
            )
        ]
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = SourceRef(name, mark.line + 1, mark.column + 1) if mark else SourceRef(name)
        return None, [Problem(where, f"invalid YAML: {exc.problem or exc.context}", "well-formed YAML")]
    except YAMLError as exc:
        return None, [Problem(SourceRef(name), f"invalid YAML: {exc}", "well-formed YAML")]
    problems: list[Problem] = []
    _check_tags(tree, name, problems)
    return (None if problems else tree), problems


def _check_tags(node: Any, name: str, problems: list[Problem], at: tuple[int, int] = (0, 0)) -> None:
    tag = getattr(getattr(node, "tag", None), "value", None)
    if tag is not None and tag not in _CORE_TAGS:
        line, col = _node_pos(node) if _node_pos(node) != (0, 0) else at
        problems.append(Problem(SourceRef(name, line, col), f"YAML tag {tag!r}", "plain YAML without tags (safe loading only)"))
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            ln, cl = node.lc.value(key)
            _check_tags(value, name, problems, (ln + 1, cl + 1))
    elif isinstance(node, CommentedSeq):
        for i, value in enumerate(node):
            ln, cl = node.lc.item(i)
            _check_tags(value, name, problems, (ln + 1, cl + 1))


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
        out["field_pos"] = {str(k): SourceRef(name, node.lc.key(k)[0] + 1, node.lc.key(k)[1] + 1) for k in node}
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
