"""The words a person reads, in both languages, in one place: how a list of articles is
written (with :func:`govmodel.refs.articles_label`, which verify and crosscheck use too), and
the bilingual words for statuses, verdicts, changes, authority differences, units, graph
relations and kinds of element.

Renderers take their words from here and never spell them again; names of the model's own
elements (persons, roles, acts, reasons) come from the model (``Label``\\ s, ``Model.act_label``)
through :class:`govmodel.report.names.Names`.

>>> articles([44, 45])
'第44、45条 / art. 44, 45'
>>> articles([], none="–")
'–'
>>> joined(STATUS["violated"])
'违反 violated'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from govmodel.refs import articles_label

__all__ = [
    "articles",
    "articles_zh",
    "articles_en",
    "joined",
    "STATUS",
    "VERDICT",
    "VERDICT_SENTENCE",
    "CLAIMS",
    "CHANGE",
    "AUTHORITY",
    "RELATIONS",
    "KINDS",
]

Words = Mapping[str, tuple[str, str]]


def articles_zh(nums: Sequence[int]) -> str:
    """``第44、45条``; empty for no articles."""
    return articles_label(nums).zh


def articles_en(nums: Sequence[int]) -> str:
    """``art. 44, 45``; empty for no articles."""
    return articles_label(nums).en


def articles(nums: Sequence[int], none: str = "") -> str:
    """``第44、45条 / art. 44, 45``; ``none`` for no articles."""
    if not nums:
        return none
    a = articles_label(nums)
    return f"{a.zh} / {a.en}"


def joined(words: tuple[str, str]) -> str:
    """A pair of words as one text: ``违反 violated``."""
    return f"{words[0]} {words[1]}"


#: A verification result (:class:`govmodel.findings.Status`).
STATUS: Words = {"holds": ("成立", "holds"), "violated": ("违反", "violated"), "unknown": ("未知", "unknown")}

#: A reform assessment's verdict: as a tag, and as the sentence the text report opens with
#: (the tag, then what it means: one wording of each idea, 缺口 for a gap, 消除 for closing).
VERDICT: Words = {
    "as_claimed": ("如其所述", "as claimed"),
    "claims_not_met": ("未达所述", "claims not met"),
    "opens_gaps": ("产生新缺口", "opens gaps"),
}
VERDICT_SENTENCE: Words = {
    "as_claimed": (
        "如其所述：声称消除的缺口均已消除，且未产生新缺口",
        "as claimed: every gap it claims to close is closed, and it opens none",
    ),
    "claims_not_met": (
        "未达所述：部分声称消除的缺口仍然存在",
        "claims not met: some gaps it claims to close remain",
    ),
    "opens_gaps": (
        "产生新缺口：改革后有原本成立的性质被违反",
        "opens gaps: a property that held before is violated after",
    ),
}

#: The findings a reform claims to close (its ``closes:``).
CLAIMS = ("声称消除", "claims to close")

#: What a reform (or switching an assumption) did to a finding: the one wording of each change,
#: in the text and the HTML reports alike (tests/report/test_words.py holds them to it).
CHANGE: Words = {
    "closed": ("已消除", "closed"),
    "opened": ("新出现", "opened"),
    "still_violated": ("仍违反", "still violated"),
    "still_holds": ("仍成立", "still holds"),
    "unknown": ("未知", "unknown"),
    "gone": ("已不存在", "gone"),
    "new_holds": ("新增且成立", "new, holds"),
    "not_found": ("未找到", "not found"),
}

#: How a reform changed who may perform an act (the graph's semantic diff).
AUTHORITY: Words = {
    "more_permissive": ("更宽", "more permissive"),
    "less_permissive": ("更窄", "less permissive"),
    "incomparable": ("不可比", "incomparable"),
    "added": ("新增", "added"),
    "removed": ("删除", "removed"),
    "equivalent": ("等同", "equivalent"),
}

#: The authority graph's relations in words (never the graph's edge ids).
RELATIONS: Words = {
    "acts_for": ("代行", "acts for"),
    "entrusts": ("委托", "entrusts"),
    "grants_leave": ("准假", "grants leave to"),
    "convenes": ("召集", "convenes"),
    "presides": ("主持", "presides"),
    "member_of": ("组成", "member of"),
    "specializes": ("属于", "is a"),
    "attends": ("列席", "attends"),
    "organizes": ("组织", "organizes"),
    "files_with": ("备案", "files with"),
    "precedes": ("之后", "then"),
}

#: Kinds of element (graph nodes), in Chinese beside the kind's id.
KINDS: Mapping[str, str] = {
    "person": "人员",
    "role": "角色",
    "body": "机构",
    "meeting": "会议",
    "document_type": "文件类型",
    "procedure": "程序",
    "step": "步骤",
    "department": "部门",
    "time_limit": "时限",
}
