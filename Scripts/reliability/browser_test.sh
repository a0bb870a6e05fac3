#!/usr/bin/env bash
# Browser test: the web UI and the forms in a real headless Chromium (see browser_test.py for what it checks).
# Installs Playwright (the Python driver only; it drives Debian's chromium, no browser download) into a venv of its own.
#
#   Scripts/reliability/browser_test.sh
#
# Environment: CAREPLAN (binary; default .build/debug/careplan), CHROMIUM (default: chromium on PATH),
# PLAYWRIGHT_VERSION (1.65.2), BROWSER_VENV (default .build-reliability/browser-venv), ARTEFACTS (screenshots; default
# .build-reliability/artefacts/browser).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export CAREPLAN="${CAREPLAN:-$root/.build/debug/careplan}"
venv="${BROWSER_VENV:-$root/.build-reliability/browser-venv}"
version="${PLAYWRIGHT_VERSION:-1.65.2}"

if [ ! -x "$CAREPLAN" ]; then
    echo "browser_test: careplan binary not found at $CAREPLAN (swift build --product careplan, or set CAREPLAN)" >&2
    exit 2
fi
if ! command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1; then
    echo "browser_test: chromium not found (apt-get install chromium fonts-noto-cjk, or set CHROMIUM)" >&2
    exit 2
fi
if ! "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('playwright') != '$version')" 2>/dev/null; then
    echo "browser_test: installing playwright $version into $venv"
    python3 -m venv "$venv"
    timeout 600 "$venv/bin/pip" install --quiet --disable-pip-version-check "playwright==$version"
fi
rm -rf "${ARTEFACTS:-$root/.build-reliability/artefacts/browser}"
exec timeout 600 "$venv/bin/python" "$here/browser_test.py"
