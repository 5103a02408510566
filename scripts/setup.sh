#!/usr/bin/env bash
# Installs the Debian packages newsloom builds, runs and tests with.
# Idempotent: installs only what is missing, so a second run is quick.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkg-config perl
  libicu-dev libcld2-dev libstemmer-dev libsqlite3-dev zlib1g-dev
  libxxhash-dev nlohmann-json3-dev libcli11-dev libxml2-dev
  libcurl4-openssl-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  liblingua-stopwords-perl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
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
