"""The base of every model element: identifiers, article citations, gating.

Split from :mod:`govmodel.model.types` (which re-exports every name): ``Node`` (frozen, no
unknown keys, data alone: where it is written is kept beside it, in a
:class:`~govmodel.yamlio.positions.Positions`), ``Document`` (a node read as a whole from
files, holding that table), ``Text``, ``Gated`` (assumption gating) and ``Element`` (id,
label, articles).
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from govmodel.refs import Label
from govmodel.yamlio.positions import Positions

Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
"""Identifiers are English snake_case: lowercase letters, digits and _, starting with a letter."""

ArticleNo = Annotated[int, Field(ge=1, strict=True)]
Articles = Annotated[tuple[ArticleNo, ...], Field(min_length=1)]


class Node(BaseModel):
    """Base of every mapping in a model file: frozen, no unknown keys, data alone (two equal
    elements written in two files are equal; where each is written is the document's
    :class:`~govmodel.yamlio.positions.Positions`)."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True, defer_build=True)


class Document(Node):
    """A node read as a whole from input files (a reform, a scenario, a sweep): it holds where
    its files write each of its mappings (:attr:`positions`), beside its data and never part of
    it (two documents with the same data compare equal wherever they are written)."""

    _positions: Positions = PrivateAttr(default_factory=Positions)

    @property
    def positions(self) -> Positions:
        """Where the document's files write each of its mappings (its nodes, and the plain
        mappings it keeps as free-form data for another loader to validate)."""
        return self._positions

    def located(self, positions: Positions) -> Self:
        """This document, with where it is written (the loader's last step)."""
        self._positions = positions
        return self


class Text(Node):
    """A bilingual text ``{zh: ..., en: ...}``."""

    zh: Annotated[str, StringConstraints(min_length=1)]
    en: Annotated[str, StringConstraints(min_length=1)]

    def label(self) -> Label:
        return Label(self.zh, self.en)

    def __str__(self) -> str:
        return f"{self.zh} ({self.en})"


class Gated(Node):
    requires_assumption: Ident | tuple[Ident, ...] | None = Field(
        default=None, description="In force only while this assumption (or all of these) is on."
    )
    unless_assumption: Ident | None = Field(
        default=None, description="In force only while this assumption is off."
    )

    @property
    def required(self) -> tuple[str, ...]:
        r = self.requires_assumption
        return (r,) if isinstance(r, str) else tuple(r or ())

    def active(self, enabled: frozenset[str]) -> bool:
        if any(a not in enabled for a in self.required):
            return False
        return not (self.unless_assumption and self.unless_assumption in enabled)


class Element(Gated):
    """A rule element: it has an id, a bilingual label and cites the articles it encodes."""

    id: Ident
    label: Text
    articles: Articles
    note: Text | None = None
