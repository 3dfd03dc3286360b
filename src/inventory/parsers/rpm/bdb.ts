import { AppError } from '../../../core/errors.js';
import { ProblemList, type RawDatabase, type RawHeader } from './database.js';

/**
 * Read-only reader for the Berkeley DB *hash* database rpm < 4.16 keeps packages in
 * (`/var/lib/rpm/Packages`). Key: the header number as a 4-byte integer in the writer's byte order
 * (key 0 holds rpm's instance counter, not a package); value: the header blob, stored on the
 * bucket page when small and in a chain of overflow pages otherwise.
 *
 * Layout facts (libdb db_page.h / hash.h): every page starts with a 26-byte header
 *   0 lsn[8]  8 pgno  12 prev_pgno  16 next_pgno  20 entries(u16)  22 hf_offset(u16)  24 level  25 type
 * followed by `entries` u16 item offsets; hash items are key/data pairs laid out from the page end
 * downwards. The metadata page (page 0) adds max_bucket at 72 and spares[32] at 96; bucket b lives
 * on page b + spares[bitlength(b)]. Records are returned in bucket order, as rpm's own cursor does.
 */

const HASH_MAGIC = 0x061561;
const BTREE_MAGIC = 0x053162;
const PAGE_HEADER = 26;
const META_MIN = 512;

const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASHMETA = 8;
const P_HASH = 13;

const H_KEYDATA = 1;
const H_OFFPAGE = 3;

interface Output {
  headers: RawHeader[];
  problems: ProblemList;
}

interface Meta {
  littleEndian: boolean;
  pageSize: number;
  lastPage: number;
  maxBucket: number;
  spares: number[];
}

class PageFile {
  /** Pages already walked, so hostile links (loops, shared chains) cost O(pages) in total. */
  readonly seenBucketPages = new Set<number>();
  readonly seenOverflowPages = new Set<number>();

  constructor(
    readonly buf: Buffer,
    readonly meta: Meta,
  ) {}

  u16(page: Buffer, off: number): number {
    return this.meta.littleEndian ? page.readUInt16LE(off) : page.readUInt16BE(off);
  }

  u32(page: Buffer, off: number): number {
    return this.meta.littleEndian ? page.readUInt32LE(off) : page.readUInt32BE(off);
  }

  /** Page `pgno`, or the reason it cannot be used. */
  page(pgno: number): Buffer | string {
    const { pageSize, lastPage } = this.meta;
    if (pgno < 1 || pgno > lastPage) return `page ${pgno} is outside pages 1..${lastPage}`;
    const start = pgno * pageSize;
    if (start + pageSize > this.buf.length) return `page ${pgno} lies beyond the end of the ${this.buf.length}-byte file`;
    const page = this.buf.subarray(start, start + pageSize);
    const label = this.u32(page, 8);
    if (label !== pgno) return `page ${pgno} is labelled as page ${label}`;
    return page;
  }
}

function readMeta(buf: Buffer): Meta {
  if (buf.length < META_MIN) throw new AppError('INPUT', `Berkeley DB: file is ${buf.length} bytes, shorter than a metadata page`);
  const le = buf.readUInt32LE(12);
  const be = buf.readUInt32BE(12);
  if (le === BTREE_MAGIC || be === BTREE_MAGIC) {
    throw new AppError('UNSUPPORTED', 'Berkeley DB: a btree database; rpm keeps packages in a hash database');
  }
  if (le !== HASH_MAGIC && be !== HASH_MAGIC) throw new AppError('INPUT', 'Berkeley DB: no hash database magic at offset 12');
  const littleEndian = le === HASH_MAGIC;
  const u32 = (off: number): number => (littleEndian ? buf.readUInt32LE(off) : buf.readUInt32BE(off));
  const version = u32(16);
  if (version < 8 || version > 10) throw new AppError('UNSUPPORTED', `Berkeley DB: hash version ${version} (supported: 8..10)`);
  const pageSize = u32(20);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw new AppError('INPUT', `Berkeley DB: invalid page size ${pageSize}`);
  }
  if (buf[24] !== 0) throw new AppError('UNSUPPORTED', 'Berkeley DB: the database is encrypted');
  if (buf[25] !== P_HASHMETA) throw new AppError('INPUT', `Berkeley DB: page 0 has type ${buf[25]}, not hash metadata`);
  if (((buf[26] ?? 0) & 0x01) !== 0) throw new AppError('UNSUPPORTED', 'Berkeley DB: page checksums are not supported');
  const lastPage = u32(32);
  const maxBucket = u32(72);
  if (maxBucket > lastPage) {
    throw new AppError('INPUT', `Berkeley DB: ${maxBucket + 1} hash buckets cannot fit in ${lastPage + 1} pages`);
  }
  const spares = Array.from({ length: 32 }, (_, i) => u32(96 + 4 * i));
  return { littleEndian, pageSize, lastPage, maxBucket, spares };
}

/** Concatenate an overflow chain of exactly `length` bytes starting at page `pgno`. */
function readOverflow(file: PageFile, pgno: number, length: number): Buffer | string {
  if (length === 0 || length > file.buf.length) return `overflow item claims ${length} bytes`;
  const chunks: Buffer[] = [];
  let got = 0;
  let pg = pgno;
  while (got < length) {
    if (pg === 0) return `overflow chain ends after ${got} of ${length} bytes`;
    if (file.seenOverflowPages.has(pg)) return `overflow chain reaches page ${pg} twice (a loop or a shared chain)`;
    file.seenOverflowPages.add(pg);
    const page = file.page(pg);
    if (typeof page === 'string') return `overflow chain: ${page}`;
    if (page[25] !== P_OVERFLOW) return `overflow chain reaches page ${pg} of type ${page[25]}`;
    const onPage = file.u16(page, 22);
    if (onPage === 0 || PAGE_HEADER + onPage > page.length || onPage > length - got) {
      return `overflow page ${pg} claims ${onPage} bytes (${length - got} still expected)`;
    }
    chunks.push(page.subarray(PAGE_HEADER, PAGE_HEADER + onPage));
    got += onPage;
    pg = file.u32(page, 16);
  }
  return Buffer.concat(chunks, length);
}

/** The bytes of the hash item at `off` (`len` bytes, type byte included). */
function readItem(file: PageFile, page: Buffer, off: number, len: number): Buffer | string {
  const type = page[off];
  if (type === H_KEYDATA) return page.subarray(off + 1, off + len);
  if (type === H_OFFPAGE) {
    if (len !== 12) return `off-page item of ${len} bytes (expected 12)`;
    return readOverflow(file, file.u32(page, off + 4), file.u32(page, off + 8));
  }
  return `unsupported hash item type ${type}`;
}

/** Read the key/data pairs of one bucket page into `out`. */
function readPairs(file: PageFile, pgno: number, page: Buffer, out: Output): void {
  const n = file.u16(page, 20);
  const minOff = PAGE_HEADER + 2 * n;
  if (minOff > page.length) {
    out.problems.add(`page ${pgno}: ${n} item offsets do not fit in the page`);
    return;
  }
  const inp = (i: number): number => file.u16(page, PAGE_HEADER + 2 * i);
  for (let k = 0; k + 1 < n; k += 2) {
    const koff = inp(k);
    const voff = inp(k + 1);
    const kend = k === 0 ? page.length : inp(k - 1);
    if (koff < minOff || voff < minOff || kend > page.length || koff >= kend || voff >= koff) {
      out.problems.add(`page ${pgno}, item ${k / 2}: item offsets ${koff}/${voff} are out of order or outside the page`);
      continue;
    }
    const key = readItem(file, page, koff, kend - koff);
    if (typeof key === 'string' || key.length !== 4) {
      out.problems.add(`page ${pgno}, item ${k / 2}: ${typeof key === 'string' ? key : `key of ${key.length} bytes is not a header number`}`);
      continue;
    }
    const instance = file.meta.littleEndian ? key.readUInt32LE(0) : key.readUInt32BE(0);
    if (instance === 0) continue; // rpm's instance counter, not a package
    const value = readItem(file, page, voff, koff - voff);
    if (typeof value === 'string') out.problems.add(`header #${instance}: ${value}`);
    else out.headers.push({ instance, blob: value });
  }
}

/** Walk bucket `bucket`'s page chain. */
function readBucket(file: PageFile, bucket: number, out: Output): void {
  const bits = 32 - Math.clz32(bucket);
  let pg = bucket + (file.meta.spares[bits] ?? 0);
  while (pg !== 0) {
    if (file.seenBucketPages.has(pg)) {
      out.problems.add(`bucket ${bucket}: page ${pg} was already read (a loop or a shared chain)`);
      return;
    }
    file.seenBucketPages.add(pg);
    const page = file.page(pg);
    if (typeof page === 'string') {
      out.problems.add(`bucket ${bucket}: ${page}`);
      return;
    }
    if (page[25] !== P_HASH && page[25] !== P_HASH_UNSORTED) {
      out.problems.add(`bucket ${bucket}: page ${pg} has type ${page[25]}, not a hash page`);
      return;
    }
    readPairs(file, pg, page, out);
    pg = file.u32(page, 16);
  }
}

/**
 * Every header blob in a Berkeley DB hash `Packages` file. Throws AppError when the metadata page
 * is unusable; damaged buckets and records become `problems` and the rest is still read.
 */
export function readBdbPackages(buf: Buffer): RawDatabase {
  const file = new PageFile(buf, readMeta(buf));
  const out: Output = { headers: [], problems: new ProblemList() };
  for (let bucket = 0; bucket <= file.meta.maxBucket; bucket++) readBucket(file, bucket, out);
  return { headers: out.headers, problems: out.problems.toArray() };
}

export function isBdbHash(buf: Buffer): boolean {
  if (buf.length < 16) return false;
  return buf.readUInt32LE(12) === HASH_MAGIC || buf.readUInt32BE(12) === HASH_MAGIC;
}
