"""``extends:``: a scenario written as changes to another (a reform = baseline + a change).

The child's mappings are merged into the base's key by key (recursively); any other value,
lists included, replaces the base's; a key ending in ``+`` appends to the base's list
(``absences+: [...]``). Paths in the base (model folder, cast, holiday notices) stay relative
to the base file. Chains are allowed, cycles are errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govmodel.errors import InputError, Problem, excerpt
from govmodel.paths import confine, project_root, resolve
from govmodel.refs import SourceRef
from govmodel.yamlio import Positions, display_path, kind_problem, read_yaml, to_plain

__all__ = ["resolve_extends", "merge", "reform_paths"]

_MAX_DEPTH = 8


def resolve_extends(
    path: Path,
    display: str,
    tree: Any,
    keys: tuple[str, ...],
    seen: tuple[Path, ...] = (),
    root: Path | None = None,
    positions: Positions | None = None,
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The scenario's plain data with its ``extends`` chain merged in, and the problems; where
    each mapping of every file of the chain is written goes into ``positions``.

    Every base must lie inside ``root`` (default: :func:`govmodel.paths.project_root` of
    the first file), symlinks resolved, and be a scenario file: a mapping with some of the
    top-level ``keys`` (:func:`govmodel.sim.scenario.scenario_keys`).
    """
    root = root or project_root(path)
    if not hasattr(tree, "items"):
        kind = "a list" if isinstance(tree, list) else "nothing" if tree is None else "a single value"
        return None, [
            Problem(
                SourceRef(display, 1, 1),
                f"the file holds {kind}, not a mapping",
                "top-level keys such as scenario, horizon, arrivals",
            )
        ]
    positions = Positions() if positions is None else positions
    plain = to_plain(tree, display, positions)
    ref = plain.pop("extends", None)
    where = (positions.of(plain, "extends") if ref is not None else None) or SourceRef(display)
    if ref is None:
        return plain, []
    if not isinstance(ref, str):
        return None, [Problem(where, f"extends: found {excerpt(ref)}", "the path of another scenario file")]
    try:
        base = confine(ref, path.parent, (root,), where, "extends")
    except InputError as exc:
        return None, list(exc.problems)
    if base in seen or base == resolve(path) or len(seen) >= _MAX_DEPTH:
        return None, [
            Problem(where, f"extends: {excerpt(ref)} makes a cycle", "a chain of scenarios without cycles")
        ]
    if not base.exists():
        return None, [
            Problem(where, f"extends: no such file {excerpt(ref)}", "a scenario file, relative to this one")
        ]
    shown = display_path(base)
    base_tree, problems = read_yaml(base, shown)
    if problems:
        return None, problems
    wrong = kind_problem(base_tree, shown, "scenario", keys)
    if wrong is not None:
        return None, [wrong]
    base_plain, problems = resolve_extends(
        base, shown, base_tree, keys, seen + (resolve(path),), root, positions
    )
    if base_plain is None:
        return None, problems
    _absolute_paths(base_plain, base.parent)
    return merge(base_plain, plain, positions), []


def _absolute_paths(plain: dict[str, Any], folder: Path) -> None:
    # joined, not resolved: the reader resolves symlinks and checks the root (govmodel.paths)
    model = plain.get("model")
    if isinstance(model, dict):
        for key in ("path", "cast"):
            if isinstance(model.get(key), str):
                model[key] = str(folder / model[key])
        if isinstance(model.get("reforms"), list):
            model["reforms"] = [str(folder / r) if isinstance(r, str) else r for r in model["reforms"]]
    cal = plain.get("calendar")
    if isinstance(cal, dict) and isinstance(cal.get("holidays"), list):
        cal["holidays"] = [str(folder / h) if isinstance(h, str) else h for h in cal["holidays"]]


def merge(base: dict[str, Any], child: dict[str, Any], positions: Positions | None = None) -> dict[str, Any]:
    """``child`` over ``base``: mappings merged key by key, other values replaced, ``key+``
    appended to the base's list. A merged mapping is written where the child writes it, each
    key where its value comes from (recorded in ``positions``, which holds both files')."""
    out = dict(base)
    for key, value in child.items():
        if key.endswith("+") and isinstance(value, list):
            name = key[:-1]
            previous = out.get(name)
            out[name] = (list(previous) if isinstance(previous, list) else []) + value
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value, positions)
        else:
            out[key] = value
    if positions is not None:
        pos = positions.of(child) or positions.of(base)
        if pos is not None:
            positions.record(out, pos, {**positions.keys_of(base), **positions.keys_of(child)})
    return out


def reform_paths(path: Path, tree: Any, keys: tuple[str, ...], root: Path | None = None) -> list[Path]:
    """The reform files a scenario names (``model.reforms``, through its ``extends`` chain),
    each resolved inside ``root`` (see :func:`resolve_extends`).

    Raises
    ------
    InputError
        A reform path that leads outside the root, at the position of ``reforms``.
    """
    root = root or project_root(path)
    positions = Positions()
    plain, _ = resolve_extends(path, str(path), tree, keys, root=root, positions=positions)
    model = (plain or {}).get("model")
    if not isinstance(model, dict) or not isinstance(model.get("reforms"), list):
        return []
    refs = model["reforms"]
    where = positions.of(model, "reforms") or SourceRef(str(path))
    out: list[Path] = []
    problems: list[Problem] = []
    for r in refs:
        if isinstance(r, str):
            try:
                found = confine(r, path.parent, (root,), where, "model.reforms")
            except InputError as exc:
                problems += exc.problems
                continue
            if found.exists():
                out.append(found)
            else:
                problems.append(
                    Problem(
                        where,
                        f"model.reforms: no such file {excerpt(r)}",
                        "a reform YAML, relative to the scenario",
                    )
                )
    if problems:
        raise InputError(problems)
    return out
