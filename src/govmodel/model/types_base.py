"""The base of every model element: positions, identifiers, article citations, gating.

Split from :mod:`govmodel.model.types` (which re-exports every name): ``Node`` (frozen, no
unknown keys, keeps its source position), ``Text``, ``Gated`` (assumption gating) and ``Element``
(id, label, articles).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

from govmodel.refs import Label, SourceRef


def _without_positions(value: object) -> object:
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in ("pos", "field_pos")}
    return value


KeyedBy = BeforeValidator(_without_positions)
"""For free-form mappings (``dict[str, X]`` fields): drops the positions the loader adds."""

Ident = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
"""Identifiers are English snake_case: lowercase letters, digits and _, starting with a letter."""

ArticleNo = Annotated[int, Field(ge=1, strict=True)]
Articles = Annotated[tuple[ArticleNo, ...], Field(min_length=1)]


class Node(BaseModel):
    """Base of every mapping in a model file: frozen, no unknown keys, keeps its position."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True, defer_build=True)

    pos: SkipJsonSchema[SourceRef | None] = Field(default=None, exclude=True, repr=False)
    field_pos: SkipJsonSchema[dict[str, SourceRef]] = Field(default_factory=dict, exclude=True, repr=False)

    def where(self, field: str | None = None) -> SourceRef | None:
        """The position of a field's key (or of the mapping when unknown)."""
        return self.field_pos.get(field, self.pos) if field else self.pos


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
