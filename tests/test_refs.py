"""refs.articles_label is the one writer of article lists (issue #10): no other module of the
package spells 第…条 or "art. …" from a list of numbers."""

from __future__ import annotations

import re
from pathlib import Path

from govmodel.refs import Label, articles_label

SRC = Path(__file__).resolve().parents[1] / "src" / "govmodel"
# a list of article numbers joined into 第…条 or "art. …" (the ways it was written six times)
_WRITER = re.compile(r"""第["']?\s*\+?\s*["']?、|第\{["']、|第\{\w+\}条|\(art\. \{|["']art\. ["']\s*\+""")


def test_articles_label() -> None:
    assert articles_label([44, 45]) == Label("第44、45条", "art. 44, 45")
    assert articles_label((9,)) == Label("第9条", "art. 9")
    assert articles_label([]) == Label("", "")


def test_no_other_module_writes_article_lists() -> None:
    writers = [
        str(p.relative_to(SRC))
        for p in sorted(SRC.rglob("*.py"))
        if p.name != "refs.py" and _WRITER.search(p.read_text(encoding="utf-8"))
    ]
    assert writers == []
