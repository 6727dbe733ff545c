"""The memo module's shared, content-keyed memos and the one switch that turns reuse off."""

from __future__ import annotations

import pytest

from govmodel.model import memo


def test_shared_keeps_the_most_recent_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "_SHARED", {})
    m = memo.shared("test.bounded", limit=2)
    m["a"], m["b"], m["c"] = 1, 2, 3
    assert list(memo.shared("test.bounded")) == ["b", "c"]


@pytest.mark.parametrize(("value", "on"), [("", True), ("0", True), ("1", False), ("yes", False)])
def test_no_cache_switches_shared_memos_off(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    monkeypatch.setattr(memo, "_SHARED", {})
    monkeypatch.setenv("GOVMODEL_NO_CACHE", value)
    assert memo.caching_enabled() is on
    memo.shared("test.off")["k"] = 1
    assert ("k" in memo.shared("test.off")) is on


def test_the_command_line_switch_is_scoped_to_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from govmodel.cli import _no_cache

    monkeypatch.delenv("GOVMODEL_NO_CACHE", raising=False)
    with _no_cache(True):
        assert not memo.caching_enabled()
    assert memo.caching_enabled()
