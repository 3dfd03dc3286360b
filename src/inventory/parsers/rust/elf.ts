/**
 * The parts of the ELF format needed to find a named section: the file header, the program
 * headers (where the loaded segments end) and the section header table with its name table.
 * 32- and 64-bit, either byte order. Every offset and size comes from the file: all are checked
 * against the file size before use.
 */

export interface ElfHeader {
  is64: boolean;
  little: boolean;
  phoff: number;
  phentsize: number;
  phnum: number;
  shoff: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

export interface ElfSection {
  name: string;
  type: number;
  offset: number;
  size: number;
}

/** Reads `len` bytes at `off` from wherever the bytes are kept; undefined when not available. */
export type ByteReader = (off: number, len: number) => Buffer | undefined;

export const ELF_HEADER_SIZE = 64;
const PT_LOAD = 1;
export const SHT_NOBITS = 8;
const SHN_XINDEX = 0xffff;

export function isElf(b: Buffer): boolean {
  return b.length >= 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;
}

/** The ELF file header, or undefined when the bytes are not a (complete) ELF header. */
export function parseElfHeader(b: Buffer): ElfHeader | undefined {
  if (!isElf(b) || b.length < 52) return undefined;
  const cls = b[4];
  const data = b[5];
  if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) return undefined;
  const is64 = cls === 2;
  if (is64 && b.length < ELF_HEADER_SIZE) return undefined;
  const r = new FieldReader(b, data === 1);
  const h: ElfHeader = is64
    ? { is64, little: data === 1, phoff: r.u64(32), shoff: r.u64(40), phentsize: r.u16(54), phnum: r.u16(56), shentsize: r.u16(58), shnum: r.u16(60), shstrndx: r.u16(62) }
    : { is64, little: data === 1, phoff: r.u32(28), shoff: r.u32(32), phentsize: r.u16(42), phnum: r.u16(44), shentsize: r.u16(46), shnum: r.u16(48), shstrndx: r.u16(50) };
  return h;
}

/** Bytes the program header table needs from the start of the file (0 when there is none). */
export function programHeadersEnd(h: ElfHeader): number {
  if (h.phnum === 0 || h.phoff === 0) return 0;
  return h.phoff + h.phnum * h.phentsize;
}

/** Where the loaded segments end in the file: non-loaded sections and the section headers follow. */
export function loadedEnd(h: ElfHeader, head: Buffer): number {
  const min = h.is64 ? 56 : 32;
  if (h.phentsize < min || programHeadersEnd(h) > head.length) return 0;
  const r = new FieldReader(head, h.little);
  let end = 0;
  for (let i = 0; i < h.phnum; i++) {
    const at = h.phoff + i * h.phentsize;
    if (r.u32(at) !== PT_LOAD) continue;
    const offset = h.is64 ? r.u64(at + 8) : r.u32(at + 4);
    const filesz = h.is64 ? r.u64(at + 32) : r.u32(at + 16);
    end = Math.max(end, offset + filesz);
  }
  return end;
}

/** The section headers with their names, or a reason they cannot be read. */
export function readSections(h: ElfHeader, size: number, read: ByteReader): ElfSection[] | string {
  const min = h.is64 ? 64 : 40;
  if (h.shoff === 0) return [];
  if (h.shentsize < min) return 'bad section header size';
  let count = h.shnum;
  let strndx = h.shstrndx;
  if (count === 0 || strndx === SHN_XINDEX) {
    const first = rawSection(h, read, 0);
    if (!first) return 'section headers not available';
    if (count === 0) count = first.size;
    if (strndx === SHN_XINDEX) strndx = first.link;
  }
  if (h.shoff + count * h.shentsize > size) return 'section header table runs past the end of the file';
  const raw = [];
  for (let i = 0; i < count; i++) {
    const s = rawSection(h, read, i);
    if (!s) return 'section headers not available';
    raw.push(s);
  }
  const strtab = raw[strndx];
  if (!strtab || strtab.offset + strtab.size > size) return 'no section name table';
  const names = read(strtab.offset, strtab.size);
  if (!names) return 'section name table not available';
  return raw.map((s) => ({ name: cString(names, s.nameOff), type: s.type, offset: s.offset, size: s.size }));
}

interface RawSection {
  nameOff: number;
  type: number;
  offset: number;
  size: number;
  link: number;
}

function rawSection(h: ElfHeader, read: ByteReader, i: number): RawSection | undefined {
  const b = read(h.shoff + i * h.shentsize, h.is64 ? 64 : 40);
  if (!b) return undefined;
  const r = new FieldReader(b, h.little);
  return h.is64
    ? { nameOff: r.u32(0), type: r.u32(4), offset: r.u64(24), size: r.u64(32), link: r.u32(40) }
    : { nameOff: r.u32(0), type: r.u32(4), offset: r.u32(16), size: r.u32(20), link: r.u32(24) };
}

function cString(b: Buffer, off: number): string {
  if (off >= b.length) return '';
  const end = b.indexOf(0, off);
  return b.toString('latin1', off, end < 0 ? b.length : end);
}

class FieldReader {
  constructor(
    private readonly b: Buffer,
    private readonly little: boolean,
  ) {}
  u16(at: number): number {
    return this.little ? this.b.readUInt16LE(at) : this.b.readUInt16BE(at);
  }
  u32(at: number): number {
    return this.little ? this.b.readUInt32LE(at) : this.b.readUInt32BE(at);
  }
  /** 64-bit fields as numbers; values past 2^53 (never valid offsets here) become Infinity. */
  u64(at: number): number {
    const v = this.little ? this.b.readBigUInt64LE(at) : this.b.readBigUInt64BE(at);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(v);
  }
}
