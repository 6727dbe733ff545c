"""libyaml's events (govmodel.yamlio.libyaml) give exactly what ruamel's own parser gives: the
same tree, the same value types, the same position of every mapping, key, value and list item,
and the same problems, on every YAML file of the project and on mutated copies of them. Where
the two parsers are known to differ, the text goes to ruamel's parser."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from govmodel.yamlio import libyaml, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "src" / "govmodel" / "data").rglob("*.yaml"))
EVERY = sorted(
    p for p in ROOT.rglob("*.yaml") if not {".venv", ".git", "build", "node_modules"} & set(p.parts)
)

pytestmark = pytest.mark.skipif(not libyaml.available(), reason="PyYAML without libyaml")


def _signature(node: Any) -> Any:
    """The tree with the position of every mapping, key, value and item, and each value's type."""
    if isinstance(node, CommentedMap):
        items = [
            (type(k).__name__, repr(k), node.lc.key(k), node.lc.value(k), _signature(v))
            for k, v in node.items()
        ]
        return ("map", node.lc.line, node.lc.col, items)
    if isinstance(node, CommentedSeq):
        return (
            "seq",
            node.lc.line,
            node.lc.col,
            [(node.lc.item(i), _signature(v)) for i, v in enumerate(node)],
        )
    return (type(node).__name__, repr(node))


def _reference(text: str, name: str, monkeypatch: pytest.MonkeyPatch, dates_as_text: bool = False) -> Any:
    with monkeypatch.context() as m:
        m.setattr(libyaml, "events", lambda text: None)
        return parse_yaml(text, name, dates_as_text)


def _same(text: str, monkeypatch: pytest.MonkeyPatch, dates_as_text: bool = False) -> None:
    tree, problems = parse_yaml(text, "x.yaml", dates_as_text)
    ref_tree, ref_problems = _reference(text, "x.yaml", monkeypatch, dates_as_text)
    assert problems == ref_problems
    assert _signature(tree) == _signature(ref_tree)


@pytest.mark.parametrize(
    "path", BUNDLED, ids=lambda p: str(p.relative_to(ROOT / "src" / "govmodel" / "data"))
)
def test_bundled_file_is_read_by_libyaml_with_the_same_result(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    assert libyaml.events(text) is not None  # the fast route serves the bundled rule sets
    _same(text, monkeypatch)
    _same(text, monkeypatch, dates_as_text=True)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("a:\tb\n", "a tab"),
        ("\ufeffa: b\n", "a byte-order mark"),
        ("a: b\u00a0c\n", "a no-break space"),
        ("a: b\u2028c\n", "a line separator"),
        ("a:\nb: 1\n", "an empty value"),
        ("a: {zh: , en: B}\n", "an empty value in a flow mapping"),
        ("# only a comment\n># only a comment\n", "an empty folded scalar"),
        ("a: |\nb: 1\n", "an empty literal scalar"),
        ("a: !!str 1\n", "a tag"),
        ("a: &x {zh: 甲, en: A}\nb: *x\n", "an anchor and an alias"),
        ("a: &x: 1\nb: *x:\n", "an anchor whose name ends differently"),
        ("loop: &x [1, *x]\n", "a recursive alias"),
        ("%YAML 1.1\n---\na: 1\n", "a directive"),
        ("a: [1, 2\n", "text libyaml refuses"),
        ("- [a, {b: c}\n", "text libyaml refuses"),
        ("a: \ud83d\n", "a lone surrogate (not from a file: parse_yaml is given a str)"),
    ],
)
def test_what_the_parsers_treat_differently_goes_to_ruamel(
    text: str, why: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert libyaml.events(text) is None, why
    _same(text, monkeypatch)


def test_values_and_duplicates_are_ruamels_on_the_libyaml_route(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in (
        "a: 1\na: 2\n",
        "a: [[[[1]]]]\nb: '" + "9" * 300 + "'\n",
        "a: 2025-13-01\n",
        "'<<': 1\nb: '中文 with: colon'\nc: |\n  两行\n  lines\nd: >-\n  folded\n  text\n",
        "- 0x1F\n- 1_000\n- 0o17\n- 1e3\n- .inf\n- ~\n- null\n- yes\n- true\n- 2025-01-01 09:30:00\n",
    ):
        assert libyaml.events(text) is not None
        _same(text, monkeypatch)


@pytest.mark.slow
@pytest.mark.parametrize("path", EVERY, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_project_file_reads_the_same_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _same(path.read_text(encoding="utf-8", errors="replace"), monkeypatch)


_INSERTS = [
    ":", "-", " ", "  ", "\n", "'", '"', "#", "[", "]", "{", "}", ",", "&a ", "*a", "? ", "|", ">", "\t",
    "!", "%", "@", "`", "中", "\\", "- ", ": ", "\r\n", "...", "---", "0x1", "1e3", "~", "\ufeff", "\u00a0",
    "😀", "\r", "\u3000", "：", "\x00", "\x7f", "\u200b", ": |\n", ": >-\n  x\n", "\n  ", ":\n",
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
def test_mutated_model_files_read_the_same_both_ways(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files of the project with one to three random edits (a character deleted, a YAML
    indicator or an odd character inserted, a line repeated): whatever the text has become,
    both routes agree on the tree, its positions and the problems."""
    rng = random.Random(seed)
    texts = [t for p in EVERY if len(t := p.read_text(encoding="utf-8", errors="replace")) < 6000]
    for _ in range(400):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(len(text) + 1)
            edit = rng.random()
            if edit < 0.3:
                text = text[:k] + text[k + 1 :]
            elif edit < 0.8:
                text = text[:k] + rng.choice(_INSERTS) + text[k:]
            else:
                lines = text.split("\n")
                j = rng.randrange(len(lines))
                lines.insert(j, lines[j])
                text = "\n".join(lines)
        _same(text, monkeypatch)
