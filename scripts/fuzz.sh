#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 + ASan + UBSan into build-fuzz/
# and runs one of them.
#   bash scripts/fuzz.sh TARGET [SECONDS]    # TARGET: text plain_text jsonl time page_date html feed timex quotes concepts state annotate request
# New inputs go to build-fuzz/corpus/TARGET/, findings to
# build-fuzz/findings/TARGET/. A finding worth keeping becomes a file in
# fuzz/corpus/TARGET/ (replayed by every test run) and a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}"
seconds="${2:-600}"
bash scripts/setup.sh
if ! command -v clang++-14 >/dev/null; then
  apt-get install -y clang-14 libclang-rt-14-dev >/dev/null
fi
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSLOOM_FUZZ=ON \
    -DNEWSLOOM_SANITIZE=address,undefined \
    -DNEWSLOOM_COMPONENTS="base;text;timex;html;ingest;feed;dedup;cluster;eval;store;engine;story;serve;cli;fuzz" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "fuzz_${target}"
mkdir -p "build-fuzz/corpus/${target}" "build-fuzz/findings/${target}"
exec "build-fuzz/fuzz/fuzz_${target}" -max_total_time="${seconds}" \
    -artifact_prefix="build-fuzz/findings/${target}/" -print_final_stats=1 \
    "build-fuzz/corpus/${target}" "fuzz/corpus/${target}"
