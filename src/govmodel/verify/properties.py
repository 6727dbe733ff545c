"""Properties as data: what is claimed, about which subject, from which articles.

A :class:`Property` is built from the model by a check module
(:mod:`govmodel.verify.checks`); it carries its statement in both languages, the articles of
the elements involved, its parameters and the element at fault (for SARIF). Evaluating it
gives a :class:`~govmodel.findings.Finding`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from govmodel.findings import Cause, Counterexample, Finding, Status, Subject
from govmodel.model import Model
from govmodel.refs import Label, SourceRef

__all__ = ["CLASSES", "Property", "articles_of", "pos_of"]

CLASSES: dict[str, Label] = {
    "coverage": Label("履职覆盖", "coverage"),
    "separation": Label("职责分离", "separation of duties"),
    "conflict": Label("冲突与重叠", "conflict and overlap"),
    "mandatory": Label("必经程序", "mandatory steps"),
    "unspecified": Label("未指明主体", "unspecified actors"),
    "timing": Label("时限", "timing"),
    "structure": Label("结构", "structure"),
}
"""The property classes (DESIGN.md, "What verify checks")."""


def articles_of(model: Model, elements: Iterable[str]) -> tuple[int, ...]:
    """The sorted articles cited by the elements (ids as in ``Model.index``)."""
    out: set[int] = set()
    for ident in elements:
        out |= set(getattr(model.get(ident), "articles", ()) or ())
    return tuple(sorted(out))


def pos_of(model: Model, ident: str | None) -> SourceRef | None:
    """The source position of an element (for SARIF and text reports)."""
    el = model.get(ident) if ident else None
    return model.where(el) if el is not None else None


@dataclass(frozen=True)
class Property:
    """One claim about one subject.

    Attributes
    ----------
    id : str
        The property, e.g. ``coverage.step`` (class, dot, kind).
    subject : Subject
        What it is about, in model ids (``art47_sign_off.sign``; ``str()`` gives the text).
    statement : Label
        The claim, in Chinese and English.
    elements : tuple of str
        Ids of the model elements involved: their articles are the articles of the result.
        Not hashed into the fingerprint (an assumption may add or drop some: art. 47's review
        reached as art. 48's is one more route of the same check).
    at_fault : str or None
        The element a violation points at (file and line in SARIF).
    parameters : mapping
        Everything the evaluation needs (the step, the scenes …): data, not code.
    identity : tuple of str or None
        The ids the fingerprint hashes with ``id`` and ``subject``; None (nearly always): the
        ids the subject names (:attr:`Subject.ids`). Only a property about a relation as a
        whole sets it (a deputy cycle: the rules of the cycle).
    """

    id: str
    subject: Subject
    statement: Label
    elements: tuple[str, ...]
    at_fault: str | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    identity: tuple[str, ...] | None = None

    @property
    def cls(self) -> str:
        return self.id.split(".", 1)[0]

    def finding(
        self,
        model: Model,
        status: Status,
        message: Label,
        *,
        counterexample: Counterexample | None = None,
        extra: Iterable[str] = (),
        bounds: Mapping[str, Any] | None = None,
        core: tuple[str, ...] = (),
        cause: Cause | None = None,
    ) -> Finding:
        """The result of evaluating this property (``extra``: elements a violation adds)."""
        elements = tuple(dict.fromkeys((*self.elements, *extra)))
        return Finding(
            property=self.id,
            cls=self.cls,
            subject=self.subject,
            status=status,
            statement=self.statement,
            message=message,
            articles=articles_of(model, (*elements, *core)),
            elements=elements,
            location=pos_of(model, self.at_fault),
            counterexample=counterexample,
            bounds=dict(bounds or {}),
            core=core,
            cause=cause,
            identity=self.subject.ids if self.identity is None else self.identity,
        )
