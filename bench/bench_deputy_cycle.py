"""Cost of a deputy cycle (issue #15): ``govmodel reform --no-sim`` on the bundled model with a
deputy *chain* added (vice mayor -> deputy secretary-general) against the same model with the
two-role *cycle* (and back: deputy secretary-general -> vice mayor). Both roles are plural, so
a walk that goes round the cycle again meets every holder again.

Prints the CPU seconds of each run (the child process's user + system time, which the other
work on a shared machine does not inflate as it does wall-clock time) and the ratio
cycle / chain. Target: at most 1.5.

    python bench/bench_deputy_cycle.py [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from govmodel.bundled import bundled_path

REASONS = "[abroad_visit, out_of_city_official, leave_city_private, sick_or_other_in_city]"


def _rule(rid: str, principal: str, deputy: str) -> str:
    return (
        f"  - id: {rid}\n    label: {{zh: 基准, en: Benchmark}}\n    articles: [8]\n"
        f"    kind: acts_for\n    principal: {principal}\n    deputy: {deputy}\n"
        f"    when_absent_for: {REASONS}\n    acts: all\n\n"
    )


def _model(folder: Path, rules: list[str]) -> Path:
    source = bundled_path("model", "dalian-2014")
    assert source is not None
    shutil.copytree(source, folder)
    deputies = folder / "deputies.yaml"
    text = deputies.read_text(encoding="utf-8")
    text = text.replace("deputy_rules:\n", "deputy_rules:\n" + "".join(rules), 1)
    deputies.write_text(text, encoding="utf-8")
    return folder


def _cpu(argv: list[str], cwd: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    reform = bundled_path("reform", "acting-mayor-in-every-absence")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        chain = _model(root / "chain", [_rule("bench_vm_to_dsg", "vice_mayor", "deputy_secretary_general")])
        cycle = _model(
            root / "cycle",
            [
                _rule("bench_vm_to_dsg", "vice_mayor", "deputy_secretary_general"),
                _rule("bench_dsg_to_vm", "deputy_secretary_general", "vice_mayor"),
            ],
        )
        times: dict[str, list[float]] = {"chain": [], "cycle": []}
        for _ in range(args.repeat):  # interleaved, so a busy spell of the machine hits both
            for name, model in (("chain", chain), ("cycle", cycle)):
                argv = [sys.executable, "-m", "govmodel", "reform", str(reform), str(model), "--no-sim"]
                times[name].append(_cpu(argv, root))
    best = {k: min(v) for k, v in times.items()}
    for name, values in times.items():
        print(f"{name:6s} CPU s: " + ", ".join(f"{v:.2f}" for v in values) + f"  (best {best[name]:.2f})")
    print(f"ratio cycle/chain (best of {args.repeat}): {best['cycle'] / best['chain']:.2f}  (target <= 1.5)")


if __name__ == "__main__":
    main()
