"""The lint and type rules exempt nothing (issue #10 cleared both lists): no per-file ignores
in ruff.toml, no mypy override that skips a module, no inline noqa or type-ignore without its code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_exempts_no_file() -> None:
    config = tomllib.loads((ROOT / "ruff.toml").read_text(encoding="utf-8"))
    lint = config.get("lint", {})
    assert lint.get("per-file-ignores", {}) == {}
    assert lint.get("ignore", []) == [] and config.get("exclude", []) == []


def test_mypy_skips_no_module() -> None:
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    skipped = [o["module"] for o in mypy.get("overrides", []) if o.get("ignore_errors")]
    assert skipped == []


def test_inline_exemptions_name_their_code() -> None:
    bare = re.compile(r"#\s*(noqa|type:\s*ignore)(?![:\[])")
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for top in ("src", "tests", "bench", "tools")
        for p in sorted((ROOT / top).rglob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line)
    ]
    assert found == []
