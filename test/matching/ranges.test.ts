import { describe, expect, it } from 'vitest';
import { evaluateAffected, type AffectedVerdict } from '../../src/matching/affected.js';
import { ParseCache } from '../../src/matching/parse-cache.js';
import { evaluateRange } from '../../src/matching/ranges.js';
import { schemeById } from '../../src/versioning/index.js';
import { pep440EqualityKeys } from '../../src/versioning/pep440-version.js';
import type { SchemeId } from '../../src/versioning/scheme.js';
import type { AffectedPackage, VersionRange } from '../../src/vulndb/model.js';
import { affectedOf, osvRecord } from './osv-records.js';

const cache = new ParseCache();
const semver = schemeById('semver');

/** OSV: an advisory affects a version when any of its entries for the package does (union). */
function verdictOf(entries: readonly AffectedPackage[], version: string, scheme: SchemeId | undefined): AffectedVerdict {
  const ctx = { scheme: scheme === undefined ? undefined : schemeById(scheme), semver, cache };
  const all = entries.map((e) => evaluateAffected(e, version, ctx));
  return all.find((v) => v.kind === 'affected') ?? all.find((v) => v.kind === 'unknown') ?? all[0] ?? { kind: 'not-affected', why: 'no entry', byStatus: false };
}

function fixOf(v: AffectedVerdict): string | undefined | null {
  return v.kind === 'affected' ? (v.fixed ?? null) : undefined;
}

describe('OSV ranges on real GHSA records', () => {
  const semverAdv = affectedOf(osvRecord('npm/ghsa-osv/advisories/github-reviewed/2023/06/GHSA-c2qf-rxjj-qqgw/GHSA-c2qf-rxjj-qqgw.json'), 'npm');

  it('semver (GHSA-c2qf-rxjj-qqgw): three branches, the fix of the branch the version is on', () => {
    expect(semverAdv).toHaveLength(3);
    const table: Array<[string, string | undefined | null]> = [
      ['7.5.1', '7.5.2'],
      ['7.0.0', '7.5.2'], // introduced is inclusive
      ['7.5.2', undefined], // fixed is exclusive
      ['7.6.3', undefined], // the node-app fixture's version
      ['6.3.0', '6.3.1'],
      ['6.3.1', undefined],
      ['6.0.0', '6.3.1'],
      ['5.7.1', '5.7.2'],
      ['0.0.1', '5.7.2'], // introduced "0": before every version
      ['5.7.2', undefined],
      ['7.0.0-rc.1', undefined], // node-semver order: a 7.0.0 pre-release is below introduced 7.0.0, above 5.7.2
    ];
    for (const [v, fix] of table) expect([v, fixOf(verdictOf(semverAdv, v, 'npm'))]).toEqual([v, fix]);
  });

  it('vm2 (GHSA-cchq-frgv-rjh5): last_affected is inclusive and gives no fix', () => {
    const vm2 = affectedOf(osvRecord('npm/ghsa-osv/advisories/github-reviewed/2023/07/GHSA-cchq-frgv-rjh5/GHSA-cchq-frgv-rjh5.json'), 'npm');
    expect(fixOf(verdictOf(vm2, '3.9.19', 'npm'))).toBeNull();
    expect(fixOf(verdictOf(vm2, '3.9.18', 'npm'))).toBeNull();
    expect(fixOf(verdictOf(vm2, '3.9.20', 'npm'))).toBeUndefined();
  });

  it('ws (GHSA-3h5v-q93c-6h6q): four branch ranges, the gap between branches is not affected', () => {
    const ws = affectedOf(osvRecord('npm/ghsa-osv/abridged/advisories/github-reviewed/2024/06/GHSA-3h5v-q93c-6h6q/GHSA-3h5v-q93c-6h6q.json'), 'npm');
    expect(fixOf(verdictOf(ws, '2.0.0', 'npm'))).toBeUndefined(); // below introduced 2.1.0
    expect(fixOf(verdictOf(ws, '5.2.3', 'npm'))).toBe('5.2.4');
    expect(fixOf(verdictOf(ws, '5.2.4', 'npm'))).toBeUndefined(); // 5.2.4 .. 6.0.0 is fixed
    expect(fixOf(verdictOf(ws, '7.5.9', 'npm'))).toBe('7.5.10');
    expect(fixOf(verdictOf(ws, '8.17.0', 'npm'))).toBe('8.17.1');
    expect(fixOf(verdictOf(ws, '8.17.1', 'npm'))).toBeUndefined();
  });

  it('guava (GHSA-7g45-4rm6-3mm3): Maven order, `32.0.0-jre` sorts after the fixed `32.0.0`', () => {
    const guava = affectedOf(osvRecord('maven/ghsa-osv/advisories/github-reviewed/2023/06/GHSA-7g45-4rm6-3mm3/GHSA-7g45-4rm6-3mm3.json'), 'maven');
    expect(fixOf(verdictOf(guava, '31.1-jre', 'maven'))).toBe('32.0.0'); // the java-app fixture's guava
    expect(fixOf(verdictOf(guava, '32.0.0-android', 'maven'))).toBeUndefined();
    expect(fixOf(verdictOf(guava, '32.0.0-jre', 'maven'))).toBeUndefined();
    expect(fixOf(verdictOf(guava, '0.9', 'maven'))).toBeUndefined(); // introduced 1.0
  });

  it('jackson-databind (GHSA-57j2-w4cx-62h2): four-component versions', () => {
    const jd = affectedOf(osvRecord('maven/ghsa-osv/advisories/github-reviewed/2022/03/GHSA-57j2-w4cx-62h2/GHSA-57j2-w4cx-62h2.json'), 'maven');
    expect(fixOf(verdictOf(jd, '2.13.2', 'maven'))).toBe('2.13.2.1');
    expect(fixOf(verdictOf(jd, '2.13.2.1', 'maven'))).toBeUndefined();
    expect(fixOf(verdictOf(jd, '2.12.6', 'maven'))).toBe('2.12.6.1');
    expect(fixOf(verdictOf(jd, '2.12.7', 'maven'))).toBeUndefined(); // between the branches
    expect(fixOf(verdictOf(jd, '2.14.0', 'maven'))).toBeUndefined(); // the java-app fixture's version
  });

  it('Spring4Shell (GHSA-36p3-wjmg-h94x): `.RELEASE` qualifiers', () => {
    const rec = osvRecord('maven/ghsa-osv/abridged/advisories/github-reviewed/2022/03/GHSA-36p3-wjmg-h94x/GHSA-36p3-wjmg-h94x.json');
    const beans = affectedOf(rec, 'maven', 'org.springframework:spring-beans');
    expect(fixOf(verdictOf(beans, '5.2.19.RELEASE', 'maven'))).toBe('5.2.20.RELEASE');
    expect(fixOf(verdictOf(beans, '5.2.20.RELEASE', 'maven'))).toBeUndefined();
    expect(fixOf(verdictOf(beans, '5.3.17', 'maven'))).toBe('5.3.18');
  });
});

describe('OSV ranges on real Go vulndb records (SEMVER)', () => {
  const toolchain = affectedOf(osvRecord('go/golang-vulndb/data/osv/GO-2021-0068.json'), 'go');

  it('GO-2021-0068 toolchain: two intervals in one range; pre-release 1.15.0-0 opens the second', () => {
    expect(toolchain[0]?.ranges[0]?.type).toBe('SEMVER');
    expect(fixOf(verdictOf(toolchain, '1.14.13', 'go'))).toBe('1.14.14');
    expect(fixOf(verdictOf(toolchain, '1.14.14', 'go'))).toBeUndefined();
    expect(fixOf(verdictOf(toolchain, '1.15.0-rc.1', 'go'))).toBe('1.15.7');
    expect(fixOf(verdictOf(toolchain, '1.15.6', 'go'))).toBe('1.15.7');
    expect(fixOf(verdictOf(toolchain, '1.15.7', 'go'))).toBeUndefined();
    expect(fixOf(verdictOf(toolchain, '1.16.0', 'go'))).toBeUndefined();
  });

  it('a `v`-prefixed installed version (Go module spelling) is read by the SemVer order', () => {
    expect(fixOf(verdictOf(toolchain, 'v1.14.13', 'go'))).toBe('1.14.14');
  });
});

describe('OSV ranges on real PyPA records', () => {
  it('PYSEC-2021-142 (pyyaml): ECOSYSTEM range and versions list agree; PEP 440 spellings compare equal', () => {
    const pyyaml = affectedOf(osvRecord('pypi/pypa-advisory-database/vulns/pyyaml/PYSEC-2021-142.yaml'), 'pypi');
    expect(fixOf(verdictOf(pyyaml, '5.1', 'pep440'))).toBe('5.4'); // the python-app lock file's pyyaml
    expect(fixOf(verdictOf(pyyaml, '5.3.1', 'pep440'))).toBe('5.4');
    expect(fixOf(verdictOf(pyyaml, '5.4', 'pep440'))).toBeUndefined();
    expect(fixOf(verdictOf(pyyaml, '6.0', 'pep440'))).toBeUndefined();
    // `5.1.0` is not listed as written, but equals the listed `5.1` by PEP 440.
    const versionsOnly = pyyaml.map((a) => ({ ...a, ranges: [] }));
    const v = verdictOf(versionsOnly, '5.1.0', 'pep440');
    expect(v).toMatchObject({ kind: 'affected', range: '= 5.1' });
    expect(fixOf(v)).toBeNull(); // a versions list says nothing about fixes
  });

  it('the equality keys the DB stores with a list decide which listed versions are compared; keys that do not line up are computed again', () => {
    const [entry] = affectedOf(osvRecord('pypi/pypa-advisory-database/vulns/pyyaml/PYSEC-2021-142.yaml'), 'pypi').map((a) => ({ ...a, ranges: [] }));
    if (!entry) throw new Error('no pyyaml entry in the sample');
    const ctx = { scheme: schemeById('pep440'), semver, cache: new ParseCache() };
    const keys = pep440EqualityKeys(entry.versions).join('\n');
    expect(evaluateAffected(entry, '5.1.0', ctx, undefined, keys)).toMatchObject({ kind: 'affected', range: '= 5.1' });
    // Every listed version in another spelling: stored keys and computed keys give the same verdict.
    for (const v of entry.versions) {
      for (const spelling of [`${v}.0`, `0!${v}`, v.toUpperCase()]) {
        expect(evaluateAffected(entry, spelling, ctx, undefined, keys), spelling).toEqual(evaluateAffected(entry, spelling, { ...ctx, cache: new ParseCache() }));
      }
    }
    // Keys naming no listed version: the stored keys are what is searched (no fallback to a full scan).
    const none = entry.versions.map(() => 'x').join('\n');
    expect(evaluateAffected(entry, '5.1.0', ctx, undefined, none)).toMatchObject({ kind: 'not-affected' });
    // One line short: not trusted, so the list is keyed afresh and the version is found.
    const short = entry.versions.slice(1).map(() => 'x').join('\n');
    expect(evaluateAffected(entry, '5.1.0', ctx, undefined, short)).toMatchObject({ kind: 'affected', range: '= 5.1' });
    // Keys stored for another namespace's scheme are not used either.
    expect(evaluateAffected({ ...entry, namespace: 'npm' }, '5.1.0', ctx, undefined, none)).toMatchObject({ kind: 'affected', range: '= 5.1' });
  });

  it('PYSEC-2021-76 (aiohttp): the GIT range is skipped, the ECOSYSTEM range decides', () => {
    const aiohttp = affectedOf(osvRecord('pypi/pypa-advisory-database/vulns/aiohttp/PYSEC-2021-76.yaml'), 'pypi');
    expect(aiohttp[0]?.ranges.map((r) => r.type)).toEqual(['GIT', 'ECOSYSTEM']);
    expect(fixOf(verdictOf(aiohttp, '3.7.3', 'pep440'))).toBe('3.7.4');
    expect(fixOf(verdictOf(aiohttp, '3.7.4', 'pep440'))).toBeUndefined();
    const gitOnly = aiohttp.map((a) => ({ ...a, ranges: a.ranges.filter((r) => r.type === 'GIT'), versions: [] }));
    expect(verdictOf(gitOnly, '3.7.3', 'pep440')).toMatchObject({ kind: 'not-affected', byStatus: false });
  });
});

describe('range evaluation edge cases (OSV schema semantics)', () => {
  const order = [schemeById('semver'), cache] as const;
  const range = (...events: VersionRange['events']): VersionRange => ({ type: 'SEMVER', events });

  it('events are sorted before evaluation (feeds need not list them in order)', () => {
    const r = range({ fixed: '2.0.0' }, { introduced: '1.5.0' }, { fixed: '1.2.0' }, { introduced: '0' });
    expect(evaluateRange(r, '1.1.0', ...order)).toMatchObject({ kind: 'in', fixed: '1.2.0' });
    expect(evaluateRange(r, '1.3.0', ...order)).toMatchObject({ kind: 'out' });
    expect(evaluateRange(r, '1.6.0', ...order)).toMatchObject({ kind: 'in', fixed: '2.0.0' });
  });

  it('limit: only versions below some limit are considered; `*` is infinity', () => {
    const r = range({ introduced: '1.0.0' }, { limit: '1.5.0' });
    expect(evaluateRange(r, '1.4.9', ...order)).toMatchObject({ kind: 'in' });
    expect(evaluateRange(r, '1.5.0', ...order)).toMatchObject({ kind: 'out' });
    expect(evaluateRange(range({ introduced: '1.0.0' }, { limit: '*' }), '99.0.0', ...order)).toMatchObject({ kind: 'in' });
  });

  it('an interval closed and reopened at the same version keeps the feed order', () => {
    const reopened = range({ introduced: '1.0.0' }, { fixed: '2.0.0' }, { introduced: '2.0.0' });
    expect(evaluateRange(reopened, '2.0.0', ...order)).toMatchObject({ kind: 'in' });
  });

  it('an "out" carries its reason only when traced (explain); a scan does not build the text', () => {
    const r = range({ introduced: '1.0.0' }, { fixed: '1.2.0' });
    expect(evaluateRange(r, '1.3.0', ...order)).toEqual({ kind: 'out', why: '' });
    const trace: string[] = [];
    expect(evaluateRange(r, '1.3.0', ...order, trace)).toEqual({ kind: 'out', why: 'fixed in 1.2.0 <= installed 1.3.0' });
    expect(trace).toEqual(['1.3.0 >= introduced 1.0.0: affected', '1.3.0 >= fixed 1.2.0: not affected']);
    expect(evaluateRange(r, '0.9.0', ...order, [])).toEqual({ kind: 'out', why: 'installed 0.9.0 is below introduced 1.0.0' });
  });

  it('an unparsable installed or event version is an unknown, never "not affected"', () => {
    expect(evaluateRange(range({ introduced: '0' }, { fixed: '1.2.3' }), 'not-a-version', ...order)).toMatchObject({ kind: 'unknown', cause: 'installed' });
    expect(evaluateRange(range({ introduced: '0' }, { fixed: '1.2' }), '1.0.0', ...order)).toMatchObject({ kind: 'unknown', cause: 'event' });
  });

  it('status without ranges: affected-like statuses mean every version, not-affected never matches', () => {
    const base: AffectedPackage = { namespace: 'debian:12', name: 'glibc', status: 'affected', ranges: [], versions: [] };
    const ctx = { scheme: schemeById('deb'), semver, cache };
    expect(evaluateAffected(base, '2.36-9+deb12u7', ctx)).toMatchObject({ kind: 'affected', range: 'all versions (affected)' });
    expect(evaluateAffected({ ...base, status: 'not-affected' }, '2.36-9', ctx)).toMatchObject({ kind: 'not-affected', byStatus: true });
    expect(evaluateAffected({ ...base, status: 'will-not-fix' }, '2.36-9', ctx)).toMatchObject({ kind: 'affected' });
  });

  it('deb order with epochs: 1:1.0-1 is above 2.0-1', () => {
    const a: AffectedPackage = { namespace: 'debian:12', name: 'x', status: 'fixed', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1:1.0-1' }] }], versions: [] };
    const ctx = { scheme: schemeById('deb'), semver, cache };
    expect(evaluateAffected(a, '2.0-1', ctx)).toMatchObject({ kind: 'affected', fixed: '1:1.0-1' });
    expect(evaluateAffected(a, '1:1.0-1', ctx)).toMatchObject({ kind: 'not-affected' });
  });
});
