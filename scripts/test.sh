#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine, then runs the linters, the type
# checker, the gazetteer check and the whole test suite (slow browser/Dask tests included).
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -m "not slow"`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: chromium for the browser tests, gdal-bin for ogrinfo round trips.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# shellcheck disable=SC1091
source .venv/bin/activate

if [ -f tests/browser/package.json ]; then
  (cd tests/browser && npm install --no-audit --no-fund --silent)
fi

ruff check .
ruff format --check .
mypy geoclash
geoclash gazetteer check
pytest "$@"
