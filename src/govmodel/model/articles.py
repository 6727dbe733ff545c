"""The rules' text as the model reads it: articles headed 一、二、… (Chinese numerals to 九十九),
split into articles and sentences, and headings whose numeral is not a number found for the
loader to report."""

from __future__ import annotations

import re

__all__ = ["article_heading_problems", "chinese_number", "split_articles", "split_sentences"]

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ARTICLE = re.compile(r"^([一二三四五六七八九十]+)、")


_CN_NUMBER = re.compile(r"(?:([一二三四五六七八九]?)十([一二三四五六七八九]?)|([一二三四五六七八九]))")


def chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 二十三 → 23, 六十七 → 67 (the article numbers of the rules).

    Raises ``ValueError`` for anything else ("一一", "十十", "零").
    """
    m = _CN_NUMBER.fullmatch(text)
    if not m:
        raise ValueError(f"{text!r} is not a Chinese number from 一 to 九十九")
    tens, ones, single = m.groups()
    if single:
        return _CN_DIGITS[single]
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def article_heading_problems(text: str) -> list[tuple[int, str]]:
    """Lines that look like an article heading (``一一、``) but whose numeral is not a number:
    ``(line, numeral)`` pairs, for the loader to report."""
    out = []
    for i, line in enumerate(text.splitlines(), 1):
        m = _ARTICLE.match(line)
        if m and not _CN_NUMBER.fullmatch(m.group(1)):
            out.append((i, m.group(1)))
    return out


_SENTENCE_END = re.compile(r"(?<=[。！？；;])|\n")


def split_sentences(article: str) -> list[str]:
    """The sentences of an article's text: split after 。！？； and at line ends (the items
    (一)(二)… of a list are sentences of their own); blank pieces dropped."""
    return [x.strip() for x in _SENTENCE_END.split(article) if x and x.strip()]


def split_articles(text: str) -> dict[int, str]:
    """Split the rules' text into articles numbered 一、二、… (continuation lines included).

    A line that starts like a heading with a numeral that is not a number (``一一、``) is text
    of the current article; the loader reports it (:func:`article_heading_problems`).
    """
    out: dict[int, str] = {}
    current: int | None = None
    for line in text.splitlines():
        m = _ARTICLE.match(line)
        if m and _CN_NUMBER.fullmatch(m.group(1)):
            current = chinese_number(m.group(1))
            out[current] = line
        elif current is not None and not line.startswith("第") and line.strip():
            out[current] += "\n" + line
        elif line.startswith("第") and "章" in line[:6]:
            current = None
    return out
