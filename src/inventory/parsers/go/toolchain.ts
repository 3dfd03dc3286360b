/**
 * The Go toolchain version as Go vulnerability data names the standard library's versions:
 * `go1.21.3` → `v1.21.3`, `go1.20` → `v1.20.0` (the first release of a line has no patch
 * number), `go1.21rc2` → `v1.21.0-rc.2`, `go1.9beta1` → `v1.9.0-beta.1`. A GOEXPERIMENT suffix
 * (`go1.22.1 X:boringcrypto`) or a vendor suffix after the version is ignored. Development builds
 * (`devel ...`) have no release version: undefined.
 */
export function stdlibVersion(toolchain: string): string | undefined {
  const m = /^go(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?(?:(rc|beta)(\d{1,4}))?(?=$|[\s-])/.exec(toolchain.trim());
  if (!m) return undefined;
  const [, major, minor, patch, pre, preN] = m;
  const core = `v${major}.${minor}.${patch ?? '0'}`;
  return pre !== undefined ? `${core}-${pre}.${preN}` : core;
}

