import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/core/errors.js';
import { readBdbPackages } from '../../../../src/inventory/parsers/rpm/bdb.js';
import { parseHeaderBlob } from '../../../../src/inventory/parsers/rpm/header.js';
import { packageFromHeader } from '../../../../src/inventory/parsers/rpm/package.js';
import { RpmTag, RpmType } from '../../../../src/inventory/parsers/rpm/tags.js';
import { buildBlob, indexField, int32, str, strArray } from './blob-builder.js';
import { CONFORMANCE } from './fixtures.js';

const INSTALLTIME = 1008;

/** The libuuid header as RHEL 8's rpm stored it (go-rpmdb fixture). */
function libuuidBlob(): Buffer {
  const db = readBdbPackages(readFileSync(join(CONFORMANCE, 'libuuid__Packages')));
  const blob = db.headers[0]?.blob;
  if (blob === undefined) throw new Error('no header in libuuid__Packages');
  return blob;
}

function minimal(): ReturnType<typeof str>[] {
  return [str(RpmTag.NAME, 'pkg'), str(RpmTag.VERSION, '1.0'), str(RpmTag.RELEASE, '1')];
}

function expectInputError(blob: Buffer, message: RegExp): void {
  let caught: unknown;
  try {
    parseHeaderBlob(blob, 'test header');
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe('INPUT');
  expect((caught as AppError).message).toMatch(/^test header: /);
  expect((caught as AppError).message).toMatch(message);
}

describe('rpm header blobs', () => {
  it('reads install-time entries stored after the immutable region', () => {
    const cases = JSON.parse(readFileSync(join(CONFORMANCE, 'cases.json'), 'utf8')) as {
      TestRpmDB_Package: { pkgName: string; want: { InstallTime: number } }[];
    };
    const want = cases.TestRpmDB_Package.find((c) => c.pkgName === 'libuuid')?.want.InstallTime;
    const h = parseHeaderBlob(libuuidBlob());
    expect(want).toBeGreaterThan(0);
    expect(h.integer(INSTALLTIME)).toBe(want);
    expect(h.string(RpmTag.NAME)).toBe('libuuid');
  });

  it('lets a dribble entry replace the region entry with the same tag', () => {
    const blob = buildBlob(minimal(), { dribble: [str(RpmTag.RELEASE, '2.dribble')] });
    expect(parseHeaderBlob(blob).string(RpmTag.RELEASE)).toBe('2.dribble');
  });

  it('reads headers without a region (rpm v3 style)', () => {
    const h = parseHeaderBlob(buildBlob([...minimal(), int32(RpmTag.EPOCH, [3])], { region: false }));
    expect(packageFromHeader(h, 1)).toMatchObject({ name: 'pkg', epoch: 3, version: '1.0', release: '1' });
  });

  it('decodes non-UTF-8 strings as Latin-1', () => {
    const summary = { tag: RpmTag.SUMMARY, type: RpmType.I18NSTRING, data: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0]) };
    expect(parseHeaderBlob(buildBlob([...minimal(), summary])).string(RpmTag.SUMMARY)).toBe('café');
  });

  it('refuses to read a tag as the wrong type', () => {
    const h = parseHeaderBlob(buildBlob([...minimal(), int32(RpmTag.DIRINDEXES, [0])]));
    expect(() => h.string(RpmTag.DIRINDEXES)).toThrow(AppError);
    expect(() => h.integers(RpmTag.NAME)).toThrow(/not an integer/);
  });
});

describe('hostile rpm header blobs', () => {
  it('rejects every truncation of a real header', () => {
    const blob = libuuidBlob();
    for (let cut = 0; cut < blob.length; cut += 11) expectInputError(blob.subarray(0, cut), /bytes/);
  });

  it('rejects absurd index and data sizes before allocating anything', () => {
    const blob = Buffer.from(buildBlob(minimal()));
    blob.writeUInt32BE(0xffffffff, 0);
    expectInputError(blob, /claims 4294967295 index entries/);
    blob.writeUInt32BE(0, 0);
    expectInputError(blob, /claims 0 index entries/);
    const big = Buffer.from(buildBlob(minimal()));
    big.writeUInt32BE(0x7fffffff, 4);
    expectInputError(big, /bytes of data/);
  });

  it('rejects an entry whose offset points beyond the data', () => {
    const blob = Buffer.from(buildBlob(minimal()));
    blob.writeInt32BE(1_000_000, indexField(2, 8));
    expectInputError(blob, /index entry 2 \(tag 1001\): offset 1000000 outside/);
  });

  it('rejects counts that run past the data', () => {
    const ints = Buffer.from(buildBlob([...minimal(), int32(RpmTag.DIRINDEXES, [1, 2])]));
    ints.writeUInt32BE(0x40000000, indexField(4, 12));
    expectInputError(ints, /overrun the data store/);
    const strings = Buffer.from(buildBlob([...minimal(), strArray(RpmTag.BASENAMES, ['a', 'b'])]));
    strings.writeUInt32BE(0xffffffff, indexField(4, 12));
    expectInputError(strings, /count 4294967295 exceeds the data store/);
  });

  it('rejects strings without their terminating NUL', () => {
    const blob = Buffer.from(buildBlob(minimal(), { region: false }));
    blob[blob.length - 1] = 0x41; // RELEASE is last: its NUL becomes 'A'
    expectInputError(blob, /not NUL-terminated/);
  });

  it('rejects misaligned integers and unknown types', () => {
    const misaligned = Buffer.from(buildBlob([...minimal(), int32(RpmTag.EPOCH, [1])]));
    misaligned.writeInt32BE(misaligned.readInt32BE(indexField(4, 8)) + 1, indexField(4, 8));
    expectInputError(misaligned, /not aligned/);
    const unknown = Buffer.from(buildBlob(minimal()));
    unknown.writeUInt32BE(42, indexField(1, 4));
    expectInputError(unknown, /unknown or empty type 42/);
  });

  it('rejects broken regions', () => {
    const beyond = Buffer.from(buildBlob(minimal()));
    beyond.writeInt32BE(4096, indexField(0, 8));
    expectInputError(beyond, /region trailer offset 4096 lies outside/);
    const wrongType = Buffer.from(buildBlob(minimal()));
    wrongType.writeUInt32BE(RpmType.INT32, indexField(0, 4));
    expectInputError(wrongType, /region tag 63 has type 4/);
    const tooMany = Buffer.from(buildBlob(minimal()));
    const trailerAt = 8 + 4 * 16 + tooMany.readInt32BE(indexField(0, 8));
    tooMany.writeInt32BE(-99 * 16, trailerAt + 8);
    expectInputError(tooMany, /claims 99 index entries, header has 4/);
  });

  it('turns random damage into AppErrors, never crashes', () => {
    const original = libuuidBlob();
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let parsed = 0;
    for (let round = 0; round < 3000; round++) {
      const blob = Buffer.from(original);
      for (let k = 0; k <= random(4); k++) blob[random(blob.length)] = random(256);
      try {
        packageFromHeader(parseHeaderBlob(blob), 1);
        parsed++;
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
      }
    }
    expect(parsed).toBeGreaterThan(0); // most damage hits data bytes, which stay parseable
  });
});
