import type { LayerRef, PackageRecord } from '../core/package.js';
import type { OsInfo, Unknown } from '../core/inventory.js';
import type { FsFacts } from '../core/fs-facts.js';
import type { SecretFinding } from '../core/secret-finding.js';
import type { EntryKind } from './layer-result.js';

/**
 * The analyzer contract. An analyzer names the files it needs with a cheap path test; the layer
 * walker captures exactly those (up to `maxFileSize`) and hands one layer's worth to `analyzeLayer`,
 * whose JSON-serialisable results are cached per layer. After every layer is read, `merge` sees the
 * results that are still visible in the final image and produces packages / OS facts.
 *
 * Paths are image-relative without a leading slash (`var/lib/dpkg/status`).
 *
 * How a file reaches the analyzer (`capture`):
 * - `buffer` (default): the whole file in memory, `CapturedFile.content`.
 * - `file`: a scratch file on disk, `CapturedFile.tempPath`, for archives and binaries that need
 *   random access (jars, ELF). Removed after `analyzeLayer` returns; never in memory whole.
 * - `stream`: the bytes go through `stream()`'s consumer as they are read and nothing is kept; the
 *   consumer's `end()` value arrives as `CapturedFile.streamed` (fingerprinting large binaries).
 */
export interface Analyzer {
  /** Stable id, used in the cache key and as `foundBy`. */
  readonly id: string;
  /** Bump when output for the same input changes: invalidates exactly this analyzer's cached results. */
  readonly version: number;
  /**
   * Settings that change the output for the same input (the secrets analyzer: a hash of its rule set),
   * part of every cache key next to id and version.
   */
  readonly variant?: string;
  /** Largest file the analyzer will accept; bigger files become unknowns. */
  readonly maxFileSize: number;
  /** How files reach `analyzeLayer` (default `buffer`). */
  readonly capture?: CaptureMode;
  /**
   * What becomes of this analyzer's packages when the file they were found in belongs to an OS
   * package: `fold` (default) — reported once, as the OS package, with this identity as an extra
   * purl; `keep` — reported as packages of their own (they add information, e.g. Go modules
   * compiled into a binary); `drop` — not reported (the OS package already says it all).
   */
  readonly osOwned?: 'fold' | 'keep' | 'drop';
  /** Cheap test on every regular file of every layer (path, size, mode). Must not look at content. */
  required(path: string, info: EntryInfo): boolean;
  /** For `capture: 'stream'`: a consumer for one file, or null to skip it after all. */
  stream?(path: string, info: EntryInfo): StreamConsumer | null;
  /**
   * Parse the files this analyzer asked for in one layer (all of them at once, so related files
   * such as a database and its journal can be read together). Must not throw on bad content:
   * return an unknown on that file's result instead. A throw is caught and recorded per layer.
   */
  analyzeLayer(files: CapturedFile[], ctx: LayerContext): FileResult[] | Promise<FileResult[]>;
  /** Build packages/OS facts from the merged view. Defaults to `defaultMerge`. */
  merge?(view: MergeView): MergeOutput;
}

export type CaptureMode = 'buffer' | 'file' | 'stream';

export interface EntryInfo {
  /** Size in bytes (the logical size for sparse files). */
  size: number;
  /** Permission bits (0o7777), e.g. to spot executables. */
  mode: number;
}

/** Receives one file's bytes in order. Chunks are only valid during the call: copy what you keep. */
export interface StreamConsumer {
  data(chunk: Buffer): void;
  /** Called once after the last chunk; the value (JSON-serialisable) becomes `CapturedFile.streamed`. */
  end(): unknown;
}

export interface CapturedFile {
  path: string;
  mode: number;
  size: number;
  /** The file's bytes (capture `buffer`); empty for the other modes. */
  content: Buffer;
  /** A readable copy of the file on disk (capture `file`), valid until `analyzeLayer` returns. */
  tempPath?: string;
  /** What the stream consumer returned (capture `stream`). */
  streamed?: unknown;
}

/** What `analyzeLayer` may use besides the files. */
export interface LayerContext {
  /** A private directory for scratch files (nested archives), removed after the layer is done. */
  scratchDir(): Promise<string>;
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

/** A file result in any layer, visible or not: `removedIn` is the later layer that deleted or replaced the file. */
export interface LayeredResult extends VisibleResult {
  removedIn?: LayerRef;
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
  /**
   * Every entry of the final filesystem (whiteouts applied), from the layer listings the walker
   * records for all analyzers: metadata only, no symlink following, parents before children.
   */
  entries(): Iterable<FsEntry>;
  /** The entry a path ends at in the final filesystem, symlinks followed (inside the image root). */
  stat(path: string): FsEntry | undefined;
  /**
   * This analyzer's results in every layer, in layer order, including files a later layer deleted or
   * replaced (their bytes are still in the image): each with the first such later layer as `removedIn`.
   */
  everyLayer(): Iterable<LayeredResult>;
  /** The OS found by the os analyzer (merged first), if any. */
  readonly os: OsInfo | undefined;
}

/** One entry of the final filesystem (paths image-relative, canonical). */
export interface FsEntry {
  path: string;
  kind: EntryKind;
  /** Permission bits (0o7777). */
  mode: number;
  size: number;
  uid?: number;
  gid?: number;
  /** Symlink target as written. */
  link?: string;
  /** Index of the layer that last wrote the entry. */
  layer: number;
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
  /** Final-filesystem facts (the `fs-facts` analyzer). */
  fsFacts?: FsFacts;
  /** Secrets found in the layers' files (the `secrets` analyzer). */
  secrets?: SecretFinding[];
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
