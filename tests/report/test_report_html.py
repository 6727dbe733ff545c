"""`govmodel report`: one self-contained HTML file, opened in a real headless browser that
must show the findings without console errors."""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from govmodel.cli import main

pytestmark = pytest.mark.slow  # whole report (verification, simulation, reform) and the browser

REFORM = Path(__file__).parents[2] / "scenarios" / "reforms" / "acting-head-signs-instruction-reports.yaml"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", "--out", str(out), "--replications", "2", "--k", "1", "--reform", str(REFORM)]) == 0
    return out


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.rows = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            v = a.get(key) or ""
            if v and not v.startswith(("data:", "#")):
                self.external.append(v)
        if tag == "tr" and "data-status" in a:
            self.rows += 1


def test_report_is_self_contained_and_bilingual(report: Path):
    text = report.read_text(encoding="utf-8")
    p = _Collect()
    p.feed(text)
    assert p.external == []  # no external resources
    assert p.rows > 50  # every finding is a row
    for needle in ("条文覆盖 Article coverage", "验证结果 Findings", "仿真 Simulation", "改革 Reform",
                   "art9_executive_vice_mayor_acts_as_mayor", "data:image/png;base64,", "as_claimed"):
        assert needle in text, needle


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_report_renders_in_a_headless_browser(report: Path):
    browser_path = _chromium()
    if browser_path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install chromium (see .ci/run)")
        pytest.skip("no chromium on this machine (apt-get install chromium); CI installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=browser_path, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(report.as_uri())
        assert page.locator("#findings tbody tr").count() > 50
        assert page.locator("#findings tbody tr[data-status=violated]").first.is_visible()
        page.click("button[data-filter=holds]")  # the filter works: violated rows hide
        assert not page.locator("#findings tbody tr[data-status=violated]").first.is_visible()
        assert page.locator("img").count() >= 4
        assert "验证结果 Findings" in page.inner_text("body")
        browser.close()
    assert errors == []
