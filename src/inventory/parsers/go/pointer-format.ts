import { MAX_STRING, MODINFO_END, MODINFO_START, readPointer, unframeModinfo } from './buildinfo.js';
import { offsetOf, type ExeLayout } from './layout.js';
import type { StreamReads } from './stream-reads.js';

const GO1 = Buffer.from('go1.', 'latin1');
const VERSION_BYTES = 64;
const MAX_VERSION_HITS = 256;
const MAX_MODINFO_HITS = 8;
const MODINFO_KEEP_MAX = 1 << 20;
const VERSION_TOKEN = /^go1\.\d{1,3}(?:\.\d{1,3})?(?:(?:rc|beta)\d{1,2})?/;

/**
 * Go 1.13-1.17 build info points at two strings in read-only data, which the linker puts before
 * the build info: by the time the pointers are read, the strings have gone by. So while any
 * executable streams past, this keeps what may be those strings, bounded: 64 bytes after each
 * "go1." (at most 256) and each module-info text framed by its sentinels (at most 8, 1 MiB each).
 * Every ELF, not only those with the Go build-ID note: the note can be missing (stripped or
 * rewritten by post-link tools) while `go version -m`, which does not look for it, still reads the
 * build info.
 */
export class OldFormatStore {
  static readonly PATTERNS: readonly Buffer[] = [GO1, MODINFO_START];
  private readonly versions = new Map<number, Buffer>();
  private readonly modinfos = new Map<number, Buffer>();
  private versionHits = 0;
  private modinfoHits = 0;

  constructor(private readonly reads: StreamReads) {}

  /** Worth keeping strings for this executable? */
  wanted(layout: ExeLayout | undefined): boolean {
    return layout !== undefined;
  }

  /** A hit of PATTERNS[pattern] at `offset` (`before`: its bytes from earlier chunks). */
  onHit(pattern: number, offset: number, before: Buffer): void {
    if (pattern === 0) {
      if (++this.versionHits > MAX_VERSION_HITS) return;
      this.reads.add(offset, VERSION_BYTES, (bytes) => void this.versions.set(offset, bytes), before);
      return;
    }
    if (++this.modinfoHits > MAX_MODINFO_HITS) return;
    let searched = MODINFO_START.length;
    this.reads.add(
      offset,
      4096,
      (bytes, ended) => {
        const end = bytes.indexOf(MODINFO_END, Math.max(MODINFO_START.length, searched - MODINFO_END.length + 1));
        if (end >= 0) {
          this.modinfos.set(offset, Buffer.from(bytes.subarray(0, end + MODINFO_END.length)));
          return undefined;
        }
        searched = bytes.length;
        if (ended || bytes.length >= MODINFO_KEEP_MAX) return undefined;
        return Math.min(bytes.length * 4, MODINFO_KEEP_MAX);
      },
      before,
    );
  }

  /** The `n` bytes kept at file offset `at`, if a kept string starts there. */
  lookup(kind: 'version' | 'modinfo', at: number, n: number): Buffer | undefined {
    const kept = (kind === 'version' ? this.versions : this.modinfos).get(at);
    return kept && kept.length >= n ? kept.subarray(0, n) : undefined;
  }

  /** The toolchain version, when every "go1." seen names the same one. */
  onlyVersion(): string | undefined {
    const tokens = new Set<string>();
    for (const b of this.versions.values()) {
      const m = VERSION_TOKEN.exec(b.toString('latin1'));
      if (m) tokens.add(m[0]);
    }
    return tokens.size === 1 ? [...tokens][0] : undefined;
  }

  /** The module info, when exactly one distinct framed text was seen. */
  onlyModinfo(): string | undefined {
    const texts = new Set<string>();
    for (const b of this.modinfos.values()) {
      const text = unframeModinfo(b);
      if (text) texts.add(text);
    }
    return texts.size === 1 ? [...texts][0] : undefined;
  }
}

export interface GoStringRef {
  /** Address of a Go string header {data pointer, length}. */
  addr: bigint;
  ptrSize: 4 | 8;
  little: boolean;
  kind: 'version' | 'modinfo';
}

/** Follow a Go string header to its bytes: ahead in the stream, or among the kept strings. */
export function readGoString(reads: StreamReads, store: OldFormatStore, layout: ExeLayout, ref: GoStringRef, done: (value: Buffer | null) => void): void {
  const at = offsetOf(layout, ref.addr);
  if (at === undefined) return done(null);
  const size = ref.ptrSize * 2;
  reads.add(at, size, (bytes) => {
    if (bytes.length < size) return void done(null);
    const ptr = readPointer(bytes, 0, ref.ptrSize, ref.little);
    const len = readPointer(bytes, ref.ptrSize, ref.ptrSize, ref.little);
    if (len === 0n) return void done(Buffer.alloc(0));
    const dataAt = len > BigInt(MAX_STRING) ? undefined : offsetOf(layout, ptr);
    if (dataAt === undefined) return void done(null);
    const n = Number(len);
    if (!reads.reachable(dataAt)) return void done(store.lookup(ref.kind, dataAt, n) ?? null);
    reads.add(dataAt, n, (data, ended) => void done(ended ? null : data));
    return undefined;
  });
}
