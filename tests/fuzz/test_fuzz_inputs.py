"""The project's own fuzz campaign (issue #13): structured mutations of the bundled model, of
scenarios and of reforms, tried as a hostile or careless user would, against the contract:

- the loader either accepts the input or raises an :class:`~govmodel.errors.InputError`
  (exit 2) of which at least one message has a ``file:line`` position (or names the model
  folder, for what no file holds: "no 'ruleset' section"); nothing else escapes, and no
  message shows a Python repr of the loader's structures;
- no input makes it hang (each mutant runs under a CPU-time alarm) or exhaust the memory (the YAML
  limits and the event budget refuse it first);
- through the command line: exit 0, 1, 2 or 3 only, and nothing written on exit 2.

Mutations (hypothesis draws them, one to three per mutant): delete, duplicate or rename a
key; give a value another type; swap two values; an odd scalar (5,000-digit integer,
``0000-00-00``, ``.nan``, a tag…); nesting far too deep; aliases (a "billion laughs", an
alias inside its own anchor, an undefined alias); merge keys; a top level that is a scalar.

The default tier runs a small sample; ``pytest -m slow tests/fuzz`` runs the long campaign
(``GOVMODEL_FUZZ_MUTANTS``, default 10,000 over model, scenario and reform) in-process on the
cheap entry points (loader, validation, event budget) and prints the counts per input kind
and outcome.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from govmodel.errors import InputError
from govmodel.model import apply_reform, bundled_model_path, load_model, load_reform
from govmodel.sim import load_scenario
from govmodel.sim.budget import check_budget
from govmodel.sim.loaded import bundled_scenario_path

HERE = Path(__file__).parent
TESTS = HERE.parent
TIME_BUDGET_S = 30  # CPU seconds per mutant: far above any honest run of these entry points (a hang
# detector that counts the process's CPU time, not the wall clock, so a loaded machine cannot trip it)

# -- inputs ---------------------------------------------------------------------------------

DALIAN = bundled_model_path()
MINIMAL_MODEL = TESTS / "model" / "good" / "minimal"
SCENARIOS = [
    bundled_scenario_path("baseline"),
    TESTS / "sim" / "good" / "minimal.yaml",
    TESTS / "sim" / "good" / "mayor-abroad.yaml",
]
REFORMS = sorted((bundled_scenario_path("baseline").parent / "reforms").glob("*.yaml"))


def _targets() -> list[tuple[str, Path, Path | None]]:
    """(kind, file to mutate, model folder it belongs to)."""
    out: list[tuple[str, Path, Path | None]] = []
    for folder in (DALIAN, MINIMAL_MODEL):
        out += [("model", f, folder) for f in sorted(folder.glob("*.yaml"))]
    out += [("scenario", f, None) for f in SCENARIOS]
    out += [("reform", f, None) for f in REFORMS]
    return out


TARGETS = _targets()
_PLAIN: dict[Path, Any] = {}


def _plain(path: Path) -> Any:
    if path not in _PLAIN:
        y = YAML(typ="safe", pure=True)
        _PLAIN[path] = y.load(path.read_text(encoding="utf-8"))
    return _PLAIN[path]


# -- mutants: plain data with raw YAML pieces, written as flow YAML -------------------------


class Raw:
    """A piece of YAML text put into the document as written."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return f"Raw({self.text[:60]!r}{'…' if len(self.text) > 60 else ''})"


class Dup(dict):
    """A mapping written with one of its keys twice."""

    def __init__(self, data: dict, key: str):
        super().__init__(data)
        self.dup = key


_ANCHOR = [0]


def _laughs(depth: int, width: int = 9) -> Raw:
    _ANCHOR[0] += 1
    p = f"l{_ANCHOR[0]}_"
    parts = [f"&{p}0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, depth):
        parts.append(f"&{p}{i} [" + ", ".join([f"*{p}{i - 1}"] * width) + "]")
    return Raw("[" + ", ".join(parts) + "]")


def _recursive() -> Raw:
    _ANCHOR[0] += 1
    return Raw(f"&r{_ANCHOR[0]} [1, *r{_ANCHOR[0]}]")


ODD = [
    "9" * 5000,
    "-" + "9" * 60,
    "0000-00-00",
    "2025-01-01T25:61:61",
    "2025-02-30",
    "9999-12-31",
    "0001-01-01",
    ".nan",
    ".inf",
    "-.inf",
    "1e400",
    "-1",
    "0",
    "~",
    "null",
    "''",
    "yes",
    "0x1F",
    "0o17",
    "!!python/object:os.system x",
    "!!binary aGVsbG8=",
    "!custom 1",
    "*nosuchanchor",
    "'\\u0000'",
    '"\\x1b[31mred"',
    '"' + "x" * 200 + '"',
    '"' + "字" * 120_000 + '"',
    "[]",
    "{}",
    "[[]]",
    "{<<: {a: 1}, b: 2}",
    "{a: &m {x: 1}, b: {<<: *m}}",
    "2147483648",
    "1.5",
    "-0.0",
    "true",
    '"../../../../etc/passwd"',
    '"/dev/zero"',
    '"p_mayr"',
    '"working_days"',
    '"hours"',
]
TYPES = [0, -5, 1.5, True, None, "", "x", "中文", [], {}, [1, 2], {"a": 1}, dt.date(2025, 1, 1), 10**30]


def _emit(v: Any, indent: int = 0) -> str:
    pad = " " * (indent + 1)
    if isinstance(v, Raw):
        return v.text
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = [
            f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {_emit(x, indent + 1)}" for k, x in v.items()
        ]
        if isinstance(v, Dup) and v.dup in v:
            items.append(f"{pad}{json.dumps(str(v.dup), ensure_ascii=False)}: {_emit(v[v.dup], indent + 1)}")
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[\n" + ",\n".join(pad + _emit(x, indent + 1) for x in v) + "\n" + " " * indent + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return repr(v) if not isinstance(v, float) or v == v and abs(v) != float("inf") else ".nan"
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return json.dumps(str(v), ensure_ascii=False)


def _copy(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _copy(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_copy(x) for x in v]
    return v


def _paths(v: Any, at: tuple = ()) -> list[tuple]:
    out = [at]
    if isinstance(v, dict):
        for k, x in v.items():
            out += _paths(x, at + (k,))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            out += _paths(x, at + (i,))
    return out


def _get(v: Any, path: tuple) -> Any:
    for p in path:
        v = v[p]
    return v


def _set(root: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    _get(root, path[:-1])[path[-1]] = value
    return root


OPS = [
    "delete",
    "duplicate",
    "rename",
    "retype",
    "swap",
    "odd",
    "nest",
    "laughs",
    "recursive",
    "merge",
    "scalar_top",
    "empty",
]


@st.composite
def mutants(
    draw: Any, kinds: tuple[str, ...] = ("model", "scenario", "reform")
) -> tuple[str, Path, Path | None, str, list[str]]:
    kind, file, folder = draw(st.sampled_from([t for t in TARGETS if t[0] in kinds]))
    data = _copy(_plain(file))
    done = []
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(OPS))
        node = _get(data, path)
        parent = _get(data, path[:-1]) if path else None
        if op == "delete" and path and isinstance(parent, (dict, list)):
            del parent[path[-1]]
        elif op == "duplicate" and path and isinstance(parent, dict) and not isinstance(parent, Dup):
            data = _set(data, path[:-1], Dup(parent, path[-1]))
        elif op == "rename" and path and isinstance(parent, dict) and isinstance(path[-1], str):
            new = draw(
                st.sampled_from(
                    [path[-1][:-1], path[-1] + "s", path[-1].upper(), "pos", "field_pos", "<<", "", "id"]
                )
            )
            parent[new] = parent.pop(path[-1])
        elif op == "retype":
            data = _set(data, path, _copy(draw(st.sampled_from(TYPES))))
        elif op == "swap":
            other = draw(st.sampled_from(paths))
            if path and other and path[: len(other)] != other and other[: len(path)] != path:
                a, b = _get(data, path), _get(data, other)
                _set(data, path, b)
                _set(data, other, a)
        elif op == "odd":
            data = _set(data, path, Raw(draw(st.sampled_from(ODD))))
        elif op == "nest":
            n = draw(st.sampled_from([10, 63, 65, 200, 3000]))
            data = _set(data, path, Raw("[" * n + _emit(node) + "]" * n))
        elif op == "laughs":
            data = _set(data, path, _laughs(draw(st.integers(2, 10))))
        elif op == "recursive":
            data = _set(data, path, _recursive())
        elif op == "merge" and isinstance(node, dict) and node:
            data = _set(data, path, Raw("{<<: " + _emit(node) + ", " + json.dumps("x_extra") + ": 1}"))
        elif op == "scalar_top":
            data = draw(st.sampled_from(["hello", 42, None, [1, 2], Raw("!!str 0000-00-00")]))
        elif op == "empty" and isinstance(node, (dict, list)):
            # a plain empty mapping or list (a Dup, a mapping written with a key twice, has no empty form)
            data = _set(data, path, {} if isinstance(node, dict) else [])
        else:
            continue
        done.append(f"{op} {'.'.join(map(str, path))}")
        if not isinstance(data, (dict, list)):
            break
    return kind, file, folder, _emit(data) + "\n", done


# -- running one mutant ---------------------------------------------------------------------


class Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Hang(f"over {TIME_BUDGET_S} s of CPU time")


_BASE: dict[str, Any] = {}
_WORK: dict[tuple[Path, Path], Path] = {}


def _workdir(tmp: Path, folder: Path) -> Path:
    if (tmp, folder) not in _WORK:
        target = tmp / f"model-{len(_WORK)}"
        shutil.copytree(folder, target)
        _WORK[(tmp, folder)] = target
    return _WORK[(tmp, folder)]


def run_mutant(tmp: Path, kind: str, file: Path, folder: Path | None, text: str) -> tuple[str, str]:
    """Load one mutant through the cheap entry points: (outcome, detail). Outcomes:
    ``accepted``, ``clean error`` (exit 2 with a position), or a contract violation."""
    if kind == "model":
        assert folder is not None
        work = _workdir(tmp, folder)
        target = work / file.name
    else:
        target = tmp / f"{kind}-{file.name}"
    target.write_text(text, encoding="utf-8")
    old = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, TIME_BUDGET_S)
    try:
        if kind == "model":
            load_model(target.parent)
        elif kind == "scenario":
            check_budget(load_scenario(target))
        else:
            if "dalian" not in _BASE:
                _BASE["dalian"] = load_model()
            apply_reform(_BASE["dalian"], load_reform(target))
        return "accepted", ""
    except InputError as exc:
        if not exc.problems:
            return "violation: exit 2 without a message", repr(exc)
        if not any(p.where.line > 0 or Path(p.where.file).is_dir() for p in exc.problems):
            return "violation: exit 2 without a file:line position", "\n".join(map(str, exc.problems))
        # a repr of the loader's own structures (a position object, a mapping with positions);
        # a key the file itself names "pos" or "field_pos" is an unknown key like any other
        if any(r in str(p) for p in exc.problems for r in ("SourceRef(", "'field_pos':", "'pos':")):
            return "violation: a Python repr in a message", "\n".join(map(str, exc.problems))
        return "clean error", str(exc.problems[0])
    except Hang as exc:
        return "violation: hang", str(exc)
    except RecursionError as exc:
        return "violation: crash", f"RecursionError: {exc}"
    except MemoryError:
        return "violation: memory", ""
    except Exception as exc:  # anything else escaping the loader is a crash
        return "violation: crash", f"{type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)
        if kind == "model":
            shutil.copy(file, target)  # restore the folder for the next mutant
        else:
            target.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def cached_parses():
    """Unchanged model files are parsed once: a mutant costs the parse of its one file and the
    validation of the whole model (the campaign would otherwise be spent re-reading YAML)."""
    import govmodel.model.load as load

    real = load.read_yaml
    cache: dict[tuple[str, bytes], Any] = {}

    def read_yaml(path: Any, display: str | None = None, timestamps_as_text: bool = False) -> Any:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return real(path, display, timestamps_as_text)
        key = (str(display), data)
        if key not in cache:
            cache[key] = real(path, display, timestamps_as_text)
            if len(cache) > 200:
                cache.pop(next(iter(cache)))
        return cache[key]

    load.read_yaml = read_yaml
    yield
    load.read_yaml = real


CAMPAIGN: Counter[tuple[str, str]] = Counter()
FAILURES: list[str] = []


def _one(tmp: Path, mutant: tuple) -> None:
    kind, file, folder, text, ops = mutant
    outcome, detail = run_mutant(tmp, kind, file, folder, text)
    CAMPAIGN[(kind, outcome)] += 1
    if outcome.startswith("violation"):
        FAILURES.append(f"{kind} {file.name} {ops}: {outcome}: {detail[:300]}")
    assert not outcome.startswith("violation"), (
        f"{file.name} after {ops}: {outcome}\n{detail}\n--- mutant ---\n{text[:2000]}"
    )


_FAST = settings(
    max_examples=10, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@_FAST
@given(mutant=mutants())
def test_fast_sample_keeps_the_contract(mutant, fuzz_dir, cached_parses) -> None:
    _one(fuzz_dir, mutant)


_CLI = settings(
    max_examples=6, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


@_CLI
@given(mutant=mutants(("scenario",)).filter(lambda m: m[1].name == "minimal.yaml"))
def test_command_line_sample_exits_0_to_3_and_writes_nothing_on_exit_2(mutant, fuzz_dir, capsys) -> None:
    from govmodel.cli import main

    _, file, _, text, ops = mutant
    scenario = fuzz_dir / "cli-scenario.yaml"
    scenario.write_text(text, encoding="utf-8")
    out = fuzz_dir / "cli-out.json"
    out.unlink(missing_ok=True)
    code = main(
        ["simulate", str(scenario), "-n", "1", "--no-progress", "--format", "json", "--out", str(out)]
    )
    err = capsys.readouterr().err
    assert code in (0, 1, 2, 3), f"exit {code} after {ops}: {err}"
    if code == 2:
        assert not out.exists(), f"an output was written on exit 2 after {ops}"
        assert any(line.startswith("error: ") and ":" in line[7:] for line in err.splitlines()), err
    else:
        assert out.exists()


def _write_report(path: Path) -> None:
    path.write_text(
        json.dumps(
            {
                "mutants": sum(CAMPAIGN.values()),
                "counts": {f"{k}/{o}": n for (k, o), n in sorted(CAMPAIGN.items())},
                "failures": FAILURES,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )


@pytest.mark.slow
def test_long_campaign_keeps_the_contract(tmp_path: Path, cached_parses) -> None:
    total = int(os.environ.get("GOVMODEL_FUZZ_MUTANTS", "10000"))
    out = os.environ.get("GOVMODEL_FUZZ_REPORT")  # a JSON file: counts (updated as it runs) and failures
    shares = {"model": 0.5, "scenario": 0.25, "reform": 0.25}
    CAMPAIGN.clear()
    FAILURES.clear()
    rounds = 10  # interleaved, so that counts written while it runs cover every kind
    for rnd, (kind, share) in ((r, ks) for r in range(rounds) for ks in shares.items()):

        @seed(rnd)
        @settings(
            max_examples=max(1, int(total * share / rounds)),
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.generate],
        )
        @given(mutant=mutants((kind,)))
        def campaign(mutant) -> None:
            kind_, file, folder, text, ops = mutant
            outcome, detail = run_mutant(tmp_path, kind_, file, folder, text)
            CAMPAIGN[(kind_, outcome)] += 1
            if outcome.startswith("violation"):
                FAILURES.append(f"{kind_} {file.name} {ops}: {outcome}: {detail[:300]}\n{text[:500]}")
            if out and sum(CAMPAIGN.values()) % 250 == 0:
                _write_report(Path(out))

        campaign()
    report = "\n".join(f"{k:9s} {o:45s} {n:6d}" for (k, o), n in sorted(CAMPAIGN.items()))
    if out:
        _write_report(Path(out))
    sys.stderr.write(f"\nfuzz campaign, {sum(CAMPAIGN.values())} mutants:\n{report}\n")
    assert not FAILURES, "\n\n".join(FAILURES[:10])
