import { inflateRawSync } from 'node:zlib';

/**
 * One member of a small zip archive held in memory (a zipped `.egg`'s `EGG-INFO/PKG-INFO`): the
 * end-of-central-directory record, the central directory, then the member's local header and data
 * (stored or deflated). No ZIP64, no encryption; the inflated size is capped.
 */

export class ZipError extends Error {
  override readonly name = 'ZipError';
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MAX_COMMENT = 0xffff;

export function readZipEntry(zip: Buffer, member: string, maxBytes: number): Buffer | undefined {
  const eocd = findEocd(zip);
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (at === 0xffffffff) throw new ZipError('ZIP64 archives are not supported');
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIG) throw new ZipError('corrupt central directory');
    const nameLen = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLen);
    if (name === member) {
      return memberData(zip, {
        method: zip.readUInt16LE(at + 10),
        flags: zip.readUInt16LE(at + 8),
        compressed: zip.readUInt32LE(at + 20),
        size: zip.readUInt32LE(at + 24),
        local: zip.readUInt32LE(at + 42),
      }, maxBytes);
    }
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return undefined;
}

function findEocd(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - 22 - MAX_COMMENT);
  for (let i = zip.length - 22; i >= lowest; i--) {
    if (zip.readUInt32LE(i) === EOCD_SIG) return i;
  }
  throw new ZipError('not a zip archive (no end of central directory)');
}

interface CentralEntry {
  method: number;
  flags: number;
  compressed: number;
  size: number;
  local: number;
}

function memberData(zip: Buffer, e: CentralEntry, maxBytes: number): Buffer {
  if ((e.flags & 1) !== 0) throw new ZipError('encrypted member');
  if (e.size > maxBytes) throw new ZipError(`member larger than ${maxBytes} bytes`);
  if (e.local + 30 > zip.length || zip.readUInt32LE(e.local) !== LOCAL_SIG) throw new ZipError('corrupt local header');
  const start = e.local + 30 + zip.readUInt16LE(e.local + 26) + zip.readUInt16LE(e.local + 28);
  const end = start + e.compressed;
  if (end > zip.length) throw new ZipError('member data past the end of the archive');
  const data = zip.subarray(start, end);
  if (e.method === 0) return Buffer.from(data);
  if (e.method !== 8) throw new ZipError(`unsupported compression method ${e.method}`);
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    throw new ZipError('corrupt or oversized deflate data');
  }
}
