import type { PackageRecord } from '../../../core/package.js';
import type { GoModule, ModInfo } from './modinfo.js';
import { golangPurl, isDirectoryPath } from './purl.js';
import { stdlibVersion } from './toolchain.js';

/**
 * Packages from a Go binary's build info:
 * - the main module (`mod` line), version as the linker wrote it: `(devel)` for a plain
 *   `go build` before Go 1.24 (the VCS revision, when stamped, goes in metadata), a tag or
 *   pseudo-version for `go install m@v` and Go >= 1.24 builds. A GOPATH build (Debian's dh-golang)
 *   has no module: the main package path is reported without a version;
 * - every `dep` module; a replaced module is reported as its replacement (what was compiled in),
 *   the original named in evidence; a replacement by a local directory keeps the original path with
 *   Go's own version for it, `(devel)`;
 * - the toolchain as `stdlib` (`go1.21.3` → `v1.21.3`), which is how Go vulnerability data names it.
 */

/** Build settings worth keeping: how it was built, not flags that may carry secrets (-ldflags -X). */
const KEPT_SETTINGS: ReadonlySet<string> = new Set([
  '-buildmode', '-compiler', '-tags', '-trimpath', '-race', '-asan', '-msan', 'CGO_ENABLED', 'GOOS', 'GOARCH',
  'GOAMD64', 'GOARM', 'GOARM64', 'GO386', 'GOMIPS', 'GOPPC64', 'GORISCV64', 'GOEXPERIMENT', 'GOFIPS140',
  'DefaultGODEBUG', 'vcs', 'vcs.revision', 'vcs.time', 'vcs.modified',
]);

/** Main package paths that name no module or program of their own (`go build x.go`, the toolchain). */
const isAnonymous = (path: string): boolean => path === 'command-line-arguments' || path === 'cmd' || path.startsWith('cmd/');

export function binaryPackages(goVersion: string | undefined, info: ModInfo): PackageRecord[] {
  const deps = info.deps.filter((d) => d.path !== '').map(depRecord);
  const stdlib = goVersion === undefined ? undefined : stdlibRecord(goVersion);
  if (stdlib) deps.push(stdlib);
  const root = rootRecord(info, goVersion);
  if (!root) return deps;
  if (deps.length) root.dependsOn = deps.map((d) => (d.version === '' ? d.name : `${d.name}@${d.version}`));
  return [root, ...deps];
}

function record(name: string, version: string, evidence: string, metadata: Record<string, string>): PackageRecord {
  const r: PackageRecord = { type: 'golang', name, version, licenses: [], purl: golangPurl(name, version), foundIn: 'binary', evidence: [evidence] };
  if (Object.keys(metadata).length) r.metadata = metadata;
  return r;
}

function rootRecord(info: ModInfo, goVersion: string | undefined): PackageRecord | undefined {
  const metadata: Record<string, string> = {};
  for (const [k, v] of info.settings) if (KEPT_SETTINGS.has(k)) metadata[k] = v;
  if (goVersion !== undefined) metadata['goToolchain'] = goVersion;
  if (info.main) {
    if (info.path !== undefined && info.path !== info.main.path) metadata['mainPackage'] = info.path;
    if (info.main.sum !== undefined) metadata['sum'] = info.main.sum;
    const r = record(info.main.path, info.main.version, 'Go build info: main module', metadata);
    r.relationship = 'root';
    return r;
  }
  if (info.path === undefined || info.path === '' || isAnonymous(info.path)) return undefined;
  const r = record(info.path, '', 'Go build info: main package path of a build without module information (version unknown)', metadata);
  r.relationship = 'root';
  return r;
}

function depRecord(dep: GoModule): PackageRecord {
  const rep = dep.replace;
  if (!rep) return record(dep.path, dep.version, 'Go build info: dependency module', dep.sum === undefined ? {} : { sum: dep.sum });
  if (isDirectoryPath(rep.path)) {
    const version = rep.version === '' ? '(devel)' : rep.version;
    const evidence = `Go build info: ${dep.path} replaced by a local directory (required ${dep.version})`;
    return record(dep.path, version, evidence, { replacedByDirectory: rep.path, required: dep.version });
  }
  const metadata: Record<string, string> = { replaces: `${dep.path}@${dep.version}` };
  if (rep.sum !== undefined) metadata['sum'] = rep.sum;
  return record(rep.path, rep.version, `Go build info: replacement of ${dep.path}@${dep.version}`, metadata);
}

function stdlibRecord(goVersion: string): PackageRecord | undefined {
  const version = stdlibVersion(goVersion);
  if (version === undefined) return undefined;
  return record('stdlib', version, `Go build info: built with ${goVersion.split(' ')[0] ?? goVersion}`, { goToolchain: goVersion });
}
