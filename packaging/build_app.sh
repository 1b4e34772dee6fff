#!/usr/bin/env bash
# Build the one-folder app into dist/econplan/ and run its self-test.
# Usage: bash packaging/build_app.sh   (needs: python3 -m pip install -e ".[build]")
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
# PyInstaller cannot follow the editable install's folder mapping (core/ is installed as
# econplan/core): it analyses a regular install of the package staged in build/stage.
rm -rf build/stage
python3 -m pip install --quiet --no-deps --no-build-isolation --target build/stage .
python3 -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/econplan.spec
elapsed=$(( $(date +%s) - started ))
size=$(du -sh dist/econplan | cut -f1)
echo "built dist/econplan in ${elapsed} s (${size})"
# The frozen app must pass the same self-test as the source checkout.
QT_QPA_PLATFORM=offscreen dist/econplan/econplan --self-test
