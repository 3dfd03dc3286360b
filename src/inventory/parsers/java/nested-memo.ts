import type { PackageRecord } from '../../../core/package.js';
import type { ZipEntry } from './zip-directory.js';

/**
 * What was found in nested archives, remembered by content (the CRC-32 and size the enclosing
 * central directory declares, and the file name) so that the same library met again — in another fat jar of the same
 * layer, or in the WAR inside an EAR — is not inflated and read a second time. Results are kept
 * relative to the nested archive (its chain is cut from `metadata.archive` and from problems) and
 * re-rooted where the copy is found.
 *
 * A remembered result is reused only where reading again would give the same answer: at the same
 * remaining depth allowance, or at any allowance deep enough when no depth cap was hit inside it.
 * Results shaped by the per-archive count or byte budgets are not remembered at all.
 *
 * Trust: CRC-32 is not a cryptographic hash, so an archive could claim a known library's CRC and
 * size; it would then be reported as that library. An archive can as easily carry a false
 * pom.properties, so this weakens nothing that identification by contents ever guaranteed.
 */

export interface WalkOutput {
  packages: PackageRecord[];
  problems: string[];
}

/** Where a nested archive is: its full chain and the chain below the top-level archive. */
export interface MemoPlace {
  chain: string;
  inner: string;
  depth: number;
}

interface Remembered {
  packages: PackageRecord[];
  problems: string[];
  /** Levels read below the archive. */
  depthUsed: number;
  /** Levels that could be read below it when it was read. */
  allowance: number;
  depthCapped: boolean;
}

export interface MemoMark {
  packages: number;
  problems: number;
}

export class NestedMemo {
  private readonly remembered = new Map<string, Remembered>();

  constructor(private readonly maxEntries = 20_000) {}

  /**
   * Content (CRC-32 and size) and file name: an archive without metadata is identified by its name,
   * so the same bytes under another name may be another identity. No key for empty entries, nor
   * for a CRC of 0 (what careless writers leave when they do not compute one).
   */
  static key(entry: ZipEntry): string | undefined {
    if (entry.size === 0 || entry.crc32 === 0) return undefined;
    return `${entry.crc32}:${entry.size}:${entry.name.slice(entry.name.lastIndexOf('/') + 1)}`;
  }

  /** Append what was found in an archive with this content, re-rooted at `place`; false when nothing usable is remembered. */
  replay(key: string, place: MemoPlace, maxDepth: number, out: WalkOutput): boolean {
    const r = this.remembered.get(key);
    if (!r) return false;
    const allowance = maxDepth - place.depth;
    if (allowance !== r.allowance && (r.depthCapped || allowance < r.depthUsed)) return false;
    for (const p of r.packages) {
      const copy: PackageRecord = { ...p, licenses: [...p.licenses] };
      if (p.evidence) copy.evidence = [...p.evidence];
      if (p.metadata) copy.metadata = { ...p.metadata, archive: `${place.chain}${p.metadata['archive'] ?? ''}` };
      out.packages.push(copy);
    }
    for (const text of r.problems) out.problems.push(`${place.inner}${text}`);
    return true;
  }

  /** Remember what was appended to `out` since `mark` while the archive at `place` was read. */
  remember(key: string, place: MemoPlace, maxDepth: number, out: WalkOutput, mark: MemoMark, read: { depthUsed: number; depthCapped: boolean }): void {
    if (this.remembered.size >= this.maxEntries || this.remembered.has(key)) return;
    const packages = out.packages.slice(mark.packages).map((p) => {
      const archive = p.metadata?.['archive'] ?? '';
      return archive.startsWith(place.chain) && p.metadata ? { ...p, metadata: { ...p.metadata, archive: archive.slice(place.chain.length) } } : p;
    });
    const problems = out.problems.slice(mark.problems).map((t) => (t.startsWith(place.inner) ? t.slice(place.inner.length) : t));
    this.remembered.set(key, { packages, problems, depthUsed: read.depthUsed, allowance: maxDepth - place.depth, depthCapped: read.depthCapped });
  }
}
