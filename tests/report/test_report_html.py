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

REFORM = Path(__file__).parents[2] / "scenarios" / "reforms" / "acting-mayor-in-every-absence.yaml"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert (
        main(["report", "--out", str(out), "--replications", "2", "--k", "1", "--reform", str(REFORM)]) == 0
    )
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
    for needle in (
        "条文覆盖 Article coverage",
        "验证结果 Findings",
        "仿真 Simulation",
        "改革 Reforms",
        "常务副市长代行市长职务 / The executive vice mayor acts as mayor",
        "data:image/png;base64,",
        "如其所述 as claimed",
        "目录 Contents",
    ):
        assert needle in text, needle


def test_report_is_reproducible(report: Path, tmp_path: Path):
    """No time stamp: the same inputs give the same bytes."""
    again = tmp_path / "again.html"
    assert (
        main(["report", "--out", str(again), "--replications", "2", "--k", "1", "--reform", str(REFORM)]) == 0
    )
    assert again.read_bytes() == report.read_bytes()


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
        browser = pw.chromium.launch(
            executable_path=browser_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
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
        _assert_content(page, report)
        browser.close()
    assert errors == []


_TEXT_JS = """() => { const b = document.body.cloneNode(true);
  b.querySelectorAll('script,style').forEach(e => e.remove()); return b.textContent; }"""


def _embedded_cmap(html: str) -> set[int]:
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    data = re.search(r"font/otf;base64,([A-Za-z0-9+/=]+)", html).group(1)
    return set(TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap())


def _assert_content(page, report: Path) -> None:
    """What a reader sees, not only the absence of console errors."""
    import re

    # every reform's simulated change is a number with its interval (the renderer once read
    # `mean` where the records carry `difference`, and every cell was "—")
    cells = page.eval_on_selector_all(".reform td.delta", "els => els.map(e => e.textContent.trim())")
    assert len(cells) > 10
    number = re.compile(r"^[+-]\d+(\.\d+)?( \[[+-]\d+(\.\d+)?, [+-]\d+(\.\d+)?\])?$")
    assert all(number.match(c) for c in cells), [c for c in cells if not number.match(c)][:5]
    # no raw dicts, JSON or Python reprs anywhere in the text (collapsed sections included)
    text = page.evaluate(_TEXT_JS)
    for bad in ("{", "'zh'", '"zh"', "p_vm1", "p_mayor", "government_leaders_without_sg审批"):
        assert bad not in text, (bad, text[max(0, text.find(bad) - 80) : text.find(bad) + 80])
    tuple_repr = re.search(r"[(\[]'[^']*',", text)  # ('department_head',) or ['p_vm1', …]
    assert not tuple_repr, text[max(0, tuple_repr.start() - 80) : tuple_repr.end() + 80]
    # every character shown is in the embedded font subset: no missing-glyph boxes
    cmap = _embedded_cmap(report.read_text(encoding="utf-8"))
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in cmap})
    assert not missing, missing[:20]
    # and every text uses it: the filter buttons too (buttons do not inherit fonts by default)
    for sel in ("button[data-filter=holds]", "h1", "td", "code.fp"):
        family = page.eval_on_selector(sel, "e => getComputedStyle(e).fontFamily")
        assert family.startswith('"govmodel CJK"'), (sel, family)
    # a navigable page: a table of contents, long sections collapsed
    assert page.locator("#toc a").count() >= 5
    assert not page.locator("#coverage table").is_visible()
