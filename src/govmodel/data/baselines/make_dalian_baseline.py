"""Write baselines/dalian-2014.yaml: every violated finding of the bundled model, as the 2014
text leaves it, grouped by root cause (most severe first), each accepted with a justification
naming its articles, resilience and root cause, and the shipped reform that claims to close
it (read from the reforms' ``closes:``) or the ``govmodel suggest`` command for one. Run after
a deliberate change to the model; review the diff.

    python baselines/make_dalian_baseline.py
"""

from __future__ import annotations

from pathlib import Path

from govmodel import Bounds, load_model, verify
from govmodel.findings import Finding, RootCause, Status
from govmodel.refs import articles_label

OUT = Path(__file__).with_name("dalian-2014.yaml")
REFORM_DIR = Path(__file__).resolve().parent.parent / "scenarios" / "reforms"


def shipped_reforms() -> dict[str, str]:
    """'property:subject' → the shipped reform file whose ``closes:`` claims it."""
    from govmodel.model import load_reform

    out: dict[str, str] = {}
    for path in sorted(REFORM_DIR.glob("*.yaml")):
        for key in load_reform(path).closes:
            out.setdefault(key, path.name)
    return out


_WHY = {
    "coverage": ("条文未规定此情形下的代行人", "no stand-in is named for this absence"),
    "separation": (
        "代行规定没有回避条款，同一人可能兼任两级或为自己准假",
        "the stand-in rules have no recusal clause, so one person can hold both levels or grant his own "
        "leave",
    ),
    "conflict": (
        "在反例情形下，两条规定对同一决定要求不同的人，无人能同时满足，条文未说明何者优先",
        "in the counterexample's scenario the two articles require different persons for the one decision, "
        "nobody satisfies both, and the text does not say which prevails",
    ),
    "unspecified": (
        "条文要求此行为但未规定由谁履行",
        "the act is required but nobody is named to perform it",
    ),
    "timing": ("时限问题", "a timing problem"),
}


def justification(f: Finding, rc: RootCause, reforms: dict[str, str]) -> str:
    arts = articles_label(f.articles)
    why_zh, why_en = _WHY.get(f.cls, ("", ""))
    if f.cls == "coverage" and f.resilience == 0:
        why_zh, why_en = (
            ("该职责在此类部门无人担任", "nobody holds the role in this class of department")
            if rc.id.startswith("unheld:")
            else ("即使无人缺位也无人可履职", "even with nobody away no one may perform it")
        )
    if f.cls == "timing":
        why_zh, why_en = f.message.zh, f.message.en
    see = reforms.get(f"{f.property}:{f.subject}")
    fix = (
        f" See scenarios/reforms/{see}."
        if see
        else f" Candidate amendment: govmodel suggest {rc.id}."
        if rc.amendment is not None
        else f" No overlay closes it: {rc.note.en if rc.note else ''}."
    )
    return (
        f"2014年文本的已知缺陷({arts.zh}，韧性{f.resilience}，根本原因 "
        f"{rc.id}):{why_zh}。{rc.summary.zh}。如实编码，不作修补。"
        f" / Known gap of the 2014 text ({arts.en}; resilience {f.resilience}; "
        f"root cause {rc.id}): {why_en}."
        f" {rc.summary.en}. Encoded as written.{fix}"
    )


def main() -> None:
    results = verify(load_model(), Bounds())
    lines = [
        "# Known findings of the 2014 Dalian rules, as written (govmodel check --baseline "
        "baselines/dalian-2014.yaml).",
        "# 2014年大连市政府工作规则的已知缺陷：模型如实编码条文，这些是条文本身的缺陷，不是模型错误。",
        "# CI fails only on findings not listed here (a change to the rules that opens a new gap);",
        "# entries that no longer occur are reported so they can be removed; entries a run did not",
        "# evaluate (--k below the cast, --class, an unknown result) are reported as not checked.",
        "# resilience: the fewest absences accepted; a violation that needs fewer is new.",
        "# Written by baselines/make_dalian_baseline.py (grouped by root cause; "
        "a justification per entry and the",
        "# shipped reform that addresses it where there is one); review its diff like any change.",
        "schema_version: 1",
        "accepted:",
    ]
    reforms = shipped_reforms()
    for rc in results.root_causes:
        for f in rc.findings:
            text = justification(f, rc, reforms).replace("'", "''")
            lines += [
                f"  - fingerprint: '{f.fingerprint}'",
                f"    property: {f.property}",
                f"    subject: '{f.subject}'",
                f"    resilience: {f.resilience}",
                f"    justification: '{text}'",
            ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({sum(f.status == Status.violated for f in results.findings)} entries)")


if __name__ == "__main__":
    main()
