/**
 * The DB stores an entry's `versions` list without the versions its own ECOSYSTEM ranges cover. The
 * claim that makes this safe — a match against the stored entry is the match against the whole list —
 * is checked on every real PyPA entry of the sample, for every listed version in several PEP 440
 * spellings and for versions around them, plus the cases where nothing may be dropped.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateAffected, type AffectedVerdict } from '../../../src/matching/affected.js';
import { ParseCache } from '../../../src/matching/parse-cache.js';
import { schemeById } from '../../../src/versioning/index.js';
import type { AffectedPackage } from '../../../src/vulndb/model.js';
import { withoutCoveredVersions } from '../../../src/vulndb/sqlite/listed-versions.js';
import { affectedOf, osvRecord, VULNDATA } from '../../matching/osv-records.js';

const pep440 = { scheme: schemeById('pep440'), semver: schemeById('semver') };

function shown(v: AffectedVerdict): AffectedVerdict | { kind: 'not-affected'; byStatus: boolean } {
  return v.kind === 'not-affected' ? { kind: v.kind, byStatus: v.byStatus } : v;
}

function pypaEntries(): AffectedPackage[] {
  const root = join(VULNDATA, 'pypi', 'pypa-advisory-database', 'vulns');
  return readdirSync(root).flatMap((pkg) => readdirSync(join(root, pkg)).flatMap((f) => affectedOf(osvRecord(`pypi/pypa-advisory-database/vulns/${pkg}/${f}`), 'pypi')));
}

describe('stored versions lists', () => {
  const entries = pypaEntries();

  it('every real PyPA entry matches the same with its stored list as with the whole list', () => {
    let listed = 0;
    let dropped = 0;
    let checked = 0;
    for (const whole of entries) {
      const stored = withoutCoveredVersions(whole);
      listed += whole.versions.length;
      dropped += whole.versions.length - stored.versions.length;
      expect(stored.versions.every((v) => whole.versions.includes(v))).toBe(true);
      const probes = whole.versions.flatMap((v) => [v, `${v}.0`, `0!${v}`, v.toUpperCase(), `${v}.post1`, `${v}.dev0`, `${v}1`]);
      for (const installed of [...probes, '0.0.1', '999.0']) {
        const a = evaluateAffected(whole, installed, { ...pep440, cache: new ParseCache() });
        const b = evaluateAffected(stored, installed, { ...pep440, cache: new ParseCache() });
        // A not-affected verdict's reason counts the listed versions; nothing else may differ.
        expect(shown(b), `${whole.name} ${installed}`).toEqual(shown(a));
        checked++;
      }
    }
    expect(entries.length).toBeGreaterThan(100);
    expect(checked).toBeGreaterThan(50_000);
    // Nearly every listed version is inside the ranges it was listed with.
    expect(dropped / listed).toBeGreaterThan(0.9);
  });

  it('keeps what the ranges do not settle: versions outside them, GIT-only and SEMVER-only ranges, unreadable events, namespaces without a scheme', () => {
    const base: AffectedPackage = { namespace: 'pypi', name: 'x', status: 'fixed', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.2' }] }], versions: ['0.9', '1.0', '1.1.5', '1.2', 'not a version'] };
    expect(withoutCoveredVersions(base).versions).toEqual(['0.9', '1.2', 'not a version']);
    const git: AffectedPackage = { ...base, ranges: [{ type: 'GIT', events: [{ introduced: '0' }, { fixed: 'abc123' }] }] };
    expect(withoutCoveredVersions(git)).toBe(git);
    const semverOnly: AffectedPackage = { ...base, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] };
    expect(withoutCoveredVersions(semverOnly)).toBe(semverOnly);
    const badEvent: AffectedPackage = { ...base, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: 'french toast' }] }] };
    expect(withoutCoveredVersions(badEvent).versions).toEqual(base.versions);
    const noScheme: AffectedPackage = { ...base, namespace: 'hex' };
    expect(withoutCoveredVersions(noScheme)).toBe(noScheme);
    expect(withoutCoveredVersions({ ...base, versions: [] }).versions).toEqual([]);
  });
});
