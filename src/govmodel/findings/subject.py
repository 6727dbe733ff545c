"""What a property is about, as a value: the element (a step, a meeting, a leave rule, a time
limit, a role …), the other element of a pair, the act of a meeting, the class of cases it is
restricted to, or the situation of a leave.

Its text form (``str(subject)``) is the ``subject`` of the JSON, SARIF, JUnit and baseline
outputs (``docs/verify-json-schema.md``), which it reproduces exactly; code reads the fields,
never the text.

>>> str(Subject("art47_sign_off.review", scope=("audit_bureau",)))
'art47_sign_off.review@audit_bureau'
>>> str(Subject.pair("p.review", ">", "p.sign"))
'p.review > p.sign'
>>> Subject.pair("p.review", ">", "p.sign").steps
('p.review', 'p.sign')

:meth:`Subject.parse` reads the text back, for code that only has the serialized form (a
report rendered from saved JSON, a baseline entry); ``meeting.act`` then reads as one element
(only the model tells a meeting's act from a procedure's step):

>>> Subject.parse("art54_department_head_leave@audit_bureau+finance_bureau").scope
('audit_bureau', 'finance_bureau')
>>> Subject.parse("leaving_city:mayor") == Subject("mayor", situation="leaving_city")
True
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

__all__ = ["Relation", "Subject"]

Relation = Literal[">", "~"]
"""``>``: the first comes before the second (two levels of one check); ``~``: side by side
(two rules or two limits on one document)."""


@dataclass(frozen=True, slots=True)
class Subject:
    """What one property is about, in model ids.

    Attributes
    ----------
    element : str
        The element: a step (``procedure.step``), a meeting, a leave rule, an ordering, a time
        limit, a role, a deputy rule, or ``deputy_rules`` (the relation as a whole).
    relation, other : str or None
        A pair: ``element > other`` (two levels of one check, ``separation.two_levels``) or
        ``element ~ other`` (two rules on one act, two limits on one document).
    act : str or None
        The act or duty of a meeting (``coverage.meeting``: ``meeting.act``; ``meeting.quorum``,
        ``unspecified.meeting``: ``meeting.sign_in``).
    branch : str or None
        ``entrusted``: the branch of a choice where the principal entrusts his act
        (``@entrusted`` in the text, before the scope).
    scope : tuple of str
        The class of cases the property is restricted to (``@`` in the text, parts joined by
        ``+``): a department and its related ones, the requester, the document type.
    situation : str or None
        The situation of a leave (``unspecified.leave``: ``situation:role``).
    """

    element: str
    relation: Relation | None = None
    other: str | None = None
    act: str | None = None
    branch: str | None = None
    scope: tuple[str, ...] = ()
    situation: str | None = None

    @classmethod
    def pair(cls, first: str, relation: Relation, second: str) -> Subject:
        return cls(first, relation, second)

    def within(self, *scope: str) -> Subject:
        """The same subject restricted to a class of cases."""
        return replace(self, scope=tuple(scope))

    def entrusted(self) -> Subject:
        """The same subject in the branch where the principal entrusts the act."""
        return replace(self, branch="entrusted")

    @classmethod
    def parse(cls, text: str) -> Subject:
        """The subject whose text is ``text`` (the inverse of ``str``, but for ``act``)."""
        head, *at = text.split("@")
        branch = at.pop(0) if at and at[0] == "entrusted" else None
        scope = tuple(at[0].split("+")) if at else ()
        relation: Relation | None = None
        other = None
        for rel in (">", "~"):
            first, sep, second = head.partition(f" {rel} ")
            if sep:
                head, relation, other = first, rel, second
                break
        situation, _, element = head.rpartition(":")
        return cls(element, relation, other, None, branch, scope, situation or None)

    @property
    def ids(self) -> tuple[str, ...]:
        """The model ids it names: the element, and the other of a pair (what a finding's
        fingerprint hashes with the property id and the text)."""
        return (self.element,) if self.other is None else (self.element, self.other)

    @property
    def steps(self) -> tuple[str, ...]:
        """The steps of a step property: the step, or the earlier and the later of a check."""
        return self.ids

    @property
    def procedure(self) -> str:
        """The procedure of a step subject (``procedure.step``)."""
        return self.element.partition(".")[0]

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)  # f"{subject:<40}" pads the text

    def __str__(self) -> str:
        text = self.element if self.act is None else f"{self.element}.{self.act}"
        if self.situation is not None:
            text = f"{self.situation}:{text}"
        if self.relation is not None:
            text = f"{text} {self.relation} {self.other}"
        if self.branch is not None:
            text = f"{text}@{self.branch}"
        if self.scope:
            text = f"{text}@{'+'.join(self.scope)}"
        return text
