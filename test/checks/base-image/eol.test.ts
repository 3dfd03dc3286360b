/**
 * The EOL catalog: internally consistent (real calendar dates, one entry per line, later lines end
 * no earlier than older ones), the paid-support dates equal to the host's distro-info-data, verdicts
 * on both sides of a date, and no date ever guessed for a release the catalog does not list.
 */
import { describe, expect, it } from 'vitest';
import { EXTENDED_SUPPORT, RUNTIME_EOL, type RuntimeCycle } from '../../../src/checks/base-image/eol-data.js';
import { eolOf, runtimeEolOf } from '../../../src/checks/base-image/eol.js';
import { compareCycles } from '../../../src/checks/base-image/advice.js';
import type { DistroInfo, RuntimeInfo } from '../../../src/checks/base-image/types.js';
import { EOL_TABLE } from '../../../src/inventory/os/eol.js';
import { distroInfo } from './oracles.js';

const isCalendarDate = (d: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
const day = (d: string): Date => new Date(`${d}T12:00:00Z`);

describe('runtime catalog consistency', () => {
  const products = Object.entries(RUNTIME_EOL) as Array<[string, { label: string; source: string; cycles: readonly RuntimeCycle[] }]>;

  it.each(products)('%s: labelled, sourced, real dates, unique numeric release lines', (_id, p) => {
    expect(p.label).not.toBe('');
    expect(p.source).not.toBe('');
    for (const c of p.cycles) {
      expect(isCalendarDate(c.eol), `${c.cycle}: ${c.eol}`).toBe(true);
      expect(c.cycle).toMatch(/^\d+(\.\d+)?$/);
    }
    expect(new Set(p.cycles.map((c) => c.cycle)).size).toBe(p.cycles.length);
  });

  // A newer line of the same kind never stops before an older one. Exception: Temurin 8 is
  // supported past 11 and 17 (adoptium.net/support: 8 "at least December 2030").
  const EXEMPT = new Set(['eclipse-temurin@8']);
  it.each(products)('%s: later lines of the same kind (LTS / non-LTS) end no earlier', (id, p) => {
    for (const lts of [true, false]) {
      const line = p.cycles.filter((c) => (c.lts === true) === lts && !EXEMPT.has(`${id}@${c.cycle}`)).sort((a, b) => compareCycles(a.cycle, b.cycle));
      for (let i = 1; i < line.length; i++) {
        const [prev, cur] = [line[i - 1], line[i]] as [RuntimeCycle, RuntimeCycle];
        expect(cur.eol >= prev.eol, `${id} ${cur.cycle} (${cur.eol}) ends before ${prev.cycle} (${prev.eol})`).toBe(true);
      }
    }
  });

  it('Node.js: even majors are the LTS lines, odd majors are not', () => {
    for (const c of RUNTIME_EOL.node.cycles) expect(c.lts === true, `node ${c.cycle}`).toBe(Number(c.cycle) % 2 === 0);
  });

  it('paid extended support ends after the free support of the same release', () => {
    for (const [distro, ext] of Object.entries(EXTENDED_SUPPORT)) {
      const free = EOL_TABLE[distro as 'ubuntu' | 'debian'] ?? [];
      for (const e of ext.cycles) {
        expect(isCalendarDate(e.eol)).toBe(true);
        const f = free.find((x) => x.cycle === e.cycle);
        if (f) expect(e.eol > f.eol, `${distro} ${e.cycle}`).toBe(true);
      }
    }
  });
});

describe('extended support dates equal the host distro-info-data (when installed)', () => {
  it.each([
    ['ubuntu', 'eol-esm'],
    ['debian', 'eol-elts'],
  ] as const)('%s %s', (distro, column) => {
    const rows = distroInfo(distro);
    if (rows === undefined) return; // the host has no /usr/share/distro-info
    for (const e of EXTENDED_SUPPORT[distro].cycles) {
      const row = rows.find((r) => r.version === e.cycle);
      expect(row, `${distro} ${e.cycle} in distro-info`).toBeDefined();
      expect(row?.fields[column], `${distro} ${e.cycle}`).toBe(e.eol);
    }
  });

  it("the OS table's Debian dates are Debian LTS's (distro-info eol-lts)", () => {
    const rows = distroInfo('debian');
    if (rows === undefined) return;
    for (const c of EOL_TABLE.debian ?? []) {
      const row = rows.find((r) => r.version === c.cycle);
      if (row?.fields['eol-lts']) expect(row.fields['eol-lts'], `debian ${c.cycle}`).toBe(c.eol);
    }
  });
});

describe('eolOf (the OS release)', () => {
  const distro = (family: DistroInfo['family'], version: string, name = '', id: string = family): { distro: DistroInfo } => ({ distro: { family, id, name, version } });

  it('matches the release line of a point release, on both sides of the date', () => {
    expect(eolOf(distro('alpine', '3.20.3'), day('2026-03-31'))).toMatchObject({ product: 'alpine', cycle: '3.20', date: '2026-04-01', eol: false });
    expect(eolOf(distro('alpine', '3.20.3'), new Date('2026-04-01T00:00:00Z'))?.eol).toBe(true);
    expect(eolOf(distro('rhel', '9.4'), day('2026-11-27'))).toMatchObject({ cycle: '9', date: '2032-05-31', eol: false });
    expect(eolOf(distro('centos', '9', 'CentOS Stream'), day('2026-11-27'))).toMatchObject({ cycle: '9', date: '2027-05-31' });
  });

  it('never guesses: unlisted releases, unknown distributions, no distro at all', () => {
    expect(eolOf(distro('debian', '14'), day('2026-11-27'))).toBeUndefined();
    expect(eolOf(distro('unknown', '1.0', 'Acme OS', 'acme'), day('2026-11-27'))).toBeUndefined();
    expect(eolOf(distro('sles', '15.8'), day('2026-11-27'))).toBeUndefined();
    expect(eolOf(distro('wolfi', '20230201'), day('2026-11-27'))).toBeUndefined();
    expect(eolOf({}, day('2026-11-27'))).toBeUndefined();
  });
});

describe('runtimeEolOf', () => {
  const rt = (name: RuntimeInfo['name'], cycle: string, image?: string): RuntimeInfo => ({
    name, cycle, version: cycle, source: 'env', evidence: [], ...(image === undefined ? {} : { image }),
  });

  it('on both sides of the date', () => {
    expect(runtimeEolOf(rt('python', '3.12'), day('2028-10-30'))).toMatchObject({ product: 'python', date: '2028-10-31', eol: false });
    expect(runtimeEolOf(rt('python', '3.12'), new Date('2028-10-31T00:00:00Z'))?.eol).toBe(true);
    expect(runtimeEolOf(rt('node', '20'), day('2026-11-27'))).toMatchObject({ date: '2026-04-30', eol: true });
    expect(runtimeEolOf(rt('java', '21', 'eclipse-temurin'), day('2026-11-27'))).toMatchObject({ product: 'eclipse-temurin', date: '2029-12-31', eol: false });
  });

  it('never guesses: a line without a date, a JDK of unknown vendor', () => {
    expect(runtimeEolOf(rt('go', '1.25'), day('2026-11-27'))).toBeUndefined();
    expect(runtimeEolOf(rt('python', '3.15'), day('2026-11-27'))).toBeUndefined();
    expect(runtimeEolOf(rt('java', '17', 'openjdk'), day('2026-11-27'))).toBeUndefined();
    expect(runtimeEolOf(rt('java', '17'), day('2026-11-27'))).toBeUndefined();
  });
});
