/**
 * What the Go build-info scanner needs to know about an executable from its first bytes: the
 * container format, its byte order, and how virtual addresses map to file offsets (to follow the
 * pointers of the pre-Go 1.18 build-info format and to tell writable data from read-only data).
 */

export type ExeFormat = 'elf' | 'macho' | 'pe';

/** One loaded range of the file: `[offset, offset + size)` is mapped at `vaddr`. */
export interface Segment {
  vaddr: bigint;
  offset: number;
  size: number;
  writable: boolean;
}

export interface ExeLayout {
  format: ExeFormat;
  /** Segments/sections from the headers; empty when the format gives none we can use (fat Mach-O). */
  segments: Segment[];
  /** ELF: the Go toolchain's build-ID note (`.note.go.buildid`) is present. */
  goNote: boolean;
}

/** More header bytes are needed before the layout can be read (the total count wanted). */
export interface NeedMore {
  need: number;
}

/** Headers bigger than this are not followed (the scanner keeps the head of every executable). */
export const MAX_HEADER_BYTES = 64 * 1024;

/** The file offset that holds virtual address `vaddr`, if a segment maps it from the file. */
export function offsetOf(layout: ExeLayout, vaddr: bigint): number | undefined {
  for (const s of layout.segments) {
    if (vaddr >= s.vaddr && vaddr < s.vaddr + BigInt(s.size)) return s.offset + Number(vaddr - s.vaddr);
  }
  return undefined;
}

/** Is the file offset inside a writable segment (where the linker puts Go's build info)? */
export function inWritable(layout: ExeLayout, offset: number): boolean {
  if (layout.segments.length === 0) return true;
  return layout.segments.some((s) => s.writable && offset >= s.offset && offset < s.offset + s.size);
}

/** Bounds-checked little/big-endian reads that return undefined past the end of the buffer. */
export class HeaderView {
  constructor(
    readonly buf: Buffer,
    readonly little: boolean,
  ) {}

  u16(at: number): number | undefined {
    if (at < 0 || at + 2 > this.buf.length) return undefined;
    return this.little ? this.buf.readUInt16LE(at) : this.buf.readUInt16BE(at);
  }

  u32(at: number): number | undefined {
    if (at < 0 || at + 4 > this.buf.length) return undefined;
    return this.little ? this.buf.readUInt32LE(at) : this.buf.readUInt32BE(at);
  }

  u64(at: number): bigint | undefined {
    if (at < 0 || at + 8 > this.buf.length) return undefined;
    return this.little ? this.buf.readBigUInt64LE(at) : this.buf.readBigUInt64BE(at);
  }

  /** A 64-bit file offset or size as a number, when it is a safe integer. */
  u64n(at: number): number | undefined {
    const v = this.u64(at);
    return v === undefined || v > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(v);
  }
}
