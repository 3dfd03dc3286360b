/**
 * Advisory/CVE body encoding: short bodies are stored as JSON (decoding them costs one JSON.parse —
 * the matcher decodes hundreds per scan), long ones deflated with the DB's dictionary; both read back
 * exactly, and a damaged row is an INPUT error, never a crash or a silently empty advisory.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { pep440EqualityKeys } from '../../../src/versioning/pep440-version.js';
import type { AffectedPackage } from '../../../src/vulndb/model.js';
import { DEFLATE_THRESHOLD, decodeBody, decodeEntriesInto, dictionaryBuffer, encodeBody, encodeEntry, ZDICT } from '../../../src/vulndb/sqlite/codec.js';
import { affectedOf, osvRecord } from '../../matching/osv-records.js';
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

describe('affected entry codec', () => {
  function decoded(entries: unknown[], namespace: string, name: string): Array<{ a: AffectedPackage; keys: string | undefined }> {
    const out: Array<{ a: AffectedPackage; keys: string | undefined }> = [];
    decodeEntriesInto(JSON.stringify(entries), namespace, name, 'affected test', out, (a, keys) => ({ a, keys }));
    return out;
  }

  it('a PyPI versions list is stored with its PEP 440 equality keys, one line per version, and read back with them', () => {
    const [pyyaml] = affectedOf(osvRecord('pypi/pypa-advisory-database/vulns/pyyaml/PYSEC-2021-142.yaml'), 'pypi');
    if (!pyyaml) throw new Error('no pyyaml entry in the sample');
    expect(pyyaml.versions.length).toBeGreaterThan(10);
    const stored = encodeEntry(pyyaml);
    expect(stored.vk).toBe(pep440EqualityKeys(pyyaml.versions).join('\n'));
    expect(stored.vk?.split('\n')).toHaveLength(pyyaml.versions.length);
    const [back] = decoded([stored], 'pypi', pyyaml.name);
    expect(back?.a).toEqual(pyyaml);
    expect(back?.keys).toBe(stored.vk);
  });

  it('lists of schemes without equality keys, and entries without a list, carry none; a key field of the wrong type is a damaged row', () => {
    const npm: AffectedPackage = { namespace: 'npm', name: 'x', status: 'affected', ranges: [], versions: ['1.0.0', '1.0.1'] };
    const noList: AffectedPackage = { namespace: 'pypi', name: 'x', status: 'affected', ranges: [], versions: [] };
    expect(encodeEntry(npm)).not.toHaveProperty('vk');
    expect(encodeEntry(noList)).not.toHaveProperty('vk');
    expect(decoded([encodeEntry(npm)], 'npm', 'x')[0]?.keys).toBeUndefined();
    expect(() => decoded([{ s: 'affected', v: ['1.0'], vk: ['1'] }], 'pypi', 'x')).toThrow(AppError);
  });
});
