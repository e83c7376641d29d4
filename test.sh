#!/usr/bin/env bash
# Run the tests: make a virtual environment, install what the tests need (Debian's chromium
# for the browser tests included), then run pytest (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh requirements-dev.txt
bash scripts/ensure-chromium.sh
# three processes, each taking whole test files (a file's server and browser stay in one process);
# most of a browser test is waiting, so three keep two cores busy
exec "$PY" -m pytest -n "${OCOP_TEST_PROCESSES:-3}" --dist loadfile "$@"
