"""The words a person reads, in both languages, in one place: how a list of articles is
written, and the bilingual words for statuses, verdicts, changes, authority differences,
units, graph relations and kinds of element.

Renderers take their words from here and never spell them again; names of the model's own
elements (persons, roles, acts, reasons) come from the model (``Label``\\ s, ``ACT_LABELS``)
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

__all__ = [
    "articles",
    "articles_zh",
    "articles_en",
    "joined",
    "STATUS",
    "VERDICT",
    "VERDICT_SENTENCE",
    "CHANGE",
    "CHANGE_BRIEF",
    "AUTHORITY",
    "UNIT",
    "RELATIONS",
    "KINDS",
]

Words = Mapping[str, tuple[str, str]]


def articles_zh(nums: Sequence[int]) -> str:
    """``第44、45条``; empty for no articles."""
    return f"第{'、'.join(map(str, nums))}条" if nums else ""


def articles_en(nums: Sequence[int]) -> str:
    """``art. 44, 45``; empty for no articles."""
    return f"art. {', '.join(map(str, nums))}" if nums else ""


def articles(nums: Sequence[int], none: str = "") -> str:
    """``第44、45条 / art. 44, 45``; ``none`` for no articles."""
    return f"{articles_zh(nums)} / {articles_en(nums)}" if nums else none


def joined(words: tuple[str, str]) -> str:
    """A pair of words as one text: ``违反 violated``."""
    return f"{words[0]} {words[1]}"


#: A verification result (:class:`govmodel.findings.Status`).
STATUS: Words = {"holds": ("成立", "holds"), "violated": ("违反", "violated"), "unknown": ("未知", "unknown")}

#: A reform assessment's verdict: as a tag, and as the sentence the text report opens with.
VERDICT: Words = {
    "as_claimed": ("如其所述", "as claimed"),
    "claims_not_met": ("未达所述", "claims not met"),
    "opens_gaps": ("产生新缺口", "opens gaps"),
}
VERDICT_SENTENCE: Words = {
    "as_claimed": (
        "符合声明：声明关闭的缺陷均已关闭，且未引入新缺陷",
        "as claimed: every gap it claims to close is closed, and it opens none",
    ),
    "claims_not_met": (
        "未达声明：部分声明关闭的缺陷仍然存在",
        "claims not met: some gaps it claims to close remain",
    ),
    "opens_gaps": (
        "引入新缺陷：改革后有原本成立的性质被违反",
        "opens gaps: a property that held before is violated after",
    ),
}

#: What a reform did to a finding: the HTML report's tags, and the text report's shorter words
#: (two wordings of one idea, kept as they were when they moved here; to be made one).
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
CHANGE_BRIEF: Words = {
    "closed": ("关闭", "closed"),
    "opened": ("新增", "opened"),
    "gone": ("消失", "gone"),
    "new_holds": ("新成立", "new, holds"),
    "unknown": ("未知", "unknown"),
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

#: Units of a time limit: after a number in Chinese (``10个工作日``), and in English.
UNIT: Words = {
    "working_days": ("个工作日", "working days"),
    "calendar_days": ("个自然日", "calendar days"),
    "months": ("个月", "months"),
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
