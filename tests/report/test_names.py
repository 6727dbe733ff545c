"""Names, not ids, in every human output (issue 9 item 4), and statistics a reader can trust
(item 5): display names for persons, steps and measures; intervals that respect the quantity."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from govmodel import load_model
from govmodel.cli import build_parser, main
from govmodel.report.names import Names
from govmodel.sim.stats import mean_ci, summarize

ROOT = Path(__file__).parents[2]
GOOD = ROOT / "tests" / "sim" / "good"
IDS = re.compile(r"\bp_(mayor|vm\d|sg|dsg\d)\b|\b[a-z]+_[a-z_]+\.[a-z_]+\b")


@pytest.fixture(scope="module")
def names() -> Names:
    return load_model().__class__ and Names(load_model())


def test_person_is_named_by_display_name_and_role(names: Names) -> None:
    lab = names.measure("utilization/p_vm1")
    assert (lab.zh, lab.en) == ("忙碌率:常务副市长(乙)", "utilization: Executive vice mayor B")


def test_a_group_switched_off_by_an_assumption_keeps_its_name(names: Names) -> None:
    # art42_secretary_general_is_a_government_leader is on, so this group is inactive, yet a
    # step still names it: the prose said "市政府领导同志或government_leaders_without_sg审批"
    assert names.label("government_leaders_without_sg").zh == "市政府领导同志(不含秘书长)"
    assert (
        load_model().label("government_leaders_without_sg").en
        == "Government leaders (without the secretary-general)"
    )


def test_blocked_step_in_words(names: Names) -> None:
    lab = names.blocked("art48_government_document.sign: mayor absent (leave_city_private)")
    assert lab.zh == "以市政府名义发文 · 签发:市长缺位(离连休假)"
    assert lab.en.startswith("Issuing a document in the government's name · signs: Mayor away")


def test_scenario_of_a_counterexample_in_words(names: Names) -> None:
    lab = names.scene({"document_type": "request", "department": "finance_bureau"})
    assert lab.zh == "文件类型:请示性公文;报送部门:市财政局"
    assert "document_type" not in lab.en and " = " not in lab.zh


def test_simulation_text_names_people_and_steps(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(GOOD / "mayor-private-leave.yaml")]) == 0
    text = capsys.readouterr().out
    assert "市长(甲) / Mayor A" in text
    assert "以市政府名义发文 · 签发:市长缺位(离连休假)" in text
    assert not IDS.search(text), IDS.search(text)


def test_count_intervals_are_never_negative() -> None:
    # "could not proceed 12 [-13, 37]": a t-interval on a count with two replications
    leaf = mean_ci([0, 24], interval="bootstrap")
    assert leaf["ci95"][0] >= 0 and leaf["interval"] == "bootstrap"
    s = summarize(
        [
            {"abandoned": 0, "on_time_rate/x": 1.0, "latency_working_days/d/mean": 0.1},
            {"abandoned": 24, "on_time_rate/x": 0.5, "latency_working_days/d/mean": 9.0},
        ]
    )
    assert s["abandoned"]["ci95"][0] >= 0 and s["abandoned"]["interval"] == "bootstrap"
    assert s["on_time_rate/x"]["ci95"][0] >= 0 and s["on_time_rate/x"]["ci95"][1] <= 1
    assert s["latency_working_days/d/mean"]["ci95"][0] >= 0


def test_compare_shows_every_kpi_row_with_names_units_and_markers(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["compare", str(GOOD / "mayor-abroad.yaml"), str(GOOD / "mayor-private-leave.yaml"), "-n", "2"])
    assert rc == 0
    text = capsys.readouterr().out
    assert not IDS.search(text), IDS.search(text)
    assert "忙碌率:市长(甲) / utilization: Mayor A" in text
    # rates in percent in compare as in simulate, never fractions; one unit for durations
    assert re.search(r"\d+\.\d%\s+\d+\.\d%", text) and "working hours" not in text
    assert "-0.000" not in text and "[-0" not in text.replace("[-0.", "")  # no signed zeros
    rows = [ln for ln in text.splitlines() if re.match(r"\s+\S+\s+\S+\s+[+\-–]", ln)]
    assert rows and all(re.search(r" [*= ] \S", ln) for ln in rows)
    d = json.loads(_json_compare(capsys))
    shown = [k for k in d["differences"] if k.startswith("on_time_rate/")]
    assert text.count("按时率:") >= len(shown)  # no on-time row hidden, significant or not


def _json_compare(capsys: pytest.CaptureFixture[str]) -> str:
    assert (
        main(
            [
                "compare",
                str(GOOD / "mayor-abroad.yaml"),
                str(GOOD / "mayor-private-leave.yaml"),
                "-n",
                "2",
                "--format",
                "json",
            ]
        )
        == 0
    )
    return capsys.readouterr().out


def test_every_option_of_every_command_has_bilingual_help() -> None:
    cjk = re.compile(r"[\u4e00-\u9fff]")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    missing = []
    for name, p in [("govmodel", parser), *sub.choices.items()]:
        if name != "govmodel" and not cjk.search(p.description or ""):
            missing.append(f"{name}: description")
        for action in p._actions:
            if action.help == "==SUPPRESS==" or action.dest == "command":
                continue
            if not action.help or not cjk.search(action.help) or not re.search(r"[a-z]{3}", action.help):
                missing.append(f"{name}: {'/'.join(action.option_strings) or action.dest}")
    assert not missing, missing


def test_replay_takes_model_as_an_argument() -> None:
    parser = build_parser()
    model = str(ROOT / "models" / "dalian-2014")
    args = parser.parse_args(["replay", "abc", model])
    assert str(args.model) == model
    args = parser.parse_args(["replay", "abc", "--model", model])  # deprecated alias
    assert str(args.model_option) == model


@pytest.mark.parametrize(
    "subject, en",
    [
        (
            "art42_leader_meeting_leave@p_mayor",
            "Government leaders unable to attend a meeting ask the mayor @ Mayor A",
        ),
        (
            "art43_national_meeting_notice ~ art45_request_lead_time",
            "Hosting a national meeting requested at least one month ahead"
            " ~ Lead time for an ordinary request",
        ),
        ("executive_meeting.presides", "Executive meeting · presides"),
        ("leaving_city:mayor", "leaving the city: Mayor"),
        (
            "art48_government_document.review_related@development_reform_commission+finance_bureau",
            "Issuing a document in the government's name · reviews"
            " @ Development and Reform Commission, Finance Bureau",
        ),
    ],
)
def test_report_names_every_kind_of_finding_subject(names: Names, subject: str, en: str) -> None:
    from govmodel.report.html_views import _subject

    assert _subject(names, subject).en == en


@pytest.mark.parametrize(
    "key",
    [
        "coverage.step:art49_joint_party_government_document.finalize@audit_bureau",
        "coverage.step:art43_meeting_request.finalize@audit_bureau",
        "coverage.meeting:executive_meeting.presides",
    ],
)
def test_reform_text_names_a_subject_scoped_to_a_department(names: Names, key: str) -> None:
    """A finding about a step in one department's context was printed as its ids
    (``art49_….finalize@audit_bureau / art49_….finalize@audit_bureau``) in `reform`'s text:
    text and HTML now read subjects with the same Names.subject."""
    from govmodel.report.reform_text import _finding

    text = _finding(names, key)
    subject = key.partition(":")[2]
    assert subject.split("@")[0] not in text and "audit_bureau" not in text
    assert text.endswith(f"[{key.partition(':')[0]}]")
    zh, _, en = text.removesuffix(f"  [{key.partition(':')[0]}]").partition(" / ")
    assert zh and en and not re.search(r"[a-z]+_[a-z]+", zh + en)
    if "@" in key:
        assert "审计局" in zh and "Audit" in en


def test_check_text_names_entrusted_branches_and_quorums() -> None:
    """`check` printed the subject of a meeting's entrusted branch and of a quorum as ids
    (``executive_meeting.convenes@entrusted``, ``区政府常务会议 · quorum``)."""
    from govmodel.bundled import data_root
    from govmodel.findings import Subject
    from govmodel.report.verify_text import finding_text
    from govmodel.verify import Bounds, verify

    model = load_model(data_root() / "models" / "baiyun-executive-meeting")
    results = verify(model, Bounds(k=2))
    wanted = {"executive_meeting.convenes@entrusted", "executive_meeting.quorum"}
    heads = {str(f.subject): finding_text(f, model=model)[0] for f in results.findings}
    assert wanted <= heads.keys()
    entrusted = heads["executive_meeting.convenes@entrusted"]
    assert "召集(委托时) / District executive meeting · convenes (when entrusted)" in entrusted
    assert "法定出席人数 / District executive meeting · quorum" in heads["executive_meeting.quorum"]
    for f in results.findings:  # the id only as the handle in parentheses, never in the message
        assert str(Subject.parse(str(f.subject)).entrusted()) not in f.message.en


def test_the_assumptions_a_run_used_in_words(names: Names) -> None:
    """simulate's and replay's header listed the ids of the twelve assumptions in force
    (art38_monthly_meeting_any_working_day, …); they now say 'all at their defaults' or name
    each assumption switched from its default by its statement."""
    assert names.assumptions().en == "all at their defaults (12 in force)"
    changed = Names(load_model().with_assumptions({"art51_in_principle_is_soft": False}))
    said = changed.assumptions()
    statement = load_model().get("art51_in_principle_is_soft").statement
    assert said.zh == f"与默认不同:{statement.zh}:关"
    assert said.en == f"changed from the defaults: {statement.en}: off"
    assert "art51" not in said.zh + said.en
