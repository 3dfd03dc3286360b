import { AppError } from '../../../core/errors.js';
import type { RpmHeader } from './header.js';
import { RpmTag } from './tags.js';

/** One installed package as an rpm database records it (fields as rpm stores them, unformatted). */
export interface RpmPackage {
  /** The header's number in the database (sqlite hnum, NDB pkgidx, BDB key): install order. */
  instance: number;
  name: string;
  epoch?: number;
  version: string;
  release: string;
  arch?: string;
  /** SOURCERPM, e.g. `util-linux-2.32.1-42.el8_8.src.rpm`. */
  sourceRpm?: string;
  license?: string;
  vendor?: string;
  /** Installed size in bytes (LONGSIZE, else SIZE). */
  size?: number;
  summary?: string;
  modularityLabel?: string;
  /** SIGMD5 as lowercase hex. */
  sigmd5?: string;
  /** Absolute paths of the files the package owns, in header order. */
  files: string[];
}

const NONE = '(none)';

function requireString(h: RpmHeader, tag: number, name: string, what: string): string {
  const value = h.string(tag);
  if (value === undefined || value === '') throw new AppError('INPUT', `${what}: header has no ${name} tag`);
  return value;
}

/** DIRNAMES[DIRINDEXES[i]] + BASENAMES[i], or the pre-rpm-4 OLDFILENAMES list. */
function fileList(h: RpmHeader, what: string): string[] {
  const basenames = h.strings(RpmTag.BASENAMES);
  if (basenames === undefined) return h.strings(RpmTag.OLDFILENAMES) ?? [];
  const dirnames = h.strings(RpmTag.DIRNAMES) ?? [];
  const dirindexes = h.integers(RpmTag.DIRINDEXES) ?? [];
  if (dirindexes.length !== basenames.length) {
    throw new AppError('INPUT', `${what}: ${basenames.length} BASENAMES but ${dirindexes.length} DIRINDEXES`);
  }
  return basenames.map((base, i) => {
    const dir = dirnames[dirindexes[i] ?? -1];
    if (dir === undefined) {
      throw new AppError('INPUT', `${what}: file ${i} (${base}) points at directory ${dirindexes[i]} of ${dirnames.length}`);
    }
    return dir + base;
  });
}

/**
 * The package facts of one header. Throws AppError('INPUT') when NAME, VERSION or RELEASE is
 * missing or a tag has an unusable type; optional tags that are absent stay undefined.
 */
export function packageFromHeader(h: RpmHeader, instance: number, what = `rpm header #${instance}`): RpmPackage {
  const pkg: RpmPackage = {
    instance,
    name: requireString(h, RpmTag.NAME, 'NAME', what),
    version: requireString(h, RpmTag.VERSION, 'VERSION', what),
    release: requireString(h, RpmTag.RELEASE, 'RELEASE', what),
    files: fileList(h, what),
  };
  const epoch = h.integer(RpmTag.EPOCH);
  if (epoch !== undefined) pkg.epoch = epoch;
  const strings: [keyof RpmPackage, number][] = [
    ['arch', RpmTag.ARCH],
    ['sourceRpm', RpmTag.SOURCERPM],
    ['license', RpmTag.LICENSE],
    ['vendor', RpmTag.VENDOR],
    ['summary', RpmTag.SUMMARY],
    ['modularityLabel', RpmTag.MODULARITYLABEL],
  ];
  for (const [key, tag] of strings) {
    const value = h.string(tag);
    // rpm itself stores "(none)" in some headers (SOURCERPM of imported gpg-pubkey keys): absent.
    if (value !== undefined && value !== NONE) Object.assign(pkg, { [key]: value });
  }
  const size = h.integer(RpmTag.LONGSIZE) ?? h.integer(RpmTag.SIZE);
  if (size !== undefined) pkg.size = size;
  const sigmd5 = h.bytes(RpmTag.SIGMD5);
  if (sigmd5 !== undefined) pkg.sigmd5 = sigmd5.toString('hex');
  return pkg;
}

export interface SourceRpmName {
  name: string;
  version: string;
  release: string;
}

/** Split `name-version-release.src.rpm` (or `.nosrc.rpm`); undefined when it does not have that shape. */
export function parseSourceRpm(filename: string): SourceRpmName | undefined {
  const suffix = ['.src.rpm', '.nosrc.rpm'].find((s) => filename.endsWith(s));
  if (suffix === undefined) return undefined;
  const nvr = filename.slice(0, -suffix.length);
  const relDash = nvr.lastIndexOf('-');
  const verDash = relDash > 0 ? nvr.lastIndexOf('-', relDash - 1) : -1;
  if (verDash <= 0 || verDash + 1 === relDash || relDash + 1 === nvr.length) return undefined;
  return { name: nvr.slice(0, verDash), version: nvr.slice(verDash + 1, relDash), release: nvr.slice(relDash + 1) };
}

/** rpm's `[EPOCH:]VERSION-RELEASE`. */
export function formatEvr(epoch: number | undefined, version: string, release: string): string {
  return `${epoch === undefined ? '' : `${epoch}:`}${version}-${release}`;
}
