"""The HTML report (issue 5, part 7) rendered in headless Chromium (Debian's `chromium`, installed
by .ci/install-chromium.sh): the DOM holds every finding highlighted in place, the highlight
colours are on screen, and a blank page is caught by the screenshot check. Skips with a reason
when Chromium is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import vbcheck
from vbcheck.catalogue import loader as packs
from vbcheck.reporters import html as html_rep

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/install-chromium.sh)")

BASE = packs.example_base("ke-hoach")
BAD = (BASE.replace("- Lưu: VT, VP.", "- Lưu: VT,VP.")
       .replace("Số: 15/KH-SNV", "Số: 5/KH-SNV")
       .replace("2. Bảo đảm thiết thực", "2. Phối hợp với MTTQ <b>để</b> thiết thực"))
# Highlight colours of the report's CSS (mark.sev-error / sev-warning backgrounds).
ERROR_RGB, WARNING_RGB = (0xFF, 0x8A, 0x8A), (0xFF, 0xD8, 0x66)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "chromium-profile"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def screenshot(tmp_path: Path, page: Path, name: str):
    from PIL import Image

    png = tmp_path / name
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1200,1600", page.as_uri())
    assert png.is_file(), "chromium wrote no screenshot"
    return Image.open(png).convert("RGB")


def pixels(img):
    raw = img.tobytes()
    return [tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)]


def not_blank(img) -> bool:
    """At least 0.5 % of the pixels are not (near) white."""
    px = pixels(img)
    dark = sum(1 for r, g, b in px if r + g + b < 700)
    return dark > 0.005 * len(px)


def count_colour(img, rgb, tol=12) -> int:
    return sum(1 for p in pixels(img) if all(abs(a - b) <= tol for a, b in zip(p, rgb)))


@pytest.fixture
def report_page(tmp_path):
    doc = tmp_path / "ke-hoach.txt"
    doc.write_text(BAD, encoding="utf-8")
    report = vbcheck.check(str(doc), keep_text=True)
    page = tmp_path / "report.html"
    page.write_text(html_rep.render(report), encoding="utf-8")
    return report.files[0], page


def test_dom_shows_every_finding_in_place(tmp_path, report_page):
    result, page = report_page
    assert {v.code for v in result.violations} >= {"VB107", "VB122", "VB201"}
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "Báo cáo kiểm tra thể thức văn bản" in dom
    for v in result.violations:
        if v.text:
            assert f'data-code="{v.code}"' in dom, v.code
    # "5" of the number, highlighted on line 3, with the rest of the line around it.
    assert '<mark class="f sev-error" data-code="VB107"' in dom
    line3 = dom[dom.index('id="doc-0-l3"'):]
    assert line3.index("Số: ") < line3.index("VB107") < line3.index("/KH-SNV")
    # The document's "<b>" stays text.
    assert "&lt;b&gt;để&lt;/b&gt;" in dom and "<b>để</b>" not in dom


def test_screenshot_is_not_blank_and_highlights_are_visible(tmp_path, report_page):
    _, page = report_page
    img = screenshot(tmp_path, page, "report.png")
    assert not_blank(img)
    assert count_colour(img, ERROR_RGB) > 50, "no error highlight on screen"
    assert count_colour(img, WARNING_RGB) > 50, "no warning highlight on screen"


def test_the_blank_check_catches_a_blank_page(tmp_path):
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    assert not not_blank(screenshot(tmp_path, blank, "blank.png"))
