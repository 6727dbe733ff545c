"""One wording per idea (issue #10): the text and the HTML reports of a reform say a change,
a claim and a verdict with the same words, those of ``report/words.py``."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from govmodel.report import words
from govmodel.report.html import render_part
from govmodel.report.html_views import assessment_view
from govmodel.report.reform_text import reform_text

# second wordings the renderers used before they shared CHANGE (关闭/新增 said "closed"/"opened"
# in the text report, 已消除/新出现 in the HTML one); none may come back in either renderer
_OTHER_WORDINGS = ("关闭", "消失", "新成立", "声明", "缺陷")


def _side(status: str) -> dict:
    return {"status": status, "message": {"zh": "某结论", "en": "a finding"}, "fingerprint": "f" * 12}


def _assessment(verdict: str) -> dict:
    """The plain data of an assessment (``ReformAssessment.as_dict``) with every kind of change."""
    before = {"closed": "violated", "opened": "holds", "still_violated": "violated", "gone": "violated"}
    after = {"closed": "holds", "opened": "violated", "still_violated": "violated", "new_holds": "holds"}
    changes = [
        {
            "key": f"coverage.step:{change}",
            "change": change,
            "articles": [44],
            "before": _side(before[change]) if change in before else None,
            "after": _side(after[change]) if change in after else None,
        }
        for change in ("closed", "opened", "still_violated", "gone", "new_holds")
    ]
    return {
        "reform": {
            "id": "r1",
            "file": "reform.yaml",
            "title": {"zh": "改革", "en": "Reform"},
            "rationale": {"zh": "理由", "en": "Why"},
            "amends": [44],
            "closes": ["coverage.step:closed"],
        },
        "model": {"before": "m", "after": "m+r1"},
        "verdict": verdict,
        "claims": {"coverage.step:closed": "closed", "coverage.step:still_violated": "still_violated"},
        "verification": {
            "bounds": {"k": 1},
            "summary": {c["change"]: 1 for c in changes},
            "changes": changes,
            "unchanged_violations": ["coverage.step:still_violated"],
        },
        "authority": [],
        "authority_summary": {},
    }


def _both(verdict: str = "opens_gaps") -> tuple[str, str]:
    data = _assessment(verdict)
    page = html.unescape(re.sub(r"<[^>]+>", " ", render_part("assessment", assessment_view(data))))
    return reform_text(data, comparison_text=""), page


@pytest.mark.parametrize("change", ["closed", "opened", "still_violated", "gone", "new_holds"])
def test_text_and_html_name_a_change_alike(change: str) -> None:
    zh, en = words.CHANGE[change]
    for rendered in _both():
        assert zh in rendered and en in rendered


def test_neither_renderer_keeps_a_second_wording() -> None:
    text, page = _both()
    for rendered in (text, page):
        assert [w for w in _OTHER_WORDINGS if w in rendered] == []
    assert words.CLAIMS[0] in text and words.CLAIMS[0] in page


@pytest.mark.parametrize("verdict", sorted(words.VERDICT))
def test_the_verdict_sentence_opens_with_the_verdict_tag(verdict: str) -> None:
    tag, sentence = words.VERDICT[verdict], words.VERDICT_SENTENCE[verdict]
    assert sentence[0].startswith(tag[0] + "：") and sentence[1].startswith(tag[1] + ":")
    text, page = _both(verdict)
    assert sentence[0] in text and tag[0] in page


def test_each_chinese_word_names_one_idea() -> None:
    """Within the tables of words a person reads, one Chinese word is one idea."""
    seen: dict[str, str] = {}
    for table in ("STATUS", "VERDICT", "CHANGE", "AUTHORITY"):
        for key, (zh, _) in getattr(words, table).items():
            assert seen.setdefault(zh, key) == key, f"{zh} names both {seen[zh]} and {key}"


def test_no_renderer_spells_a_second_wording() -> None:
    """The reports, the commands and the crosscheck words never write closing as 关闭 or 解决,
    a gap as 缺陷, or a claim as 声明 (words.CHANGE, CLAIMS and VERDICT_SENTENCE say them)."""
    src = Path(words.__file__).resolve().parents[1]
    files = [*(src / "report").rglob("*.py"), *(src / "report").rglob("*.j2"), *(src / "cli").rglob("*.py")]
    files += [*(src / "crosscheck").rglob("*.py")]
    found = [
        f"{p.relative_to(src)}: {w}"
        for p in sorted(files)
        for w in ("关闭", "已解决", "解决了", "缺陷", "声明", "新成立")
        if w in p.read_text(encoding="utf-8")
    ]
    assert found == []
