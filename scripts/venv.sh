# Sourced by run.sh and test.sh: create .venv once and install a requirements file when it changed.
req="$1"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
fi
PY=.venv/bin/python
stamp=".venv/.installed-$(basename "$req")"
if [ ! -f "$stamp" ] || ! cmp -s <(cat requirements*.txt) "$stamp"; then
  echo "Installing $req into .venv ..."
  "$PY" -m pip install --quiet -r "$req"
  cat requirements*.txt > "$stamp"
fi
export PY
