#!/usr/bin/env bash
# Installs the Debian packages newsloom builds, runs and tests with.
# Idempotent: installs only what is missing, so a second run is quick.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkg-config perl
  libicu-dev libcld2-dev libstemmer-dev libsqlite3-dev zlib1g-dev
  libxxhash-dev nlohmann-json3-dev libsimdjson-dev libcli11-dev libxml2-dev
  libcurl4-openssl-dev libcpp-httplib-dev
  # The newsloom executable's malloc (NEWSLOOM_ALLOCATOR in CMakeLists.txt).
  libjemalloc-dev
  # The optional PostgreSQL store: the client library, and a server that
  # scripts/test.sh starts for the store tests.
  libpq-dev postgresql postgresql-contrib
  libgtest-dev libgmock-dev libbenchmark-dev
  liblingua-stopwords-perl
  # Headless browser for the HTML report's screenshot test and the web
  # UI's end-to-end test (driven with Playwright from npm: web/e2e).
  chromium
  # Load tests of newsloom serve on loopback.
  wrk
  # FreeDict bilingual dictionaries (text/concepts.h): X -> English, and
  # English -> X read backwards where Debian has no X -> English.
  dict-freedict-afr-eng dict-freedict-ara-eng dict-freedict-ces-eng
  dict-freedict-dan-eng dict-freedict-deu-eng dict-freedict-ell-eng
  dict-freedict-fin-eng dict-freedict-fra-eng dict-freedict-hrv-eng
  dict-freedict-hun-eng dict-freedict-ita-eng dict-freedict-jpn-eng
  dict-freedict-lit-eng dict-freedict-nld-eng dict-freedict-pol-eng
  dict-freedict-por-eng dict-freedict-slk-eng dict-freedict-slv-eng
  dict-freedict-spa-eng dict-freedict-srp-eng dict-freedict-swe-eng
  dict-freedict-tur-eng
  dict-freedict-eng-bul dict-freedict-eng-hin dict-freedict-eng-ind
  dict-freedict-eng-nor dict-freedict-eng-rus
  # Hunspell dictionaries: common words and names as entity-tagger
  # features (src/ner/lexicon.h) for the languages with a model.
  hunspell-da hunspell-en-us hunspell-es hunspell-nl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node and npm for web/e2e: Debian's packages, unless a node with its own
# npm is installed already (NodeSource's nodejs bundles npm and conflicts
# with Debian's npm package).
if ! command -v npm >/dev/null; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
