#!/usr/bin/env bash
# The main job on the embedded default: ingest the demo corpus (written for
# the project, in several languages) into a SQLite store with its
# annotations, print the stories and write each story's report
# (demo-reports/story-N.html, self-contained; open it in a browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
rm -f demo.db demo.db-wal demo.db-shm
build/newsloom ingest demo/articles --db demo.db --annotate
build/newsloom stories --db demo.db
rm -rf demo-reports
build/newsloom report --all --db demo.db --format html --out demo-reports
