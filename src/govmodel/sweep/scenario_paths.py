"""Paths into a scenario as written (the plain data of :func:`scenario_plain`): mapping keys
separated by dots (a key that itself holds a dot, such as a ``procedure.step``, is matched whole,
or written ``[procedure.step]``), list items by index ``[0]`` or by their fields
``[type=request]`` / ``[role=mayor,reason=abroad_visit]``. Parsed, followed with a message
naming what is there instead, shown, and set (a sweep's ``overrides:``). The factors of a sweep
(:mod:`govmodel.sweep.factors`) are named by such paths.
"""

from __future__ import annotations

import copy
import difflib
import re
from typing import Any

__all__ = ["apply_overrides", "parse_path", "resolve", "scenario_plain", "show_path"]

_TOKEN = re.compile(r"\[([^\]]*)\]|\.?([^.\[\]]+)")


def parse_path(path: str) -> list[Any] | None:
    """``a.b[0].c[k=v]`` → ["a", "b", 0, "c", {"k": "v"}]; None if malformed."""
    out: list[Any] = []
    pos = 0
    while pos < len(path):
        m = _TOKEN.match(path, pos)
        if not m or m.end() == pos:
            return None
        sel, key = m.group(1), m.group(2)
        if sel is not None:
            sel = sel.strip()
            if sel.isdigit():
                out.append(int(sel))
            elif "=" not in sel and sel.strip("'\""):
                out.append(sel.strip("'\""))  # [key.with.dots]: a mapping key taken whole
            else:
                pairs = [p.split("=", 1) for p in sel.split(",")]
                if not all(len(p) == 2 and p[0].strip() for p in pairs):
                    return None
                out.append({k.strip(): v.strip() for k, v in pairs})
        else:
            out.append(key)
        pos = m.end()
    return out or None


def resolve(plain: Any, path: str) -> tuple[tuple[Any, ...], Any, str]:
    """Follow ``path`` in the plain scenario: (concrete steps, value, error message or "")."""
    parts = parse_path(path)
    if parts is None:
        return (), None, "malformed path"
    node: Any = plain
    steps: list[Any] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if isinstance(node, dict):
            if not isinstance(part, str):
                return (), None, f"{'.'.join(map(str, steps)) or 'the scenario'} is a mapping, not a list"
            key, j = part, i
            while key not in node and j + 1 < len(parts) and isinstance(parts[j + 1], str):
                j += 1
                key = key + "." + parts[j]  # keys with dots (procedure.step)
            if key not in node:
                close = difflib.get_close_matches(
                    key, [str(k) for k in node], n=1
                ) or difflib.get_close_matches(part, [str(k) for k in node], n=1)
                hint = (
                    f" (did you mean {close[0]!r}?)"
                    if close
                    else f" (keys here: {', '.join(map(str, node))})"
                )
                return (), None, f"no key {key!r}{hint}"
            node, i = node[key], j + 1
            steps.append(key)
        elif isinstance(node, list):
            if isinstance(part, int):
                if not 0 <= part < len(node):
                    return (), None, f"index {part} out of range (the list has {len(node)} items)"
                index = part
            elif isinstance(part, dict):
                hits = [
                    n
                    for n, item in enumerate(node)
                    if isinstance(item, dict) and all(str(item.get(k)) == v for k, v in part.items())
                ]
                if not hits:
                    return (), None, f"no item with {', '.join(f'{k}={v}' for k, v in part.items())}"
                if len(hits) > 1:
                    return (
                        (),
                        None,
                        f"{len(hits)} items match {', '.join(f'{k}={v}' for k, v in part.items())}; "
                        "add a field or use an index",
                    )
                index = hits[0]
            else:
                return (), None, f"{part!r} selects in a list: use [index] or [field=value]"
            node = node[index]
            steps.append(index)
            i += 1
        else:
            return (), None, f"{'.'.join(map(str, steps))} is a value, not a mapping or list"
    return tuple(steps), node, ""


def show_path(steps: tuple[Any, ...]) -> str:
    out = ""
    for s in steps:
        out += f"[{s}]" if isinstance(s, int) else (f".{s}" if out else str(s))
    return out


def scenario_plain(spec: Any) -> dict[str, Any]:
    """The scenario as plain data that validates back to the same scenario."""
    return _lists(spec.model_dump(mode="python", by_alias=True, exclude_none=True))


def _lists(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _lists(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_lists(v) for v in node]
    return node


def apply_overrides(plain: dict[str, Any], overrides: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    out = copy.deepcopy(plain)
    errors = []
    for path, value in overrides.items():
        steps, _old, error = resolve(out, path)
        if error:
            errors.append(f"{path}: {error}")
            continue
        _set(out, steps, value)
    return out, errors


def _set(node: Any, steps: tuple[Any, ...], value: Any) -> None:
    for s in steps[:-1]:
        node = node[s]
    node[steps[-1]] = value
