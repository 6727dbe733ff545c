"""The exit-code contract, command by command (issue #9 item 2, #13 item 3, #15 items 3-4):
0 ok, 1 findings, 2 bad input (output paths and options too, before any work), 3 unknown (over
1), 130 on Ctrl-C, 70 on an internal error (one line, the traceback in a file), never 1 for a
crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govmodel.cli import main

ROOT = Path(__file__).resolve().parents[2]
VERIFY = ROOT / "tests" / "verify"
GOOD = VERIFY / "good" / "covered-with-deputy"
BAD = VERIFY / "bad" / "reviewer-is-signer"
REFORM = "acting-mayor-in-every-absence"
UNWRITABLE = "/proc/govmodel-test-output"  # even root cannot create files in /proc


def code_of(argv: list[str]) -> int:
    """The exit code, whether main returns it or argparse exits."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


# Every subcommand that writes, with the output option last: (argv before the path, is a folder)
WRITERS = {
    "check --out": (["check", str(GOOD), "--k", "1", "--out"], False),
    "check --write-baseline": (["check", str(GOOD), "--k", "1", "--write-baseline"], False),
    "coverage --out": (["coverage", "--out"], False),
    "simulate --out": (["simulate", "-n", "1", "--out"], False),
    "simulate --events": (["simulate", "-n", "1", "--events"], False),
    "simulate --plots": (["simulate", "-n", "1", "--plots"], True),
    "compare --out": (["compare", "baseline", "mayor-and-evm-travel", "-n", "1", "--out"], False),
    "reform --out": (["reform", REFORM, "--no-sim", "--out"], False),
    "report --out": (["report", "--no-sim", "--out"], False),
    "graph --out": (["graph", "--out"], False),
    "schema --out": (["schema", "--out"], False),
    "replay --out": (["replay", "0000", "--out"], False),
    "init": (["init"], True),
    "sweep --out": (
        [
            "sweep",
            str(ROOT / "tests" / "sweep" / "good" / "two-factors.sweep.yaml"),
            "--scheduler",
            "serial",
            "--out",
        ],
        True,
    ),
}


@pytest.mark.parametrize("kind", ["folder", "unwritable", "missing-parent"])
@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_output_rejects_bad_paths_with_exit_2_before_work(name, kind, tmp_path, capsys, monkeypatch):
    argv, folder = WRITERS[name]
    if kind == "folder":
        # where a file is expected, a folder; where a folder is expected, a file (init: a non-empty folder)
        target = tmp_path / "a-folder"
        target.mkdir()
        if folder:
            target = tmp_path / "a-file"
            target.write_text("keep", encoding="utf-8")
        if name == "init":
            target = tmp_path / "a-folder"
            (target / "mine.txt").write_text("keep", encoding="utf-8")
    elif kind == "unwritable":
        target = Path(UNWRITABLE)
    else:
        target = tmp_path / "no" / "such" / "folder" / "out.txt"
    # the check comes before any work: the command itself never runs
    import importlib

    module = importlib.import_module(f"govmodel.cli.{argv[0]}")
    if not (name == "init" and kind == "folder"):  # init: "not empty" is its own first check
        monkeypatch.setattr(
            module, "run", lambda args: pytest.fail("work began before the output was checked")
        )
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    assert code_of([*argv, str(target)]) == 2
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before  # nothing written
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, err
    assert " / " in lines[0]  # bilingual
    expected = {
        "folder": ("is a folder", "is a file", "not empty"),
        "unwritable": ("cannot",),
        "missing-parent": ("does not exist",),
    }[kind]
    assert any(word in lines[0] for word in expected), lines[0]


def test_missing_parents_are_created_only_with_parents(tmp_path, capsys):
    out = tmp_path / "a" / "b" / "coverage.txt"
    assert main(["coverage", "--out", str(out)]) == 2
    assert "--parents" in capsys.readouterr().err and not (tmp_path / "a").exists()
    assert main(["coverage", "--out", str(out), "--parents"]) == 0
    assert "Article coverage" in out.read_text(encoding="utf-8")


def test_no_writing_through_a_symlink_unless_force(tmp_path, capsys):
    target = tmp_path / "target.txt"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert main(["coverage", "--out", str(link)]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "old" and link.is_symlink()
    assert main(["coverage", "--out", str(link), "--force"]) == 0
    assert link.is_symlink() and "Article coverage" in target.read_text(encoding="utf-8")


@pytest.mark.slow  # four plots of a simulation; the fast tier draws them in tests/sim/test_sim_outputs.py
def test_plots_folder_is_created_but_not_its_parents(tmp_path, capsys):
    assert (
        code_of(
            [
                "simulate",
                str(ROOT / "scenarios" / "tandem-queue.yaml"),
                "-n",
                "1",
                "--plots",
                str(tmp_path / "plots"),
            ]
        )
        == 0
    )
    assert sorted(p.suffix for p in (tmp_path / "plots").iterdir()) == [".png"] * 4


# -- options: the same validation and message on every subcommand that takes them ----------

SWEEP = f"sweep {ROOT / 'tests' / 'sweep' / 'good' / 'two-factors.sweep.yaml'} --scheduler serial"
BAD_OPTIONS = {
    "--timeout": (
        ["inf", "nan", "-inf", "0", "-1", "1e300", "abc"],
        ["check", "explain 0000", "replay 0000"],
    ),
    "--k": (["-1", "x", "1.5"], ["check", "explain 0000", "replay 0000", f"reform {REFORM}", "report"]),
    "--replications": (
        ["0", "-3", "x", "100001"],
        ["simulate", "compare baseline baseline", f"reform {REFORM}", "report", SWEEP],
    ),
    "--jobs": (["0", "-1", "x"], ["simulate", "compare baseline baseline", f"reform {REFORM}", "report"]),
    "--seed": (["-1", "x", str(2**64)], ["simulate", "compare baseline baseline", f"reform {REFORM}", SWEEP]),
}


@pytest.mark.parametrize("option", sorted(BAD_OPTIONS))
def test_bad_option_values_are_exit_2_with_one_message_everywhere(option, capsys):
    values, commands = BAD_OPTIONS[option]
    for value in values:
        messages = set()
        for command in commands:
            assert code_of([*command.split(), f"{option}={value}"]) == 2, (command, value)
            err = capsys.readouterr().err
            assert "Traceback" not in err
            messages.add(err.strip().splitlines()[-1].split(": error: ", 1)[1])
        assert len(messages) == 1, messages  # the same words on every subcommand


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--k", "999"],
        ["reform", REFORM, "--no-sim", "--k", "999"],
        ["reform", REFORM, "--no-sim", "--k-authority", "999"],
        ["report", "--no-sim", "--k", "999"],
    ],
)
def test_k_above_the_cast_is_refused_not_clamped(command, capsys):
    assert code_of(command) == 2
    assert "at most 42" in capsys.readouterr().err


# -- 3 over 1, 70, 130 -------------------------------------------------------------------------


def test_unknown_takes_precedence_over_new_violations(tmp_path, monkeypatch, capsys):
    from govmodel.verify import solve

    real, calls = solve.smallest, []

    def first_times_out(enc, constraints, timeout, k, **kwargs):
        calls.append(1)
        return (
            solve.Outcome("unknown", reason="timeout")
            if len(calls) == 1
            else real(enc, constraints, timeout, k, **kwargs)
        )

    monkeypatch.setattr(solve, "smallest", first_times_out)
    assert main(["check", str(BAD), "--k", "1"]) == 3
    out = capsys.readouterr().out
    assert "exit code 3" in out and "违反 violated" in out


def test_internal_error_is_70_with_one_line_and_the_traceback_in_a_file(monkeypatch, capsys):
    import govmodel.cli.coverage as coverage

    def boom(args):
        raise RuntimeError("secret-content-not-for-logs")

    monkeypatch.setattr(coverage, "run", boom)
    assert main(["coverage"]) == 70
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert "internal error" in lines[0] and "RuntimeError" in lines[0] and "govmodel 0" in lines[0]
    assert "secret-content-not-for-logs" not in captured.err
    path = lines[0].split("traceback in ", 1)[1].split(";", 1)[0]
    text = Path(path).read_text(encoding="utf-8")
    assert "Traceback" in text and "secret-content-not-for-logs" in text
    os.unlink(path)


def test_ctrl_c_is_130_with_one_line(monkeypatch, capsys):
    import govmodel.cli.coverage as coverage

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(coverage, "run", interrupted)
    assert main(["coverage"]) == 130
    err = capsys.readouterr().err
    assert err.strip().splitlines() == ["govmodel: 已中断 / interrupted"]


def test_ctrl_c_while_ctypes_converts_an_argument_is_130(monkeypatch, capsys):
    """Ctrl-C landing while ctypes converts an argument of a foreign call (every z3 call goes
    through one) reaches the command as ctypes.ArgumentError("argument N: KeyboardInterrupt"):
    still an interruption, not an internal error (seen on `check --no-cache`, exit 70)."""
    import ctypes

    import govmodel.cli.coverage as coverage

    class Pointer(ctypes.c_void_p):
        @classmethod
        def from_param(cls, obj):
            raise KeyboardInterrupt  # the signal handler ran here

    def interrupted(args):
        call = ctypes.CDLL(None).labs
        call.argtypes = [Pointer]
        call(1)  # a real foreign call, converting its argument

    monkeypatch.setattr(coverage, "run", interrupted)
    assert main(["coverage"]) == 130
    err = capsys.readouterr().err
    assert err.strip().splitlines() == ["govmodel: 已中断 / interrupted"]


def test_a_real_crash_from_the_console_script_is_70_not_1(tmp_path):
    """In a fresh interpreter, as CI sees it: a bug (here a KeyError) is 70 with one line,
    never a traceback or exit 1."""
    import subprocess
    import sys

    code = (
        "import govmodel.cli.schema as s, sys\n"
        "def boom(args): return {}['missing']\n"
        "s.run = boom\n"
        "from govmodel.cli import main\nsys.exit(main(['schema']))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 70
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "KeyError" in r.stderr
    Path(r.stderr.split("traceback in ", 1)[1].split(";", 1)[0]).unlink()


@pytest.mark.slow  # verifies the whole model before and after the reform
def test_reform_with_an_unknown_result_is_3(monkeypatch, capsys):
    from govmodel.verify import solve

    real, calls = solve.smallest, []

    def first_times_out(enc, constraints, timeout, k, **kwargs):
        calls.append(1)
        return (
            solve.Outcome("unknown", reason="timeout")
            if len(calls) == 1
            else real(enc, constraints, timeout, k, **kwargs)
        )

    monkeypatch.setattr(solve, "smallest", first_times_out)
    assert main(["reform", REFORM, "--no-sim"]) == 3


def test_a_device_or_pipe_is_written_to_not_replaced(tmp_path, capsys):
    """``--out /dev/null`` or a named pipe: the bytes go to it; a file renamed into its place
    would replace the device (as root, /dev/null itself, for every program of the machine)."""
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(["coverage", "--out", str(fifo)]) == 0
    reader.join(timeout=60)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and got and b"Article coverage" in got[0]
    assert main(["coverage", "--out", os.devnull]) == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # still the device
    assert not list(Path(os.devnull).parent.glob(".null.*.tmp"))
