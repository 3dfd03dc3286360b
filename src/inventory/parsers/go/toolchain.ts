/**
 * The Go toolchain version as Go vulnerability data names the standard library's versions:
 * `go1.21.3` → `v1.21.3`, `go1.20` → `v1.20.0` (the first release of a line has no patch
 * number), `go1.21rc2` → `v1.21.0-rc.2`, `go1.9beta1` → `v1.9.0-beta.1`. A GOEXPERIMENT suffix
 * (`go1.22.1 X:boringcrypto`) or a vendor suffix after a patch release (`go1.22.5-1`: a vendor's
 * build of go1.22.5) is ignored. Development builds (`devel ...`) have no release version:
 * undefined.
 *
 * A line version with a suffix and no patch number is not a release: Google's internal toolchains
 * write `go1.25-20250209-RC00 cl/725823713 +a1f6e5e8fb`, built from the development branch before
 * go1.25.0 existed. Taking that for v1.25.0 would assume every fix up to go1.25.0 is in. It
 * becomes a semver pre-release of the line, `v1.25.0-0.20250209-RC00`, which (like Go's own
 * pseudo-versions, and Go vulnerability data's `introduced: 1.25.0-0`) sorts below every beta, rc
 * and release of go1.25: advisories fixed in go1.25.0 or earlier releases of the line still match.
 */
export function stdlibVersion(toolchain: string): string | undefined {
  const m = /^go(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?(?:(rc|beta)(\d{1,4}))?(?=$|[\s-])(\S*)/.exec(toolchain.trim());
  if (!m) return undefined;
  const [, major, minor, patch, pre, preN, suffix = ''] = m;
  const core = `v${Number(major)}.${Number(minor)}.${Number(patch ?? '0')}`;
  if (pre !== undefined) return `${core}-${pre}.${Number(preN)}`;
  if (patch === undefined && suffix !== '') return `${core}-0.${prereleaseIds(suffix.slice(1))}`;
  return core;
}

/** A suffix as dot-separated semver pre-release identifiers (`[0-9A-Za-z-]`, no leading zeros). */
function prereleaseIds(suffix: string): string {
  const ids = suffix
    .split('.')
    .map((id) => id.replace(/[^0-9A-Za-z-]/g, '-'))
    .filter((id) => id !== '')
    .map((id) => (/^0\d+$/.test(id) ? `x${id}` : id));
  return ids.length > 0 ? ids.join('.') : 'dev';
}
