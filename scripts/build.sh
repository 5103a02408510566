#!/usr/bin/env bash
# Configures and builds newsloom into build/ (Release with debug info), as a
# unity build (CMakeLists.txt says why; UNITY_BUILD=OFF for file-by-file
# builds while editing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" \
    -DCMAKE_UNITY_BUILD="${UNITY_BUILD:-ON}" >/dev/null
cmake --build build -j"$(nproc)"
