#!/usr/bin/env bash
# Debian's Chromium (headless) for tests/test_html_report.py, which renders the HTML report,
# reads the DOM back and checks a screenshot is not blank. Never fails CI.
set -u
. "$(dirname "$0")/lib/apt-install.sh"
apt_install chromium "chromium chromium-browser" chromium
exit 0
