"""Safe YAML reading that keeps positions and rejects duplicate keys: the one reader of every
input file (models, scenarios, reforms, baselines, holiday notices).

ruamel.yaml's round-trip loader records the line and column of every key and item and
refuses duplicate keys; PyYAML keeps no positions and silently keeps the last duplicate
(DEPENDENCY-FACTS.md). Tags other than the YAML core schema are refused, so loading never
constructs arbitrary objects. With ``timestamps_as_text`` dates stay the text written, so a
date like ``2027-02-30`` becomes a problem at its line rather than a bare ``ValueError``.

Hard limits (:data:`LIMITS`) are checked on the event stream *before* any node is composed,
so a hostile or careless file fails fast with a position instead of exhausting the stack,
the memory or the patience of its user: the size of the file, the nesting depth (ruamel's
composer recurses), the length of one scalar, the digits of an integer (Python refuses to
convert more than 4,300), the number of nodes a document holds *once its aliases are
expanded* (a "billion laughs" file is refused from the sizes of its anchors, never expanded),
recursive aliases, merge keys (``<<``: their merged keys have no position of their own,
so they are refused with the advice to write the keys out) and keys that are mappings or lists
(``? {a: 1}`` or ``[a, b]: 1``: no rule set names anything by a structure, and ruamel cannot
even hash some of them).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from govmodel.errors import InputError, Problem, excerpt
from govmodel.paths import read_regular
from govmodel.refs import SourceRef
from govmodel.yamlio import libyaml
from govmodel.yamlio.compose import BadScalar, LimitError, Limits, make_yaml
from govmodel.yamlio.positions import (
    Positions,
    _node_pos,
    item_ref,
    key_ref,
    node_ref,
    position_of,
    to_plain,
    value_ref,
)

__all__ = [
    "LIMITS",
    "Limits",
    "decode_utf8",
    "display_path",
    "parse_yaml",
    "read_text",
    "read_yaml",
    "Positions",
    "to_plain",
    "position_of",
    "node_ref",
    "key_ref",
    "value_ref",
    "item_ref",
    "describe",
    "kind_problem",
]


LIMITS = Limits()

_CORE = "tag:yaml.org,2002:"
_CORE_TAGS = {None, *(_CORE + k for k in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp"))}


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # outside, or a symlink loop (reported by the reader)
        return str(path)


def decode_utf8(data: bytes, name: str, what: str = "a UTF-8 text file") -> tuple[str | None, list[Problem]]:
    """Decode bytes as UTF-8; an invalid byte is a problem at its line and column."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        bad = data[exc.start : exc.end].hex(" ")
        return None, [Problem(SourceRef(name, line, col), f"bytes {bad} are not UTF-8 ({exc.reason})", what)]


def read_text(
    path: Path, name: str, what: str = "a UTF-8 text file", limit: int | None = None
) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 text file of at most ``limit`` bytes (default :data:`LIMITS`.bytes); never
    reads more than that, whatever the file is."""
    limit = LIMITS.bytes if limit is None else limit
    try:
        data = read_regular(path, name, limit + 1)  # never a device, a FIFO or a socket
    except InputError as exc:
        return None, list(exc.problems)
    if len(data) > limit:
        return None, [
            Problem(
                SourceRef(name),
                f"the file is larger than {limit:,} bytes",
                f"{what} of at most {limit:,} bytes",
            )
        ]
    return decode_utf8(data, name, what)


def read_yaml(
    path: Path, display: str | None = None, timestamps_as_text: bool = False
) -> tuple[Any, list[Problem]]:
    """Parse one file. Returns the round-trip tree (or None) and the problems found."""
    name = display or str(path)
    text, problems = read_text(path, name, "a UTF-8 YAML file")
    if text is None:
        return None, problems
    return parse_yaml(text, name, timestamps_as_text)


def parse_yaml(text: str, name: str, timestamps_as_text: bool = False) -> tuple[Any, list[Problem]]:
    """Parse YAML text. Returns the round-trip tree (or None) and the problems found."""
    if len(text) > LIMITS.bytes:
        return None, [
            Problem(
                SourceRef(name),
                f"the document is longer than {LIMITS.bytes:,} characters",
                f"a YAML file of at most {LIMITS.bytes:,} bytes",
            )
        ]
    try:
        # libyaml's events where the two parsers agree; else (None) ruamel's own parser
        tree = make_yaml(timestamps_as_text, name, LIMITS, libyaml.events(text)).load(text)
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
    except LimitError as exc:
        return None, [exc.problem_]
    except BadScalar as exc:
        return None, [exc.problem_of(name)]
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = SourceRef(name, mark.line + 1, mark.column + 1) if mark else SourceRef(name)
        return None, [Problem(where, f"invalid YAML: {exc.problem or exc.context}", "well-formed YAML")]
    except YAMLError as exc:
        return None, [Problem(SourceRef(name), f"invalid YAML: {exc}", "well-formed YAML")]
    problems: list[Problem] = []
    _check_tags(tree, name, problems)
    return (None if problems else tree), problems


def describe(tree: Any) -> str:
    """What a parsed document holds, said without quoting it."""
    if tree is None:
        return "nothing"
    if isinstance(tree, dict):
        return f"a mapping of {len(tree)} key{'s' if len(tree) != 1 else ''}"
    if isinstance(tree, list):
        return f"a list of {len(tree)} item{'s' if len(tree) != 1 else ''}"
    if isinstance(tree, str):
        lines = tree.count("\n") + 1
        return f"a text of {len(tree):,} characters" + (f" on {lines:,} lines" if lines > 1 else "")
    return f"a {type(tree).__name__} value"


def kind_problem(tree: Any, name: str, kind: str, keys: Iterable[str]) -> Problem | None:
    """``None`` when the parsed document looks like a ``kind`` (a mapping with at least one of
    ``keys`` at the top, or a near miss of one); else the one problem to report.

    A file of another kind may be anything (a key file, a password file that a path led to),
    so the problem says only *what sort* of document it is: never its keys or values. An
    empty, comment-only or bare ``---`` document says it is empty.
    """
    keys = tuple(keys)
    expected = f"a {kind}: a mapping with top-level keys among {', '.join(keys)}"
    line, col = _node_pos(tree) if _node_pos(tree) != (0, 0) else (1, 1)
    if tree is None or (isinstance(tree, (dict, list, str)) and not tree):
        return Problem(SourceRef(name, line, col), "the file is empty (no YAML content)", expected)
    if not isinstance(tree, dict):
        return Problem(SourceRef(name, line, col), f"not a {kind}: the file holds {describe(tree)}", expected)
    for key in tree:
        key = str(key).rstrip("+")
        if key in keys or difflib.get_close_matches(key, keys, n=1, cutoff=0.75):
            return None
    return Problem(
        SourceRef(name, line, col),
        f"not a {kind}: none of the file's {len(tree)} top-level keys is a key of one",
        expected,
    )


def _check_tags(
    node: Any, name: str, problems: list[Problem], at: tuple[int, int] = (1, 1)
) -> None:  # a bare scalar document starts the file
    tag = getattr(getattr(node, "tag", None), "value", None)
    if tag is not None and tag not in _CORE_TAGS:
        line, col = _node_pos(node) if _node_pos(node) != (0, 0) else at
        problems.append(
            Problem(
                SourceRef(name, line, col),
                f"YAML tag {excerpt(tag.replace(_CORE, '!!', 1))}",
                "plain YAML without tags (safe loading only)",
            )
        )
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            _check_tags(key, name, problems, _at(node.lc.key(key), at))  # a tag on a key too: '!x en: B'
            _check_tags(value, name, problems, _at(node.lc.value(key), at))
    elif isinstance(node, CommentedSeq):
        for i, value in enumerate(node):
            _check_tags(value, name, problems, _at(node.lc.item(i), at))


def _at(pos: Any, outer: tuple[int, int]) -> tuple[int, int]:
    """A 0-based (line, col) pair as 1-based; ``outer`` where ruamel recorded none (the items
    of a tagged collection)."""
    return (pos[0] + 1, pos[1] + 1) if pos else outer
