#!/usr/bin/env bash
# Sets up, builds and runs every test (unit, integration and the evaluations
# that read ../shared when it is present; they skip with a message otherwise),
# with a private PostgreSQL server for the store tests on PostgreSQL,
# then builds the engine again with AddressSanitizer and
# UndefinedBehaviorSanitizer (build-asan/) and runs the unit tests of every
# library folder under them.
# NEWSLOOM_SKIP_SANITIZE=1 skips that second part (a quicker local loop).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
(cd web && npm ci --no-audit --no-fund --loglevel=error) || echo "npm ci failed in web/: web_e2e_test will skip"

# A private PostgreSQL server for the store's contract tests on PostgreSQL
# (src/store/store_test.cc); stopped and removed when this script ends.
pg_dir=$(mktemp -d /tmp/newsloom-pg.XXXXXX)
trap 'bash scripts/pg_test_server.sh stop "$pg_dir"' EXIT
NEWSLOOM_TEST_POSTGRES=$(bash scripts/pg_test_server.sh start "$pg_dir")
export NEWSLOOM_TEST_POSTGRES

ctest --test-dir build --output-on-failure -j"$(nproc)"

if [[ "${NEWSLOOM_SKIP_SANITIZE:-0}" != 1 ]]; then
  # Every folder but bench (benchmarks), cli and serve: their tests run
  # the newsloom binary and a server process by process, slow under the
  # sanitizers, and leaving them out keeps the CI near its 20 minutes
  # (HACKING.md has the figures). The HTTP API's request parsing is
  # still fuzzed under ASan and UBSan by scripts/fuzz.sh, and its corpus
  # replayed in the normal build.
  # The libraries at -O1 (as the sanitizer documentation suggests): a
  # faster build, and stack traces that match the source more closely;
  # the test sources at -O0, where the sanitizers' instrumentation costs
  # the compiler least (the run time is the libraries').
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_UNITY_BUILD=ON \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
      -DNEWSLOOM_TEST_OPTIMIZE=-O0 \
      -DNEWSLOOM_SANITIZE=address,undefined \
      -DNEWSLOOM_COMPONENTS="base;text;ner;timex;quotes;html;ingest;feed;dedup;cluster;eval;store;engine;story;fuzz" >/dev/null
  cmake --build build-asan -j"$(nproc)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -L unit
fi
