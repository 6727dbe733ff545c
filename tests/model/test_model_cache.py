"""The on-disk model cache (govmodel.model.cache): a hit gives what parsing gives, any change
to what loading reads is a miss, a damaged entry is a miss, and it can be switched off."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govmodel.errors import ModelError
from govmodel.model import bundled_model_path, cache, load_model
from govmodel.model import load as load_module


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("GOVMODEL_CACHE_DIR", str(where))
    monkeypatch.delenv("GOVMODEL_NO_CACHE", raising=False)
    return where


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "model"
    shutil.copytree(bundled_model_path(), out)
    return out


def _parsing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(load_module, "_load_sections", fail)


def test_a_hit_gives_what_parsing_gives(
    cache_dir: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = load_model(folder)
    assert len(list(cache_dir.glob("*.pickle"))) == 1
    _parsing_fails(monkeypatch)
    cached = load_model(folder, {"default_cast": True})
    assert cached.sections == parsed.sections
    assert cached.folder == parsed.folder and cached.enabled == parsed.enabled
    assert cached.index.keys() == parsed.index.keys()


@pytest.mark.parametrize("change", ["yaml", "source", "new_file"])
def test_any_change_is_a_miss(cache_dir: Path, folder: Path, change: str) -> None:
    load_model(folder)
    if change == "yaml":
        cast = folder / "cast.yaml"
        cast.write_text(cast.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    elif change == "source":
        src = folder / "source.zh.txt"
        src.write_text(src.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    else:
        (folder / "extra.yaml").write_text("roles: []\n", encoding="utf-8")
    calls = []
    original = load_module._load_sections

    def counting(*args: object) -> object:
        calls.append(1)
        return original(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(load_module, "_load_sections", counting)
        load_model(folder)
    assert calls == [1]


def test_a_broken_model_is_never_cached(cache_dir: Path, folder: Path) -> None:
    (folder / "roles.yaml").write_text("roles: [{id: 1}]\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ModelError):
            load_model(folder)
    assert not list(cache_dir.glob("*.pickle"))


def test_a_damaged_entry_is_a_miss(cache_dir: Path, folder: Path) -> None:
    parsed = load_model(folder)
    (entry,) = cache_dir.glob("*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_model(folder).sections == parsed.sections


def test_switched_off(cache_dir: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVMODEL_NO_CACHE", "1")
    assert not cache.enabled()
    load_model(folder)
    assert not cache_dir.exists() or not list(cache_dir.glob("*.pickle"))


def test_a_folder_others_may_write_is_not_used(cache_dir: Path, folder: Path) -> None:
    cache_dir.mkdir(mode=0o777)
    cache_dir.chmod(0o777)
    load_model(folder)
    assert not list(cache_dir.glob("*.pickle"))


def _check_json(out: Path) -> bytes:
    from govmodel.cli import main

    assert main(["check", "--format", "json", "--out", str(out)]) == 1  # the 2014 text's known gaps
    return out.read_bytes()


@pytest.mark.slow
def test_check_json_is_identical_with_the_cache_off_and_on(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVMODEL_NO_CACHE", "1")
    off = _check_json(tmp_path / "off.json")
    monkeypatch.delenv("GOVMODEL_NO_CACHE")
    filled = _check_json(tmp_path / "filled.json")
    _parsing_fails(monkeypatch)
    hit = _check_json(tmp_path / "hit.json")
    assert off == filled == hit
