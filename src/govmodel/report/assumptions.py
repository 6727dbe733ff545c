"""``govmodel show assumptions``: every named assumption with its articles, its default, whether
it is in force, and the findings switching it opens, closes or changes (computed by
:func:`govmodel.verify.assumptions.effects`), in Chinese and English."""

from __future__ import annotations

from collections.abc import Sequence

from govmodel.findings import Finding
from govmodel.report.words import CHANGE, articles
from govmodel.verify.assumptions import Effect

__all__ = ["assumptions_text"]

_OPENED, _CLOSED = CHANGE["opened"][0], CHANGE["closed"][0]


def _onoff(on: bool) -> str:
    return "开 on" if on else "关 off"


def _arts(nums: Sequence[int]) -> str:
    return articles(nums)


def _line(sign: str, f: Finding) -> list[str]:
    return [
        f"    {sign} [{_arts(f.articles)}] {f.statement.zh}",
        f"      {f.statement.en}",
        f"      {f.message.zh}",
        f"      {f.message.en}",
    ]


def assumptions_text(effects: Sequence[Effect]) -> str:
    out = [
        "命名假设及其影响 / Named assumptions and what switching each changes",
        f"(切换 = 与当前取值相反；{_OPENED}/{_CLOSED} = 违反的结论 / switching = the opposite of its "
        "current value; opens/closes = violated results)",
        "",
    ]
    for e in effects:
        a = e.assumption
        out += [
            f"{a.id}  [{_arts(a.articles)}]  默认 default: {_onoff(a.default)}; "
            f"现行 in force: {_onoff(e.in_force)}",
            f"  {a.statement.zh}",
            f"  {a.statement.en}",
            f"  理由 / why: {a.rationale.zh} / {a.rationale.en}",
            f"  切换后 / switched to {_onoff(not e.in_force)}: {_OPENED} {len(e.opens)}、"
            f"{_CLOSED} {len(e.closes)}、"
            f"反例改变 {len(e.changes)} / opens {len(e.opens)}, closes {len(e.closes)}, "
            f"changes the counterexample of {len(e.changes)}",
        ]
        for f in e.opens:
            out += _line("+", f)
        for f in e.closes:
            out += _line("−", f)
        out.append("")
    return "\n".join(out)
