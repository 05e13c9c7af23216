#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run them.
# Usage: bash tests/run.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: a browser, a load generator, and Virtuoso (the tests start their own
# virtuoso-t on free ports with a database in a temp dir; a system service is not used).
if ! command -v chromium >/dev/null 2>&1 || ! command -v wrk >/dev/null 2>&1 \
    || ! command -v virtuoso-t >/dev/null 2>&1 || ! command -v isql-vt >/dev/null 2>&1; then
    apt_get="apt-get"
    [ "$(id -u)" -eq 0 ] || apt_get="sudo apt-get"
    $apt_get update -qq
    DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium wrk virtuoso-opensource \
        >/dev/null
fi
python3 -m pip install -q -e '.[test]'
python3 -m ruff check src tests benchmarks
python3 -m pytest "$@"
