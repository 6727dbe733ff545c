"""Rich HTML display in Jupyter: every display is well-formed, escapes its texts and
carries Chinese and English headers."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import govmodel as gm
from govmodel.findings import Absence, Counterexample, Finding, Results, Status, Subject, TraceStep
from govmodel.model import types as t
from govmodel.refs import Label
from govmodel.report import html as ht
from govmodel.report.html import html_of
from govmodel.verify import Bounds, verify

ROOT = Path(__file__).resolve().parents[2]
REFORM = ROOT / "scenarios" / "reforms" / "acting-mayor-in-every-absence.yaml"
VOID = {"br", "hr", "img", "meta", "input", "col", "wbr"}
NASTY = "<script>alert('x')</script> & Co"


class _Checker(HTMLParser):
    """Collects tags; fails on an end tag that does not close the innermost open one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert not checker.errors, checker.errors[:5]
    assert not checker.stack, f"unclosed: {checker.stack}"
    return checker


def assert_rich(html: str, *headers: str) -> _Checker:
    """Well-formed, a table, Chinese and English header text."""
    assert isinstance(html, str) and html
    checker = parse(html)
    assert "table" in checker.tags and "th" in checker.tags
    text = "".join(checker.text)
    assert re.search(r"[\u4e00-\u9fff]", text), "no Chinese text"
    for h in headers:
        assert h in text, h
    assert "<script" not in html
    return checker


def assert_escaped(html: str) -> None:
    parse(html)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp; Co" in html
    assert "& Co" not in html


# ----- fixtures -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def model() -> gm.Model:
    return gm.load_model()


@pytest.fixture(scope="module")
def results(model: gm.Model) -> gm.Results:
    return verify(model, Bounds(k=1))


@pytest.fixture(scope="module")
def sim_result():
    return gm.simulate(gm.load_scenario(ROOT / "scenarios" / "baseline.yaml"), replications=2)


@pytest.fixture(scope="module")
def assessment():
    from govmodel.crosscheck.assess import assess_reform

    return assess_reform(REFORM, replications=2)


def nasty_finding() -> Finding:
    return Finding(
        property="coverage.step",
        cls="coverage",
        subject=Subject("p.<sign>&"),
        status=Status.violated,
        statement=Label("签发<b>", NASTY),
        message=Label("无人 & 签发", NASTY),
        articles=(9, 47),
        counterexample=Counterexample(
            absent=(Absence("p_<mayor>", ("mayor",), "abroad & away"),),
            cast={"document_type": "<request>"},
            trace=(TraceStep(Label("市长<缺位>", NASTY), (9,)),),
        ),
    )


# ----- the objects ------------------------------------------------------------------------
def test_model_summary(model):
    checker = assert_rich(
        html_of(model),
        "规则模型",
        "Rules model",
        "roles",
        "角色",
        "deputy rules",
        "time limits",
        "Assumptions",
        "in force",
    )
    text = "".join(checker.text)
    assert "dalian-2014" in text
    for a in model.assumptions:
        assert a.id in text


def test_model_summary_does_not_call_a_partly_encoded_article_encoded(model):
    # #8: nothing dropped is called encoded; the summary counts per sentence, as `coverage` does
    rows = dict((k[1], v) for k, v in ht.model_view(model)["counts"])
    assert (rows["articles encoded"], rows["articles partly encoded"], rows["non-operational articles"]) == (
        31,
        6,
        30,
    )  # as `govmodel coverage` says


def test_model_summary_escapes(model):
    title = t.Text(zh="规则<b>", en=NASTY)
    sections = dataclasses.replace(model.sections, ruleset=model.ruleset.model_copy(update={"title": title}))
    other = gm.Model.build(sections, model.folder)
    assert_escaped(html_of(other))


@pytest.mark.slow  # whole-model verification
def test_results_table(results):
    checker = assert_rich(
        html_of(results),
        "验证结果",
        "Verification results",
        "状态",
        "status",
        "articles",
        "counterexample: absent",
    )
    text = "".join(checker.text)
    violated = results.with_status(Status.violated)
    assert violated and all(f.fingerprint in text for f in violated)
    assert "市长(甲)" in text and "Mayor A" in text  # an absent person of a counterexample, by name
    assert "p_mayor" not in text and "p_vm1" not in text  # never by id (#9: names, not ids)
    assert "details" in checker.tags  # the findings that hold are folded


@pytest.mark.slow  # whole-model verification
def test_finding_in_full(results):
    f = next(f for f in results.with_status(Status.violated) if f.counterexample and f.counterexample.trace)
    checker = assert_rich(html_of(f), "验证结论", "Finding", "反例:缺位人员", "trace")
    assert f.message.en.replace("'", "") in "".join(checker.text).replace("'", "")


def test_finding_and_results_escape():
    f = nasty_finding()
    assert_escaped(html_of(f))
    r = Results("m<&>", "p", (), (f,), {"k": 1})
    html = html_of(r)
    assert_escaped(html)
    assert "m&lt;&amp;&gt;" in html


@pytest.mark.slow  # baseline simulation and a reform assessment
def test_sim_result(sim_result):
    assert_rich(
        html_of(sim_result),
        "仿真结果",
        "Simulation results",
        "按时率",
        "on-time rate",
        "95% CI",
        "Bottlenecks",
        "Deputy activations",
        "Documents that could not proceed",
    )


@pytest.mark.slow  # baseline simulation and a reform assessment
def test_sim_table_escapes(sim_result):
    from govmodel.report.sim_json import sim_to_dict

    d = sim_to_dict(sim_result)
    d["scenario"]["label"] = {"zh": "基准<b>", "en": NASTY}
    assert_escaped(ht.render_part("sim", ht.sim_view(d)))


@pytest.mark.slow  # baseline simulation and a reform assessment
def test_comparison(assessment):
    checker = assert_rich(
        html_of(assessment.comparison), "情景比较", "Comparison of scenarios", "差值 B−A", "95% CI"
    )
    text = "".join(checker.text)
    assert (
        "按时率" in text and "on-time rate" in text and "on_time_rate/" not in text
    )  # names, not measure keys
    assert "p_vm1" not in text and "常务副市长(乙)" in text


@pytest.mark.slow  # baseline simulation and a reform assessment
def test_assessment(assessment):
    checker = assert_rich(
        html_of(assessment),
        "改革评估",
        "Reform assessment",
        "结论",
        "verdict",
        "claims to close",
        "Authority changes",
        "witness",
        "Comparison of scenarios",
    )
    text = "".join(checker.text)
    assert "as claimed" in text
    assert assessment.closed and "coverage.step:" not in text  # findings by name
    assert "签发" in text and "p_mayor" not in text


@pytest.mark.slow  # baseline simulation and a reform assessment
def test_assessment_escapes(assessment):
    d = assessment.as_dict()
    d["reform"]["rationale"] = {"zh": "理由<b>", "en": NASTY}
    assert_escaped(ht.render_part("assessment", ht.assessment_view(d)))


def test_jupyter_shows_rich_html_through_the_registered_formatter(model):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        gm._register_jupyter_displays()
        data, _ = shell.display_formatter.format(model)
        assert "规则模型" in data["text/html"] and "Rules model" in data["text/html"]
    finally:
        InteractiveShell.clear_instance()


def test_public_verify_stays_the_function_after_the_subpackage_is_imported():
    import importlib

    importlib.import_module("govmodel.verify")
    assert callable(gm.verify) and gm.verify.__name__ == "verify"


def test_layering_model_and_findings_do_not_import_report():
    import subprocess
    import sys

    code = (
        "import sys, govmodel, govmodel.findings, govmodel.model, govmodel.sim, govmodel.crosscheck.assess; "
        "print(any(m.startswith('govmodel.report') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"
