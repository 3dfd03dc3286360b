/**
 * The Go build-info blob the linker writes into every binary since Go 1.13 (section
 * `.go.buildinfo` in ELF, `__go_buildinfo` in Mach-O, `.data` in PE), as `debug/buildinfo` reads it:
 *
 *   offset 0   "\xff Go buildinf:" (14 bytes), 16-byte aligned
 *          14  pointer size (4 or 8)
 *          15  flags: bit 0 big-endian, bit 1 strings inline (Go >= 1.18)
 *   Go >= 1.18 (inline):  offset 32: uvarint length + toolchain version, uvarint length + modinfo
 *   Go 1.13-1.17 (pointer): offset 16: two addresses of Go string headers {data pointer, length}
 *                           holding runtime.buildVersion and the module info
 *
 * The module info text is framed by two fixed 16-byte sentinels the go command adds.
 */

export const BUILDINFO_MAGIC = Buffer.from('\u00ff Go buildinf:', 'latin1');
export const BUILDINFO_ALIGN = 16;
export const HEADER_SIZE = 32;
export const MODINFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
export const MODINFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');
/** Largest version/modinfo string accepted (Kubernetes-sized binaries have ~50 KB of module info). */
export const MAX_STRING = 1024 * 1024;

const FLAG_BIG_ENDIAN = 1;
const FLAG_INLINE = 2;

export type BuildInfoHeader =
  | { kind: 'inline' }
  | { kind: 'pointer'; ptrSize: 4 | 8; little: boolean; versionAddr: bigint; modinfoAddr: bigint };

/** The 32-byte header at a magic hit, or undefined when the bytes after the magic are not a header. */
export function parseHeader(buf: Buffer): BuildInfoHeader | undefined {
  if (buf.length < HEADER_SIZE || !buf.subarray(0, BUILDINFO_MAGIC.length).equals(BUILDINFO_MAGIC)) return undefined;
  const ptrSize = buf[14];
  const flags = buf[15] ?? 0;
  if ((ptrSize !== 4 && ptrSize !== 8) || (flags & ~(FLAG_BIG_ENDIAN | FLAG_INLINE)) !== 0) return undefined;
  if ((flags & FLAG_INLINE) !== 0) return { kind: 'inline' };
  const little = (flags & FLAG_BIG_ENDIAN) === 0;
  return { kind: 'pointer', ptrSize, little, versionAddr: readPointer(buf, 16, ptrSize, little), modinfoAddr: readPointer(buf, 16 + ptrSize, ptrSize, little) };
}

export function readPointer(buf: Buffer, at: number, size: 4 | 8, little: boolean): bigint {
  if (size === 8) return little ? buf.readBigUInt64LE(at) : buf.readBigUInt64BE(at);
  return BigInt(little ? buf.readUInt32LE(at) : buf.readUInt32BE(at));
}

export type Decoded<T> = { ok: T } | { need: number } | { bad: string };

/** An unsigned LEB128 varint (Go's binary.Uvarint) at `at`: value and the offset after it. */
export function readUvarint(buf: Buffer, at: number): Decoded<{ value: number; next: number }> {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const b = buf[at + i];
    if (b === undefined) return { need: at + i + 1 };
    value += (b & 0x7f) * scale;
    if (value > Number.MAX_SAFE_INTEGER) return { bad: 'varint overflow' };
    if ((b & 0x80) === 0) return { ok: { value, next: at + i + 1 } };
    scale *= 128;
  }
  return { bad: 'varint too long' };
}

/** The two inline strings after a Go >= 1.18 header (`buf` starts at the magic). */
export function decodeInlineStrings(buf: Buffer): Decoded<{ version: string; modinfo: Buffer }> {
  const first = readString(buf, HEADER_SIZE);
  if (!('ok' in first)) return first;
  const second = readString(buf, first.ok.next);
  if (!('ok' in second)) return second;
  return { ok: { version: first.ok.bytes.toString('latin1'), modinfo: second.ok.bytes } };
}

function readString(buf: Buffer, at: number): Decoded<{ bytes: Buffer; next: number }> {
  const len = readUvarint(buf, at);
  if (!('ok' in len)) return len;
  const { value, next } = len.ok;
  if (value > MAX_STRING) return { bad: `string of ${value} bytes is over the ${MAX_STRING}-byte limit` };
  if (next + value > buf.length) return { need: next + value };
  return { ok: { bytes: buf.subarray(next, next + value), next: next + value } };
}

/** A toolchain version as runtime.Version() writes it: `go1.21.3`, `go1.22.1 X:boringcrypto`, `devel ...`. */
export function plausibleGoVersion(v: string): boolean {
  return /^(go1\.\d|devel )[\x20-\x7e]*$/.test(v) && v.length <= 200;
}

/**
 * The module info text inside its sentinels, '' when there is none (GOPATH builds before Go 1.18),
 * or undefined when the bytes are not framed as the go command frames them.
 */
export function unframeModinfo(raw: Buffer): string | undefined {
  if (raw.length === 0) return '';
  if (raw.length < 33) return undefined;
  const start = raw.subarray(0, 16);
  const end = raw.subarray(raw.length - 16);
  if (!start.equals(MODINFO_START) || !end.equals(MODINFO_END) || raw[raw.length - 17] !== 0x0a) return undefined;
  return raw.subarray(16, raw.length - 16).toString('utf8');
}
