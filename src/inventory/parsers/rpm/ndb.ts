import { AppError } from '../../../core/errors.js';
import { ProblemList, type RawDatabase, type RawHeader } from './database.js';

/**
 * Reader for rpm's "ndb" package store (`Packages.db`, SUSE and rpm >= 4.15 with `_db_backend ndb`).
 * All integers are little-endian. Layout (rpm lib/backend/ndb/rpmpkg.c):
 *
 *   file header (32 bytes, = the first two slots): "RpmP", version 0, generation, slot page count, next pkgidx
 *   slot pages (4096 bytes each, 16-byte slots): "Slot", pkgidx, blkoff, blkcnt   (blkoff 0 = free slot)
 *   blobs at blkoff × 16: head "BlbS", pkgidx, timestamp, bloblen; the header blob; zero padding;
 *   tail (last 12 bytes of the blkcnt × 16-byte area): adler32 of everything before it, bloblen, "BlbE"
 *
 * rpm lists packages in blob-offset order; so does this reader.
 */

const MAGIC = 0x506d7052; // "RpmP"
const SLOT_MAGIC = 0x746f6c53; // "Slot"
const BLOB_HEAD_MAGIC = 0x53626c42; // "BlbS"
const BLOB_TAIL_MAGIC = 0x45626c42; // "BlbE"
const HEADER_SIZE = 32;
const PAGE_SIZE = 4096;
const SLOT_SIZE = 16;
const BLK_SIZE = 16;
const BLOB_HEAD_SIZE = 16;
const BLOB_TAIL_SIZE = 12;

interface Slot {
  slotNo: number;
  pkgIdx: number;
  blkOff: number;
  blkCnt: number;
}

/** RFC 1950 Adler-32 (rpm checksums NDB blobs with it; node:zlib exposes no adler32). */
export function adler32(data: Buffer, start = 1): number {
  let a = start & 0xffff;
  let b = (start >>> 16) & 0xffff;
  for (let i = 0; i < data.length; ) {
    const end = Math.min(i + 5552, data.length); // largest run that cannot overflow before the modulo
    for (; i < end; i++) {
      a += data[i] ?? 0;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function readSlotPageCount(buf: Buffer): number {
  if (buf.length < HEADER_SIZE) throw new AppError('INPUT', `NDB: file is ${buf.length} bytes, shorter than its header`);
  if (buf.readUInt32LE(0) !== MAGIC) throw new AppError('INPUT', 'NDB: no "RpmP" magic');
  const version = buf.readUInt32LE(4);
  if (version !== 0) throw new AppError('UNSUPPORTED', `NDB: format version ${version} (supported: 0)`);
  const pages = buf.readUInt32LE(12);
  if (pages < 1 || pages * PAGE_SIZE > buf.length) {
    throw new AppError('INPUT', `NDB: header claims ${pages} slot pages but the file is ${buf.length} bytes`);
  }
  return pages;
}

function readSlots(buf: Buffer, pages: number, problems: ProblemList): Slot[] {
  const slots: Slot[] = [];
  const fileBlocks = Math.floor(buf.length / BLK_SIZE);
  const firstDataBlock = (pages * PAGE_SIZE) / BLK_SIZE;
  for (let off = HEADER_SIZE; off < pages * PAGE_SIZE; off += SLOT_SIZE) {
    const slotNo = off / SLOT_SIZE;
    if (buf.readUInt32LE(off) !== SLOT_MAGIC) throw new AppError('INPUT', `NDB: slot ${slotNo} has no "Slot" magic`);
    const slot = { slotNo, pkgIdx: buf.readUInt32LE(off + 4), blkOff: buf.readUInt32LE(off + 8), blkCnt: buf.readUInt32LE(off + 12) };
    if (slot.blkOff === 0) continue; // free
    if (slot.pkgIdx === 0 || slot.blkCnt === 0 || slot.blkOff < firstDataBlock) {
      problems.add(`slot ${slotNo}: invalid entry (package ${slot.pkgIdx}, block ${slot.blkOff}, ${slot.blkCnt} blocks)`);
    } else if (slot.blkOff + slot.blkCnt > fileBlocks) {
      problems.add(`slot ${slotNo}: package ${slot.pkgIdx} lies beyond the end of the file (truncated?)`);
    } else {
      slots.push(slot);
    }
  }
  return slots;
}

/** The header blob of one slot, or the reason it is unusable. */
function readBlob(buf: Buffer, slot: Slot): Buffer | string {
  const start = slot.blkOff * BLK_SIZE;
  const area = buf.subarray(start, start + slot.blkCnt * BLK_SIZE);
  if (area.length < BLOB_HEAD_SIZE + BLOB_TAIL_SIZE) return `${area.length}-byte blob area is too small`;
  if (area.readUInt32LE(0) !== BLOB_HEAD_MAGIC) return 'bad blob head magic';
  if (area.readUInt32LE(4) !== slot.pkgIdx) return `blob belongs to package ${area.readUInt32LE(4)}`;
  const blobLen = area.readUInt32LE(12);
  if (Math.ceil((BLOB_HEAD_SIZE + blobLen + BLOB_TAIL_SIZE) / BLK_SIZE) !== slot.blkCnt) {
    return `blob length ${blobLen} does not fit the slot's ${slot.blkCnt} blocks`;
  }
  const tail = area.length - BLOB_TAIL_SIZE;
  if (area.readUInt32LE(tail + 8) !== BLOB_TAIL_MAGIC) return 'bad blob tail magic';
  if (area.readUInt32LE(tail + 4) !== blobLen) return 'blob head and tail disagree on its length';
  if (adler32(area.subarray(0, tail)) !== area.readUInt32LE(tail)) return 'blob checksum (adler32) mismatch';
  return area.subarray(BLOB_HEAD_SIZE, BLOB_HEAD_SIZE + blobLen);
}

/**
 * Every header blob in an NDB `Packages.db`. Throws AppError when the file header is unusable;
 * damaged slots and blobs become `problems` and the rest is still read.
 */
export function readNdbPackages(buf: Buffer): RawDatabase {
  const problems = new ProblemList();
  const headers: RawHeader[] = [];
  const slots = readSlots(buf, readSlotPageCount(buf), problems);
  slots.sort((a, b) => a.blkOff - b.blkOff);
  const seen = new Set<number>();
  let end = 0;
  for (const slot of slots) {
    const what = `package ${slot.pkgIdx} (slot ${slot.slotNo})`;
    if (seen.has(slot.pkgIdx)) {
      problems.add(`${what}: a second slot for the same package`);
      continue;
    }
    if (slot.blkOff < end) {
      problems.add(`${what}: overlaps the previous blob`);
      continue;
    }
    seen.add(slot.pkgIdx);
    end = slot.blkOff + slot.blkCnt;
    const blob = readBlob(buf, slot);
    if (typeof blob === 'string') problems.add(`${what}: ${blob}`);
    else headers.push({ instance: slot.pkgIdx, blob });
  }
  return { headers, problems: problems.toArray() };
}

export function isNdb(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === MAGIC;
}
