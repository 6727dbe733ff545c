"""Acts are the model's declarations, not the code's (issue #14, item 4): any id works, the
checks read an act's declared meaning and show its declared label; an undeclared act is one
validation message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from govmodel.cli import main
from govmodel.findings import Status
from govmodel.model import bundled_model_path, load_model
from govmodel.verify import Bounds, verify

HERE = Path(__file__).parent
FIXTURES = ["reviewer-is-signer", "different-persons-one-decision", "missing-legality-review"]


def _renamed(src: Path, dest: Path, words: dict[str, tuple[str, str, str]]) -> Path:
    """``src`` with every act id renamed (old → new id, new Chinese and English label)."""
    shutil.copytree(src, dest)
    for f in dest.glob("*.yaml"):
        text = re.sub(r"meaning: (\w+)", r"meaning: QQ\1QQ", f.read_text(encoding="utf-8"))  # kept
        for old, (new, zh, en) in words.items():
            text = re.sub(rf"\b{old}\b", new, text)
            text = re.sub(rf"(id: {new}, label: \{{zh: )[^,]*(, en: )[^}}]*", rf"\g<1>{zh}\g<2>{en}", text)
        f.write_text(re.sub(r"meaning: QQ(\w+?)QQ", r"meaning: \1", text), encoding="utf-8")
    return dest


WORDS = {
    "reviews": ("shenhe", "审核把关", "checks"),
    "signs": ("qianfa", "签发", "issues"),
    "approves": ("shenpi", "审批", "clears"),
    "finalizes": ("shending", "审定", "settles"),
    "legality_review": ("hefaxing_shencha", "合法性审查", "legality check"),
    "publishes": ("gongbu", "公布", "makes public"),
    "consults": ("zhengqiu_yijian", "征求意见", "asks for views"),
}


def test_renamed_acts_with_their_meanings_verify_alike(tmp_path: Path) -> None:
    for name in FIXTURES:
        src = HERE / "bad" / name
        renamed = _renamed(src, tmp_path / name, WORDS)
        before = verify(load_model(src), Bounds(k=1))
        after = verify(load_model(renamed), Bounds(k=1))

        def statuses(res) -> dict:
            out = {}
            for f in res.findings:
                key = str(f.subject)
                for old, (new, _, _) in WORDS.items():
                    key = key.replace(new, old)
                out[(f.property, key)] = f.status
            return out

        assert statuses(before) == statuses(after), name
        assert Status.violated in statuses(after).values()


def test_the_model_s_own_words_for_its_acts_show_in_the_findings(tmp_path: Path) -> None:
    renamed = _renamed(HERE / "bad" / "reviewer-is-signer", tmp_path / "m", WORDS)
    res = verify(load_model(renamed), Bounds(k=1))
    f = next(f for f in res.findings if f.property == "coverage.step" and f.status == Status.violated)
    assert "审核把关" in f.message.zh and "checks" in f.message.en
    assert "shenhe" not in f.message.zh + f.message.en  # the label, never the id


def test_an_act_without_its_meaning_is_not_a_level_of_a_check(tmp_path: Path) -> None:
    # the separation of duties is read off the meanings: without them there are no levels
    src = HERE / "bad" / "reviewer-is-signer"
    plain = tmp_path / "plain"
    shutil.copytree(src, plain)
    for f in plain.glob("*.yaml"):
        f.write_text(re.sub(r", meaning: \w+", "", f.read_text(encoding="utf-8")), encoding="utf-8")
    res = verify(load_model(plain), Bounds(k=1))
    assert not [f for f in res.findings if f.property == "separation.two_levels"]


def test_dalian_declares_its_acts(tmp_path: Path, capsys) -> None:
    model = load_model(bundled_model_path())
    ids = {a.id for a in model.acts}
    assert {"reviews", "reads", "approves", "finalizes", "signs", "collective_decision"} <= ids
    assert model.act_label("finalizes").zh == "审定" and model.act_meaning("finalizes") == "approves"
    assert model.act_label("presides").zh == "主持"  # a construct's act: no declaration needed
    # without its acts.yaml the model names the missing file once
    copy = tmp_path / "dalian"
    shutil.copytree(bundled_model_path(), copy)
    (copy / "acts.yaml").unlink()
    assert main(["validate", str(copy)]) == 2
    err = capsys.readouterr().err
    assert err.count("error: ") == 1 and "acts.yaml" in err
