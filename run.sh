#!/usr/bin/env bash
# Run the OCOP dashboard: make a virtual environment, install, build the database if needed,
# then serve the app on http://localhost:8501 (extra arguments go to `streamlit run`).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh requirements.txt
if [ ! -f "${OCOP_DB:-ocop_data/ocop.duckdb}" ]; then
  "$PY" -m ocop_data build
fi
exec "$PY" -m streamlit run app.py "$@"
