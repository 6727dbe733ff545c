"""No module of the package grows past the size one person can hold in mind (issue #10: no module
over ~400 lines). A module that grows past it is split by concern (docs/architecture.md), not cut
in half; `python tools/import_picture.py` lists the largest modules."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LONGEST = 400


def test_no_module_over_the_limit() -> None:
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in sorted((ROOT / "src").rglob("*.py"))
    }
    assert sizes, "no module found under src/"
    assert {name: n for name, n in sizes.items() if n > LONGEST} == {}
