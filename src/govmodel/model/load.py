"""Load a model folder: YAML → validated, frozen :class:`Model`. Every problem is found in one
pass and reported as ``file:line:col: what was found; what was expected``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from govmodel.errors import InputError, ModelError, Problem, excerpt
from govmodel.model import types as t
from govmodel.model.model import Model
from govmodel.model.sections import SECTIONS, Sections
from govmodel.model.validate import cross_check
from govmodel.paths import confine
from govmodel.refs import SourceRef
from govmodel.yamlio import Positions, display_path, kind_problem, read_yaml, to_plain
from govmodel.yamlio.validation import allowed_keys as _allowed_keys
from govmodel.yamlio.validation import validation_problems

V = TypeVar("V", bound=BaseModel)

#: The top-level keys of a model file (a file with none of them is not a model file).
MODEL_KEYS = ("ruleset", "cast") + SECTIONS

__all__ = ["load_model", "bundled_model_path", "validation_problems", "load_validated"]


def bundled_model_path(name: str | None = None) -> Path:
    """The folder of a model shipped with govmodel (by default :data:`govmodel.bundled.DEFAULT_MODEL`),
    inside the installed package (``govmodel/data/models/<name>``)."""
    from govmodel.bundled import DEFAULT_MODEL, bundled_names, bundled_path

    name = name or DEFAULT_MODEL

    found = bundled_path("model", name)
    if found is None:
        raise ModelError(
            [
                Problem(
                    SourceRef(name),
                    f"bundled model {name!r} not found",
                    f"one of: {', '.join(bundled_names('model')) or '(none)'}",
                )
            ]
        )
    return found


def describe(value: Any) -> str:
    """What was found, as a message shows it: a scalar as written, a list or a mapping
    described (never the loader's structures: positions are the message's own)."""
    return excerpt(value)  # a scalar cut to 40 characters on one line (issue #15)


def load_validated(
    path: Path, cls: type[V], display: str, error: type[InputError], kind: str = ""
) -> tuple[V, Positions]:
    """Read one YAML file and validate it as ``cls`` (a pydantic model), with where each of its
    mappings is written (the plain mappings read and the nodes validated from them); every
    problem is raised at once as ``error`` with its position. A file that is not of the
    ``kind`` at all (empty, not a mapping, none of the keys) is one problem that quotes nothing
    of it."""
    tree, problems = read_yaml(path, display)
    if problems:
        raise error(problems)
    wrong = kind_problem(tree, display, kind or cls.__name__, _allowed_keys(cls, ()))
    if wrong is not None:
        raise error([wrong])
    positions = Positions()
    plain = to_plain(tree, display, positions)
    try:
        value = cls.model_validate(plain)
    except ValidationError as exc:
        raise error(validation_problems(exc, tree, display, cls)) from None
    positions.carry(value, plain)
    return value, positions


def load_model(path: str | Path | None = None, assumptions: dict[str, bool] | None = None) -> Model:
    """Load the model in a folder (default: the bundled default model, ``DEFAULT_MODEL``).

    Raises
    ------
    ModelError
        With every problem found: YAML errors, unknown keys, wrong types or units, unknown
        references, duplicate ids, articles out of range or unaccounted for.
    """
    folder = Path(path) if path is not None else bundled_model_path()
    if not folder.is_dir():
        raise ModelError(
            [Problem(SourceRef(str(folder)), "not a folder", "a model folder with *.yaml files")]
        )
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ModelError(
            [Problem(SourceRef(str(folder)), "no *.yaml files", "a model folder with *.yaml files")]
        )
    from govmodel.model import cache
    from govmodel.model.memo import caching_enabled, shared

    # Loaded once per process (issue #11): the same files, names and assumptions give the same
    # Model object, so what is memoized on it (step DAGs, verification DAGs) serves every
    # command part that loads it again (`reform` loaded it three times, `report` twelve).
    key = cache._key(folder, files) if caching_enabled() else None
    loaded = shared("model.load", limit=32)
    wanted = (key, tuple(sorted((assumptions or {}).items())))
    found: tuple[Model, str | None] | None = loaded.get(wanted) if key is not None else None
    if found is not None and found[1] == _source_digest(found[0]):  # the rules' text unchanged too
        return found[0]
    sections = cache.get(folder, files)
    if sections is None:
        sections = _load_sections(folder, files)
        cache.put(folder, files, sections)
    model = Model.build(sections, folder)
    model = model.with_assumptions(assumptions) if assumptions else model
    if key is not None:
        loaded[wanted] = (model, _source_digest(model))
    return model


def _source_digest(model: Model) -> str | None:
    """The digest of the rules' text (``ruleset.source``), which the model reads when asked."""
    from govmodel.model import cache

    source = cache._source(model.folder, model.sections)
    return cache._digest(source) if cache._regular(source) else None


def _load_sections(folder: Path, files: list[Path]) -> Sections:
    """Parse, validate and cross-check the files of a model folder (every problem at once)."""
    problems: list[Problem] = []
    parts: list[t.ModelFile] = []
    positions = Positions()  # where each element is written, beside the elements
    elsewhere: set[str] | None = set()  # ids defined in files that failed (None: unknowable)
    cited_elsewhere: set[int] = set()  # articles the elements left out of those files cite
    for file in files:
        name = display_path(file)
        try:  # a *.yaml symlink must stay inside the folder (never /dev/zero, never a loop)
            confine(file.name, folder, (folder,), SourceRef(name), "model file")
        except InputError as exc:
            problems += exc.problems
            continue
        tree, found = read_yaml(file, name)
        problems += found
        if found:
            elsewhere = None
            continue
        wrong = kind_problem(tree, name, "model file", MODEL_KEYS)
        if wrong is not None:  # empty, or not a model file at all: described, never quoted
            problems.append(wrong)
            if tree:
                elsewhere = None
            continue
        read = Positions()
        plain = to_plain(tree, name, read)
        try:
            parts.append(t.ModelFile.model_validate(plain))
            positions.carry(parts[-1], plain, read)
        except ValidationError as exc:
            problems += validation_problems(exc, tree, name, t.ModelFile)
            partial, dropped, kept = _without_bad_items(plain, exc)
            if partial is not None:  # the file's other elements still take part in the cross-checks
                parts.append(partial)
                positions.carry(partial, kept, read)
            if elsewhere is not None:
                elsewhere |= _ids_in(dropped if partial is not None else tree)
                cited_elsewhere |= _articles_in(dropped if partial is not None else tree)
    sections = _merge(parts, folder, problems, positions)
    if sections is not None:
        # The files valid on their own are cross-checked even when another file failed, so
        # three typos in three files are three messages; references to what the failed files
        # define are not reported again (a typo is one message, not a flood).
        problems += cross_check(
            sections,
            folder,
            frozenset(elsewhere) if elsewhere is not None else None,
            frozenset(cited_elsewhere),
        )
    if problems:
        raise ModelError(problems)
    assert sections is not None
    return sections


def _without_bad_items(
    plain: Any, exc: ValidationError
) -> tuple[t.ModelFile | None, list[Any], dict[str, Any]]:
    """The file without the section items its errors are in, validated again (None when an
    error is not inside a section's list), the items left out and the data validated."""
    bad: dict[str, set[int]] = {}
    for err in exc.errors(include_url=False):
        loc = err["loc"]
        if len(loc) < 2 or loc[0] not in SECTIONS or not isinstance(loc[1], int):
            return None, [], {}
        bad.setdefault(str(loc[0]), set()).add(loc[1])
    data = dict(plain)
    dropped: list[Any] = []
    for section, indices in bad.items():
        items = list(data.get(section) or ())
        dropped += [x for i, x in enumerate(items) if i in indices]
        data[section] = [x for i, x in enumerate(items) if i not in indices]
    try:
        return t.ModelFile.model_validate(data), dropped, data
    except ValidationError:
        return None, [], {}


def _mappings(tree: Any) -> Iterator[Any]:
    """Every mapping in a YAML tree, at any depth (a file that failed validation is read raw)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if hasattr(node, "items"):
            yield node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _ids_in(tree: Any) -> set[str]:
    """Every ``id:`` value in a YAML tree (what a file that failed validation would define)."""
    return {m["id"] for m in _mappings(tree) if isinstance(m.get("id"), str)}


def _articles_in(tree: Any) -> set[int]:
    """Every article number an ``articles:`` list in a YAML tree cites (what the elements of a
    file that failed validation would cover)."""
    return {
        a
        for m in _mappings(tree)
        if isinstance(m.get("articles"), list)
        for a in m["articles"]
        if isinstance(a, int) and not isinstance(a, bool)
    }


def _merge(
    parts: list[t.ModelFile], folder: Path, problems: list[Problem], positions: Positions
) -> Sections | None:
    rulesets = [p.ruleset for p in parts if p.ruleset is not None]
    casts = [p.cast for p in parts if p.cast is not None]
    for extra in rulesets[1:]:
        problems.append(
            Problem(
                positions.of(extra) or SourceRef(str(folder)),
                "a second 'ruleset'",
                f"one ruleset per model (first at {positions.of(rulesets[0])})",
            )
        )
    for other in casts[1:]:
        problems.append(
            Problem(
                positions.of(other) or SourceRef(str(folder)),
                "a second 'cast'",
                f"one cast per model (first at {positions.of(casts[0])})",
            )
        )
    if not rulesets:
        if problems:  # a file that failed may hold it: do not report a consequence
            return None
        problems.append(
            Problem(
                SourceRef(str(folder)),
                "no 'ruleset' section",
                "a file with 'ruleset: {id, title, issuer, adopted, articles, source}'",
            )
        )
        return None
    merged = {name: tuple(x for p in parts for x in getattr(p, name)) for name in SECTIONS}
    return Sections(ruleset=rulesets[0], cast=casts[0] if casts else None, positions=positions, **merged)
