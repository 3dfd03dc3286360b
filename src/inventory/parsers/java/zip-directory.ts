import type { ByteSource } from './byte-source.js';

/**
 * The central directory of a zip archive (APPNOTE.TXT 4.3.12–4.3.16), read from the end of a
 * ByteSource: end-of-central-directory record, ZIP64 locator and record, then the file headers.
 * Only the entries the caller selects (by their raw name bytes, so the thousands of `.class`
 * entries of a jar are never decoded) are kept. Prefix data before the archive (a launch script
 * prepended to an executable Spring Boot jar, a self-extractor stub) is allowed, as Java allows it,
 * and so are bytes after the end record (padding, a signature appended), as OpenJDK allows them:
 * an end record not followed by exactly its comment is taken only when the central directory and
 * the first local header are where it says, at the offsets it names.
 *
 * Nothing here trusts the archive: counts, sizes and offsets are checked against the source's
 * size, every problem is reported, and a directory whose entries claim more compressed bytes
 * than the archive holds is flagged as `overlapping` (the trick of "non-recursive" zip bombs).
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not read. */
  method: number;
  flags: number;
  /** CRC-32 of the uncompressed data, as declared. */
  crc32: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  /** Offset of the entry's local header in the source (prefix data accounted for). */
  localOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Number of entries in the directory. */
  total: number;
  /** Where the entries' data must end: the start of the central directory, in source offsets. */
  dataEnd: number;
  /** The entries claim more bytes than lie before the central directory: they overlap. */
  overlapping: boolean;
  problems: string[];
}

export interface ZipDirectoryLimits {
  maxEntries: number;
  maxDirectoryBytes: number;
  /** Entries kept (selected) per directory; the rest are counted, not kept. */
  maxSelected: number;
}

/** Decides from the raw name bytes `buf[start, end)` whether an entry is kept. */
export type EntrySelector = (buf: Buffer, start: number, end: number) => boolean;

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIZE = 56;
const CENTRAL_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT = 0xffff;

interface EndRecord {
  /** Position of the EOCD (or ZIP64 EOCD) record: the central directory ends here. */
  end: number;
  count: number;
  cdSize: number;
  cdOffset: number;
}

/** Read and check the central directory; a string is why the source is not a usable zip. */
export async function readZipDirectory(src: ByteSource, select: EntrySelector, limits: ZipDirectoryLimits): Promise<ZipDirectory | string> {
  if (src.size < EOCD_SIZE) return 'too small to be a zip archive';
  const end = await findEndRecord(src);
  if (typeof end === 'string') return end;
  if (end.cdSize > limits.maxDirectoryBytes) return `central directory of ${end.cdSize} bytes is over the ${limits.maxDirectoryBytes}-byte limit`;
  const cdStart = end.end - end.cdSize;
  if (cdStart < 0) return 'central directory size is larger than the archive';
  const delta = cdStart - end.cdOffset;
  if (delta < 0) return 'central directory offset points past the central directory';
  const cd = await src.read(cdStart, end.cdSize);
  if (cd.length < end.cdSize) return 'archive is truncated (central directory cut short)';
  return parseCentral(cd, { count: end.count, delta, cdStart }, select, limits);
}

/** Most archives have no comment: a short tail is read first, the longest possible one only if needed. */
const SHORT_TAIL = 1024 + EOCD_SIZE;

/** End records not followed by exactly their comment that are checked, at most (each costs two reads). */
const MAX_TRAILING_CANDIDATES = 32;

async function findEndRecord(src: ByteSource): Promise<EndRecord | string> {
  let tailLength = Math.min(src.size, SHORT_TAIL);
  let tail = await src.read(src.size - tailLength, tailLength);
  let found = endRecordIn(tail);
  if (found < 0 && tailLength < src.size) {
    tailLength = Math.min(src.size, MAX_COMMENT + EOCD_SIZE);
    tail = await src.read(src.size - tailLength, tailLength);
    found = endRecordIn(tail);
  }
  if (found >= 0) return endRecordAt(src, tail, found);
  // bytes after the end record: the last candidate whose directory checks out where it says
  let checked = 0;
  for (let i = tail.length - EOCD_SIZE; i >= 0 && checked < MAX_TRAILING_CANDIDATES; i--) {
    if (tail.readUInt32LE(i) !== EOCD_SIG) continue;
    checked++;
    const record = await endRecordAt(src, tail, i);
    if (typeof record !== 'string' && (await directoryWhereItSays(src, record))) return record;
  }
  return 'not a zip archive (no end-of-central-directory record)';
}

/**
 * Is the central directory exactly at the offset the end record names, ending at the record, with
 * a file header there, and a local header at the offset the first file header names? (No prefix
 * data is allowed for such a record: a stored nested archive's end record, in a truncated outer
 * archive, names offsets inside that nested archive and fails here.)
 */
async function directoryWhereItSays(src: ByteSource, record: EndRecord): Promise<boolean> {
  if (record.count === 0 || record.cdSize < CENTRAL_SIZE || record.cdOffset + record.cdSize !== record.end) return false;
  const header = await src.read(record.cdOffset, CENTRAL_SIZE);
  if (header.length < CENTRAL_SIZE || header.readUInt32LE(0) !== CENTRAL_SIG) return false;
  const localOffset = header.readUInt32LE(42);
  if (localOffset === 0xffffffff || localOffset + LOCAL_HEADER_SIZE > record.cdOffset) return false;
  const local = await src.read(localOffset, 4);
  return local.length === 4 && local.readUInt32LE(0) === LOCAL_SIG;
}

/** The end record at `tail[found]` (through its ZIP64 records when it has them). */
async function endRecordAt(src: ByteSource, tail: Buffer, found: number): Promise<EndRecord | string> {
  const tailStart = src.size - tail.length;
  const record: EndRecord = {
    end: tailStart + found,
    count: tail.readUInt16LE(found + 10),
    cdSize: tail.readUInt32LE(found + 12),
    cdOffset: tail.readUInt32LE(found + 16),
  };
  if (found >= ZIP64_LOCATOR_SIZE && tail.readUInt32LE(found - ZIP64_LOCATOR_SIZE) === ZIP64_LOCATOR_SIG) {
    return readZip64End(src, tailStart + found - ZIP64_LOCATOR_SIZE, record);
  }
  if (record.count === 0xffff || record.cdSize === 0xffffffff || record.cdOffset === 0xffffffff) {
    return 'ZIP64 values without a ZIP64 end-of-central-directory locator';
  }
  return record;
}

/** The ZIP64 end record sits right before its locator (at the offset the locator names, give or take prefix data). */
async function readZip64End(src: ByteSource, locatorAt: number, classic: EndRecord): Promise<EndRecord | string> {
  const at = locatorAt - ZIP64_EOCD_SIZE;
  if (at < 0) return 'ZIP64 locator without room for a ZIP64 end record';
  const rec = await src.read(at, ZIP64_EOCD_SIZE);
  if (rec.length < ZIP64_EOCD_SIZE || rec.readUInt32LE(0) !== ZIP64_EOCD_SIG) return 'ZIP64 end-of-central-directory record not found';
  const count = safe64(rec, 32);
  const cdSize = safe64(rec, 40);
  const cdOffset = safe64(rec, 48);
  if (count === undefined || cdSize === undefined || cdOffset === undefined) return 'ZIP64 end record values are out of range';
  const pick = (v16or32: number, max: number, v64: number): number => (v16or32 === max ? v64 : v16or32);
  return {
    end: at,
    count: pick(classic.count, 0xffff, count),
    cdSize: pick(classic.cdSize, 0xffffffff, cdSize),
    cdOffset: pick(classic.cdOffset, 0xffffffff, cdOffset),
  };
}

/**
 * The record whose comment ends exactly at the end of the file: a signature inside the comment,
 * or inside a stored nested archive of a truncated file, is not taken for it.
 */
function endRecordIn(tail: Buffer): number {
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) return i;
  }
  return -1;
}

function safe64(buf: Buffer, offset: number): number | undefined {
  const v = buf.readBigUInt64LE(offset);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

interface CentralContext {
  count: number;
  /** Bytes of prefix data before the archive. */
  delta: number;
  cdStart: number;
}

function parseCentral(cd: Buffer, ctx: CentralContext, select: EntrySelector, limits: ZipDirectoryLimits): ZipDirectory {
  const dir: ZipDirectory = { entries: [], total: 0, dataEnd: ctx.cdStart, overlapping: false, problems: [] };
  const dataLimit = ctx.cdStart - ctx.delta; // in archive offsets: entries' data lies before the central directory
  let claimed = 0;
  let pos = 0;
  let badEntries = 0;
  let dropped = 0;
  while (pos + CENTRAL_SIZE <= cd.length && cd.readUInt32LE(pos) === CENTRAL_SIG) {
    if (dir.total >= limits.maxEntries) {
      dir.problems.push(`more than ${limits.maxEntries} entries: the rest were not read`);
      return dir;
    }
    const header = readHeader(cd, pos);
    if (header === undefined) break;
    dir.total++;
    pos = header.next;
    if (header.localOffset + LOCAL_HEADER_SIZE + header.compressedSize > dataLimit) {
      badEntries++;
      continue;
    }
    claimed += LOCAL_HEADER_SIZE + header.compressedSize;
    if (!select(cd, header.nameStart, header.nameEnd)) continue;
    if (dir.entries.length >= limits.maxSelected) {
      dropped++;
      continue;
    }
    dir.entries.push({
      name: cd.toString('utf8', header.nameStart, header.nameEnd),
      method: header.method,
      flags: header.flags,
      crc32: header.crc32,
      compressedSize: header.compressedSize,
      size: header.size,
      localOffset: header.localOffset + ctx.delta,
    });
  }
  if (dir.total < ctx.count && ctx.count !== 0xffff) {
    dir.problems.push(`central directory lists ${dir.total} of the ${ctx.count} entries it declares (damaged or truncated)`);
  }
  if (badEntries > 0) dir.problems.push(`${badEntries} entries have offsets or sizes outside the archive: not read`);
  if (dropped > 0) dir.problems.push(`${dropped} more manifests, pom files or nested archives than the ${limits.maxSelected} read per archive: not read`);
  if (claimed > dataLimit) {
    dir.overlapping = true;
    dir.problems.push('entries claim more compressed data than the archive holds (overlapping entries): nested archives not read');
  }
  return dir;
}

interface CentralHeader {
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  nameStart: number;
  nameEnd: number;
  next: number;
}

function readHeader(cd: Buffer, pos: number): CentralHeader | undefined {
  const nameLength = cd.readUInt16LE(pos + 28);
  const extraLength = cd.readUInt16LE(pos + 30);
  const commentLength = cd.readUInt16LE(pos + 32);
  const nameStart = pos + CENTRAL_SIZE;
  const next = nameStart + nameLength + extraLength + commentLength;
  if (next > cd.length) return undefined;
  const header: CentralHeader = {
    flags: cd.readUInt16LE(pos + 8),
    method: cd.readUInt16LE(pos + 10),
    crc32: cd.readUInt32LE(pos + 16),
    compressedSize: cd.readUInt32LE(pos + 20),
    size: cd.readUInt32LE(pos + 24),
    localOffset: cd.readUInt32LE(pos + 42),
    nameStart,
    nameEnd: nameStart + nameLength,
    next,
  };
  if (header.size === 0xffffffff || header.compressedSize === 0xffffffff || header.localOffset === 0xffffffff) {
    applyZip64Extra(cd, header.nameEnd, header.nameEnd + extraLength, header);
  }
  return header;
}

/** ZIP64 extended information (header id 0x0001): 64-bit values for exactly the fields saturated at 0xFFFFFFFF. */
function applyZip64Extra(cd: Buffer, start: number, end: number, h: CentralHeader): void {
  let p = start;
  while (p + 4 <= end) {
    const id = cd.readUInt16LE(p);
    const length = cd.readUInt16LE(p + 2);
    const body = p + 4;
    if (body + length > end) return;
    if (id === 0x0001) {
      let q = body;
      const take = (): number => {
        if (q + 8 > body + length) return Number.MAX_SAFE_INTEGER; // missing value: the entry will fail the bounds checks
        const v = safe64(cd, q) ?? Number.MAX_SAFE_INTEGER;
        q += 8;
        return v;
      };
      if (h.size === 0xffffffff) h.size = take();
      if (h.compressedSize === 0xffffffff) h.compressedSize = take();
      if (h.localOffset === 0xffffffff) h.localOffset = take();
      return;
    }
    p = body + length;
  }
}
