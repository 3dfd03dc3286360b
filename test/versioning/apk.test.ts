import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { apkScheme, apkVersionMatches, compareApkLenient, isValidApk, parseApk } from '../../src/versioning/apk.js';
import { findScheme } from '../../src/versioning/index.js';
import { InvalidVersionError } from '../../src/versioning/scheme.js';
import { readVectors } from './conformance-tsv.js';

describe('apk: validity (apk-tools test/unit/version.data, go-apk-version)', () => {
  it.each(['apk-apk-tools-validity.tsv', 'apk-go-apk-version-validity.tsv'])('%s', (file) => {
    const rows = readVectors(file);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      const v = r['version'] ?? '';
      const valid = r['expected'] === 'valid';
      expect(isValidApk(v), `${file}:${r.line} ${JSON.stringify(v)}`).toBe(valid);
      if (valid) expect(() => parseApk(v)).not.toThrow();
      else expect(() => parseApk(v)).toThrow(InvalidVersionError);
    }
  });

  it('names the version and where it stops making sense', () => {
    expect(() => parseApk('1.0_foo')).toThrow(/invalid apk version "1.0_foo".*stops at "foo"|stops/);
    expect(() => parseApk('')).toThrow('version string is empty');
    expect(() => parseApk('1.0\u00e9')).toThrow(InvalidVersionError);
  });
});

describe('apk: fuzzy operators (version.data ~, <~, >~)', () => {
  it('every fuzzy row holds or fails as apk-tools says', () => {
    const rows = readVectors('apk-apk-tools-fuzzy.tsv');
    expect(rows.length).toBe(16);
    for (const r of rows) {
      const [a, op, b] = [r['a'] ?? '', r['op'] ?? '', r['b'] ?? ''];
      expect(apkVersionMatches(a, op, b, true), `line ${r.line}`).toBe(r['holds'] === 'true');
      // "3.6.9_post1" is not an apk version (no _post suffix): drydock refuses it, apk-tools matches its prefix
      if (isValidApk(a) && isValidApk(b)) expect(apkVersionMatches(a, op, b), `line ${r.line}`).toBe(r['holds'] === 'true');
      else expect(() => apkVersionMatches(a, op, b)).toThrow(InvalidVersionError);
    }
    expect(rows.filter((r) => !isValidApk(r['a'] ?? '')).map((r) => r['a'])).toEqual(['3.6.9_post1', '3.6.9_post1']);
  });

  it('plain operators', () => {
    expect(apkVersionMatches('1.2-r1', '>=', '1.2-r1')).toBe(true);
    expect(apkVersionMatches('1.2-r1', '<', '1.2-r1')).toBe(false);
    expect(apkVersionMatches('1.2_rc1', '<', '1.2')).toBe(true);
    expect(() => apkVersionMatches('1.2', '!=', '1.3')).toThrow(/operator/);
  });
});

describe('apk ordering', () => {
  // Each expectation follows from a rule stated in apk-tools' src/version.c (see apk.ts).
  it.each([
    ['1.0_alpha1', '1.0_beta', -1], // suffix kind first, then its number
    ['1.0_rc9', '1.0', -1], // pre-release suffixes sort before the plain version
    ['1.0', '1.0_p1', -1], // post-release suffixes after it
    ['1.0_git20240101', '1.0_p1', -1],
    ['1.0_p1', '1.0a', -1], // a letter beats a suffix
    ['1.0a', '1.0.1', -1], // a further number beats a letter
    ['1.0-r1', '1.0_p1', -1], // a suffix beats a revision
    ['1.0-r9', '1.0-r10', -1],
    ['1.01', '1.1', -1], // leading zero: string comparison ("01" < "1")
    ['1.001', '1.01', -1],
    ['01.1', '1.1', 0], // but not for the first number
    ['1.0~abc', '1.0~abd', -1], // commit hashes as strings
    ['1.0', '1.0~abc', -1], // the longer token stream is newer unless its next token is a pre-release suffix
    ['1.0_rc1', '1.0_rc1~abc', -1],
    ['1.0~abc-r1', '1.0~abc-r2', -1],
    ['99999999999999999999999', '99999999999999999999998', 1], // exact beyond uint64
    ['1.99999999999999999999', '1.100000000000000000000', -1],
  ] as const)('compare(%s, %s) = %i', (a, b, want) => {
    expect(apkScheme.compare(a, b)).toBe(want);
    expect(apkScheme.compare(b, a)).toBe(want === 0 ? 0 : -want);
  });

  it('refuses to order invalid versions, while apk-tools orders them by their valid prefix', () => {
    expect(() => apkScheme.compare('1.0', '1.0bc')).toThrow(InvalidVersionError);
    expect(compareApkLenient('1.0', '1.0bc')).toBe(-1);
    expect(compareApkLenient('23_foo', '4_beta')).toBe(1);
    expect(compareApkLenient('', '')).toBe(0);
  });

  it('is found by its aliases', () => {
    for (const name of ['apk', 'alpine', 'Wolfi', 'chainguard']) expect(findScheme(name)).toBe(apkScheme);
  });
});

describe('apk: real versions', () => {
  const root = `${REPO_ROOT}/../shared/vulndata/alpine`;

  it('every fixed version in the Alpine secdb sample (vuln-list-alpine) is valid', () => {
    const versions = new Set<string>();
    for (const branch of ['3.18', '3.19', '3.20']) {
      for (const f of readdirSync(`${root}/vuln-list-alpine/${branch}/main`)) {
        const doc = JSON.parse(readFileSync(`${root}/vuln-list-alpine/${branch}/main/${f}`, 'utf8')) as { secfixes: Record<string, unknown> };
        for (const v of Object.keys(doc.secfixes)) versions.add(v);
      }
    }
    expect(versions.size).toBeGreaterThan(50);
    expect([...versions].filter((v) => !isValidApk(v))).toEqual([]);
  });

  it('the legacy secdb YAML (v3.9-v3.11): valid except the typos apk-tools would refuse too', () => {
    const versions = new Set<string>();
    for (const branch of ['v3.9', 'v3.10', 'v3.11']) {
      for (const repo of ['main', 'community']) {
        const doc = parseYaml(readFileSync(`${root}/alpine-secdb-legacy/${branch}/${repo}.yaml`, 'utf8'), { schema: 'failsafe' }) as {
          packages: Array<{ pkg: { secfixes?: Record<string, unknown> } }>;
        };
        for (const p of doc.packages) for (const v of Object.keys(p.pkg.secfixes ?? {})) versions.add(v);
      }
    }
    expect(versions.size).toBeGreaterThan(500);
    expect([...versions].filter((v) => !isValidApk(v)).sort()).toEqual(LEGACY_INVALID);
  });
});

/** Fixed versions in the legacy secdb that are not apk versions (typos in the feed): matchers see unknowns. */
const LEGACY_INVALID = ['2.7.16-33', '4.10-1-r1', '4.8.0.-r1', '6.6.2p1-r0'];
