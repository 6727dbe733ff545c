"""Write baselines/dalian-2014.yaml: every violated finding of the bundled model, as the 2014
text leaves it, accepted with a justification per class of gap (and the shipped reform that
addresses it, where there is one). Run after a deliberate change to the model; review the diff.

    python baselines/make_dalian_baseline.py
"""

from __future__ import annotations

from pathlib import Path

from govmodel import Bounds, load_model, verify
from govmodel.findings import Finding, Status

OUT = Path(__file__).with_name("dalian-2014.yaml")
REFORMS = {
    "Mayor A": "acting-mayor-in-every-absence.yaml",
    "Secretary-general": "deputy-secretary-general-stands-in.yaml",
}


def justification(f: Finding) -> str:
    p, arts = f.property, "、".join(map(str, f.articles))
    arts_en = ", ".join(map(str, f.articles))
    if p.startswith("coverage."):
        r = f.bounds.get("resilience")
        if r == 0:
            return (f"2014年文本的已知缺陷(第{arts}条):该职责在某些部门无人担任(第十条审计局由市长领导，无分管副市长)。如实编码，不作修补。"
                    f" / Known gap of the 2014 text (art. {arts_en}): in some departments nobody holds the role (art. 10 puts"
                    " the audit bureau under the mayor, so it has no vice mayor in charge). Encoded as written.")
        see = next((f" See scenarios/reforms/{file}." for who, file in REFORMS.items() if who in f.message.en), "")
        if f.subject == "art51_instruction_report.sign":
            see = " See scenarios/reforms/acting-head-signs-instruction-reports.yaml."
        return (f"2014年文本的已知缺陷(第{arts}条):条文未规定此情形下的代行人，韧性为{r}。如实编码，不作修补。"
                f" / Known gap of the 2014 text (art. {arts_en}): no stand-in is named for this absence; resilience {r}."
                f" Encoded as written.{see}")
    if p.startswith("separation."):
        return (f"2014年文本的已知缺陷(第{arts}条):代行规定没有回避条款，同一人可能兼任两级或为自己准假。"
                f" / Known gap of the 2014 text (art. {arts_en}): the stand-in rules have no recusal clause, so one person"
                " can hold both levels or grant his own leave.")
    if p.startswith("conflict."):
        return (f"2014年文本的已知冲突(第{arts}条):在反例情形下，两条规定对同一决定要求不同的人，无人能同时满足，条文未说明何者优先。"
                f" / Known conflict in the 2014 text (art. {arts_en}): in the counterexample's scenario the two articles"
                " require different persons for the one decision, nobody satisfies both, and the text does not say"
                " which prevails.")
    if p.startswith("unspecified."):
        return (f"2014年文本的已知缺陷(第{arts}条):条文要求此行为但未规定由谁履行。"
                f" / Known gap of the 2014 text (art. {arts_en}): the act is required but nobody is named to perform it.")
    if p.startswith("timing."):
        see = " See scenarios/reforms/weekly-executive-meeting.yaml." if "cadence" in p else ""
        return (f"2014年文本的已知时限问题(第{arts}条):{f.message.zh}。"
                f" / Known timing problem of the 2014 text (art. {arts_en}): {f.message.en}.{see}")
    return f"第{arts}条 / art. {arts_en}: {f.message.zh} / {f.message.en}"


def main() -> None:
    results = verify(load_model(), Bounds())
    lines = [
        "# Known findings of the 2014 Dalian rules, as written (govmodel check --baseline baselines/dalian-2014.yaml).",
        "# 2014年大连市政府工作规则的已知缺陷：模型如实编码条文，这些是条文本身的缺陷，不是模型错误。",
        "# CI fails only on findings not listed here (a change to the rules that opens a new gap);",
        "# entries that no longer occur are reported so they can be removed; entries a run did not",
        "# evaluate (--k below the cast, --class, an unknown result) are reported as not checked.",
        "# resilience: the fewest absences accepted; a violation that needs fewer is new.",
        "# Written by baselines/make_dalian_baseline.py (a justification per class of gap, and the",
        "# shipped reform that addresses it where there is one); review its diff like any change.",
        "schema_version: 1",
        "accepted:",
    ]
    for f in results.findings:
        if f.status != Status.violated:
            continue
        text = justification(f).replace("'", "''")
        lines += [f"  - fingerprint: '{f.fingerprint}'", f"    property: {f.property}", f"    subject: '{f.subject}'",
                  f"    resilience: {f.resilience}", f"    justification: '{text}'"]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({sum(f.status == Status.violated for f in results.findings)} entries)")


if __name__ == "__main__":
    main()
