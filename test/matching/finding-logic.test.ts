import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/matching/finding.js';
import { fixAdvice } from '../../src/matching/fix-advice.js';
import { findingIdOf } from '../../src/matching/identity.js';
import { compareRisk, sortByRisk } from '../../src/matching/risk.js';

function finding(f: Partial<Finding> & { id: string; pkg: string; ns?: string; version?: string }): Finding {
  const { pkg, ns = 'alpine:3.20', version = '1.0-r0', ...rest } = f;
  return {
    aliases: [],
    package: { id: `id-${pkg}`, type: 'apk', name: pkg, version, purl: `pkg:apk/alpine/${pkg}@${version}`, location: '/lib/apk/db/installed' },
    status: f.fixedVersion === undefined ? 'affected' : 'fixed',
    severity: 'medium',
    severitySource: 'nvd',
    ratings: [],
    cwes: [],
    references: [],
    evidence: { feed: 'alpine-secdb', namespace: ns, advisoryId: f.id, via: 'binary', matchedName: pkg, matchedVersion: version, range: 'introduced 0' },
    ...rest,
  };
}

describe('finding ids', () => {
  it('a CVE advisory is its own id; one CVE alias becomes the id; several (or none) keep the advisory id', () => {
    expect(findingIdOf('CVE-2024-9143', ['GHSA-x'])).toBe('CVE-2024-9143');
    expect(findingIdOf('GHSA-7g45-4rm6-3mm3', ['CVE-2023-2976'])).toBe('CVE-2023-2976');
    expect(findingIdOf('GO-2022-0493', ['CVE-2022-29526', 'GHSA-p782-xgp4-8hr8'])).toBe('CVE-2022-29526');
    expect(findingIdOf('DSA-5514-1', ['CVE-2023-4911', 'CVE-2023-4806'])).toBe('DSA-5514-1');
    expect(findingIdOf('NSWG-ECO-368', [])).toBe('NSWG-ECO-368');
  });
});

describe('risk order', () => {
  it('KEV, then severity, then CVSS, then EPSS, then id', () => {
    const list = [
      finding({ id: 'CVE-5', pkg: 'a', severity: 'high', epss: { cve: 'CVE-5', score: 0.9, percentile: 0.9 } }),
      finding({ id: 'CVE-4', pkg: 'a', severity: 'high', cvss: { version: '3.1', vector: 'v', score: 8.1, source: 'nvd' } }),
      finding({ id: 'CVE-3', pkg: 'a', severity: 'critical' }),
      finding({ id: 'CVE-2', pkg: 'a', severity: 'low', kev: { cve: 'CVE-2', dateAdded: '2024-01-01' } }),
      finding({ id: 'CVE-1', pkg: 'a', severity: 'high' }),
    ];
    expect(list.sort(compareRisk).map((f) => f.id)).toEqual(['CVE-2', 'CVE-3', 'CVE-4', 'CVE-5', 'CVE-1']);
  });

  it('sortByRisk orders exactly as compareRisk, ties and all, in place', () => {
    let seed = 11;
    const pick = <T,>(xs: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return xs[seed % xs.length] as T;
    };
    const severities = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'] as const;
    const list = Array.from({ length: 600 }, (_, i) => {
      const id = pick(['CVE-1', 'CVE-2', 'GHSA-x', 'CVE-10']);
      const f = finding({ id, pkg: pick(['a', 'b', 'c']), version: pick(['1', '2']), severity: pick(severities) });
      f.package.id = `id-${i % 7}`;
      const score = pick([undefined, 5, 7.5, 9.8]);
      if (score !== undefined) f.cvss = { version: '3.1', vector: 'v', score, source: 'nvd' };
      const epss = pick([undefined, 0.1, 0.5]);
      if (epss !== undefined) f.epss = { cve: id, score: epss, percentile: 0.5 };
      if (pick([false, false, true])) f.kev = { cve: id, dateAdded: '2024-01-01' };
      return f;
    });
    const expected = [...list].sort(compareRisk);
    const same = sortByRisk(list);
    expect(same).toBe(list);
    expect(list).toEqual(expected);
    expect(list.every((f, i) => f === expected[i])).toBe(true);
  });
});

describe('fix advice', () => {
  it('per package the highest fixed version by the scheme (apk -r ordering, not string order); unfixable counted apart', () => {
    const r = fixAdvice([
      finding({ id: 'CVE-1', pkg: 'openssl', version: '3.3.2-r0', fixedVersion: '3.3.2-r9' }),
      finding({ id: 'CVE-2', pkg: 'openssl', version: '3.3.2-r0', fixedVersion: '3.3.2-r10' }),
      finding({ id: 'CVE-3', pkg: 'openssl', version: '3.3.2-r0' }),
      finding({ id: 'CVE-4', pkg: 'musl', version: '1.2.5-r0' }),
    ]);
    expect(r.fixAdvice).toEqual([
      { packageId: 'id-openssl', name: 'openssl', installedVersion: '3.3.2-r0', upgradeTo: '3.3.2-r10', fixes: 2, remaining: 1 },
      { packageId: 'id-musl', name: 'musl', installedVersion: '1.2.5-r0', fixes: 0, remaining: 1 },
    ]);
    expect(r).toMatchObject({ upgradePackages: 1, upgradeRemoves: 2 });
  });

  it('Go fixes with a `v` are ordered by the Go scheme', () => {
    const r = fixAdvice([
      finding({ id: 'CVE-1', pkg: 'stdlib', ns: 'go', version: 'v1.19.8', fixedVersion: 'v1.19.10' }),
      finding({ id: 'CVE-2', pkg: 'stdlib', ns: 'go', version: 'v1.19.8', fixedVersion: 'v1.19.9' }),
    ]);
    expect(r.fixAdvice[0]?.upgradeTo).toBe('v1.19.10');
  });
});
