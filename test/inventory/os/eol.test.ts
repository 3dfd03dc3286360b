import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OsFamily } from '../../../src/core/inventory.js';
import { EOL_TABLE, eolDate, eolStatus } from '../../../src/inventory/os/eol.js';
import { sharedPath } from '../support/shared.js';

const os = (family: OsFamily, version: string, name = ''): { family: OsFamily; version: string; name: string } => ({ family, version, name });

/** Numeric comparison of dotted versions ("3.9" < "3.10"). */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

describe('EOL table', () => {
  it('holds real calendar dates only', () => {
    for (const [track, cycles] of Object.entries(EOL_TABLE)) {
      for (const c of cycles ?? []) {
        expect(c.eol, `${track} ${c.cycle}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${c.eol}T00:00:00Z`).toISOString().slice(0, 10), `${track} ${c.cycle}`).toBe(c.eol);
      }
      expect(new Set((cycles ?? []).map((c) => c.cycle)).size, track).toBe(cycles?.length);
    }
  });

  // (openSUSE Leap is left out: 42.x came before 15.x.)
  it.each(['debian', 'alpine', 'rhel', 'rocky', 'alma', 'oracle', 'fedora', 'photon', 'centos-stream'] as const)(
    'gives later %s releases later end dates',
    (track) => {
      const cycles = [...(EOL_TABLE[track] ?? [])].sort((a, b) => compareVersions(a.cycle, b.cycle));
      expect(cycles.length).toBeGreaterThan(1);
      for (let i = 1; i < cycles.length; i++) {
        expect((cycles[i]?.eol ?? '') > (cycles[i - 1]?.eol ?? ''), `${track} ${cycles[i]?.cycle}`).toBe(true);
      }
    },
  );

  it("agrees with the Debian security tracker's list of end-of-life releases", () => {
    const distributions = JSON.parse(readFileSync(sharedPath('vulndata', 'debian', 'vuln-list-debian', 'tracker', 'distributions.json'), 'utf8')) as Record<string, { 'major-version': string; support: string }>;
    const ended = Object.values(distributions).filter((d) => d.support === 'end-of-life');
    expect(ended.length).toBeGreaterThan(0);
    for (const d of ended) expect(eolStatus(os('debian', d['major-version']), new Date())?.reached, d['major-version']).toBe(true);
    for (const d of Object.values(distributions).filter((x) => x.support === 'security' || x.support === 'lts')) {
      expect(eolDate(os('debian', d['major-version'])), d['major-version']).toBeDefined();
    }
  });
});

describe('EOL lookup', () => {
  it.each([
    ['alpine', '3.20.3', '', '2026-04-01'],
    ['alpine', '3.18.9', '', '2025-05-09'],
    ['debian', '12', '', '2028-06-30'],
    ['debian', '10', '', '2024-06-30'],
    ['ubuntu', '22.04', '', '2027-06-01'],
    ['rhel', '9.4', '', '2032-05-31'],
    ['rocky', '8.10', '', '2029-05-31'],
    ['centos', '8', 'CentOS Linux', '2021-12-31'],
    ['centos', '8', 'CentOS Stream', '2024-05-31'],
    ['amazon', '2', '', '2026-06-30'],
    ['amazon', '2023', '', '2029-06-30'],
    ['amazon', '2018.03', '', '2023-12-31'],
    ['sles', '15.5', '', '2024-12-31'],
    ['sles', '12.5', '', '2024-10-31'],
    ['cbl-mariner', '2.0', '', '2025-07-31'],
  ] as const)('%s %s %s ends %s', (family, version, name, date) => {
    expect(eolDate(os(family, version, name))).toBe(date);
  });

  it.each([
    ['sles', '15.8'],
    ['alpine', '3.2.3'],
    ['opensuse-tumbleweed', '20240710'],
    ['wolfi', '20230201'],
    ['debian', ''],
    ['unknown', '1'],
    ['ubuntu', '13.04'],
  ] as const)('has no date for %s %s', (family, version) => {
    expect(eolDate(os(family, version))).toBeUndefined();
    expect(eolStatus(os(family, version), new Date())).toBeUndefined();
  });

  it.each([
    // endoflife.date/ubuntu, /alpine-linux, /fedora, /opensuse, /azure-linux (releases since 2025).
    ['ubuntu', '26.04', '2031-05-29'],
    ['ubuntu', '25.10', '2026-07-09'],
    ['alpine', '3.22.3', '2027-05-01'],
    ['alpine', '3.23.3', '2027-11-01'],
    ['fedora', '42', '2026-05-13'],
    ['fedora', '43', '2026-12-09'],
    ['opensuse-leap', '16.0', '2027-10-31'],
    ['azurelinux', '3.0', '2027-08-31'],
  ] as const)('knows the recent release %s %s (ends %s)', (family, version, date) => {
    expect(eolDate(os(family, version))).toBe(date);
  });

  it('uses the os-release ID: SUSE variants with their own lifecycle and ID_LIKE-inferred families get no date', () => {
    expect(eolDate({ ...os('sles', '15.5'), id: 'sles' })).toBe('2024-12-31');
    expect(eolDate({ ...os('opensuse-leap', '15.6'), id: 'opensuse-leap' })).toBe('2026-04-30');
    for (const [family, version, id] of [
      ['sles', '15.5', 'sles_sap'],
      ['sles', '5.5', 'sle-micro'],
      ['sles', '6.0', 'sl-micro'],
      ['sles', '5.4', 'sle-micro-rancher'],
      ['opensuse-leap', '5.5', 'opensuse-leap-micro'],
      ['rhel', '9.2', 'examplelinux'],
      ['ubuntu', '22.04', 'pop'],
    ] as const) {
      expect(eolDate({ ...os(family, version), id }), id).toBeUndefined();
    }
  });

  it('counts the end date itself as reached (UTC day of the scan)', () => {
    const alpine = os('alpine', '3.18.9');
    expect(eolStatus(alpine, new Date('2025-05-08T23:59:59Z'))).toEqual({ date: '2025-05-09', reached: false });
    expect(eolStatus(alpine, new Date('2025-05-09T00:00:00Z'))).toEqual({ date: '2025-05-09', reached: true });
    expect(eolStatus(alpine, new Date('2030-01-01T00:00:00Z'))?.reached).toBe(true);
  });
});

describe('EOL dates against the distro-info data on this machine (Debian package distro-info-data)', () => {
  /** `version,codename,series,created,release,eol[,eol-lts,...]` rows of /usr/share/distro-info/<distro>.csv. */
  function distroInfo(distro: string): Map<string, Record<string, string>> {
    const [header, ...lines] = readFileSync(`/usr/share/distro-info/${distro}.csv`, 'utf8').trim().split('\n');
    const keys = (header ?? '').split(',');
    return new Map(
      lines.map((l) => {
        const row = Object.fromEntries(l.split(',').map((v, i) => [keys[i] ?? String(i), v]));
        return [(row['version'] ?? '').replace(/ LTS$/, ''), row];
      }),
    );
  }

  it('Ubuntu: end of standard support equals distro-info "eol"', () => {
    const info = distroInfo('ubuntu');
    const table = EOL_TABLE.ubuntu ?? [];
    expect(table.length).toBeGreaterThan(10);
    for (const c of table) {
      const row = info.get(c.cycle);
      if (row?.['eol']) expect(c.eol, `ubuntu ${c.cycle}`).toBe(row['eol']);
    }
  });

  it('Debian: end of LTS equals distro-info "eol-lts"', () => {
    const info = distroInfo('debian');
    for (const c of EOL_TABLE.debian ?? []) {
      const row = info.get(c.cycle);
      if (row?.['eol-lts']) expect(c.eol, `debian ${c.cycle}`).toBe(row['eol-lts']);
    }
  });
});
