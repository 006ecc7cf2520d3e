#!/usr/bin/env bash
# LibreOffice (headless Writer) for tests/test_annotate.py, which converts annotated copies with
# `soffice --headless --convert-to pdf|docx`. Debian's package only; never fails CI: without apt,
# root or network the test skips and says why.
set -u
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-libreoffice: no apt-get here; the LibreOffice test will skip" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    echo "install-libreoffice: not root; the LibreOffice test will skip" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! timeout 600 $SUDO apt-get update -qq >/dev/null 2>&1; then
  echo "install-libreoffice: apt-get update failed; the LibreOffice test will skip" >&2
  exit 0
fi
for pkg in libreoffice-writer-nogui libreoffice-writer; do
  if timeout 1200 $SUDO apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1; then
    exit 0
  fi
done
echo "install-libreoffice: could not install LibreOffice; the LibreOffice test will skip" >&2
exit 0
