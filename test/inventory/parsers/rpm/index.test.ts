import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRpmPackages, sniffRpmDb } from '../../../../src/inventory/parsers/rpm/index.js';
import { adler32 } from '../../../../src/inventory/parsers/rpm/ndb.js';
import { CONFORMANCE } from './fixtures.js';

const file = (name: string): Buffer => Buffer.from(readFileSync(join(CONFORMANCE, name)));

describe('rpm database format sniffing', () => {
  it('recognises each format by its magic bytes', () => {
    expect(sniffRpmDb(file('libuuid__Packages'))).toBe('bdb');
    expect(sniffRpmDb(file('sle15-bci__Packages.db'))).toBe('ndb');
    expect(sniffRpmDb(file('cbl-mariner-2.0__rpmdb.sqlite'))).toBe('sqlite');
    expect(sniffRpmDb(file('cases.json'))).toBeUndefined();
    expect(sniffRpmDb(Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses what is not an rpm database', () => {
    expect(() => listRpmPackages(file('cases.json'))).toThrow(
      expect.objectContaining({ code: 'INPUT', message: expect.stringMatching(/not an rpm database/) }),
    );
  });
});

describe('listing a database with a bad header', () => {
  it('skips that package, names it in problems and keeps the others', () => {
    // Corrupt the first package's header (its NAME tag number) and re-seal the NDB blob checksum.
    const buf = file('sle15-bci__Packages.db');
    const blkOff = buf.readUInt32LE(32 + 8);
    const blkCnt = buf.readUInt32LE(32 + 12);
    const blob = buf.subarray(blkOff * 16 + 16);
    const il = blob.readUInt32BE(0);
    for (let i = 0; i < il; i++) if (blob.readInt32BE(8 + i * 16) === 1000) blob.writeInt32BE(999_999, 8 + i * 16);
    const tail = blkOff * 16 + blkCnt * 16 - 12;
    buf.writeUInt32LE(adler32(buf.subarray(blkOff * 16, tail)), tail);
    const listing = listRpmPackages(buf);
    expect(listing.problems).toEqual(['header #1: header has no NAME tag']);
    expect(listing.packages).toHaveLength(34);
    expect(listing.packages[0]?.name).toBe('filesystem');
  });
});
