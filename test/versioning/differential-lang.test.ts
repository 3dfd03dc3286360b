/**
 * Differential tests against the reference implementations on this machine, over many generated
 * versions (seeded, so a failure reproduces):
 * - PEP 440: pypa/packaging (python3-packaging) — every pair of ~2,500 versions, and specifiers.
 * - Maven: ComparableVersion from Maven 3.8.7's maven-artifact jar (libmaven3-core-java), run by
 *   openjdk-17 as one single-file Java program reading pairs on stdin. drydock implements the Maven 4
 *   line; the generator stays inside the shapes where the two lines agree (see mavenVersion()).
 * npm is not differential-tested: drydock uses node-semver itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mavenScheme } from '../../src/versioning/maven.js';
import { pep440Satisfies, pep440Scheme } from '../../src/versioning/pep440.js';
import { formatPep440 } from '../../src/versioning/pep440-version.js';
import { prng } from '../helpers/prng.js';

type Rand = ReturnType<typeof prng>;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rand, p: number): boolean => r() < p;
const NUMS = ['0', '1', '2', '3', '9', '10', '11', '99', '00', '01', '2024', '18446744073709551617'];

/** A Python that can import packaging: the one on PATH, else Debian's. */
function packagingPython(): string | undefined {
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import packaging'], { encoding: 'utf8' }).status === 0) return py;
  }
  return undefined;
}

function runPy<T>(py: string, script: string, input: unknown): T {
  const r = spawnSync(py, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${py}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

function pep440Version(r: Rand): string {
  const sep = (): string => pick(r, ['', '.', '-', '_']);
  let v = chance(r, 0.05) ? 'v' : '';
  if (chance(r, 0.1)) v += `${pick(r, ['1', '2', '0'])}!`;
  v += Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, NUMS)).join('.');
  if (chance(r, 0.35)) v += sep() + pick(r, ['a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre', 'preview', 'RC', 'A']) + (chance(r, 0.8) ? sep() + pick(r, NUMS) : '');
  if (chance(r, 0.25)) v += chance(r, 0.3) ? `-${pick(r, NUMS)}` : sep() + pick(r, ['post', 'rev', 'r', 'POST']) + (chance(r, 0.8) ? sep() + pick(r, NUMS) : '');
  if (chance(r, 0.25)) v += sep() + pick(r, ['dev', 'DEV']) + (chance(r, 0.8) ? sep() + pick(r, NUMS) : '');
  if (chance(r, 0.15)) v += `+${Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, ['ubuntu', '1', 'abc', '007', 'A', 'x9'])).join(pick(r, ['.', '-', '_']))}`;
  return v;
}

const PY_RANKS = `import json, sys
from packaging.version import Version
vs = json.load(sys.stdin)
parsed = [Version(v) for v in vs]
order = sorted(set(parsed))
rank = {v: i for i, v in enumerate(order)}
import packaging
print(json.dumps({"version": packaging.__version__, "ranks": [rank[p] for p in parsed], "str": [str(p) for p in parsed]}))`;

const PY_SPECS = `import json, sys
from packaging.specifiers import SpecifierSet
data = json.load(sys.stdin)
print(json.dumps([[SpecifierSet(s).contains(v, prereleases=True) for v in data["versions"]] for s in data["specs"]]))`;

const python = packagingPython();
const packagingVersion = python === undefined ? '' : spawnSync(python, ['-c', 'import packaging; print(packaging.__version__)'], { encoding: 'utf8' }).stdout.trim();

describe.skipIf(python === undefined)('PEP 440 vs pypa/packaging', () => {
  const r = prng(440);
  const versions = Array.from(new Set(Array.from({ length: 2500 }, () => pep440Version(r))));

  it('orders every pair of 2,500 generated versions as packaging does, and normalises them the same', () => {
    const py = runPy<{ version: string; ranks: number[]; str: string[] }>(python ?? '', PY_RANKS, versions);
    console.log(`packaging ${py.version} (${python}): ${versions.length} versions, ${versions.length ** 2} ordered pairs`);
    const parsed = versions.map((v) => pep440Scheme.parse(v));
    const bad: string[] = [];
    for (let i = 0; i < parsed.length; i++) {
      for (let j = 0; j < parsed.length; j++) {
        const want = Math.sign((py.ranks[i] ?? 0) - (py.ranks[j] ?? 0));
        if (pep440Scheme.compareParsed(parsed[i] as never, parsed[j] as never) !== want && bad.length < 20) bad.push(`${versions[i]} vs ${versions[j]}: want ${want}`);
      }
    }
    expect(bad).toEqual([]);
    const strBad = parsed.map((p, i) => [formatPep440(p), py.str[i]]).filter(([a, b]) => a !== b);
    expect(strBad.slice(0, 20)).toEqual([]);
  });

  /*
   * Specifier versions are written normalised: packaging derives `~=`'s prefix from the specifier's
   * text, so an unnormalised spelling changes its answer (`~=3.0.preview-99` keeps the prefix `3.0`,
   * `~=3.0rc99` gives `3`; PEP 440 says both are `>=3.0rc99, ==3.*`). drydock follows PEP 440 there.
   */
  // Specifier semantics changed in packaging 25/26 (e.g. `>1.0.dev3`, `<V` and pre-releases); drydock
  // follows 26 (the conformance suite's version). Debian 12's python3-packaging is 23.0: skipped there.
  it.skipIf(Number(packagingVersion.split('.')[0]) < 26)('evaluates generated specifier sets as packaging >= 26 does (prereleases=True)', () => {
    const ops = ['==', '!=', '<=', '>=', '<', '>', '~='];
    const specs: string[] = [];
    const rs = prng(4401);
    const bases = versions.filter((v) => !v.includes('+'));
    while (specs.length < 400) {
      const op = pick(rs, ops);
      let base = formatPep440(pep440Scheme.parse(pick(rs, bases)));
      if (op === '~=' && !/^(\d+!)?\d+\.\d+/.test(base)) continue;
      if ((op === '==' || op === '!=') && chance(rs, 0.3)) base = `${(/^(\d+!)?[\d.]*\d/.exec(base) ?? ['1'])[0]}.*`;
      specs.push(chance(rs, 0.3) ? `${op}${base}, ${pick(rs, ['>=0', '!=1.0', '<99', '>0.dev0'])}` : `${op}${base}`);
    }
    const sample = versions.filter((_, i) => i % 20 === 0);
    const want = runPy<boolean[][]>(python ?? '', PY_SPECS, { specs, versions: sample });
    const bad: string[] = [];
    specs.forEach((s, i) => sample.forEach((v, j) => {
      if (pep440Satisfies(v, s, true) !== want[i]?.[j] && bad.length < 20) bad.push(`${v} in ${s}: want ${want[i]?.[j]}`);
    }));
    console.log(`${specs.length * sample.length} specifier checks`);
    expect(bad).toEqual([]);
  });
});

const MAVEN_JAR = '/usr/share/java/maven-artifact-3.x.jar';
const haveJava = existsSync(MAVEN_JAR) && spawnSync('java', ['-version']).status === 0;

const CMP_JAVA = `import org.apache.maven.artifact.versioning.ComparableVersion;
import java.io.*;
public class Cmp {
  public static void main(String[] args) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    StringBuilder out = new StringBuilder();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      int tab = line.indexOf('\\t');
      int c = new ComparableVersion(line.substring(0, tab)).compareTo(new ComparableVersion(line.substring(tab + 1)));
      out.append(Integer.signum(c)).append('\\n');
    }
    System.out.print(out);
  }
}`;

/**
 * Maven versions in the shapes Maven 3.8 and 4 order alike: numbers joined by `.`, then at most one
 * `-qualifier` (a known one, optionally with a number, or an unknown word) and an optional `-N` build
 * number. Left out, because the lines differ there: `.` before a qualifier (`1.0.RC1`, MNG-7644),
 * zero-padded lists like `1-0.alpha` (MNG-6964), the `release` alias, and a release qualifier with a
 * number (`1-ga1`: Maven 4's CombinationItem puts it above `1`, 3.8 does not).
 */
function mavenVersion(r: Rand): string {
  let v = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, ['0', '1', '2', '10', '3', '07', '123456789012'])).join('.');
  if (chance(r, 0.6)) {
    const q = pick(r, ['alpha', 'beta', 'milestone', 'rc', 'cr', 'snapshot', 'SNAPSHOT', 'ga', 'final', 'sp', 'RC', 'Beta', 'foo', 'jre', 'android']);
    v += `-${q}`;
    if (chance(r, 0.5) && !['snapshot', 'SNAPSHOT', 'ga', 'final'].includes(q)) v += pick(r, ['1', '2', '11', '-1', '-2']);
  }
  if (chance(r, 0.1)) v += `-${pick(r, ['1', '2', '20240101'])}`;
  return v;
}

describe.skipIf(!haveJava)('Maven vs ComparableVersion of Maven 3.8.7', () => {
  it('orders 40,000 generated pairs exactly as the real class', () => {
    const r = prng(1999);
    const pool = Array.from(new Set(Array.from({ length: 400 }, () => mavenVersion(r))));
    const pairs = Array.from({ length: 40_000 }, () => [pick(r, pool), pick(r, pool)] as const);
    const dir = mkdtempSync(join(tmpdir(), 'drydock-maven-'));
    writeFileSync(join(dir, 'Cmp.java'), CMP_JAVA);
    const run = spawnSync('java', ['-cp', MAVEN_JAR, join(dir, 'Cmp.java')], { input: pairs.map(([a, b]) => `${a}\t${b}`).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(run.status, run.stderr).toBe(0);
    const want = run.stdout.trim().split('\n').map(Number);
    expect(want.length).toBe(pairs.length);
    const bad = pairs.filter(([a, b], i) => mavenScheme.compare(a, b) !== want[i]).slice(0, 20).map(([a, b]) => `${a} vs ${b}`);
    expect(bad).toEqual([]);
  });
});
