/**
 * Every compare vector in ../shared/conformance/versions, for every scheme: the union file
 * ALL-version-compare.tsv and each per-suite file. Rows of a scheme that is still a placeholder are
 * skipped (they light up when the scheme lands); nothing else is skipped.
 *
 * Rows about strings the reference itself calls invalid (apk-tools' "1.0bc", x/mod's "bad") may
 * be refused with InvalidVersionError instead: drydock never orders an invalid version. For apk the
 * test then checks apk-tools' own ordering of those strings with compareApkLenient.
 */
import { describe, expect, it } from 'vitest';
import { compareApkLenient, isValidApk } from '../../src/versioning/apk.js';
import { debCompareFragment } from '../../src/versioning/deb.js';
import { schemeById } from '../../src/versioning/index.js';
import * as npmModule from '../../src/versioning/npm.js';
import { rpmvercmp } from '../../src/versioning/rpm.js';
import { InvalidVersionError, type SchemeId, type VersionScheme } from '../../src/versioning/scheme.js';
import { readVectors, sign, type Row } from './conformance-tsv.js';
import { librpmVercmp } from './reference.js';

/** Per-suite compare files (ALL-version-compare.tsv is their union, checked below). */
const SUITES = [
  'deb-dpkg.tsv',
  'deb-go-deb-version.tsv',
  'apk-apk-tools.tsv',
  'apk-go-apk-version.tsv', // older copy of version.data: every row agrees with apk-tools 3, none overruled
  'rpm-rpmvercmp.tsv',
  'rpm-go-rpm-version.tsv',
  'pep440-packaging.tsv',
  'npm-semver-compare.tsv',
  'maven-comparableversion.tsv',
  'go-semver.tsv',
] as const;

/** Which scheme a vectors ecosystem exercises. */
const ECOSYSTEM_SCHEME: Readonly<Record<string, SchemeId>> = {
  deb: 'deb',
  'deb-fragment': 'deb',
  apk: 'apk',
  rpm: 'rpm',
  'rpm-vercmp': 'rpm',
  pypi: 'pep440',
  npm: 'npm',
  'npm-loose': 'npm',
  maven: 'maven',
  go: 'go',
};

function isPlaceholder(id: SchemeId): boolean {
  try {
    schemeById(id).parse('1');
    return false;
  } catch (err) {
    return err instanceof Error && err.message.includes('not implemented');
  }
}

const ODDITY = /COMMENTED OUT/;

/** node-semver's loose mode, when npm.ts offers it (else loose-only syntax may be refused as invalid). */
const npmLooseExport = (npmModule as Record<string, unknown>)['npmLooseScheme'];
const npmLoose = typeof npmLooseExport === 'object' && npmLooseExport !== null ? (npmLooseExport as VersionScheme) : undefined;

// The 12 rows rpm's own test suite leaves commented out: expected = what librpm on this machine says.
const rpmOddityTruth = new Map<string, number>();
function oddityKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}
{
  const odd = readVectors('rpm-rpmvercmp.tsv').filter((r) => ODDITY.test(r['note'] ?? ''));
  const truth = librpmVercmp(odd.map((r) => [r['a'] ?? '', r['b'] ?? ''] as const));
  odd.forEach((r, i) => rpmOddityTruth.set(oddityKey(r['a'] ?? '', r['b'] ?? ''), sign(truth[i] ?? NaN)));
}

interface Case {
  ecosystem: string;
  a: string;
  b: string;
  expected: number;
  /** The reference calls one side invalid (note says so), or the row is node-semver loose-only syntax. */
  invalidOk: boolean;
  where: string;
}

/** The union file's ecosystem name for a suite row (node-semver's loose rows are `npm-loose` there). */
function ecosystemOf(r: Row): string {
  return r['ecosystem'] === 'npm' && r['loose'] === 'true' ? 'npm-loose' : (r['ecosystem'] ?? '');
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}

function toCase(r: Row, file: string, note: string): Case {
  const ecosystem = ecosystemOf(r);
  const loose = ecosystem === 'npm-loose';
  return {
    ecosystem,
    a: r['a'] ?? '',
    b: r['b'] ?? '',
    expected: Number(r['expected']),
    invalidOk: (loose && !npmLoose) || /invalid/i.test(note),
    where: `${file}:${r.line}`,
  };
}

/** Run one case; returns a failure description or undefined. */
function check(c: Case): string | undefined {
  const { a, b } = c;
  let expected = c.expected;
  if (c.ecosystem === 'deb-fragment') return verdict(c, debCompareFragment(a, b), expected);
  if (c.ecosystem === 'rpm-vercmp') {
    const truth = rpmOddityTruth.get(oddityKey(a, b));
    if (truth !== undefined) expected = truth;
    return verdict(c, rpmvercmp(a, b), expected);
  }
  if (c.ecosystem === 'apk' && (!isValidApk(a) || !isValidApk(b))) {
    if (sign(compareApkLenient(a, b)) !== expected) return `${c.where}: apk-tools ordering of invalid ${a} vs ${b} != ${expected}`;
    return throwsInvalid(c) ? undefined : `${c.where}: apk ${a} vs ${b} should be refused as invalid`;
  }
  const scheme = c.ecosystem === 'npm-loose' && npmLoose ? npmLoose : schemeById(ECOSYSTEM_SCHEME[c.ecosystem] as SchemeId);
  try {
    return verdict(c, scheme.compare(a, b), expected);
  } catch (err) {
    if (err instanceof InvalidVersionError && c.invalidOk) return undefined;
    return `${c.where}: ${c.ecosystem} ${a} vs ${b} threw ${String(err)}`;
  }
}

function verdict(c: Case, got: number, expected: number): string | undefined {
  return sign(got) === expected ? undefined : `${c.where}: ${c.ecosystem} compare(${c.a}, ${c.b}) = ${got}, expected ${expected}`;
}

function throwsInvalid(c: Case): boolean {
  try {
    schemeById('apk').compare(c.a, c.b);
    return false;
  } catch (err) {
    return err instanceof InvalidVersionError;
  }
}

function runAll(cases: readonly Case[]): void {
  const failures = cases.map(check).filter((f): f is string => f !== undefined);
  expect(failures.slice(0, 30), `${failures.length} of ${cases.length} rows failed`).toEqual([]);
  expect(cases.length).toBeGreaterThan(0);
}

const suiteRows = new Map(SUITES.map((f) => [f, readVectors(f)] as const));
const noteOf = new Map<string, string>();
for (const [file, rows] of suiteRows) for (const r of rows) noteOf.set(`${file}\t${ecosystemOf(r)}\t${r['a']}\t${r['b']}`, r['note'] ?? '');

describe('per-suite compare vectors', () => {
  for (const [file, rows] of suiteRows) {
    const byEco = groupBy(rows, ecosystemOf);
    for (const [eco, ecoRows] of byEco) {
      const id = ECOSYSTEM_SCHEME[eco];
      it('knows the ecosystem ' + eco, () => expect(id).toBeDefined());
      if (!id) continue;
      it.skipIf(isPlaceholder(id))(`${file}: ${ecoRows.length} ${eco} rows`, () => {
        runAll(ecoRows.map((r) => toCase(r, file, r['note'] ?? '')));
      });
    }
  }
});

describe('ALL-version-compare.tsv', () => {
  const all = readVectors('ALL-version-compare.tsv');

  it('is exactly the union of the per-suite files', () => {
    const union = [...suiteRows].flatMap(([file, rows]) => rows.map((r) => `${file}\t${ecosystemOf(r)}\t${r['a']}\t${r['b']}\t${r['expected']}`));
    const mine = all.map((r) => `${(r['source'] ?? '').split(':')[1]}\t${r['ecosystem']}\t${r['a']}\t${r['b']}\t${r['expected']}`);
    expect(mine.length).toBe(union.length);
    expect(new Set(mine)).toEqual(new Set(union));
  });

  const byEco = groupBy(all, ecosystemOf);
  for (const [eco, rows] of byEco) {
    const id = ECOSYSTEM_SCHEME[eco];
    it('knows the ecosystem ' + eco, () => expect(id).toBeDefined());
    if (!id) continue;
    it.skipIf(isPlaceholder(id))(`${rows.length} ${eco} rows`, () => {
      runAll(
        rows.map((r) => {
          const file = (r['source'] ?? '').split(':')[1] ?? '';
          return toCase(r, file, noteOf.get(`${file}\t${r['ecosystem']}\t${r['a']}\t${r['b']}`) ?? '');
        }),
      );
    });
  }

  it('the rpm oddity rows: librpm on this machine decides, and agrees with the flagged expectations', () => {
    expect(rpmOddityTruth.size).toBe(12);
    const rows = readVectors('rpm-rpmvercmp.tsv').filter((r) => ODDITY.test(r['note'] ?? ''));
    for (const r of rows) expect(rpmOddityTruth.get(oddityKey(r['a'] ?? '', r['b'] ?? '')), `${r['a']} vs ${r['b']}`).toBe(Number(r['expected']));
  });
});
