import type { FileResult } from './analyzer.js';

/** Entry kinds in a layer listing: file, dir, symlink, hardlink, char/block device, fifo, other. */
export type EntryKind = 'f' | 'd' | 'l' | 'h' | 'c' | 'b' | 'p' | 'o';

/**
 * One entry of a layer: [path, kind, mode, size, link target (symlink/hardlink only), uid, gid].
 * Tuples keep the cached listing of a 100k-file layer small.
 */
export type EntryRecord = [path: string, kind: EntryKind, mode: number, size: number, link?: string, uid?: number, gid?: number];

export interface LayerUnknown {
  path?: string;
  source: string;
  reason: string;
}

/** Everything drydock keeps about one layer: what it is cached as, keyed by diffID + analyzer versions. */
export interface LayerResult {
  /** Format version of this structure; bump when it changes. */
  format: 1;
  diffId?: string;
  /** Every entry except whiteout markers, in archive order. Paths are image-relative, normalised. */
  entries: EntryRecord[];
  /** Paths this layer deletes from the layers below (`.wh.<name>` markers). */
  whiteouts: string[];
  /** Directories whose lower-layer contents this layer hides (`.wh..wh..opq`). */
  opaqueDirs: string[];
  /** Analyzer id → results for the files it asked for in this layer. */
  results: Record<string, FileResult[]>;
  unknowns: LayerUnknown[];
  stats: { entries: number; uncompressedBytes: number; compression: string };
}
