/**
 * Advisory/CVE body encoding: short bodies are stored as JSON (decoding them costs one JSON.parse —
 * the matcher decodes hundreds per scan), long ones deflated with the DB's dictionary; both read back
 * exactly, and a damaged row is an INPUT error, never a crash or a silently empty advisory.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { DEFLATE_THRESHOLD, decodeBody, dictionaryBuffer, encodeBody, ZDICT } from '../../../src/vulndb/sqlite/codec.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';

const GO_VULNDB = join(REPO_ROOT, '..', 'shared', 'vulndata', 'go', 'golang-vulndb');

function realRecords(limit: number): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (out.length >= limit) return;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) out.push(JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>);
    }
  };
  walk(GO_VULNDB);
  return out;
}

describe('body codec', () => {
  const dict = dictionaryBuffer(ZDICT);
  const records = realRecords(200);

  it('round-trips real Go vulndb records, JSON text below the threshold and deflated above it', () => {
    expect(records.length).toBeGreaterThan(50);
    let raw = 0;
    let deflated = 0;
    for (const r of records) {
      const stored = encodeBody(r, dict);
      const size = Buffer.byteLength(JSON.stringify(r));
      if (size < DEFLATE_THRESHOLD) {
        expect(stored).toBe(JSON.stringify(r));
        raw++;
      } else {
        expect(Buffer.isBuffer(stored) && stored[0]).toBe(1);
        expect(stored.length).toBeLessThan(size);
        deflated++;
      }
      expect(decodeBody(stored, dict, 'test')).toEqual(r);
    }
    // The sample has both kinds, so both paths ran.
    expect(raw).toBeGreaterThan(0);
    expect(deflated).toBeGreaterThan(0);
  });

  it('rejects damaged rows with an INPUT error naming the row', () => {
    const blob = encodeBody(records.find((r) => Buffer.byteLength(JSON.stringify(r)) >= DEFLATE_THRESHOLD) ?? {}, dict);
    if (typeof blob === 'string') throw new Error('expected a deflated record');
    const cases: unknown[] = [Buffer.alloc(0), Buffer.from([7, 123, 125]), Buffer.concat([blob.subarray(0, 20)]), Buffer.from([0, 91, 93]), Buffer.from([0, 123, 125]), Buffer.from([1]), '[]', 'null', '{"a":', 42, null];
    for (const c of cases) {
      let err: unknown;
      try {
        decodeBody(c, dict, 'advisory GHSA-test');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INPUT');
      expect((err as AppError).message).toContain('advisory GHSA-test');
    }
  });
});
