#!/usr/bin/env bash
# Run the tests: make a virtual environment, install what the tests need (Debian's chromium
# for the browser tests included), then run pytest (extra arguments go to pytest).
# The .pptx render test (LibreOffice) runs with OCOP_TEST_PPTX=1, which installs LibreOffice (.ci/run sets
# it); without it that test is deselected by its marker (-m "not pptx"), never skipped.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh requirements-dev.txt
bash scripts/ensure-chromium.sh
args=("$@")
if [ "${OCOP_TEST_PPTX:-}" = "1" ]; then
  bash scripts/ensure-libreoffice.sh
else  # add "not pptx" to the marker expression (combined with one given on the command line)
  marker="not pptx"
  rest=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "-m" ] && [ $# -gt 1 ]; then
      marker="($2) and not pptx"
      shift 2
    else
      rest+=("$1")
      shift
    fi
  done
  args=(-m "$marker" ${rest[@]+"${rest[@]}"})
fi
# three processes, each taking whole test files (a file's server and browser stay in one process);
# most of a browser test is waiting, so three keep two cores busy
exec "$PY" -m pytest -n "${OCOP_TEST_PROCESSES:-3}" --dist loadfile "${args[@]}"
