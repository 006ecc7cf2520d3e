#!/usr/bin/env bash
# Debian's Chromium (headless) for tests/test_html_report.py, which renders the HTML report,
# reads the DOM back and checks a screenshot is not blank, and for tests/test_web_browser.py,
# which drives the page of `vbcheck serve` through Playwright (a pip package that ships its driver;
# it is pointed at this Chromium and never downloads a browser). Never fails CI.
set -u
. "$(dirname "$0")/lib/apt-install.sh"
apt_install chromium "chromium chromium-browser" chromium
exit 0
