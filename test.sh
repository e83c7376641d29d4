#!/usr/bin/env bash
# Run the tests: make a virtual environment, install what the tests need (Debian's chromium
# for the browser tests included), then run pytest (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh requirements-dev.txt
bash scripts/ensure-chromium.sh
exec "$PY" -m pytest "$@"
