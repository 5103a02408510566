#!/usr/bin/env bash
# Sets up, builds and runs every test (unit, integration and the evaluations
# that read ../shared when it is present; they skip with a message otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
