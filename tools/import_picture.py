"""The package-level import picture of govmodel: which subpackage imports which, and every
import that points against the layers (issue #10; docs/architecture.md).

    python tools/import_picture.py                  # the working tree's src/
    python tools/import_picture.py 7d19f5d          # a commit (read with `git archive`, nothing checked out)
    python tools/import_picture.py 7d19f5d main     # two revisions, and the unit edges that differ

Every ``import`` statement counts, at module level or inside a function (a lazy import is an
edge all the same), ``if TYPE_CHECKING:`` ones included, as import-linter counts them. A unit
is a subpackage or top-level module of govmodel (``govmodel.verify.checks.timing`` is
``verify``); ``(root)`` is ``govmodel/__init__.py`` and ``__main__.py``, which the layers leave
out. An edge is *against the layers* when it goes from a lower layer to a higher one or between
two units of one layer (``verify`` and ``sim``); the layers are read from pyproject.toml.
"""

from __future__ import annotations

import ast
import io
import subprocess
import sys
import tarfile
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LONG = 400
"""A module over this many lines is reported (issue #10: no module over ~400 lines)."""


def sources(rev: str | None) -> dict[str, str]:
    """Module name → source text of every module under src/govmodel (at ``rev``, or on disk)."""
    out: dict[str, str] = {}
    if rev is None:
        files = {
            p.relative_to(ROOT / "src").as_posix(): p.read_text("utf-8")
            for p in (ROOT / "src/govmodel").rglob("*.py")
        }
    else:
        tar = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "src/govmodel"], capture_output=True, check=True
        ).stdout
        files = {}
        with tarfile.open(fileobj=io.BytesIO(tar)) as tf:
            for m in tf.getmembers():
                if m.isfile() and m.name.endswith(".py"):
                    data = tf.extractfile(m)
                    assert data is not None
                    files[m.name.removeprefix("src/")] = data.read().decode("utf-8")
    for rel, text in files.items():
        if rel.startswith("govmodel/data/"):
            continue  # notebooks' helpers and baseline scripts: not the package
        parts = rel.removesuffix(".py").split("/")
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = text
    return out


def unit(module: str) -> str:
    parts = module.split(".")
    return "(root)" if len(parts) < 2 or parts[1] == "__main__" else parts[1]


def imports(module: str, text: str, is_package: bool) -> list[tuple[str, bool]]:
    """The govmodel modules ``module`` imports (absolute and relative), each with whether the
    import is lazy (inside a function) or under ``if TYPE_CHECKING:``."""
    out: list[tuple[str, bool]] = []
    tree = ast.parse(text)
    top: set[int] = set()
    for statement in tree.body:  # module level: plain statements, try/except, if (not TYPE_CHECKING)
        stack: list[ast.AST] = [statement]
        while stack:
            n = stack.pop()
            if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test):
                continue
            if isinstance(n, (ast.Import, ast.ImportFrom)):
                top.add(id(n))
            elif isinstance(n, (ast.If, ast.Try)):
                stack += list(ast.iter_child_nodes(n))
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = module.split(".")
                base = parts[: len(parts) - node.level + (1 if is_package else 0)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            # `from govmodel import report` names a unit; `from govmodel.model import t` a module
            names = [f"{name}.{a.name}" for a in node.names] if name == "govmodel" else [name]
        out += [(n, id(node) not in top) for n in names if n == "govmodel" or n.startswith("govmodel.")]
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return sorted(out)


def layers() -> list[set[str]]:
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contract = next(c for c in conf["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    return [{u.strip() for u in layer.split("|")} for layer in contract["layers"]]


def resolve(name: str, src: dict[str, str]) -> str | None:
    """The module an imported name is (``govmodel.model.types.Role`` → ``govmodel.model.types``)."""
    while name and name not in src:
        name = name.rpartition(".")[0]
    return name or None


class Picture:
    """The import picture of one revision."""

    def __init__(self, rev: str | None) -> None:
        src = sources(rev)
        packages = {m for m in src if any(k.startswith(m + ".") for k in src)}
        self.rev = rev or "working tree"
        self.modules = len(src)
        self.lines = sum(t.count("\n") for t in src.values())
        self.long = sorted((t.count("\n"), m) for m, t in src.items() if t.count("\n") > LONG)
        self.units = {unit(m) for m in src}
        self.importers: dict[tuple[str, str], set[str]] = defaultdict(set)
        modgraph: dict[str, set[str]] = {m: set() for m in src}
        self.lazy = 0
        for m, text in src.items():
            for name, is_lazy in imports(m, text, m in packages):
                target = resolve(name, src)
                if target is None or target == m:
                    continue
                self.lazy += is_lazy
                if not (target in packages and m.startswith(target + ".")):  # a package's own __init__
                    modgraph[m].add(target)
                a, b = unit(m), unit(target)
                if a != b:
                    self.importers[(a, b)].add(m)
        self.rank = {u: i for i, layer in enumerate(layers()) for u in layer}
        rank = self.rank
        self.against = sorted(
            ((a, b) for (a, b) in self.importers if a in rank and b in rank and rank[a] >= rank[b]),
            key=lambda e: (rank[e[0]], e),
        )
        self.two_way = sorted((a, b) for (a, b) in self.importers if a < b and (b, a) in self.importers)
        self.cycles = cycles(modgraph)

    def show(self) -> None:
        rank = self.rank
        print(
            f"# {self.rev}: {self.modules} modules, {self.lines} lines, {len(self.units)} units, "
            f"{len(self.importers)} unit edges, {self.lazy} lazy or TYPE_CHECKING imports of govmodel modules"
        )
        print("# unit: the units it imports (number of importing modules), by layer")
        for u in sorted(self.units, key=lambda u: (rank.get(u, -1), u)):
            deps = sorted((b for (a, b) in self.importers if a == u), key=lambda b: (rank.get(b, -1), b))
            print(f"{u:>10}: " + " ".join(f"{b}({len(self.importers[(u, b)])})" for b in deps))
        print(f"# against the layers: {len(self.against)}")
        for a, b in self.against:
            print(f"  {a} -> {b}: {', '.join(sorted(self.importers[(a, b)]))}")
        print(f"# two-way unit pairs: {len(self.two_way)}")
        for a, b in self.two_way:
            print(f"  {a} <-> {b}")
        print(f"# module cycles (every import, lazy and TYPE_CHECKING ones too): {len(self.cycles)}")
        for comp in self.cycles:
            print("  " + " <-> ".join(c.removeprefix("govmodel.") for c in comp))
        print(f"# modules over {LONG} lines: {len(self.long)}")
        for n, m in self.long:
            print(f"  {m.removeprefix('govmodel.')} ({n})")


def main(argv: list[str]) -> None:
    pictures = [Picture(rev) for rev in argv] or [Picture(None)]
    for pic in pictures:
        pic.show()
        print()
    if len(pictures) == 2:
        old, new = pictures
        gone = sorted(set(old.importers) - set(new.importers))
        added = sorted(set(new.importers) - set(old.importers))
        print(f"# unit edges gone from {old.rev} to {new.rev}: " + ", ".join(f"{a}->{b}" for a, b in gone))
        print("# unit edges new: " + ", ".join(f"{a}->{b}" for a, b in added))


if __name__ == "__main__":
    main(sys.argv[1:])
