import {
  BUILDINFO_ALIGN,
  BUILDINFO_MAGIC,
  HEADER_SIZE,
  decodeInlineStrings,
  parseHeader,
  plausibleGoVersion,
  unframeModinfo,
  type BuildInfoHeader,
} from './buildinfo.js';
import { exeFormatOf, FORMAT_BYTES, parseLayout } from './exe.js';
import { inWritable, type ExeFormat, type ExeLayout } from './layout.js';
import { OldFormatStore, readGoString } from './pointer-format.js';
import { PatternScan } from './pattern-scan.js';
import { StreamReads } from './stream-reads.js';

/** What one scan of an executable found (JSON: it is cached with the layer result). */
export interface BuildInfoScan {
  format: ExeFormat;
  /** ELF: the Go build-ID note is there (a Go binary, even when its build info is missing). */
  goNote: boolean;
  /** `inline`: Go >= 1.18; `pointer`: Go 1.13-1.17; `pointer-guess`: 1.13-1.17 read by pattern. */
  encoding?: 'inline' | 'pointer' | 'pointer-guess';
  /** runtime.Version() of the toolchain: `go1.21.3`. */
  goVersion?: string;
  /** The module info text (`path`, `mod`, `dep`, `=>`, `build` lines), '' when empty. */
  modinfo?: string;
  /** A pre-1.18 build-info header was found but neither of its strings could be read. */
  unreadable?: true;
}

interface Candidate {
  offset: number;
  state: 'pending' | 'bad' | 'good' | 'partial';
  encoding?: BuildInfoScan['encoding'];
  /** undefined: still being read; null: could not be read. */
  version?: string | null;
  modinfo?: string | null;
}

const MAX_CANDIDATES = 8;
const MAGIC = 0;

/**
 * A stream consumer that finds the Go build info of an executable as its bytes go by, keeping only
 * the header (up to 64 KiB), the build-info bytes, and for Go 1.13-1.17 a few small strings the
 * build info points back to. Everything else passes through untouched; non-executables are
 * dropped after their first 8 bytes.
 */
export class BuildInfoScanner {
  private pos = 0;
  private head: Buffer[] = [];
  private headLen = 0;
  private headNeed = FORMAT_BYTES;
  /** undefined: not known yet; null: not an executable. */
  private format: ExeFormat | null | undefined;
  private layout: ExeLayout | undefined;
  private readonly patterns = new PatternScan([BUILDINFO_MAGIC, ...OldFormatStore.PATTERNS]);
  private readonly reads = new StreamReads();
  private readonly old = new OldFormatStore(this.reads);
  private readonly candidates: Candidate[] = [];
  private found: Candidate | undefined;

  data(chunk: Buffer): void {
    const at = this.pos;
    this.pos += chunk.length;
    if (this.format === null || this.found) return;
    if (this.layout === undefined) this.readHead(chunk, false);
    if (this.format === null) return;
    this.patterns.scan(chunk, at, (p, offset, before) => this.onHit(p, offset, before), (p) => p === MAGIC || this.old.wanted(this.layout));
    this.reads.feed(chunk, at);
    this.settle(false);
  }

  end(): BuildInfoScan | null {
    if (this.format === undefined) this.readHead(Buffer.alloc(0), true);
    if (!this.format) return null;
    if (!this.found) {
      this.reads.end();
      for (const c of this.candidates) if (c.state === 'partial') this.guess(c);
      this.settle(true);
    }
    const goNote = this.layout?.goNote ?? false;
    const c = this.found;
    if (!c) {
      // a pointer-format header was there (its flags and pointer size checked) but led nowhere
      const unreadable = this.candidates.some((x) => x.encoding !== undefined);
      if (!goNote && !unreadable) return null;
      return unreadable ? { format: this.format, goNote, unreadable } : { format: this.format, goNote };
    }
    const out: BuildInfoScan = { format: this.format, goNote };
    if (c.encoding) out.encoding = c.encoding;
    if (typeof c.version === 'string') out.goVersion = c.version;
    if (typeof c.modinfo === 'string') out.modinfo = c.modinfo;
    return out;
  }

  /** Keep the first bytes until the format and the layout of its headers are known. */
  private readHead(chunk: Buffer, ended: boolean): void {
    // the chunk starts at this.pos - chunk.length; the head so far is its first headLen bytes
    const chunkStart = this.pos - chunk.length;
    for (;;) {
      const from = this.headLen - chunkStart;
      if (from >= 0 && from < chunk.length && this.headLen < this.headNeed) {
        const part = Buffer.from(chunk.subarray(from, from + this.headNeed - this.headLen));
        this.head.push(part);
        this.headLen += part.length;
      }
      if (this.headLen < this.headNeed && !ended) return;
      const head = this.head.length === 1 ? (this.head[0] as Buffer) : Buffer.concat(this.head);
      this.head = [head];
      this.format ??= exeFormatOf(head) ?? null;
      if (this.format === null) {
        this.head = [];
        return;
      }
      const layout = parseLayout(this.format, head);
      if (layout === null || !('need' in layout) || ended || layout.need <= this.headLen) {
        this.layout = layout !== null && !('need' in layout) ? layout : { format: this.format, segments: [], goNote: false };
        this.head = [];
        return;
      }
      this.headNeed = layout.need;
    }
  }

  private onHit(pattern: number, offset: number, before: Buffer): void {
    if (pattern !== MAGIC) {
      this.old.onHit(pattern - 1, offset, before);
      return;
    }
    if (offset % BUILDINFO_ALIGN !== 0 || this.candidates.length >= MAX_CANDIDATES) return;
    if (this.layout && !inWritable(this.layout, offset)) return;
    const c: Candidate = { offset, state: 'pending' };
    this.candidates.push(c);
    this.reads.add(offset, HEADER_SIZE, (bytes, ended) => this.onHeader(c, bytes, ended), before);
  }

  private onHeader(c: Candidate, bytes: Buffer, ended: boolean): number | undefined {
    const header = parseHeader(bytes);
    if (!header) {
      c.state = 'bad';
      return undefined;
    }
    if (header.kind === 'pointer') {
      this.followPointers(c, header);
      return undefined;
    }
    const d = decodeInlineStrings(bytes);
    if ('need' in d && !ended) return d.need;
    const modinfo = 'ok' in d ? unframeModinfo(d.ok.modinfo) : undefined;
    if (!('ok' in d) || modinfo === undefined || !plausibleGoVersion(d.ok.version)) {
      c.state = 'bad';
      return undefined;
    }
    Object.assign(c, { state: 'good', encoding: 'inline', version: d.ok.version, modinfo });
    return undefined;
  }

  /** Go 1.13-1.17: the header holds addresses of the two Go string headers. */
  private followPointers(c: Candidate, h: Extract<BuildInfoHeader, { kind: 'pointer' }>): void {
    c.encoding = 'pointer';
    const layout = this.layout;
    const settled = (): void => {
      if (c.version === undefined || c.modinfo === undefined) return;
      c.state = c.version !== null && c.modinfo !== null ? 'good' : 'partial';
    };
    const read = (addr: bigint, kind: 'version' | 'modinfo'): void => {
      if (!layout) {
        c[kind] = null;
        return settled();
      }
      readGoString(this.reads, this.old, layout, { addr, ptrSize: h.ptrSize, little: h.little, kind }, (value) => {
        const text = value === null ? null : kind === 'version' ? value.toString('latin1') : unframeModinfo(value) ?? null;
        c[kind] = kind === 'version' && text !== null && !plausibleGoVersion(text) ? null : text;
        settled();
      });
    };
    read(h.versionAddr, 'version');
    read(h.modinfoAddr, 'modinfo');
  }

  /** A 1.13-1.17 header whose strings could not be followed: take them from the patterns seen. */
  private guess(c: Candidate): void {
    c.version ??= this.old.onlyVersion() ?? null;
    c.modinfo ??= this.old.onlyModinfo() ?? null;
    c.encoding = 'pointer-guess';
    c.state = c.version !== null || c.modinfo !== null ? 'good' : 'bad';
  }

  /** The first candidate (by offset) that is good wins, once every earlier one is known to be bad. */
  private settle(final: boolean): void {
    for (const c of this.candidates) {
      if (c.state === 'bad') continue;
      if (c.state === 'good' || (final && c.state === 'partial')) {
        this.found = c;
        this.reads.clear();
      }
      return;
    }
  }
}
