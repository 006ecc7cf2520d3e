#!/usr/bin/env bash
# LibreOffice (headless Writer) for tests/test_annotate.py, which converts annotated copies with
# `soffice --headless --convert-to pdf|docx`. Never fails CI.
set -u
. "$(dirname "$0")/lib/apt-install.sh"
apt_install libreoffice "soffice libreoffice" libreoffice-writer-nogui libreoffice-writer
exit 0
