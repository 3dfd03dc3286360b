#!/usr/bin/env bash
# Builds the base-image test images (one Containerfile each, beside this script) with buildah and
# exports each as an OCI layout OUT/<name>/oci. Cached: nothing is done when OUT/.stamp holds the
# hash of the inputs. Safe to run concurrently (flock on OUT/.lock).
#
#   build.sh OUT ROOTFS_TAR HELLO_BINARY
#
# ROOTFS_TAR: the debian fixture's first layer (its debootstrap root filesystem, a gzip tar blob
# of its OCI layout, named by digest); HELLO_BINARY: the go-apps fixture's static
# hello. python-full installs packages from the Debian mirror (DRYDOCK_DEBIAN_MIRROR /
# DRYDOCK_DEBIAN_SECURITY_MIRROR, else the host's /etc/apt/sources.list.d/debian.sources).
set -euo pipefail
(($# == 3)) || { echo "usage: build.sh OUT ROOTFS_TAR HELLO_BINARY" >&2; exit 2; }
OUT=$1 ROOTFS=$2 HELLO=$3
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
IMAGES=(python-full python-slim temurin static)
mkdir -p "$OUT"
exec 9>"$OUT/.lock"
flock 9

KEY=$({
  sha256sum "$HERE"/*.Containerfile "$HERE/app.py" "$HERE/build.sh" | awk '{ print $1 }'
  basename "$ROOTFS"
  sha256sum "$HELLO" | awk '{ print $1 }'
} | sha256sum | cut -c1-32)
if [[ -f $OUT/.stamp && $(<"$OUT/.stamp") == "$KEY" ]]; then exit 0; fi

mirror_for() { # SUITE: the first URIs of a deb822 paragraph listing SUITE
  awk -v suite="$1" '
    /^[[:space:]]*$/ { if (uri != "" && hit) { print uri; exit } uri = ""; hit = 0; next }
    /^URIs:/ { uri = $2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) hit = 1 }
    END { if (uri != "" && hit) print uri }
  ' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1
}
MIRROR=${DRYDOCK_DEBIAN_MIRROR:-$(mirror_for bookworm)}
SECURITY=${DRYDOCK_DEBIAN_SECURITY_MIRROR:-$(mirror_for bookworm-security)}
[[ -n $MIRROR && -n $SECURITY ]] || { echo "build.sh: no Debian mirror: set DRYDOCK_DEBIAN_MIRROR and DRYDOCK_DEBIAN_SECURITY_MIRROR" >&2; exit 1; }

STORE=$OUT/.buildah
bh() { buildah --root "$STORE/root" --runroot "$STORE/runroot" --storage-driver vfs "$@"; }
CTX=$(mktemp -d)
trap 'rm -rf "$CTX"' EXIT
ln "$ROOTFS" "$CTX/rootfs.tar.gz" 2>/dev/null || cp "$ROOTFS" "$CTX/rootfs.tar.gz"
cp "$HERE/app.py" "$CTX/app.py"
cp "$HELLO" "$CTX/hello"

build() {
  local name=$1
  shift
  bh bud --isolation chroot --layers --force-rm --format oci "$@" \
    -f "$HERE/$name.Containerfile" -t "localhost/drydock-base-image/$name:latest" "$CTX"
}
build debian-base --build-arg ROOTFS=rootfs.tar.gz
build python-full --build-arg "MIRROR=$MIRROR" --build-arg "SECURITY_MIRROR=$SECURITY"
build python-slim
build temurin
build static

for name in "${IMAGES[@]}"; do
  rm -rf "${OUT:?}/$name"
  mkdir -p "$OUT/$name"
  bh push --compression-format gzip "localhost/drydock-base-image/$name:latest" "oci:$OUT/$name/oci:latest"
done
# The layouts are all the tests read: drop the build storage (vfs keeps a full copy per layer).
bh rm --all >/dev/null
bh rmi --all --force >/dev/null
rm -rf "$STORE"
printf '%s\n' "$KEY" >"$OUT/.stamp"
