"""Source references: where a thing comes from (file:line:col) and which articles it cites.

Every element of a model, every finding and every error can say where it comes from, so a
reader can open the YAML beside the Chinese text and check it (see STYLE.md, Catala's marks).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SourceRef", "Label"]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A position in a source file; lines and columns are 1-based."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


@dataclass(frozen=True, slots=True)
class Label:
    """A bilingual label: every text a person reads carries Chinese and English."""

    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} ({self.en})"

    def as_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}
