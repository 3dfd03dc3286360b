import type { LayerRef, PackageRecord } from '../core/package.js';
import type { OsInfo, Unknown } from '../core/inventory.js';

/**
 * The analyzer contract. An analyzer names the files it needs with a cheap path test; the layer
 * walker buffers exactly those (up to `maxFileSize`) and hands one layer's worth to `analyzeLayer`,
 * whose JSON-serialisable results are cached per layer. After every layer is read, `merge` sees the
 * results that are still visible in the final image and produces packages / OS facts.
 *
 * Paths are image-relative without a leading slash (`var/lib/dpkg/status`).
 */
export interface Analyzer {
  /** Stable id, used in the cache key and as `foundBy`. */
  readonly id: string;
  /** Bump when output for the same input changes: invalidates exactly this analyzer's cached results. */
  readonly version: number;
  /** Largest file the analyzer will accept; bigger files become unknowns. */
  readonly maxFileSize: number;
  /** Cheap test on every regular file of every layer. Must not look at content. */
  required(path: string): boolean;
  /**
   * Parse the files this analyzer asked for in one layer (all of them at once, so related files
   * such as a database and its journal can be read together). Must not throw on bad content:
   * return an unknown on that file's result instead. A throw is caught and recorded per layer.
   */
  analyzeLayer(files: CapturedFile[]): FileResult[] | Promise<FileResult[]>;
  /** Build packages/OS facts from the merged view. Defaults to `defaultMerge`. */
  merge?(view: MergeView): MergeOutput;
}

export interface CapturedFile {
  path: string;
  mode: number;
  content: Buffer;
}

/** What an analyzer made of one file in one layer. */
export interface FileResult {
  /** The file the result describes (usually one of the captured paths). */
  path: string;
  packages?: PackageRecord[];
  /** Analyzer-specific JSON facts (os-release fields, a dpkg .list file's paths, ...). */
  facts?: unknown;
  /** Problems with this file. */
  unknowns?: string[];
}

/** A file result that is visible in the final image, with the layer that wrote it. */
export interface VisibleResult {
  path: string;
  layer: LayerRef;
  result: FileResult;
}

export interface MergeView {
  /** This analyzer's results that survive to the final image (later layers and whiteouts applied). */
  readonly visible: readonly VisibleResult[];
  /** The visible result at exactly this path (no symlink following). */
  at(path: string): VisibleResult | undefined;
  /**
   * Follow symlinks in the final filesystem (inside the image root; `..` stops at `/`) and return
   * the visible result of the file the path ends at.
   */
  resolve(path: string): VisibleResult | undefined;
  /**
   * The layer that introduced a package found at `path` in the final image: walking down from the
   * visible layer, the earliest layer of the last unbroken run of versions of that file that all
   * contain a package matching `same`.
   */
  originOf(path: string, same: SamePackage): LayerRef;
  /** Does anything (file, dir, symlink) exist at this path in the final filesystem? */
  exists(path: string): boolean;
  /** The OS found by the os analyzer (merged first), if any. */
  readonly os: OsInfo | undefined;
}

export interface MergedPackage {
  record: PackageRecord;
  /** Absolute path of the database file the package came from. */
  location: string;
  layer?: LayerRef;
}

export interface MergeOutput {
  packages?: MergedPackage[];
  os?: OsInfo;
  unknowns?: Unknown[];
}

/** The identity of a package within one database: type, name, version and arch. */
export function packageKey(p: PackageRecord): string {
  return `${p.type}\u0000${p.name}\u0000${p.version}\u0000${p.arch ?? ''}`;
}

/** A predicate that also carries its identity key, so the merge can look packages up instead of scanning. */
export type SamePackage = ((p: PackageRecord) => boolean) & { key?: string };

/** Identity used to follow a package through versions of its database file. */
export function samePackage(a: PackageRecord): SamePackage {
  const key = packageKey(a);
  return Object.assign((b: PackageRecord) => packageKey(b) === key, { key });
}

/** Every package of every visible result, attributed to the layer that introduced it. */
export function defaultMerge(analyzerId: string, view: MergeView): MergeOutput {
  const packages: MergedPackage[] = [];
  const unknowns: Unknown[] = [];
  for (const v of view.visible) {
    for (const reason of v.result.unknowns ?? []) {
      unknowns.push({ path: `/${v.path}`, layer: v.layer, source: analyzerId, reason });
    }
    for (const record of v.result.packages ?? []) {
      packages.push({ record, location: `/${v.path}`, layer: view.originOf(v.path, samePackage(record)) });
    }
  }
  return { packages, unknowns };
}
