#!/usr/bin/env bash
# Regenerates the shipped entity models, models/ner/<lang>.nermodel, from
# the training splits in ../shared/data/entities (never the dev files).
# Deterministic: the same data, ICU version (CLDR name lists are features)
# and code give the same bytes. About a minute on two cores.
#
#   bash scripts/train_ner.sh            # uses build/ (configured with ner)
#   SHARED=/path/to/shared BUILD=build-x bash scripts/train_ner.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
DATA=${SHARED:-../shared}/data/entities
cmake --build "$BUILD" -j2 --target newsloom_ner_train
TRAIN="$BUILD/newsloom_ner_train"
OUT=models/ner
mkdir -p "$OUT"

"$TRAIN" --lang en --out "$OUT/en.nermodel" "$DATA/conll2003-en.train.conll"
"$TRAIN" --lang es --out "$OUT/es.nermodel" "$DATA/conll2002-es.train.conll"
"$TRAIN" --lang nl --out "$OUT/nl.nermodel" "$DATA/conll2002-nl.train.conll"
# Danish has 340 training entities: the Danish model also learns from the
# English and Dutch splits, each language with its own feature copies
# (trainer.h), Danish sentences visited four times per epoch.
"$TRAIN" --lang da --out "$OUT/da.nermodel" "$DATA/ddt-da.train.conll:4" \
  "$DATA/conll2003-en.train.conll" "$DATA/conll2002-nl.train.conll"
ls -l "$OUT"
