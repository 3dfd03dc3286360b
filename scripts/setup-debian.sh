#!/usr/bin/env bash
# Prepare a fresh Debian 12 machine (root, Debian mirror + npm registry reachable) for drydock:
# the Debian tools the real-image tests use, then the exact npm dependencies (native modules are
# built from source). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  buildah skopeo umoci docker-registry debootstrap # build, convert, serve real images
  rpm python3-rpm python3-apt                      # rpm databases and reference implementations
  python3-packaging libmaven3-core-java python3-yaml # version-ordering references (PEP 440, Maven); bench inputs
  zstd gzip tar python3 apache2-utils openssl      # archives, htpasswd, certificates
  time make g++ binutils                           # benchmarks (/usr/bin/time), native npm modules
  golang-go openjdk-17-jdk-headless zip unzip jq git # language fixtures: go build / go version -m, jars
  chromium                                         # browser test of the HTML report (playwright-core)
  shellcheck                                       # SCxxxx findings of `drydock lint` (as Hadolint runs it)
  distro-info-data                                 # Debian/Ubuntu release dates the EOL table is checked against
)
# Rust: the machine's own toolchain (rustup) when there is one, else Debian's.
command -v cargo >/dev/null 2>&1 || PACKAGES+=(cargo)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f '${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
