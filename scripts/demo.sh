#!/usr/bin/env bash
# The main job on a real image: build the Alpine 3.20 image from ../shared/fixtures with buildah
# (cached after the first run), build an advisory DB from the real upstream advisory sample in
# ../shared/vulndata (Alpine secdb, Debian tracker, GHSA/PyPA/Go vulndb OSV, nodejs security-wg, NVD,
# CISA KEV — offline: on a connected machine `drydock db update` fetches the same feeds from their
# official URLs), then scan the image. Extra arguments go to `drydock scan` (e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="$(cd .. && pwd)/shared/vulndata"
./scripts/fixtures/build.sh --only alpine-3.20 >&2
DB=.fixtures/demo-advisories.db
node bin/drydock.js db build --db "$DB" --offline \
  --feed "alpine-secdb=$SHARED/alpine/secdb-reassembled" \
  --feed "debian=$SHARED/debian/vuln-list-debian" \
  --feed "osv=$SHARED/npm/ghsa-osv" --feed "osv=$SHARED/maven/ghsa-osv" \
  --feed "osv=$SHARED/pypi/pypa-advisory-database" --feed "osv=$SHARED/go/golang-vulndb" \
  --feed "nodejs-security-wg=$SHARED/npm/nodejs-security-wg" \
  --feed "nvd=$SHARED/nvd/fkie-cad-nvd-json-data-feeds" \
  --feed "kev=$SHARED/enrichment/cisa-kev/known_exploited_vulnerabilities.json" >&2
exec node bin/drydock.js scan "oci-archive:.fixtures/alpine-3.20/image.oci.tar" --db "$DB" "$@"
