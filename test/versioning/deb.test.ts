import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { findScheme } from '../../src/versioning/index.js';
import { debCompareFragment, debScheme, parseDeb, parseDebDetailed } from '../../src/versioning/deb.js';
import { InvalidVersionError } from '../../src/versioning/scheme.js';
import { readVectors } from './conformance-tsv.js';
import { aptCompare } from './reference.js';

describe('deb: dpkg parseversion vectors (lib/dpkg/t/t-version.c)', () => {
  const rows = readVectors('deb-dpkg-parse.tsv');

  it('has the 80 upstream cases', () => expect(rows.length).toBe(80));

  it('valid rows split into the same epoch / upstream / revision, without a warning', () => {
    const valid = rows.filter((r) => r['result'] === 'valid');
    expect(valid.length).toBeGreaterThan(10);
    for (const r of valid) {
      const got = parseDebDetailed(r['input'] ?? '');
      expect(got, `line ${r.line}`).toEqual({
        version: { epoch: Number(r['epoch']), upstream: r['upstream'], revision: r['revision'] },
        warning: undefined,
      });
    }
  });

  it('error rows throw InvalidVersionError naming the version', () => {
    const errors = rows.filter((r) => r['result'] === 'error');
    expect(errors.length).toBe(12);
    for (const r of errors) {
      const input = r['input'] ?? '';
      expect(() => parseDeb(input), `line ${r.line} ${JSON.stringify(input)}`).toThrow(InvalidVersionError);
      expect(() => parseDeb(input)).toThrow(`"${input}"`);
    }
  });

  it('warning rows parse (dpkg still orders them) and report dpkg’s warning', () => {
    const warnings = rows.filter((r) => r['result'] === 'warning');
    expect(warnings.length).toBeGreaterThan(40);
    for (const r of warnings) expect(parseDebDetailed(r['input'] ?? '').warning, `line ${r.line}`).toMatch(/digit|invalid character/);
  });
});

describe('deb ordering', () => {
  it('orders the upstream sort list of dpkg’s Dpkg_Version.t end to end', () => {
    const list = ['0~999.999zeta', '0.0-0.0alpha0', '0:1.0-0', '5.0abc', '10.100.1-1', '4:4-4'];
    const shuffled = [...list].reverse();
    expect(shuffled.sort(debScheme.compare)).toEqual(list);
  });

  const CASES = [
    ['1.0~rc1', '1.0', -1],
    ['1.0~~', '1.0~', -1],
    ['1.0~', '1.0', -1],
    ['1.0', '1.0+b1', -1],
    ['1.0', '1.0a', -1],
    ['1.0a', '1.0.', -1], // letters sort before non-letters
    ['1.0-1', '1.0-1~bpo1', 1],
    ['1.0', '1.0-0', 0], // no revision equals revision 0
    ['1:0.1', '2.0', 1],
    ['0:2.0', '2.0', 0],
    ['00:2.0', '2.0', 0],
    ['1.002', '1.2', 0], // leading zeros in digit runs are insignificant
    ['1.0-1ubuntu1', '1.0-1', 1],
    ['2.36-9+deb12u4', '2.36-9+deb12u10', -1],
    ['12345678901234567890123456789', '12345678901234567890123456788', 1], // no Number overflow
    ['1.99999999999999999999999999999', '1.100000000000000000000000000000', -1],
    ['1.2-3-4', '1.2-3-5', -1], // revision after the LAST hyphen
    ['1:2:3', '1:2:3', 0],
  ] as const;

  it.each(CASES)('compare(%s, %s) = %i', (a, b, want) => {
    expect(debScheme.compare(a, b)).toBe(want);
    expect(debScheme.compare(b, a)).toBe(want === 0 ? 0 : -want);
  });

  it('the hand-picked expectations above are what libapt-pkg says', () => {
    const apt = aptCompare(CASES.map(([a, b]) => [a, b] as const));
    expect(apt.map(Math.sign)).toEqual(CASES.map((c) => c[2]));
  });

  it('fragment comparison is verrevcmp on its own', () => {
    expect(debCompareFragment('1ubuntu1', '1ubuntu3.1')).toBe(-1);
    expect(debCompareFragment('', '0')).toBe(0);
    expect(debCompareFragment('~', '')).toBe(-1);
    expect(debCompareFragment('a', '')).toBe(1);
  });

  it('parses into a compact value and trims surrounding blanks like dpkg', () => {
    expect(parseDeb(' 1:2.3-4 ')).toEqual({ epoch: 1, upstream: '2.3', revision: '4' });
    expect(parseDeb('2.3')).toEqual({ epoch: 0, upstream: '2.3', revision: '' });
  });

  it.each(['', ' ', '\n1.0', '1.0 1', '-1:1.0', 'a:1.0', '1:', '1.0-', '2147483648:1.0', '1.0\u00e9', '1.0\u0000'])('rejects %j', (v) => {
    expect(() => parseDeb(v)).toThrow(InvalidVersionError);
  });

  it('accepts the largest epoch dpkg accepts', () => expect(parseDeb('2147483647:1').epoch).toBe(2147483647));

  it('is found by its aliases', () => {
    for (const name of ['deb', 'debian', 'Ubuntu', 'dpkg']) expect(findScheme(name)).toBe(debScheme);
  });
});

describe('deb: real versions', () => {
  it('every package version installed on this machine (dpkg-query) parses without a warning', () => {
    const out = execFileSync('dpkg-query', ['-W', '-f', '${Version}\n'], { encoding: 'utf8' });
    const versions = [...new Set(out.split('\n').filter(Boolean))];
    expect(versions.length).toBeGreaterThan(100);
    for (const v of versions) expect(parseDebDetailed(v).warning, v).toBeUndefined();
  });

  it('every fixed version in the Debian DSA/DLA lists parses', () => {
    const root = `${REPO_ROOT}/../shared/vulndata/debian/security-tracker-CVEDB-mirror/data`;
    const versions = new Set<string>();
    for (const list of ['DSA/list', 'DLA/list']) {
      for (const m of readFileSync(`${root}/${list}`, 'utf8').matchAll(/^\s+\[[a-z]+\] - \S+ (\S+)/gm)) {
        if (m[1] && m[1] !== '<not-affected>' && m[1] !== '<unfixed>') versions.add(m[1]);
      }
    }
    expect(versions.size).toBeGreaterThan(500);
    for (const v of versions) expect(() => parseDeb(v), v).not.toThrow();
  });
});
