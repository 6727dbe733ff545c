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
recursive aliases and merge keys (``<<``: their merged keys have no position of their own,
so they are refused with the advice to write the keys out).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode

from govmodel.errors import InputError, Problem, excerpt
from govmodel.paths import read_regular
from govmodel.refs import SourceRef
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


@dataclass(frozen=True, slots=True)
class Limits:
    """Hard limits on one input file; far above anything a rule set needs (the bundled Dalian
    model's largest file is under 40 kB, 8 levels deep, with no aliases)."""

    bytes: int = 1024 * 1024
    depth: int = 64
    scalar_chars: int = 100_000
    int_digits: int = 50
    nodes: int = 100_000  # after alias expansion


LIMITS = Limits()
_INT_LIKE = re.compile(r"[-+]?(0[xX][0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)")

_CORE = "tag:yaml.org,2002:"
_CORE_TAGS = {None, *(_CORE + k for k in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp"))}


def display_path(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, RuntimeError, OSError):  # outside, or a symlink loop (reported by the reader)
        return str(path)


class _LimitError(MarkedYAMLError):
    """A hard limit passed while composing; carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem=problem.found)
        self.problem_ = problem


class _BoundedComposer(Composer):
    """ruamel's composer with the hard limits checked as each node is composed, before any
    value is constructed. Each node counts once, an alias counts the nodes of its anchor: the
    expanded size of a document is known without expanding anything."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = (
            False  # a reused anchor is valid YAML (the last one counts): no warning on stderr
        )
        self._name = getattr(loader, "govmodel_name", "")
        self._sizes: dict[Any, int] = {}  # anchor → nodes under it
        self._open: set[Any] = set()  # anchors whose node is being composed
        self._counts: list[int] = [0]  # nodes under each open collection
        self._total = 0

    def _fail(self, event: Any, found: str, expected: str) -> None:
        m = event.start_mark
        raise _LimitError(Problem(SourceRef(self._name, m.line + 1, m.column + 1), found, expected))

    def _count(self, event: Any, size: int) -> None:
        self._counts[-1] += size
        self._total += size
        if self._total > LIMITS.nodes:
            self._fail(
                event,
                f"more than {LIMITS.nodes:,} values (an alias counts as the values it stands for)",
                f"a document of at most {LIMITS.nodes:,} values",
            )

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, ev.AliasEvent):
            if event.anchor in self._open:
                self._fail(
                    event,
                    f"alias *{event.anchor} inside its own anchor &{event.anchor}",
                    "no recursive aliases",
                )
            self._count(event, self._sizes.get(event.anchor, 1))
            return super().compose_node(parent, index)
        if isinstance(event, ev.ScalarEvent):
            value = event.value
            if len(value) > LIMITS.scalar_chars:
                self._fail(
                    event,
                    f"a text of {len(value):,} characters",
                    f"at most {LIMITS.scalar_chars:,} characters in one value",
                )
            plain = event.style is None and event.tag is None
            if plain and index is None and isinstance(parent, MappingNode) and value == "<<":
                self._fail(
                    event,
                    "merge key '<<'",
                    "the keys written out in this mapping (merge keys are not supported)",
                )
            if plain and len(value) > LIMITS.int_digits and _INT_LIKE.fullmatch(value):
                self._fail(
                    event,
                    f"an integer of {len(value):,} digits",
                    f"a number of at most {LIMITS.int_digits} digits",
                )
            self._count(event, 1)
            node = super().compose_node(parent, index)
            if event.anchor is not None:
                self._sizes[event.anchor] = 1
            return node
        if len(self._counts) > LIMITS.depth:
            self._fail(
                event,
                f"nesting deeper than {LIMITS.depth} levels",
                f"at most {LIMITS.depth} levels of mappings and lists",
            )
        self._count(event, 1)
        self._counts.append(1)
        anchor = event.anchor
        if anchor is not None:
            self._open.add(anchor)
        node = super().compose_node(parent, index)
        size = self._counts.pop()
        self._counts[-1] += size - 1  # the 1 was counted on entry
        if anchor is not None:
            self._open.discard(anchor)
            self._sizes[anchor] = size
        return node


class _Safe(RoundTripConstructor):
    """Round-trip constructor whose scalar conversions fail with the scalar's position."""

    def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
        if not isinstance(node, ScalarNode):
            return super().construct_non_recursive_object(node, tag)
        try:
            return super().construct_non_recursive_object(node, tag)
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            if isinstance(exc, YAMLError):
                raise
            raise _BadScalar(node) from None


class _BadScalar(ConstructorError):
    """A plain scalar that looks like a date, time or number and is not a valid one."""

    def __init__(self, node: ScalarNode):
        super().__init__(None, None, "invalid value", node.start_mark)
        self.node = node

    def problem_of(self, name: str) -> Problem:
        mark = self.node.start_mark
        kind = (self.node.tag or "").rsplit(":", 1)[-1]
        expected = {
            "timestamp": "a valid date or time such as 2025-01-01 or 2025-01-01T09:30:00"
            " (or quote it to keep it as text)",
            "int": "a valid integer",
            "float": "a valid number",
        }.get(kind, "a valid value")
        return Problem(
            SourceRef(name, mark.line + 1, mark.column + 1), f"found {excerpt(self.node.value)}", expected
        )


class _TextDates(_Safe):
    """Round-trip constructor that leaves timestamps as the text written."""

    def construct_timestamp_as_text(self, node: ScalarNode) -> str:
        return str(self.construct_scalar(node))


_TextDates.add_constructor("tag:yaml.org,2002:timestamp", _TextDates.construct_timestamp_as_text)


def _yaml(timestamps_as_text: bool, name: str = "") -> YAML:
    y = YAML(typ="rt")
    y.Composer = _BoundedComposer
    y.govmodel_name = name  # type: ignore[attr-defined]  # read by _BoundedComposer for positions
    y.Constructor = _TextDates if timestamps_as_text else _Safe
    y.allow_duplicate_keys = False
    return y


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
        tree = _yaml(timestamps_as_text, name).load(text)
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
    except _LimitError as exc:
        return None, [exc.problem_]
    except _BadScalar as exc:
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
            ln, cl = node.lc.value(key)
            _check_tags(value, name, problems, (ln + 1, cl + 1))
    elif isinstance(node, CommentedSeq):
        for i, value in enumerate(node):
            ln, cl = node.lc.item(i)
            _check_tags(value, name, problems, (ln + 1, cl + 1))
