"""The composer and constructors of :func:`govmodel.yamlio.parse_yaml`: ruamel's, with the hard
limits checked on the event stream as each node is composed (before any value is constructed)
and scalar conversions that fail with the scalar's position."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode

from govmodel.errors import Problem, excerpt
from govmodel.refs import SourceRef
from govmodel.yamlio.libyaml import Replay

__all__ = ["Limits", "make_yaml", "LimitError", "BadScalar"]


@dataclass(frozen=True, slots=True)
class Limits:
    """Hard limits on one input file; far above anything a rule set needs (the bundled Dalian
    model's largest file is under 40 kB, 8 levels deep, with no aliases)."""

    bytes: int = 1024 * 1024
    depth: int = 64
    scalar_chars: int = 100_000
    int_digits: int = 50
    nodes: int = 100_000  # after alias expansion


_INT_LIKE = re.compile(r"[-+]?(0[xX][0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)")


class LimitError(MarkedYAMLError):
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
        self._limits: Limits = loader.govmodel_limits
        self._sizes: dict[Any, int] = {}  # anchor → nodes under it
        self._open: set[Any] = set()  # anchors whose node is being composed
        self._collections: dict[Any, str] = {}  # anchor of a mapping or list → "a mapping" / "a list"
        self._counts: list[int] = [0]  # nodes under each open collection
        self._total = 0

    def _fail(self, event: Any, found: str, expected: str) -> None:
        m = event.start_mark
        raise LimitError(Problem(SourceRef(self._name, m.line + 1, m.column + 1), found, expected))

    def _count(self, event: Any, size: int) -> None:
        self._counts[-1] += size
        self._total += size
        if self._total > self._limits.nodes:
            self._fail(
                event,
                f"more than {self._limits.nodes:,} values (an alias counts as the values it stands for)",
                f"a document of at most {self._limits.nodes:,} values",
            )

    def _key_fail(self, event: Any, what: str) -> None:
        self._fail(event, f"{what} written as a key", "a key that is a text or a number")

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, ev.AliasEvent):
            if event.anchor in self._open:
                self._fail(
                    event,
                    f"alias *{event.anchor} inside its own anchor &{event.anchor}",
                    "no recursive aliases",
                )
            if event.anchor in self._collections and index is None and isinstance(parent, MappingNode):
                self._key_fail(event, self._collections[event.anchor])
            self._count(event, self._sizes.get(event.anchor, 1))
            return super().compose_node(parent, index)
        if isinstance(event, ev.ScalarEvent):
            value = event.value
            if len(value) > self._limits.scalar_chars:
                self._fail(
                    event,
                    f"a text of {len(value):,} characters",
                    f"at most {self._limits.scalar_chars:,} characters in one value",
                )
            plain = event.style is None and event.tag is None
            if plain and index is None and isinstance(parent, MappingNode) and value == "<<":
                self._fail(
                    event,
                    "merge key '<<'",
                    "the keys written out in this mapping (merge keys are not supported)",
                )
            if plain and len(value) > self._limits.int_digits and _INT_LIKE.fullmatch(value):
                self._fail(
                    event,
                    f"an integer of {len(value):,} digits",
                    f"a number of at most {self._limits.int_digits} digits",
                )
            self._count(event, 1)
            node = super().compose_node(parent, index)
            if event.anchor is not None:
                self._sizes[event.anchor] = 1
                self._collections.pop(event.anchor, None)  # the anchor reused for a scalar
            return node
        if len(self._counts) > self._limits.depth:
            self._fail(
                event,
                f"nesting deeper than {self._limits.depth} levels",
                f"at most {self._limits.depth} levels of mappings and lists",
            )
        what = "a mapping" if isinstance(event, ev.MappingStartEvent) else "a list"
        if index is None and isinstance(parent, MappingNode):
            self._key_fail(event, what)
        self._count(event, 1)
        self._counts.append(1)
        anchor = event.anchor
        if anchor is not None:
            self._open.add(anchor)
            self._collections[anchor] = what
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
            raise BadScalar(node) from None


class BadScalar(ConstructorError):
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


def make_yaml(timestamps_as_text: bool, name: str, limits: Limits, events: list[Any] | None = None) -> YAML:
    """ruamel's round-trip loader with the limits checked as it composes, duplicate keys refused
    and scalar conversions that fail with a position; ``events``: the text's events, already
    made (:func:`govmodel.yamlio.libyaml.events`), composed instead of running ruamel's parser."""
    y = YAML(typ="rt")
    if events is not None:
        y.Parser = Replay
        y.govmodel_events = events  # type: ignore[attr-defined]  # read by Replay
    y.Composer = _BoundedComposer
    y.govmodel_name = name  # type: ignore[attr-defined]  # read by _BoundedComposer for positions
    y.govmodel_limits = limits  # type: ignore[attr-defined]  # read by _BoundedComposer
    y.Constructor = _TextDates if timestamps_as_text else _Safe
    y.allow_duplicate_keys = False
    return y
