"""The page of `vbcheck serve` in a real browser (issue 16): headless Chromium from Debian's
packages (.ci/install-chromium.sh), driven by Playwright pointed at it (Playwright never downloads
a browser here). The server runs as a user starts it; the test uploads the shipped example, sees
its findings on the document, clicks one, downloads the annotated copy and reads its comments,
downloads the fixed copy and finds its tracked changes,
and saves the screenshot the README shows (VBCHECK_UPDATE_SCREENSHOTS=1 writes it into docs/).
Skips with the reason when Chromium or Playwright is not installed."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

import vbcheck
from vbcheck.catalogue import loader as packs
from vbcheck.catalogue.explain import explain
from vbcheck.engine import all_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ke-hoach-du-thao.docx"
SCREENSHOT = ROOT / "docs" / "vbcheck-serve.png"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--no-proxy-server"]

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/install-chromium.sh installs Debian's)"),
    pytest.mark.skipif(sync_playwright is None, reason="playwright not installed (pip install -e '.[test]')"),
]


@pytest.fixture(scope="module")
def server():
    p = subprocess.Popen([sys.executable, "-m", "vbcheck", "serve", "--port", "0", "-j", "2"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                         env={**os.environ, "PYTHONUNBUFFERED": "1"})
    line: list[str] = []
    t = threading.Thread(target=lambda: line.append(p.stdout.readline()), daemon=True)
    t.start()
    t.join(120)
    try:
        assert line and line[0].startswith("vbcheck serve: http://127.0.0.1:"), line
        yield line[0].split()[2]
    finally:
        p.terminate()
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(30)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True, locale="vi-VN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.goto(server)
    pg.wait_for_selector("body[data-ready='1']")
    yield pg
    context.close()
    assert errors == []


def findings_of(path: Path, **kw):
    return vbcheck.check(path.read_bytes(), name=path.name, **kw).files[0].violations


def test_upload_see_click_download_screenshot(page, tmp_path):
    want = findings_of(EXAMPLE)
    page.set_input_files("#files", str(EXAMPLE))
    items = page.locator("#list .item")
    expect(items).to_have_count(len(want), timeout=60_000)
    # The side list: every finding, in order, with its code and message.
    for i, v in enumerate(want):
        text = items.nth(i).inner_text()
        assert text.startswith(v.code) and v.message in text
    # Each finding highlighted at its text in the document.
    marks = page.locator("#doc mark.f")
    shown = [(m.get_attribute("data-f"), m.inner_text()) for m in marks.all()]
    for i, v in enumerate(want):
        mine = "".join(t for ids, t in shown if str(i) in ids.split())
        assert (v.text and v.text.startswith(mine) and mine) or (not v.text and mine == "⌃"), (v, mine)
    # The header in its two columns.
    cols = page.locator("#doc .cols.header .col")
    assert "ỦY BAN NHÂN DÂN" in cols.nth(0).inner_text() and "CỘNG HÒA XÃ HỘI" in cols.nth(1).inner_text()
    left, right = cols.nth(0).bounding_box(), cols.nth(1).bounding_box()
    assert right["x"] >= left["x"] + left["width"] - 1 and abs(right["y"] - left["y"]) < 5
    # The summary.
    assert "KH (Kế hoạch)" in page.inner_text("#summary")

    # A click on a finding far down the list scrolls the document to its text and explains it.
    last = len(want) - 1
    items.nth(last).click()
    current = page.locator("#doc mark.current").first
    expect(current).to_be_in_viewport()
    assert current.inner_text() in want[last].text
    rule = all_rules()[want[last].code]
    assert page.inner_text("#explain-text").strip() == explain(rule, "vi").strip()
    expect(items.nth(last)).to_have_attribute("aria-current", "true")

    # With the keyboard: up from the selected finding selects the one before.
    items.nth(last).focus()
    page.keyboard.press("ArrowUp")
    expect(items.nth(last - 1)).to_have_attribute("aria-current", "true")
    expect(items.nth(last - 1)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#doc mark.current").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(items.nth(last - 1)).to_be_focused()

    # The screenshot the README shows: one 1366×768 screen, the document and the findings.
    items.nth(0).click()
    png = tmp_path / "vbcheck-serve.png"
    page.screenshot(path=str(png))
    from PIL import Image

    img = Image.open(png).convert("RGB")
    assert img.size == (1366, 768)
    assert len(img.getcolors(1 << 20) or ()) > 50  # not a blank page
    if os.environ.get("VBCHECK_UPDATE_SCREENSHOTS"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(png, SCREENSHOT)

    # The annotated copy: one Word comment per finding.
    with page.expect_download() as d:
        page.click("#dl-annotated")
    assert d.value.suggested_filename == "ke-hoach-du-thao.vbcheck.docx"
    with zipfile.ZipFile(io.BytesIO(Path(d.value.path()).read_bytes())) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert comments.count("<w:comment ") == len(want)
    for v in want:
        assert f"{v.code} " in comments

    # The fixed copy: each fix a tracked change by vbcheck.
    with page.expect_download() as d:
        page.click("#dl-fixed")
    assert d.value.suggested_filename == "ke-hoach-du-thao.fixed.docx"
    with zipfile.ZipFile(io.BytesIO(Path(d.value.path()).read_bytes())) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    fixed = vbcheck.fix(EXAMPLE.read_bytes(), name=EXAMPLE.name)
    assert "<w:ins " in xml and xml.count('w:author="vbcheck"') >= fixed.fixed
    expect(page.locator("#status")).to_contain_text(f"Đã sửa {fixed.fixed} lỗi, còn {len(fixed.remaining)} phát hiện")

    # And a report.
    with page.expect_download() as d:
        page.click("#dl-sarif")
    assert d.value.suggested_filename == "ke-hoach-du-thao.vbcheck.sarif"


def test_filters_by_severity_and_rule(page):
    want = findings_of(EXAMPLE)
    page.set_input_files("#files", str(EXAMPLE))
    items = page.locator("#list .item")
    expect(items).to_have_count(len(want), timeout=60_000)
    page.uncheck("#sev-warning")
    errors = [v for v in want if v.severity == "error"]
    expect(items).to_have_count(len(errors))
    assert page.locator("#doc mark.sev-warning").count() == 0
    page.check("#sev-warning")
    page.select_option("#rule-filter", "VB122")
    expect(items).to_have_count(sum(1 for v in want if v.code == "VB122"))


def test_document_text_is_shown_as_text_never_run(page, tmp_path):
    doc = tmp_path / "ke-hoach.txt"
    hostile = '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> <b>đậm</b>'
    doc.write_text(packs.example_base("ke-hoach").replace("2. Bảo đảm thiết thực", f"2. Bảo đảm {hostile} thiết thực"),
                   encoding="utf-8")
    page.set_input_files("#files", str(doc))
    expect(page.locator("#status")).to_contain_text("Đã kiểm tra 1 tệp", timeout=60_000)
    assert hostile in page.inner_text("#doc")
    assert page.locator("#doc script, #doc img, #doc b").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_several_files_an_unreadable_one_and_the_english_switch(page, tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(EXAMPLE.read_bytes()[:20000])
    page.set_input_files("#files", [str(EXAMPLE), str(bad)])
    tabs = page.locator("#tabs [role=tab]")
    expect(tabs).to_have_count(2)
    expect(page.locator("#status")).to_contain_text("Đã kiểm tra 2 tệp", timeout=60_000)
    tabs.nth(1).click()
    reason = vbcheck.check(bad.read_bytes(), name=bad.name).files[0].error
    expect(page.locator("#doc .unreadable")).to_have_text(f"Không đọc được tệp: {reason}")
    tabs.nth(1).press("ArrowLeft")
    expect(tabs.nth(0)).to_have_attribute("aria-selected", "true")
    page.click("#lang")
    expect(page.locator("#files-label")).to_have_text("Choose or drop files here (.docx, .txt, .md)")
    english = findings_of(EXAMPLE, lang="en")[0].message
    expect(page.locator("#list .item").first).to_contain_text(english, timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == "en"
