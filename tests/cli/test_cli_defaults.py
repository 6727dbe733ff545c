"""No hidden defaults (issue #14): a command run without MODEL names the bundled model it used,
and ``explain`` that finds nothing says where it looked."""

from __future__ import annotations

from govmodel.bundled import DEFAULT_MODEL
from govmodel.cli import main


def test_a_command_without_model_names_the_bundled_model_on_stderr(capsys):
    assert main(["coverage"]) == 0
    captured = capsys.readouterr()
    assert f"model: {DEFAULT_MODEL} (内置 bundled: " in captured.err
    assert "model:" not in captured.out  # the output itself is unchanged


def test_a_command_given_a_model_says_nothing_more(tmp_path, capsys):
    from govmodel.model import bundled_model_path

    assert main(["coverage", str(bundled_model_path())]) == 0
    assert "bundled" not in capsys.readouterr().err


def test_explain_that_finds_nothing_says_where_it_looked(capsys):
    assert main(["explain", "ffffffffffffffff", "--k", "1"]) == 2
    err = capsys.readouterr().err
    assert "no finding has fingerprint 'ffffffffffffffff' among the" in err
    assert f"findings of model {DEFAULT_MODEL} (" in err and "give the MODEL folder" in err
