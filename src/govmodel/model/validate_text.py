"""Cross-checks of a model against the rules' text: the text lies in the model folder and is
UTF-8 with readable article headings, every article is encoded or marked non-operational, and
with a ``clauses`` section every sentence is accounted for."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from govmodel.errors import InputError, Problem, excerpt
from govmodel.model.articles import article_heading_problems, split_articles, split_sentences
from govmodel.model.validate_base import ELEMENT_SECTIONS, Checker
from govmodel.paths import confine
from govmodel.refs import SourceRef

__all__ = ["all_cited", "clauses", "coverage", "source"]


def source(c: Checker) -> None:
    """The rules' text must lie in the model folder (symlinks resolved), be a regular file, be
    UTF-8 and have readable article headings."""
    s, folder = c.s, c.folder
    try:
        src = confine(s.ruleset.source, folder, (folder,), c.where(s.ruleset, "source"), "source")
    except InputError as exc:
        c.problems += exc.problems
    else:
        if not src.exists():
            c.problems.append(
                Problem(
                    c.where(s.ruleset),
                    f"source: file {excerpt(s.ruleset.source)} not found",
                    "the rules' text beside the model files",
                )
            )
        elif not src.is_file():
            c.problems.append(
                Problem(
                    c.where(s.ruleset, "source"),
                    f"source: {excerpt(s.ruleset.source)} is not a regular file",
                    "the rules' text beside the model files (devices, FIFOs and sockets are never read)",
                )
            )
        else:
            _source_text(c, src)


def _source_text(c: Checker, src: Path) -> None:
    """The rules' text must be UTF-8 and its article headings readable numbers."""
    from govmodel.yamlio import display_path, read_text

    name = display_path(src)
    text, problems = read_text(src, name, "the rules' text in UTF-8")
    c.problems.extend(problems)
    for line, numeral in article_heading_problems(text or ""):
        c.problems.append(
            Problem(
                SourceRef(name, line, 1),
                f"article heading {numeral + '、'!r} is not a number",
                "a heading numbered 一、 to 九十九、 (十、, 十一、, 二十、 …)",
            )
        )


def coverage(c: Checker) -> None:
    top = c.s.ruleset.articles
    cited: dict[int, Any] = {a: None for a in c.cited_elsewhere}  # cited by an element of a failed file
    for el in all_cited(c.s):
        for a in el.articles:
            cited.setdefault(a, el)
    marked: dict[int, Any] = {}
    for n in c.s.non_operational:
        if not 1 <= n.article <= top:
            c.problems.append(Problem(c.where(n), f"article {n.article}", f"an article between 1 and {top}"))
        elif n.article in marked:
            c.problems.append(
                Problem(
                    c.where(n),
                    f"article {n.article} marked non_operational twice",
                    f"once (first at {c.where(marked[n.article])})",
                )
            )
        elif n.article in cited:
            el = cited[n.article]
            c.problems.append(
                Problem(
                    c.where(n),
                    f"article {n.article} marked non_operational but "
                    f"{getattr(el, 'id', 'an element')!r} cites it ({c.where(el)})",
                    "an article is either encoded or non_operational",
                )
            )
        marked.setdefault(n.article, n)
    missing = [a for a in range(1, top + 1) if a not in cited and a not in marked]
    if missing:
        where = SourceRef(str(c.folder))
        c.problems.append(
            Problem(
                where,
                f"articles neither encoded nor marked non_operational: {', '.join(map(str, missing))}",
                "cite each article from an element, or list it under non_operational with a reason",
            )
        )


def clauses(c: Checker) -> None:
    """With a ``clauses`` section, every sentence of every encoded article is accounted for
    (sentences of an article marked non_operational inherit its reason unless listed), each
    listed sentence exists and opens with its ``text``, encoded ones name elements that cite
    the article, the others give a reason."""
    if not c.s.clauses:
        return
    try:
        texts = split_articles((c.folder / c.s.ruleset.source).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return  # the loader reports an unreadable source text
    known: dict[str, Any] = {}
    for el in all_cited(c.s):
        if getattr(el, "id", None):
            known.setdefault(el.id, el)
    for p in list(c.s.procedures) + [q for m in c.s.meetings for q in m.procedures]:
        for st in p.steps:
            known[f"{p.id}.{st.id}"] = st
    seen: dict[tuple[int, int], Any] = {}
    for cl in c.s.clauses:
        sents = split_sentences(texts.get(cl.article, ""))
        key = (cl.article, cl.sentence)
        if key in seen:
            c.problems.append(
                Problem(
                    c.where(cl),
                    f"article {cl.article} sentence {cl.sentence} listed twice",
                    f"once (first at {c.where(seen[key])})",
                )
            )
            continue
        seen[key] = cl
        if cl.sentence > len(sents):
            c.problems.append(
                Problem(
                    c.where(cl, "sentence"),
                    f"article {cl.article} has no sentence {cl.sentence}",
                    f"a sentence between 1 and {len(sents)}",
                )
            )
            continue
        if not sents[cl.sentence - 1].startswith(cl.text.strip()):
            c.problems.append(
                Problem(
                    c.where(cl, "text"),
                    f"article {cl.article} sentence {cl.sentence} does not open with {cl.text[:40]!r}",
                    f"its opening words: {sents[cl.sentence - 1][:20]!r}",
                )
            )
        if cl.status == "encoded":
            if not cl.elements:
                c.problems.append(
                    Problem(
                        c.where(cl),
                        "an encoded sentence with no elements",
                        "the ids of the elements that encode it",
                    )
                )
            for e in cl.elements:
                if e not in known and e.partition(".")[0] not in (c.elsewhere or ()):  # not in a failed file
                    close = difflib.get_close_matches(e, sorted(known), n=1, cutoff=0.6)
                    c.problems.append(
                        Problem(
                            c.where(cl, "elements"),
                            f"elements: unknown element {e!r}",
                            f"did you mean {close[0]!r}?"
                            if close
                            else "an element id (a step as procedure.step)",
                        )
                    )
        elif cl.reason is None:
            c.problems.append(
                Problem(
                    c.where(cl),
                    f"{'an' if cl.status == 'omitted' else 'a'} {cl.status} sentence with no reason",
                    "reason: {zh: …, en: …}",
                )
            )
    marked = {n.article for n in c.s.non_operational}
    missing = [
        f"{a}.{i}"
        for a in sorted(texts)
        if a not in marked
        for i in range(1, len(split_sentences(texts[a])) + 1)
        if (a, i) not in seen
    ]
    if missing:
        shown = ", ".join(missing[:12]) + (f" … ({len(missing)} in all)" if len(missing) > 12 else "")
        c.problems.append(
            Problem(
                SourceRef(str(c.folder)),
                f"sentences not accounted for (article.sentence): {shown}",
                "list each under clauses as encoded, non_operational or omitted",
            )
        )


def all_cited(s: Any) -> Iterable[Any]:
    for n in ELEMENT_SECTIONS:
        for el in getattr(s, n):
            yield el
            for sub in getattr(el, "steps", ()):
                yield sub
            for sub in getattr(el, "is_a", ()):
                yield sub
            for p in getattr(el, "procedures", ()):
                yield p
                yield from p.steps
