#!/usr/bin/env bash
# The main job on a real image: build the Alpine 3.20 image from ../shared/fixtures with buildah
# (cached after the first run), then write its CycloneDX SBOM to stdout with drydock.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/fixtures/build.sh --only alpine-3.20 >&2
exec node bin/drydock.js sbom "oci-archive:.fixtures/alpine-3.20/image.oci.tar" --format cyclonedx-json "$@"
