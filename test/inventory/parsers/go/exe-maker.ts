/**
 * Minimal ELF64 little-endian executables for the build-info scanner's edge cases: a read-only
 * PT_LOAD at file offset RO_OFF (vaddr RO_VADDR), a writable one at RW_OFF (vaddr RW_VADDR), and
 * optionally a PT_NOTE holding the Go build-ID note. Contents are placed by the tests.
 */

export const RO_OFF = 0x1000;
export const RO_VADDR = 0x401000n;
export const RW_OFF = 0x10000;
export const RW_VADDR = 0x810000n;
const NOTE_OFF = 0x200;

export const MAGIC = Buffer.from('\u00ff Go buildinf:', 'latin1');
export const MOD_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
export const MOD_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');

export function framed(text: string): Buffer {
  return Buffer.concat([MOD_START, Buffer.from(text, 'utf8'), MOD_END]);
}

export function uvarint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Buffer.from(out);
}

/** Go >= 1.18 build info: header, then the version and the framed module info inline. */
export function inlineBuildInfo(version: string, modinfo: Buffer): Buffer {
  const header = Buffer.alloc(32);
  MAGIC.copy(header);
  header[14] = 8;
  header[15] = 2;
  const v = Buffer.from(version, 'latin1');
  return Buffer.concat([header, uvarint(v.length), v, uvarint(modinfo.length), modinfo]);
}

/** Go 1.13-1.17 build info: header with the addresses of two string headers. */
export function pointerBuildInfo(versionHeader: bigint, modinfoHeader: bigint): Buffer {
  const b = Buffer.alloc(32);
  MAGIC.copy(b);
  b[14] = 8;
  b[15] = 0;
  b.writeBigUInt64LE(versionHeader, 16);
  b.writeBigUInt64LE(modinfoHeader, 24);
  return b;
}

/** A Go string header {data pointer, length}. */
export function stringHeader(ptr: bigint, len: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeBigUInt64LE(ptr, 0);
  b.writeBigUInt64LE(BigInt(len), 8);
  return b;
}

export interface ElfParts {
  /** Bytes of the read-only segment (at most RW_OFF - RO_OFF). */
  ro: Buffer;
  /** Bytes of the writable segment. */
  rw: Buffer;
  goNote?: boolean;
}

export function makeElf(parts: ElfParts): Buffer {
  if (parts.ro.length > RW_OFF - RO_OFF) throw new Error('ro too big');
  const phnum = parts.goNote ? 3 : 2;
  const out = Buffer.alloc(RW_OFF + parts.rw.length);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  out.writeUInt16LE(2, 0x10); // ET_EXEC
  out.writeUInt16LE(62, 0x12); // x86-64
  out.writeBigUInt64LE(64n, 0x20); // e_phoff
  out.writeUInt16LE(64, 0x34);
  out.writeUInt16LE(56, 0x36);
  out.writeUInt16LE(phnum, 0x38);
  const ph = (i: number, type: number, flags: number, off: number, vaddr: bigint, size: number): void => {
    const at = 64 + i * 56;
    out.writeUInt32LE(type, at);
    out.writeUInt32LE(flags, at + 4);
    out.writeBigUInt64LE(BigInt(off), at + 8);
    out.writeBigUInt64LE(vaddr, at + 16);
    out.writeBigUInt64LE(vaddr, at + 24);
    out.writeBigUInt64LE(BigInt(size), at + 32);
    out.writeBigUInt64LE(BigInt(size), at + 40);
    out.writeBigUInt64LE(0x1000n, at + 48);
  };
  ph(0, 1, 4, RO_OFF, RO_VADDR, parts.ro.length); // PT_LOAD r--
  ph(1, 1, 6, RW_OFF, RW_VADDR, parts.rw.length); // PT_LOAD rw-
  if (parts.goNote) {
    const desc = Buffer.from('fake-build-id', 'latin1');
    const note = Buffer.alloc(12 + 4 + ((desc.length + 3) & ~3));
    note.writeUInt32LE(4, 0);
    note.writeUInt32LE(desc.length, 4);
    note.writeUInt32LE(4, 8); // NT_GO_BUILDID
    note.write('Go\u0000\u0000', 12, 'latin1');
    desc.copy(note, 16);
    note.copy(out, NOTE_OFF);
    ph(2, 4, 4, NOTE_OFF, 0x400000n + BigInt(NOTE_OFF), note.length);
  }
  parts.ro.copy(out, RO_OFF);
  parts.rw.copy(out, RW_OFF);
  return out;
}

/** Bytes placed at given offsets in a zero-filled buffer of `size`. */
export function placed(size: number, items: Array<[number, Buffer]>): Buffer {
  const b = Buffer.alloc(size);
  for (const [at, bytes] of items) bytes.copy(b, at);
  return b;
}
