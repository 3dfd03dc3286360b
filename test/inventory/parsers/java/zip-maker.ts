import { deflateRawSync } from 'node:zlib';

/**
 * A small zip writer for tests, following APPNOTE.TXT, with knobs to make the archives hostile
 * (lying sizes, shared local headers, bogus counts, forced ZIP64, prefix data). Well-formed output
 * is checked against Info-ZIP's unzip and Python's zipfile in zip-directory.test.ts.
 */

export interface MakeEntry {
  name: string;
  data: Buffer | string;
  /** Default: deflated. */
  method?: 'stored' | 'deflated';
  /** Raw method number written instead (e.g. 12 = bzip2). */
  methodCode?: number;
  flags?: number;
  /** Lies in the central directory. */
  declaredSize?: number;
  declaredCompressedSize?: number;
  /** Point the central record at another entry's local header (by index): overlapping entries. */
  shareLocalWith?: number;
  /** A CRC-32 written instead of the real one. */
  crc32?: number;
}

export interface MakeOptions {
  /** Write ZIP64 end records and ZIP64 extra fields for every entry. */
  zip64?: boolean;
  /** Bytes before the archive (a launch script); offsets stay relative to the archive start, as tools write them. */
  prefix?: Buffer;
  comment?: string;
  /** Entry count written in the end record instead of the real one. */
  declaredCount?: number;
}

export function makeZip(entries: readonly MakeEntry[], opts: MakeOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const offsets: number[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  entries.forEach((e) => {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data) : e.data;
    const stored = e.method === 'stored';
    const body = stored ? raw : deflateRawSync(raw);
    const method = e.methodCode ?? (stored ? 0 : 8);
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(opts.zip64 ? 45 : 20, 4);
    local.writeUInt16LE((e.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(e.crc32 ?? crc32(raw), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const shared = e.shareLocalWith !== undefined ? offsets[e.shareLocalWith] : undefined;
    const localOffset = shared ?? offset;
    if (shared === undefined) {
      offsets.push(offset);
      locals.push(local, name, body);
      offset += local.length + name.length + body.length;
    } else {
      offsets.push(shared);
    }
    centrals.push(central(e, { name, method, crc: e.crc32 ?? crc32(raw), size: e.declaredSize ?? raw.length, compressed: e.declaredCompressedSize ?? body.length, localOffset, zip64: opts.zip64 === true }));
  });
  const cd = Buffer.concat(centrals);
  const tail = endRecords(opts, { count: opts.declaredCount ?? entries.length, cdSize: cd.length, cdOffset: offset });
  return Buffer.concat([opts.prefix ?? Buffer.alloc(0), ...locals, cd, tail]);
}

interface CentralFields {
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  compressed: number;
  localOffset: number;
  zip64: boolean;
}

function central(e: MakeEntry, f: CentralFields): Buffer {
  const extra = f.zip64 ? Buffer.alloc(28) : Buffer.alloc(0);
  if (f.zip64) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(f.size), 4);
    extra.writeBigUInt64LE(BigInt(f.compressed), 12);
    extra.writeBigUInt64LE(BigInt(f.localOffset), 20);
  }
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(0x031e, 4);
  h.writeUInt16LE(f.zip64 ? 45 : 20, 6);
  h.writeUInt16LE((e.flags ?? 0) | 0x800, 8);
  h.writeUInt16LE(f.method, 10);
  h.writeUInt32LE(f.crc, 16);
  h.writeUInt32LE(f.zip64 ? 0xffffffff : f.compressed, 20);
  h.writeUInt32LE(f.zip64 ? 0xffffffff : f.size, 24);
  h.writeUInt16LE(f.name.length, 28);
  h.writeUInt16LE(extra.length, 30);
  h.writeUInt32LE(f.zip64 ? 0xffffffff : f.localOffset, 42);
  return Buffer.concat([h, f.name, extra]);
}

function endRecords(opts: MakeOptions, f: { count: number; cdSize: number; cdOffset: number }): Buffer {
  const comment = Buffer.from(opts.comment ?? '');
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(opts.zip64 ? 0xffff : f.count, 8);
  eocd.writeUInt16LE(opts.zip64 ? 0xffff : f.count, 10);
  eocd.writeUInt32LE(opts.zip64 ? 0xffffffff : f.cdSize, 12);
  eocd.writeUInt32LE(opts.zip64 ? 0xffffffff : f.cdOffset, 16);
  eocd.writeUInt16LE(comment.length, 20);
  if (!opts.zip64) return Buffer.concat([eocd, comment]);
  const rec = Buffer.alloc(56);
  rec.writeUInt32LE(0x06064b50, 0);
  rec.writeBigUInt64LE(44n, 4);
  rec.writeUInt16LE(45, 12);
  rec.writeUInt16LE(45, 14);
  rec.writeBigUInt64LE(BigInt(f.count), 24);
  rec.writeBigUInt64LE(BigInt(f.count), 32);
  rec.writeBigUInt64LE(BigInt(f.cdSize), 40);
  rec.writeBigUInt64LE(BigInt(f.cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(f.cdOffset + f.cdSize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([rec, locator, eocd, comment]);
}

/** A jar's pom.properties entry. */
export function pomEntry(group: string, artifact: string, version: string, method: 'stored' | 'deflated' = 'deflated'): MakeEntry {
  return { name: `META-INF/maven/${group}/${artifact}/pom.properties`, data: `groupId=${group}\nartifactId=${artifact}\nversion=${version}\n`, method };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (ISO-HDLC, as zip uses it). */
export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
