import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/core/errors.js';
import { readBdbPackages } from '../../../../src/inventory/parsers/rpm/bdb.js';
import { listRpmPackages } from '../../../../src/inventory/parsers/rpm/index.js';
import { CONFORMANCE, databasePath, pythonRpmList, rpmRoot } from './fixtures.js';

/**
 * The Berkeley DB hash reader on files written by the real libdb 5.3 (perl DB_File) from headers
 * the real rpm installed, in layouts rpm databases have in the wild: small pages with long
 * overflow chains and multi-page buckets, huge pages with headers stored on the bucket page,
 * big-endian files, and files with deleted records. rpm's bdb_ro backend is the reference.
 * Then hostile files: loops, truncation, bad metadata, random damage.
 */

interface Layout {
  name: string;
  pageSize: number;
  ffactor?: number;
  lorder?: 1234 | 4321;
  copies: number;
  deleteEvery?: number;
}

const LAYOUTS: Layout[] = [
  { name: 'small-pages', pageSize: 512, ffactor: 40, copies: 20 },
  { name: 'huge-pages', pageSize: 65536, copies: 3 },
  { name: 'big-endian', pageSize: 4096, lorder: 4321, copies: 5 },
  { name: 'after-deletes', pageSize: 1024, ffactor: 8, copies: 12, deleteEvery: 3 },
];

let work = '';
let blobs: { hnum: number; blob: Buffer }[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'drydock-bdb-'));
  const copy = join(work, 'rpmdb.sqlite');
  copyFileSync(databasePath(rpmRoot('sqlite'), 'sqlite'), copy);
  const db = new Database(copy, { readonly: true });
  blobs = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').all() as typeof blobs;
  db.close();
  for (const layout of LAYOUTS) makeBdb(layout);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PERL_WRITER = `
use DB_File; use Fcntl;
my ($blobs, $db, $bsize, $ffactor, $lorder, $deleteEvery) = @ARGV;
my $info = DB_File::HASHINFO->new();
$info->{bsize} = $bsize;
$info->{ffactor} = $ffactor if $ffactor;
$info->{lorder} = $lorder if $lorder;
my %h;
tie(%h, "DB_File", $db, O_RDWR | O_CREAT, 0644, $info) or die "tie $db: $!";
opendir(my $d, $blobs) or die;
my @keys = sort { $a <=> $b } grep { /^\\d+$/ } readdir($d);
my $pack = ($lorder && $lorder == 4321) ? "N" : "V";
for my $k (@keys) { open(my $fh, "<:raw", "$blobs/$k") or die; local $/; $h{pack($pack, $k)} = <$fh>; }
$h{pack($pack, 0)} = pack($pack, $keys[-1] + 1);
if ($deleteEvery) { for my $i (0 .. $#keys) { delete $h{pack($pack, $keys[$i])} if $i % $deleteEvery == 0; } }
untie(%h);
`;



/** Write `copies` copies of every fixture header (keys copy*100 + hnum) with the real libdb. */
function makeBdb(layout: Layout): void {
  const dir = join(work, layout.name);
  mkdirSync(join(dir, 'blobs'), { recursive: true });
  for (let c = 0; c < layout.copies; c++) {
    for (const { hnum, blob } of blobs) writeFileSync(join(dir, 'blobs', String(c * 100 + hnum)), blob);
  }
  const args = [join(dir, 'blobs'), join(dir, 'Packages'), layout.pageSize, layout.ffactor ?? 0, layout.lorder ?? 0, layout.deleteEvery ?? 0];
  execFileSync('perl', ['-e', PERL_WRITER, ...args.map(String)], { stdio: ['ignore', 'ignore', 'pipe'] });
  rmSync(join(dir, 'blobs'), { recursive: true });
}

/** Facts about a hash database's pages, read independently of the reader under test. */
function pageStats(buf: Buffer, pageSize: number, bigEndian: boolean): { onPageValues: number; chainedBuckets: number; overflowPages: number } {
  const u16 = (o: number): number => (bigEndian ? buf.readUInt16BE(o) : buf.readUInt16LE(o));
  const u32 = (o: number): number => (bigEndian ? buf.readUInt32BE(o) : buf.readUInt32LE(o));
  const stats = { onPageValues: 0, chainedBuckets: 0, overflowPages: 0 };
  for (let p = 1; (p + 1) * pageSize <= buf.length; p++) {
    const at = p * pageSize;
    const type = buf[at + 25];
    if (type === 7) stats.overflowPages++;
    if (type !== 13) continue;
    if (u32(at + 16) !== 0) stats.chainedBuckets++;
    const n = u16(at + 20);
    for (let i = 1; i < n; i += 2) {
      const off = u16(at + 26 + 2 * i);
      const end = u16(at + 26 + 2 * (i - 1));
      if (buf[at + off] === 1 && end - off > 5) stats.onPageValues++;
    }
  }
  return stats;
}


describe.each(LAYOUTS.map((l) => [l.name, l] as const))('a libdb hash database with %s', (_name, layout) => {
  it('reads exactly what rpm bdb_ro reads, in the same order', () => {
    const dir = join(work, layout.name);
    const listing = listRpmPackages(readFileSync(join(dir, 'Packages')));
    expect(listing.problems).toEqual([]);
    const reference = pythonRpmList(dir, 'bdb_ro');
    const expectedCount = blobs.length * layout.copies - (layout.deleteEvery ? Math.ceil((blobs.length * layout.copies) / layout.deleteEvery) : 0);
    expect(reference).toHaveLength(expectedCount);
    expect(listing.packages).toEqual(reference);
  });

  it('has the page layout the case is about', () => {
    const buf = readFileSync(join(work, layout.name, 'Packages'));
    const stats = pageStats(buf, layout.pageSize, layout.lorder === 4321);
    if (layout.name === 'small-pages') {
      expect(stats.chainedBuckets).toBeGreaterThan(0);
      expect(stats.overflowPages).toBeGreaterThan(1000);
    }
    if (layout.name === 'huge-pages') expect(stats.onPageValues).toBeGreaterThan(0);
    if (layout.name === 'big-endian') expect(buf.readUInt32BE(12)).toBe(0x061561);
  });
});

/** A copy of the small-pages database with `edit` applied to it. */
function damaged(edit: (buf: Buffer, pageSize: number) => void): Buffer {
  const buf = Buffer.from(readFileSync(join(work, 'small-pages', 'Packages')));
  edit(buf, 512);
  return buf;
}

function findPage(buf: Buffer, pageSize: number, type: number, chained: boolean): number {
  for (let p = 1; (p + 1) * pageSize <= buf.length; p++) {
    if (buf[p * pageSize + 25] === type && (buf.readUInt32LE(p * pageSize + 16) !== 0) === chained) return p;
  }
  throw new Error(`no page of type ${type}`);
}

function timed<T>(fn: () => T): { value: T | AppError; ms: number } {
  const start = performance.now();
  try {
    return { value: fn(), ms: performance.now() - start };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { value: err, ms: performance.now() - start };
  }
}

describe('hostile Berkeley DB files', () => {
  it('stops an overflow chain that loops, and still reads the other records', () => {
    const total = blobs.length * 20;
    const buf = damaged((b, ps) => {
      const p = findPage(b, ps, 7, true);
      b.writeUInt32LE(p, p * ps + 16); // next page: itself
    });
    const { value, ms } = timed(() => readBdbPackages(buf));
    expect(ms).toBeLessThan(2000);
    if (value instanceof AppError) throw value;
    expect(value.problems.join('\n')).toMatch(/overflow chain reaches page \d+ twice/);
    expect(value.headers).toHaveLength(total - 1);
  });

  it('stops a bucket chain that loops', () => {
    const buf = damaged((b, ps) => {
      const p = findPage(b, ps, 13, true);
      b.writeUInt32LE(p, p * ps + 16);
    });
    const { value } = timed(() => readBdbPackages(buf));
    if (value instanceof AppError) throw value;
    expect(value.problems.join('\n')).toMatch(/already read/);
  });

  it('reports an overflow item longer than its chain', () => {
    const buf = damaged((b, ps) => {
      const p = findPage(b, ps, 7, false); // the last page of some chain
      b.writeUInt16LE(b.readUInt16LE(p * ps + 22) - 1, p * ps + 22);
    });
    const { value } = timed(() => readBdbPackages(buf));
    if (value instanceof AppError) throw value;
    expect(value.problems.join('\n')).toMatch(/overflow chain ends after \d+ of \d+ bytes/);
  });

  it('rejects unusable metadata with a clear error', () => {
    const cases: [string, (b: Buffer) => void, RegExp][] = [
      ['page size', (b) => b.writeUInt32LE(1000, 20), /invalid page size 1000/],
      ['bucket count', (b) => b.writeUInt32LE(0xfffffff0, 72), /hash buckets cannot fit/],
      ['encryption', (b) => (b[24] = 1), /encrypted/],
      ['btree', (b) => b.writeUInt32LE(0x053162, 12), /btree/],
      ['version', (b) => b.writeUInt32LE(3, 16), /hash version 3/],
    ];
    for (const [what, edit, message] of cases) {
      const buf = damaged(edit);
      expect(() => readBdbPackages(buf), what).toThrow(message);
    }
    expect(() => readBdbPackages(Buffer.alloc(100))).toThrow(/shorter than a metadata page/);
  });

  it('survives every truncation quickly', () => {
    const full = readFileSync(join(work, 'small-pages', 'Packages'));
    for (let cut = 0; cut < full.length; cut += 4099) {
      const { value, ms } = timed(() => listRpmPackages(full.subarray(0, cut)));
      expect(ms).toBeLessThan(2000);
      if (!(value instanceof AppError)) expect(value.problems.length).toBeGreaterThan(0);
    }
  });

  it('survives random damage without crashing', () => {
    const original = readFileSync(join(CONFORMANCE, 'libuuid__Packages'));
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 400; round++) {
      const buf = Buffer.from(original);
      for (let k = 0; k <= random(8); k++) buf[random(buf.length)] = random(256);
      const { value, ms } = timed(() => listRpmPackages(buf));
      expect(ms).toBeLessThan(1000);
      if (!(value instanceof AppError)) expect(value.problems.join('\n')).not.toMatch(/out of range|RangeError/);
    }
  });
});
