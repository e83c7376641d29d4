#!/usr/bin/env bash
# The .pptx render test (OCOP_TEST_PPTX=1) opens the briefing in LibreOffice and draws its pages with
# poppler's pdftoppm: Debian's libreoffice-impress and poppler-utils, installed when missing.
set -euo pipefail
if command -v libreoffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's libreoffice-impress and poppler-utils for the .pptx render test ..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-impress \
    poppler-utils >/dev/null
fi
if ! command -v libreoffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  echo "LibreOffice or pdftoppm is missing: the .pptx render test will fail." >&2
fi
