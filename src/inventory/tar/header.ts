import { AppError } from '../../core/errors.js';

/** Kinds of tar entries drydock distinguishes. */
export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'other';

export interface TarHeader {
  /** Name as stored (after PAX / GNU long-name records), not yet normalised. */
  name: string;
  type: TarEntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  linkname: string;
  /** Extended attributes from PAX `SCHILY.xattr.*` records (e.g. security.capability), base64 values. */
  xattrs?: Record<string, string>;
  /** The entry's data is a GNU/PAX sparse map, not the file content. */
  sparse?: boolean;
}

/** The raw type flag of a header plus the parsed fields that do not depend on extension records. */
export interface RawHeader {
  flag: string;
  name: string;
  linkname: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
}

const BLOCK = 512;

function cString(block: Buffer, start: number, len: number): string {
  const end = block.indexOf(0, start);
  const stop = end < 0 || end > start + len ? start + len : end;
  return block.toString('utf8', start, stop);
}

/** Octal (with spaces/NULs) or GNU base-256 numeric field. Returns NaN when malformed. */
export function parseNumeric(block: Buffer, start: number, len: number): number {
  const first = block[start] ?? 0;
  if (first & 0x80) {
    // base-256: big-endian two's complement, the top bit of the first byte is the marker
    if (first & 0x40) return Number.NaN; // negative numbers are never valid for our fields
    let v = first & 0x3f;
    for (let i = start + 1; i < start + len; i++) {
      v = v * 256 + (block[i] ?? 0);
      if (v > Number.MAX_SAFE_INTEGER) return Number.NaN;
    }
    return v;
  }
  let v = 0;
  let seen = false;
  for (let i = start; i < start + len; i++) {
    const c = block[i] ?? 0;
    if (c === 0 || c === 0x20) {
      if (seen) break;
      continue;
    }
    if (c < 0x30 || c > 0x37) return Number.NaN;
    v = v * 8 + (c - 0x30);
    seen = true;
  }
  return v;
}

export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

function checksumOk(block: Buffer): boolean {
  const stored = parseNumeric(block, 148, 8);
  if (Number.isNaN(stored)) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** Parse one 512-byte header block. `offset` is only used in error messages. */
export function parseRawHeader(block: Buffer, offset: number, what: string): RawHeader {
  if (!checksumOk(block)) {
    throw new AppError('INPUT', `${what}: invalid tar header at byte ${offset} (checksum mismatch) — corrupt or not a tar stream`);
  }
  const magic = block.toString('latin1', 257, 263);
  let name = cString(block, 0, 100);
  // POSIX ustar keeps a path prefix at 345; GNU tar ("ustar  ") uses that area for other fields.
  if (magic === 'ustar\0') {
    const prefix = cString(block, 345, 155);
    if (prefix) name = `${prefix}/${name}`;
  }
  const size = parseNumeric(block, 124, 12);
  const mode = parseNumeric(block, 100, 8);
  if (Number.isNaN(size) || Number.isNaN(mode)) {
    throw new AppError('INPUT', `${what}: invalid tar header at byte ${offset} (bad size or mode field)`);
  }
  return {
    flag: String.fromCharCode(block[156] ?? 0),
    name,
    linkname: cString(block, 157, 100),
    size,
    mode: mode & 0o7777,
    uid: parseNumeric(block, 108, 8) || 0,
    gid: parseNumeric(block, 116, 8) || 0,
    mtime: parseNumeric(block, 136, 12) || 0,
  };
}

export function entryType(flag: string): TarEntryType {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'char';
    case '4':
      return 'block';
    case '5':
      return 'dir';
    case '6':
      return 'fifo';
    default:
      return 'other';
  }
}

/** Parse PAX extended header records (`"<len> key=value\n"`). Malformed records end the parse. */
export function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const sp = data.indexOf(0x20, pos);
    if (sp < 0) break;
    const len = Number(data.toString('latin1', pos, sp));
    if (!Number.isInteger(len) || len <= sp - pos || pos + len > data.length) break;
    const record = data.toString('utf8', sp + 1, pos + len - 1); // drop trailing newline
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out;
}
