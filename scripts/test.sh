#!/usr/bin/env bash
# Install gongkai with its test tools into .venv and run the whole test suite.
# Uses SQLite unless DATABASE_URL names a PostgreSQL database (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages (PDF fonts, poppler) when this machine lets us install them.
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  bash scripts/system-packages.sh >/dev/null || echo "warning: scripts/system-packages.sh failed" >&2
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
exec .venv/bin/pytest -n "${GONGKAI_TEST_WORKERS:-2}" "$@"
