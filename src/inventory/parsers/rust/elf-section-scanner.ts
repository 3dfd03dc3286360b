import { ELF_HEADER_SIZE, isElf, loadedEnd, parseElfHeader, programHeadersEnd, readSections, SHT_NOBITS, type ElfHeader } from './elf.js';

/**
 * Finds one non-loaded ELF section (such as cargo-auditable's `.dep-v0`) in a file that arrives as
 * a stream, keeping only bounded windows of it: linkers put sections that are not loaded at run
 * time after the last loaded segment, and the section header table (with the section names just
 * before it) at the end. So the scanner keeps the file header and program headers, the first
 * `tailMax` bytes after the loaded segments, and the section header table with the bytes before
 * it; everything else passes through. Non-ELF files are dropped after their first bytes.
 */

export type SectionScan =
  | { kind: 'not-elf' }
  | { kind: 'absent' }
  | { kind: 'found'; data: Buffer }
  | { kind: 'unreadable'; reason: string };

export interface ScannerLimits {
  /** Largest program header table end kept from the start of the file. */
  headMax: number;
  /** Bytes kept after the loaded segments. */
  tailMax: number;
  /** Bytes kept before the section header table (where the section name table usually is). */
  beforeHeadersMax: number;
  /** Largest section header table kept. */
  headersMax: number;
}

export const DEFAULT_LIMITS: ScannerLimits = { headMax: 64 * 1024, tailMax: 16 * 1024 * 1024, beforeHeadersMax: 256 * 1024, headersMax: 4 * 1024 * 1024 };

class Window {
  readonly buf: Buffer;
  constructor(
    readonly start: number,
    end: number,
  ) {
    this.buf = Buffer.alloc(Math.max(0, end - start));
  }
  get end(): number {
    return this.start + this.buf.length;
  }
  take(chunk: Buffer, pos: number): void {
    const from = Math.max(this.start, pos);
    const to = Math.min(this.end, pos + chunk.length);
    if (from < to) chunk.copy(this.buf, from - this.start, from - pos, to - pos);
  }
  read(off: number, len: number): Buffer | undefined {
    return off >= this.start && off + len <= this.end ? this.buf.subarray(off - this.start, off - this.start + len) : undefined;
  }
}

export class ElfSectionScanner {
  private head: Buffer[] = [];
  private headLen = 0;
  private pos = 0;
  private state: 'head' | 'body' | 'ignore' = 'head';
  private header: ElfHeader | undefined;
  private windows: Window[] = [];

  constructor(
    private readonly size: number,
    private readonly section: string,
    private readonly limits: ScannerLimits = DEFAULT_LIMITS,
  ) {}

  data(chunk: Buffer): void {
    if (this.state === 'ignore') return;
    if (this.state === 'body') {
      for (const w of this.windows) w.take(chunk, this.pos);
      this.pos += chunk.length;
      return;
    }
    this.head.push(Buffer.from(chunk));
    this.headLen += chunk.length;
    this.pos += chunk.length;
    this.tryHead();
  }

  end(): SectionScan {
    if (this.state === 'head') this.tryHead(true);
    if (this.state !== 'body' || !this.header) return { kind: 'not-elf' };
    const read = (off: number, len: number): Buffer | undefined => {
      for (const w of this.windows) {
        const b = w.read(off, len);
        if (b) return b;
      }
      return undefined;
    };
    const sections = readSections(this.header, this.size, read);
    if (typeof sections === 'string') return { kind: 'absent' };
    const s = sections.find((x) => x.name === this.section);
    if (!s || s.type === SHT_NOBITS || s.size === 0) return { kind: 'absent' };
    if (s.offset + s.size > this.size) return { kind: 'unreadable', reason: `section ${this.section} runs past the end of the file` };
    const data = read(s.offset, s.size);
    if (!data) return { kind: 'unreadable', reason: `section ${this.section} (${s.size} bytes at offset ${s.offset}) lies outside the parts of the file scanned` };
    return { kind: 'found', data: Buffer.from(data) };
  }

  /** Parse the header once enough of the file is in; then set up the windows. */
  private tryHead(atEnd = false): void {
    const bytes = this.headLen;
    if (bytes >= 4 && !isElf(this.joined())) return this.ignore();
    if (bytes < ELF_HEADER_SIZE && !atEnd) return;
    const head = this.joined();
    const h = parseElfHeader(head);
    if (!h) return this.ignore();
    const need = programHeadersEnd(h);
    if (need > bytes && need <= this.limits.headMax && !atEnd) return;
    this.header = h;
    this.windows = this.plan(h, head);
    for (const w of this.windows) w.take(head, 0);
    this.head = [];
    this.state = 'body';
  }

  private plan(h: ElfHeader, head: Buffer): Window[] {
    const { size, limits } = this;
    const tailStart = Math.min(loadedEnd(h, head), size);
    const windows = [new Window(tailStart, Math.min(size, tailStart + limits.tailMax))];
    if (h.shoff > 0 && h.shoff < size) {
      const tableLen = Math.min(limits.headersMax, h.shnum > 0 ? h.shnum * h.shentsize : limits.headersMax);
      windows.push(new Window(Math.max(0, h.shoff - limits.beforeHeadersMax), Math.min(size, h.shoff + tableLen)));
    }
    return windows;
  }

  private joined(): Buffer {
    if (this.head.length > 1) this.head = [Buffer.concat(this.head)];
    return this.head[0] ?? Buffer.alloc(0);
  }

  private ignore(): void {
    this.state = 'ignore';
    this.head = [];
  }
}
