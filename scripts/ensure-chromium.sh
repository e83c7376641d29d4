#!/usr/bin/env bash
# The browser tests drive Debian's chromium (Playwright's own browser download cannot work here).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
if command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests ..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "chromium is missing: the browser tests will fail (CI) or be skipped (locally)." >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
fi
