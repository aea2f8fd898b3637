#!/usr/bin/env bash
# Install gongkai into .venv, prepare the database (SQLite in ./var by default) and start the
# server. Prints the address. Options are passed to `gongkai serve` (e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages (PDF fonts, poppler) when this machine lets us install them.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  bash scripts/system-packages.sh >/dev/null || echo "warning: scripts/system-packages.sh failed" >&2
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/gongkai migrate --noinput
if .venv/bin/gongkai help demo >/dev/null 2>&1; then
  .venv/bin/gongkai demo
fi
exec .venv/bin/gongkai serve "$@"
