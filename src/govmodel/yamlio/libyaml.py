"""libyaml's C parser as the event source of the one YAML reader, where it provably agrees with
ruamel's.

Parsing a rule set is mostly scanning: ruamel's pure-Python scanner and parser are ~90 % of the
0.37 s that the bundled Dalian model's twelve files take, and every first run after an analyst
edits a model pays it. libyaml (through PyYAML's ``CParser``, the C parser the field uses) turns
the same text into the same events in ~12 ms. Only the *events* come from libyaml: ruamel's
composer (with govmodel's limits, :mod:`govmodel.yamlio.compose`) and its round-trip constructor
still build the tree, so values, duplicate keys and positions are decided by the same code as
before. No library offers this pairing, hence this small adapter.

The two parsers do not agree on everything (a fuzz campaign over mutated model files found
every difference below), so libyaml is used only where they do; anything else is parsed by
ruamel's own parser, the reference:

- tabs, byte-order marks, no-break spaces and the Unicode line breaks NEL, LS and PS anywhere
  in the text (libyaml accepts tabs where ruamel refuses them and counts columns differently
  around the others);
- tags and ``%YAML`` / ``%TAG`` directives (ruamel resolves and reports them itself);
- anchors and aliases (YAML 1.2 lets an anchor's name hold characters that libyaml's 1.1
  grammar ends it at, such as ``:``);
- empty values other than ``''`` and ``""`` (``key:`` with nothing after it, an empty block
  scalar): the two place them at different positions, and read a block scalar's header
  followed by a comment differently;
- any text libyaml refuses: ruamel then refuses it too, with the message govmodel has always
  given, or accepts it.

``tests/yamlio/test_libyaml.py`` compares both routes (trees, every position, every problem) on
every YAML file of the project and on mutated copies of them.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ruamel.yaml import events as ev

__all__ = ["events", "Replay", "available"]

# characters around which libyaml and ruamel disagree (see the module's docstring)
_ODD = re.compile("[\t\ufeff\u00a0\x85\u2028\u2029]")


@functools.cache
def _cparser() -> Any:
    try:  # imported on first use: 14 ms that a run from the model cache never needs
        import yaml
        from yaml._yaml import CParser
    except ImportError:  # PyYAML built without libyaml: ruamel's parser does it all
        return None
    return CParser if getattr(yaml, "__with_libyaml__", False) else None


def available() -> bool:
    """Whether libyaml's parser is installed (PyYAML built with libyaml)."""
    return _cparser() is not None


def events(text: str) -> list[Any] | None:
    """The ruamel events of ``text``, from libyaml; None where ruamel's parser must read it
    (libyaml missing, a character or construct the two treat differently, or text libyaml
    refuses)."""
    parser_class = _cparser()
    if parser_class is None or _ODD.search(text):
        return None
    import yaml
    import yaml.events as pe

    starts = {pe.MappingStartEvent: ev.MappingStartEvent, pe.SequenceStartEvent: ev.SequenceStartEvent}
    marks_only = {  # events that carry nothing but their position
        pe.MappingEndEvent: ev.MappingEndEvent,
        pe.SequenceEndEvent: ev.SequenceEndEvent,
        pe.StreamStartEvent: ev.StreamStartEvent,
        pe.StreamEndEvent: ev.StreamEndEvent,
    }
    out: list[Any] = []
    add = out.append
    try:
        get = parser_class(text).get_event
        while (e := get()) is not None:
            kind = type(e)
            if getattr(e, "anchor", None) is not None or getattr(e, "tag", None) is not None:
                return None  # anchors, aliases and tags: ruamel's
            start, end = e.start_mark, e.end_mark
            if kind in marks_only:
                add(marks_only[kind](start, end))
            elif kind is pe.ScalarEvent:
                if not e.value and e.style not in ("'", '"'):
                    return None  # an empty value: placed differently
                add(ev.ScalarEvent(None, None, e.implicit, e.value, start, end, e.style or None))
            elif kind in starts:
                add(starts[kind](None, None, e.implicit, start, end, e.flow_style))
            elif kind is pe.DocumentStartEvent and e.version is None and not e.tags:
                add(ev.DocumentStartEvent(start, end, e.explicit))
            elif kind is pe.DocumentEndEvent:
                add(ev.DocumentEndEvent(start, end, e.explicit))
            else:  # a directive, or an event this adapter does not know: ruamel reads the text
                return None
    except (yaml.YAMLError, UnicodeError):  # refused, or a lone surrogate libyaml cannot encode
        return None
    return out


class Replay:
    """A ruamel parser that hands out events already made (``loader.govmodel_events``)."""

    def __init__(self, loader: Any = None) -> None:
        self._events: list[Any] = list(reversed(loader.govmodel_events))

    def check_event(self, *choices: Any) -> bool:
        if not self._events:
            return False
        return not choices or isinstance(self._events[-1], choices)

    def peek_event(self) -> Any:
        return self._events[-1]

    def get_event(self) -> Any:
        return self._events.pop()

    def dispose(self) -> None:
        self._events.clear()
