/**
 * Differential tests of the OS version schemes against the real implementations on this machine:
 * libapt-pkg (python3-apt `apt_pkg.version_compare`) for deb, librpm (python3-rpm `rpm.ver`,
 * `labelCompare`) for rpm. A seeded generator makes families of nasty, closely related versions
 * (epochs, `~`, `^`, letters, long digit runs, leading zeros, empty and missing revisions, `+`, `.`);
 * every pair of the sample is ordered by us and by the reference in ONE python3 process per scheme,
 * and every sign must agree.
 *
 * apk has no reference implementation on this machine (no apk-tools binary or bindings): its
 * conformance is the apk-tools test data (conformance.test.ts); here it only gets the total-order
 * properties (antisymmetry, transitivity through a sort) over the same kind of generated sample.
 */
import { describe, expect, it } from 'vitest';
import { apkScheme } from '../../src/versioning/apk.js';
import { debScheme } from '../../src/versioning/deb.js';
import { parseRpm, rpmScheme, rpmvercmp } from '../../src/versioning/rpm.js';
import type { Ordering, VersionScheme } from '../../src/versioning/scheme.js';
import { runPython } from './reference.js';
import { prng } from '../helpers/prng.js';

const COUNT = 2000; // versions per scheme: ~2M ordered pairs each


type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

function digits(r: Rand): string {
  const roll = r();
  if (roll < 0.08) return '0'.repeat(1 + Math.floor(r() * 3)) + String(Math.floor(r() * 10)); // leading zeros
  if (roll < 0.14) return Array.from({ length: 18 + Math.floor(r() * 15) }, () => Math.floor(r() * 10)).join(''); // long run
  return String(Math.floor(r() * (roll < 0.6 ? 10 : 1000)));
}

function word(r: Rand, letters: string): string {
  return Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, [...letters])).join('');
}

/** A fragment: digit runs and letter runs joined by separators from `seps`. */
function fragment(r: Rand, seps: readonly string[], letters: string): string {
  let s = digits(r);
  const parts = Math.floor(r() * 5);
  for (let i = 0; i < parts; i++) {
    const sep = pick(r, seps);
    s += sep + (r() < 0.65 ? digits(r) : word(r, letters));
  }
  return s;
}

/** Families: a base version and small edits of it, so that many pairs differ only late or subtly. */
function sample(seed: number, base: (r: Rand) => string, edit: (r: Rand, v: string) => string, ok: (v: string) => boolean): string[] {
  const r = prng(seed);
  const out = new Set<string>();
  while (out.size < COUNT) {
    let v = base(r);
    for (let k = 0; k < 6 && out.size < COUNT; k++) {
      if (ok(v)) out.add(v);
      v = edit(r, v);
    }
  }
  return [...out];
}

const debEdits: ReadonlyArray<(r: Rand, v: string) => string> = [
  (_r, v) => `${v}~`,
  (r, v) => `${v}~${word(r, 'abcrz')}`,
  (r, v) => `${v}+${word(r, 'bdeu')}${digits(r)}`,
  (r, v) => `${v}.${digits(r)}`,
  (r, v) => `${v}${word(r, 'aAzZ')}`,
  (r, v) => (v.includes(':') ? v.replace(/^\d+:/, '') : `${pick(r, ['0', '1', '00', '2'])}:${v}`),
  (r, v) => `${v}-${fragment(r, ['.', '+', '~'], 'abuntdeb')}`,
  (_r, v) => v.replace(/(\d+)/, '0$1'),
  (_r, v) => v.replace(/~/, ''),
];

const rpmEdits: ReadonlyArray<(r: Rand, v: string) => string> = [
  (_r, v) => `${v}~`,
  (r, v) => `${v}~${word(r, 'rcbeta')}${digits(r)}`,
  (r, v) => `${v}^${word(r, 'gitpost')}${digits(r)}`,
  (_r, v) => `${v}^`,
  (r, v) => `${v}.${digits(r)}`,
  (r, v) => `${v}${pick(r, ['_', '+', '.', '%', ''])}${word(r, 'aelpZ')}`,
  (r, v) => (/^\d*:/.test(v) ? v.replace(/^\d*:/, '') : `${pick(r, ['0', '1', '01', '2', ''])}:${v}`),
  (r, v) => (v.includes('-') ? v.slice(0, v.lastIndexOf('-') + (r() < 0.2 ? 1 : 0)) : `${v}-${fragment(r, ['.', '_', '~', '^', '+'], 'elfcz')}`),
  (_r, v) => v.replace(/(\d+)/, '0$1'),
];

/** Order every pair (i < j) with `cmp`, as one character per pair: a (<), b (=), c (>). */
function allPairs<P>(parsed: readonly P[], cmp: (a: P, b: P) => Ordering): string {
  const chunks: string[] = [];
  for (let i = 0; i < parsed.length; i++) {
    let row = '';
    for (let j = i + 1; j < parsed.length; j++) row += 'abc'[cmp(parsed[i] as P, parsed[j] as P) + 1];
    chunks.push(row);
  }
  return chunks.join('');
}

const PY_ALL_PAIRS = `
def all_pairs(items, cmp):
    out = []
    n = len(items)
    for i in range(n):
        x = items[i]
        out.append(''.join('abc'[(c > 0) - (c < 0) + 1] for c in (cmp(x, items[j]) for j in range(i + 1, n))))
    return ''.join(out)
`;

/** The first disagreeing pairs, readable. */
function disagreements(versions: readonly string[], ours: string, ref: string): string[] {
  const out: string[] = [];
  let k = 0;
  for (let i = 0; i < versions.length && out.length < 10; i++) {
    for (let j = i + 1; j < versions.length; j++, k++) {
      if (ours[k] !== ref[k]) out.push(`${versions[i]} vs ${versions[j]}: ours ${ours[k]}, reference ${ref[k]}`);
    }
  }
  return out;
}

function timed<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  const v = f();
  console.log(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
  return v;
}

function checkTotalOrder<P>(scheme: VersionScheme<P>, versions: readonly string[]): void {
  const parsed = versions.map((v) => scheme.parse(v));
  const sorted = [...parsed].sort(scheme.compareParsed);
  for (let i = 1; i < sorted.length; i++) expect(scheme.compareParsed(sorted[i - 1] as P, sorted[i] as P)).toBeLessThanOrEqual(0);
  for (let i = 0; i < parsed.length; i += 7) {
    for (let j = 0; j < parsed.length; j += 13) {
      const a = parsed[i] as P;
      const b = parsed[j] as P;
      expect(scheme.compareParsed(a, b) + scheme.compareParsed(b, a)).toBe(0);
    }
  }
}

describe('differential: deb vs libapt-pkg', () => {
  const versions = sample(
    0xdeb,
    (r) => fragment(r, ['.', '+', '~', '.', '.'], 'abcxyzAZ'),
    (r, v) => pick(r, debEdits)(r, v),
    (v) => {
      try {
        return debScheme.parse(v) !== undefined;
      } catch {
        return false;
      }
    },
  );

  it(`orders all ${(COUNT * (COUNT - 1)) / 2} pairs of ${COUNT} generated versions like apt_pkg.version_compare`, () => {
    expect(versions.filter((v) => v.includes('~')).length).toBeGreaterThan(COUNT / 10);
    expect(versions.filter((v) => /\d{18}/.test(v)).length).toBeGreaterThan(COUNT / 20);
    expect(versions.filter((v) => v.includes(':')).length).toBeGreaterThan(COUNT / 10);
    const ours = timed('deb: ours, all pairs', () => allPairs(versions.map(debScheme.parse), debScheme.compareParsed));
    const ref = timed('deb: apt_pkg, all pairs', () =>
      runPython<string>(`import json, sys, apt_pkg\napt_pkg.init_system()\n${PY_ALL_PAIRS}\nprint(json.dumps(all_pairs(json.load(sys.stdin), apt_pkg.version_compare)))`, versions),
    );
    expect(ref.length).toBe(ours.length);
    expect(disagreements(versions, ours, ref)).toEqual([]);
  }, 300_000);

  it('is a total order on the sample', () => checkTotalOrder(debScheme, versions));
});

describe('differential: rpm vs librpm', () => {
  const ok = (v: string): boolean => {
    try {
      return parseRpm(v) !== undefined;
    } catch {
      return false;
    }
  };
  const versions = sample(0x4b1d, (r) => fragment(r, ['.', '_', '+', '.', '.'], 'abcxyzAZ'), (r, v) => pick(r, rpmEdits)(r, v), ok);

  it(`splits every generated EVR like rpm.ver and orders all pairs like labelCompare`, () => {
    expect(versions.filter((v) => v.includes('^')).length).toBeGreaterThan(COUNT / 10);
    expect(versions.filter((v) => v.includes('-')).length).toBeGreaterThan(COUNT / 8);
    expect(versions.filter((v) => v.endsWith('-')).length).toBeGreaterThan(5);
    const parsed = versions.map(parseRpm);
    const ours = timed('rpm: ours, all pairs', () => allPairs(parsed, rpmScheme.compareParsed));
    const ref = timed('rpm: librpm, all pairs', () =>
      runPython<{ split: Array<[string | null, string, string | null]>; order: string }>(
        `import json, sys, rpm
${PY_ALL_PAIRS}
vs = [rpm.ver(s) for s in json.load(sys.stdin)]
evr = [(v.e, v.v, v.r) for v in vs]
print(json.dumps({'split': evr, 'order': all_pairs(evr, rpm.labelCompare)}))`,
        versions,
      ),
    );
    ref.split.forEach(([e, v, r], i) => expect(parsed[i], versions[i]).toEqual({ epoch: e ?? '0', version: v, release: r }));
    expect(disagreements(versions, ours, ref.order)).toEqual([]);
  }, 300_000);

  it('raw rpmvercmp on every pair of the generated version fields agrees with librpm', () => {
    const fields = [...new Set(versions.map((v) => parseRpm(v).version))].slice(0, 1500);
    const ours = allPairs(fields, rpmvercmp);
    const ref = runPython<string>(
      `import json, sys, rpm\n${PY_ALL_PAIRS}\nprint(json.dumps(all_pairs(json.load(sys.stdin), lambda a, b: rpm.labelCompare(('0', a, None), ('0', b, None)))))`,
      fields,
    );
    expect(disagreements(fields, ours, ref)).toEqual([]);
  }, 300_000);

  it('is a total order on the sample', () => checkTotalOrder(rpmScheme, versions));
});

describe('apk: no reference on this machine — total-order properties only', () => {
  const apkEdits: ReadonlyArray<(r: Rand, v: string) => string> = [
    (r, v) => `${v}.${digits(r)}`,
    (r, v) => (/[a-z]$|_|~|-r/.test(v) ? v : `${v}${pick(r, ['a', 'b', 'z'])}`),
    (r, v) => (/~|-r/.test(v) ? v : `${v}_${pick(r, ['alpha', 'beta', 'pre', 'rc', 'cvs', 'svn', 'git', 'hg', 'p'])}${r() < 0.5 ? digits(r) : ''}`),
    (r, v) => (/~|-r/.test(v) ? v : `${v}~${pick(r, ['abc', '0f1', 'deadbeef', '12'])}`),
    (r, v) => (/-r/.test(v) ? v : `${v}-r${digits(r)}`),
  ];
  const versions = sample(0xa1, (r) => [digits(r), digits(r)].join('.'), (r, v) => pick(r, apkEdits)(r, v), (v) => {
    try {
      return apkScheme.parse(v) !== undefined;
    } catch {
      return false;
    }
  });

  it('is a total order on a generated sample', () => {
    expect(versions.length).toBe(COUNT);
    checkTotalOrder(apkScheme, versions);
  });
});
