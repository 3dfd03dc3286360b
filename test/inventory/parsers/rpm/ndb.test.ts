import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/core/errors.js';
import { listRpmPackages } from '../../../../src/inventory/parsers/rpm/index.js';
import { adler32, readNdbPackages } from '../../../../src/inventory/parsers/rpm/ndb.js';
import { CONFORMANCE } from './fixtures.js';

/** The NDB reader on damaged copies of SUSE's real Packages.db (SLE 15 BCI, 35 packages). */

const original = (): Buffer => Buffer.from(readFileSync(join(CONFORMANCE, 'sle15-bci__Packages.db')));
const SLOT0 = 32; // first slot: right after the 32-byte file header

function slot(buf: Buffer, n: number): { pkgIdx: number; blkOff: number; blkCnt: number; at: number } {
  const at = SLOT0 + n * 16;
  return { pkgIdx: buf.readUInt32LE(at + 4), blkOff: buf.readUInt32LE(at + 8), blkCnt: buf.readUInt32LE(at + 12), at };
}

describe('adler32', () => {
  it('matches the RFC 1950 example and zlib on long input', () => {
    expect(adler32(Buffer.from('Wikipedia'))).toBe(0x11e60398);
    const data = readFileSync(join(CONFORMANCE, 'libuuid__Packages'));
    const zlib = execFileSync('/usr/bin/python3', ['-c', 'import sys, zlib; print(zlib.adler32(sys.stdin.buffer.read()))'], { input: data });
    expect(adler32(data)).toBe(Number(zlib.toString().trim()));
  });
});

describe('hostile NDB files', () => {
  it('reports a blob whose checksum fails and reads the others', () => {
    const buf = original();
    const first = slot(buf, 0);
    buf[first.blkOff * 16 + 100] = (buf[first.blkOff * 16 + 100] ?? 0) ^ 0xff;
    const db = readNdbPackages(buf);
    expect(db.problems).toEqual([`package ${first.pkgIdx} (slot 2): blob checksum (adler32) mismatch`]);
    expect(db.headers).toHaveLength(34);
  });

  it('reports truncation and keeps what lies before it', () => {
    const buf = original();
    const db = readNdbPackages(buf.subarray(0, Math.floor(buf.length / 2)));
    expect(db.problems.join('\n')).toMatch(/lies beyond the end of the file/);
    expect(db.headers.length).toBeGreaterThan(0);
    expect(db.headers.length).toBeLessThan(35);
  });

  it('reports slots that point at the wrong blob, overlap or are absurd', () => {
    const buf = original();
    const [a, b, c] = [slot(buf, 0), slot(buf, 1), slot(buf, 2)];
    buf.writeUInt32LE(999, a.at + 4); // package number that the blob does not carry
    buf.writeUInt32LE(b.blkOff, c.at + 8); // c now overlaps b
    buf.writeUInt32LE(c.blkCnt, c.at + 12);
    const db = readNdbPackages(buf);
    expect(db.problems).toContain(`package 999 (slot 2): blob belongs to package ${a.pkgIdx}`);
    expect(db.problems.join('\n')).toMatch(new RegExp(`package ${c.pkgIdx} \\(slot 4\\): overlaps the previous blob`));
    const absurd = original();
    absurd.writeUInt32LE(0xffffffff, slot(absurd, 0).at + 12);
    expect(readNdbPackages(absurd).problems.join('\n')).toMatch(/slot 2: package \d+ lies beyond the end/);
  });

  it('rejects a broken file header or slot table', () => {
    const pages = original();
    pages.writeUInt32LE(0x7fffffff, 12);
    expect(() => readNdbPackages(pages)).toThrow(/claims 2147483647 slot pages/);
    const version = original();
    version.writeUInt32LE(1, 4);
    expect(() => readNdbPackages(version)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    const magic = original();
    magic.write('Slop', SLOT0 + 16 * 5, 'latin1');
    expect(() => readNdbPackages(magic)).toThrow(/slot 7 has no "Slot" magic/);
    expect(() => readNdbPackages(Buffer.from('RpmP'))).toThrow(/shorter than its header/);
  });

  it('survives random damage without crashing', () => {
    const base = original();
    let seed = 99;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 150; round++) {
      const buf = Buffer.from(base);
      // Aim half of the damage at the slot page, where it changes the structure.
      for (let k = 0; k <= random(6); k++) buf[random(2) === 0 ? random(4096) : random(buf.length)] = random(256);
      const start = performance.now();
      try {
        const listing = listRpmPackages(buf);
        expect(listing.problems.join('\n')).not.toMatch(/out of range|RangeError/);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
      }
      expect(performance.now() - start).toBeLessThan(1000);
    }
  });
});
