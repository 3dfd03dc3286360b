import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/fixtures.js';
import { cvssVersionOf, scoreCvss } from '../../src/vulndb/cvss.js';

/**
 * scoreCvss against three independent references:
 *  1. the baseScore NVD states next to every vector in the real NVD records of ../shared/vulndata;
 *  2. the base-score formulas of the CVSS v2 guide and the v3.0/v3.1 specifications (FIRST), written out
 *     below from the documents' equations and constants and run over EVERY combination of base metrics;
 *  3. published v4.0 scores (v4.0 has no closed formula: FIRST's calculator uses a lookup table).
 * Vectors that are incomplete or malformed must give undefined, never a number.
 */
const VULNDATA = join(REPO_ROOT, '..', 'shared', 'vulndata');
const NVD_DIR = join(VULNDATA, 'nvd', 'fkie-cad-nvd-json-data-feeds');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(dir, f));
}

interface StatedMetric {
  id: string;
  key: string;
  vector: string;
  baseScore: number;
}

function nvdMetrics(): StatedMetric[] {
  const out: StatedMetric[] = [];
  for (const f of jsonFiles(NVD_DIR)) {
    const rec = JSON.parse(readFileSync(f, 'utf8')) as { id: string; metrics?: Record<string, Array<{ cvssData?: { vectorString: string; baseScore: number } }>> };
    for (const [key, list] of Object.entries(rec.metrics ?? {})) {
      if (!key.startsWith('cvssMetric')) continue;
      for (const m of list) if (m.cvssData) out.push({ id: rec.id, key, vector: m.cvssData.vectorString, baseScore: m.cvssData.baseScore });
    }
  }
  return out;
}

describe('scoreCvss against the scores NVD states in its records', () => {
  const metrics = nvdMetrics();

  it('agrees with every stated baseScore (56 vectors: v2, v3.0, v3.1 and v4.0)', () => {
    expect(metrics).toHaveLength(56);
    const byKey = new Map<string, number>();
    for (const m of metrics) byKey.set(m.key, (byKey.get(m.key) ?? 0) + 1);
    for (const key of ['cvssMetricV2', 'cvssMetricV30', 'cvssMetricV31', 'cvssMetricV40']) expect(byKey.get(key), key).toBeGreaterThan(0);
    const disagreements = metrics.filter((m) => scoreCvss(m.vector)?.score !== m.baseScore).map((m) => `${m.id} ${m.vector}: NVD ${m.baseScore}`);
    expect(disagreements).toEqual([]);
  });

  it('reads the version each metric list declares', () => {
    const want: Record<string, string> = { cvssMetricV2: '2.0', cvssMetricV30: '3.0', cvssMetricV31: '3.1', cvssMetricV40: '4.0' };
    for (const m of metrics) expect(cvssVersionOf(m.vector), m.vector).toBe(want[m.key]);
  });

  it('gives the rating words NVD gives (v2 has no critical; v3 9.0+ is critical)', () => {
    expect(scoreCvss('AV:N/AC:M/Au:N/C:C/I:C/A:C')).toMatchObject({ version: '2.0', score: 9.3, severity: 'high' }); // CVE-2021-44228 V2
    expect(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H')).toMatchObject({ score: 10, severity: 'critical' }); // CVE-2021-44228 V31
    expect(scoreCvss('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N')).toMatchObject({ score: 3.7, severity: 'low' }); // CVE-2011-3374
    expect(scoreCvss('CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:C/C:N/I:H/A:N')).toMatchObject({ version: '3.0', score: 6.5, severity: 'medium' }); // CVE-2016-2781
    expect(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')).toMatchObject({ score: 0, severity: 'negligible' });
  });
});

// ---- reference formulas (CVSS v2 guide §3.2.1; CVSS v3.0/v3.1 specification §7.1, Appendix A) ----

const V2 = {
  AV: { L: 0.395, A: 0.646, N: 1.0 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  CIA: { N: 0.0, P: 0.275, C: 0.66 },
} as const;

function v2Reference(m: Record<string, string>): number {
  const cia = (k: string): number => V2.CIA[m[k] as keyof typeof V2.CIA];
  const impact = 10.41 * (1 - (1 - cia('C')) * (1 - cia('I')) * (1 - cia('A')));
  const exploitability = 20 * V2.AV[m['AV'] as 'L'] * V2.AC[m['AC'] as 'H'] * V2.Au[m['Au'] as 'M'];
  const f = impact === 0 ? 0 : 1.176;
  return Math.round((0.6 * impact + 0.4 * exploitability - 1.5) * f * 10 + 1e-9) / 10;
}

const V3 = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** v3.1 Appendix A: round up to one decimal, robust to floating-point error. */
function roundup31(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}
/** v3.0: the smallest number, to one decimal, equal to or higher than its input. */
const roundup30 = (x: number): number => Math.ceil(x * 10) / 10;

function v3Reference(m: Record<string, string>, version: '3.0' | '3.1'): number {
  const changed = m['S'] === 'C';
  const pr = { N: 0.85, L: changed ? 0.68 : 0.62, H: changed ? 0.5 : 0.27 }[m['PR'] as 'N'];
  const cia = (k: string): number => V3.CIA[m[k] as 'H'];
  const iss = 1 - (1 - cia('C')) * (1 - cia('I')) * (1 - cia('A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * V3.AV[m['AV'] as 'N'] * V3.AC[m['AC'] as 'L'] * pr * V3.UI[m['UI'] as 'N'];
  if (impact <= 0) return 0;
  const roundup = version === '3.1' ? roundup31 : roundup30;
  return roundup(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

function* combinations(metrics: ReadonlyArray<[string, readonly string[]]>): Generator<Array<[string, string]>> {
  const [first, ...rest] = metrics;
  if (!first) {
    yield [];
    return;
  }
  for (const value of first[1]) for (const tail of combinations(rest)) yield [[first[0], value], ...tail];
}

describe('scoreCvss against the specifications, every base-metric combination', () => {
  it('v2: all 729 base vectors', () => {
    const space: Array<[string, string[]]> = [
      ['AV', ['L', 'A', 'N']],
      ['AC', ['H', 'M', 'L']],
      ['Au', ['M', 'S', 'N']],
      ['C', ['N', 'P', 'C']],
      ['I', ['N', 'P', 'C']],
      ['A', ['N', 'P', 'C']],
    ];
    let n = 0;
    const wrong: string[] = [];
    for (const combo of combinations(space)) {
      const vector = combo.map(([k, v]) => `${k}:${v}`).join('/');
      const want = v2Reference(Object.fromEntries(combo));
      const got = scoreCvss(vector)?.score;
      if (got !== want) wrong.push(`${vector}: ${got} ≠ ${want}`);
      n++;
    }
    expect(n).toBe(729);
    expect(wrong).toEqual([]);
  });

  for (const version of ['3.0', '3.1'] as const) {
    it(`v${version}: all 2,592 base vectors`, () => {
      const space: Array<[string, string[]]> = [
        ['AV', ['N', 'A', 'L', 'P']],
        ['AC', ['L', 'H']],
        ['PR', ['N', 'L', 'H']],
        ['UI', ['N', 'R']],
        ['S', ['U', 'C']],
        ['C', ['H', 'L', 'N']],
        ['I', ['H', 'L', 'N']],
        ['A', ['H', 'L', 'N']],
      ];
      let n = 0;
      const wrong: string[] = [];
      for (const combo of combinations(space)) {
        const vector = `CVSS:${version}/${combo.map(([k, v]) => `${k}:${v}`).join('/')}`;
        const want = v3Reference(Object.fromEntries(combo), version);
        const got = scoreCvss(vector);
        if (got?.score !== want || got.version !== version) wrong.push(`${vector}: ${got?.score} ≠ ${want}`);
        n++;
      }
      expect(n).toBe(2592);
      expect(wrong).toEqual([]);
    });
  }

  it('v3: temporal and environmental metrics do not change the base score', () => {
    const base = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    expect(scoreCvss(`${base}/E:U/RL:O/RC:U`)?.score).toBe(9.8);
    expect(scoreCvss(`${base}/CR:L/IR:L/AR:L/MAV:P/MAC:H`)?.score).toBe(9.8);
    expect(scoreCvss('AV:N/AC:L/Au:N/C:P/I:P/A:P/E:U/RL:OF/RC:UC')?.score).toBe(7.5);
  });
});

describe('scoreCvss: CVSS v4.0', () => {
  it('matches published v4.0 scores', () => {
    // FIRST's calculator: the spec's example vector, all-high, subsequent-system-only impacts.
    expect(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')?.score).toBe(9.3);
    expect(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H')?.score).toBe(10);
    expect(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:H/SI:H/SA:H')?.score).toBe(7.9);
    expect(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N')?.score).toBe(6.9);
    // NVD: CVE-2024-7657 (5.3) and CVE-2025-6829, whose E:X must not change the score (5.3).
    expect(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N')?.score).toBe(5.3);
    expect(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N/E:X')?.score).toBe(5.3);
    // A threat metric is part of a v4.0 score (CVSS-BT): unreported exploitation lowers it.
    expect(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U')?.score).toBe(9.1);
    expect(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N')).toMatchObject({ score: 0, severity: 'negligible' });
  });
});

describe('scoreCvss refuses what is not a complete, well-formed vector', () => {
  const invalid: Array<[string, string]> = [
    ['', 'empty'],
    ['garbage', 'not a vector'],
    ['CVSS:3.1/', 'no metrics'],
    ['CVSS:3.1/AV:N/AC:L', 'most base metrics missing'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'A missing'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H', 'S missing'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H', 'v4 subsequent-system metrics missing (the library would say 0.0)'],
    ['CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'v4 AT missing'],
    ['AV:N/AC:L/Au:N/C:P/I:P', 'v2 A missing'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L', 'a metric twice (the library would take the last)'],
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'X is not a base value'],
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'unknown value'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:U/A:U', 'unknown value (security-wg npm/504.json)'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/FOO:BAR', 'unknown metric'],
    ['CVSS:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h', 'lower case'],
    ['CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'empty part'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', 'trailing slash'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H extra', 'trailing text'],
    ['CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'no such version'],
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'v3 metrics without the CVSS:3.x prefix'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:Z', 'v4 unknown value'],
    ['AV:N/AC:L/Au:N/C:X/I:P/A:P', 'v2 unknown value'],
  ];
  for (const [vector, why] of invalid) {
    it(`${why}: ${JSON.stringify(vector)}`, () => expect(scoreCvss(vector)).toBeUndefined());
  }

  it('accepts the forms feeds really use: surrounding space, v2 in parentheses, any metric order', () => {
    expect(scoreCvss(' CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n')).toMatchObject({ vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8 });
    expect(scoreCvss('(AV:N/AC:L/Au:N/C:P/I:P/A:P)')).toMatchObject({ version: '2.0', vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', score: 7.5 });
    expect(scoreCvss('CVSS:3.1/AC:L/AV:N/PR:N/UI:N/S:U/C:H/I:H/A:H')?.score).toBe(9.8);
  });
});
