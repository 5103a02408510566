#!/usr/bin/env bash
# The main job on the embedded default: ingest the demo corpus (written for
# the project, in several languages) into a SQLite store and print stories.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
rm -f demo.db demo.db-wal demo.db-shm
build/newsloom ingest demo/articles --db demo.db
build/newsloom stories --db demo.db
