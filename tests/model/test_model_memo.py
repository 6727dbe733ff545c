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


def test_a_model_is_loaded_once_per_process_until_a_file_changes(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from govmodel.model import load_model
    from govmodel.model.load import bundled_model_path

    monkeypatch.setattr(memo, "_SHARED", {})
    monkeypatch.setenv("GOVMODEL_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "m"
    shutil.copytree(bundled_model_path(), folder)
    first = load_model(folder)
    assert load_model(folder) is first
    assert load_model(folder, {"default_cast": True}) is not first  # other assumptions: another key
    source = folder / first.ruleset.source
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert load_model(folder) is not first  # the rules' text changed
    again = load_model(folder)
    yaml = sorted(folder.glob("*.yaml"))[0]
    yaml.write_text(yaml.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    assert load_model(folder) is not again
    monkeypatch.setenv("GOVMODEL_NO_CACHE", "1")
    assert load_model(folder) is not load_model(folder)
