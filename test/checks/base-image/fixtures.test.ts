/**
 * Base-image intelligence on the real fixture images (test/fixtures/README.md), through the same
 * inventory path as `drydock scan`. Expected values come from the fixtures' ground truth (package
 * databases read by the real tools, the layer descriptors), from a layer's own dpkg status read with
 * tar, and from the host's distro-info-data; EOL states are asserted for fixed days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import { assessBase, identifyBase, surfaceOf } from '../../../src/checks/base-image/index.js';
import { inventoryOf, tempCache } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readImageTruth, readLangTruth, readPackageTruth, type FixtureName } from '../../helpers/fixtures.js';
import { distroInfo, installedInLayer } from './oracles.js';

const TODAY = new Date('2026-11-27T12:00:00Z');
const NAMES = ['alpine-3.18', 'alpine-3.19', 'alpine-3.20', 'debian', 'distroless', 'binaries', 'python-app', 'node-app', 'rpm'] as const;
const inventories = new Map<FixtureName, Inventory>();
const cache = tempCache();

beforeAll(async () => {
  await ensureFixtures(NAMES);
  for (const name of NAMES) inventories.set(name, await inventoryOf(`oci:${fixture(name).ociDir}`, { cacheDir: cache.dir, now: TODAY }));
});
afterAll(() => cache.cleanup());

const inv = (name: FixtureName): Inventory => {
  const found = inventories.get(name);
  if (!found) throw new Error(`no inventory for ${name}`);
  return found;
};

describe('Alpine minirootfs images (3.18, 3.19, 3.20)', () => {
  // alpinelinux.org/releases: end of support 3.18 2025-05-09, 3.19 2025-11-01, 3.20 2026-04-01.
  const cases = [
    ['alpine-3.18', '3.18', '2025-05-09'],
    ['alpine-3.19', '3.19', '2025-11-01'],
    ['alpine-3.20', '3.20', '2026-04-01'],
  ] as const;

  it.each(cases)('%s: Alpine %s, busybox shell, apk, no runtime', (name, cycle) => {
    const info = identifyBase(inv(name));
    expect(info.flavour).toBe('alpine');
    expect(info.distro).toMatchObject({ family: 'alpine', id: 'alpine', version: readImageTruth(name).os.versionId });
    expect(info.runtimes).toEqual([]);
    expect(info.distro?.version.startsWith(`${cycle}.`)).toBe(true);
    const surface = surfaceOf(inv(name));
    const truthNames = readPackageTruth(name).map((r) => r.package);
    expect(surface.packages.os).toBe(truthNames.length);
    expect(surface.shell).toMatchObject({ present: true, names: expect.arrayContaining(['busybox', 'sh']) });
    expect(surface.packageManager).toEqual({ present: true, names: ['apk'], evidence: ['package apk-tools: /sbin/apk'] });
    expect(surface.bytes?.stored).toBe(readImageTruth(name).layers.reduce((n, l) => n + l.size, 0));
  });

  it.each(cases)('%s: supported the day before its end of life, EOL on the day (%s ends %s)', (name, cycle, date) => {
    const dayBefore = new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000);
    expect(assessBase(inv(name), { now: dayBefore }).eol.os).toMatchObject({ product: 'alpine', cycle, date, eol: false });
    const onTheDay = assessBase(inv(name), { now: new Date(`${date}T00:00:00Z`) });
    expect(onTheDay.eol.os).toMatchObject({ cycle, date, eol: true });
  });

  it.each(cases)('%s today: EOL, advised to move to a supported alpine tag; no size advice for Alpine', (name, cycle, date) => {
    const report = assessBase(inv(name), { now: TODAY });
    expect(report.eol.os?.eol).toBe(true);
    expect(report.suggestions).toHaveLength(1);
    const [s] = report.suggestions;
    expect(s).toMatchObject({ id: 'alpine-eol', kind: 'supported' });
    expect(s?.reason).toContain(`${cycle} reached end of life on ${date}`);
    const target = /^alpine:3\.(\d+)$/.exec(s?.image ?? '');
    expect(target, s?.image).not.toBeNull();
    expect(Number(target?.[1])).toBeGreaterThan(Number(cycle.split('.')[1]));
    // the named release is still supported today
    const until = /supported until (\d{4}-\d{2}-\d{2})/.exec(s?.reason ?? '')?.[1] ?? '';
    expect(until > '2026-11-27').toBe(true);
  });
});

describe('debian (debootstrap bookworm minbase + apt layers)', () => {
  it('is Debian 12 bookworm, the debian/debian-slim package set, one base layer', () => {
    const info = identifyBase(inv('debian'));
    expect(info).toMatchObject({ flavour: 'debian', baseLayers: 1, layerCount: readImageTruth('debian').layers.length });
    expect(info.distro).toMatchObject({ family: 'debian', id: 'debian', version: '12', codename: 'bookworm' });
    expect(info.runtimes).toEqual([]);
  });

  it('splits packages into the base layer and later layers as the layers\' own dpkg databases do', () => {
    // dpkg-query names Multi-Arch: same packages with their architecture (libc6:amd64)
    const final = new Set(readPackageTruth('debian').filter((r) => r.status === 'installed').map((r) => r.package.replace(/:.*$/, '')));
    const base = installedInLayer(fixture('debian').ociDir, 0);
    expect(base.size).toBe(88); // debian:bookworm's package count (docker-debian-artifacts rootfs.manifest)
    const stillThere = [...base].filter((n) => final.has(n)).length; // tzdata was purged by layer 2
    const info = identifyBase(inv('debian'));
    expect(info.packages).toEqual({ total: final.size, os: final.size, fromBase: stillThere, added: final.size - stillThere });
  });

  it('surface: bash and dash, dpkg and apt, bytes of every layer and of the base layer', () => {
    const s = surfaceOf(inv('debian'));
    const truth = readImageTruth('debian');
    expect(s.shell.names).toEqual(expect.arrayContaining(['bash', 'dash']));
    expect(s.packageManager.names).toEqual(['apt', 'dpkg']);
    expect(s.bytes).toEqual({ stored: truth.layers.reduce((n, l) => n + l.size, 0), fromBase: truth.layers[0]?.size });
  });

  it('EOL: the Debian LTS end, with Freexian ELTS noted (dates as in the host distro-info-data)', () => {
    const report = assessBase(inv('debian'), { now: TODAY });
    expect(report.eol.os).toMatchObject({ product: 'debian', cycle: '12', date: '2028-06-30', eol: false });
    expect(report.eol.os?.extended).toEqual({ label: 'Debian ELTS (Freexian)', date: '2033-06-30' });
    const row = distroInfo('debian')?.find((r) => r.series === 'bookworm');
    if (row) expect([row.fields['eol-lts'], row.fields['eol-elts']]).toEqual(['2028-06-30', '2033-06-30']);
    expect(assessBase(inv('debian'), { now: new Date('2028-07-01T00:00:00Z') }).suggestions[0]).toMatchObject({
      id: 'debian-eol',
      image: expect.stringMatching(/^debian:\d+-slim$/),
    });
  });

  it('advice: distroless static/cc with their package counts and the measured number of packages now', () => {
    const report = assessBase(inv('debian'), { now: TODAY });
    const total = readPackageTruth('debian').filter((r) => r.status === 'installed').length;
    expect(report.suggestions.map((s) => [s.image, s.approxPackages])).toEqual([
      ['gcr.io/distroless/static-debian12', 4],
      ['gcr.io/distroless/cc-debian12', 9],
    ]);
    for (const s of report.suggestions) expect(s.reason).toContain(`debian:bookworm: ${total} OS packages now`);
    expect(report.typosquats).toEqual([]);
  });
});

describe('distroless (status.d, no dpkg, static + cc layers)', () => {
  it('is distroless cc: no shell, no package manager, nothing to advise', () => {
    const report = assessBase(inv('distroless'), { now: TODAY });
    expect(report.info).toMatchObject({ flavour: 'distroless', variant: 'cc' });
    expect(report.info.baseLayers).toBeUndefined(); // no CMD/ENTRYPOINT in its history: the split is unknown
    expect(report.info.packages).toEqual({ total: readPackageTruth('distroless').length, os: readPackageTruth('distroless').length });
    expect(report.surface.shell).toEqual({ present: false, names: [], evidence: [] });
    expect(report.surface.packageManager.present).toBe(false);
    expect(report.suggestions).toEqual([]);
    expect(report.eol.os).toMatchObject({ product: 'debian', cycle: '12', eol: false });
  });
});

describe('binaries (runtimes unpacked into /opt, outside dpkg)', () => {
  it('finds the runtimes with the versions their own programs print', () => {
    const truth = readLangTruth('binaries').filter((t) => t.ecosystem === 'generic');
    const version = (name: string): string | undefined => truth.find((t) => t.name === name)?.version;
    const info = identifyBase(inv('binaries'));
    const got = Object.fromEntries(info.runtimes.map((r) => [r.name, r.version]));
    expect(got).toEqual({
      python: version('python'), node: version('node'), go: version('go'), java: version('openjdk'), ruby: version('ruby'), php: version('php'),
    });
    expect(info.runtimes.every((r) => r.source === 'binary' && r.evidence.every((e) => e.startsWith('binary /opt/')))).toBe(true);
  });

  it('runtime EOL on 2026-11-27: Node 18, Go 1.19, Ruby 3.1 ended; Python 3.11 and PHP 8.2 not; a non-Temurin JDK gets no date', () => {
    const report = assessBase(inv('binaries'), { now: TODAY });
    const verdicts = Object.fromEntries(report.eol.runtimes.map((v) => [v.product, [v.cycle, v.date, v.eol]]));
    expect(verdicts).toEqual({
      node: ['18', '2025-04-30', true],
      go: ['1.19', '2023-09-06', true],
      ruby: ['3.1', '2025-03-31', true],
      python: ['3.11', '2027-10-31', false],
      php: ['8.2', '2026-12-31', false],
    });
    // PHP 8.2 ends in 34 days: advised ahead; Python 3.11 (11 months away) is not
    expect(report.suggestions.map((s) => s.id).sort()).toEqual(['go-eol', 'node-eol', 'php-eol', 'ruby-eol']);
    expect(report.suggestions.find((s) => s.id === 'node-eol')?.reason).toMatch(/^Node\.js 18 reached end of life on 2025-04-30: move to Node\.js \d+ \(supported until/);
    // a shell copied in beside the packaged ones is found by its binary
    expect(report.surface.shell.evidence).toContain('binary /opt/busybox/bin/busybox');
  });
});

describe('python-app and node-app (language apps on Debian)', () => {
  it("python-app: Debian's own python3 is the distribution's, not a runtime base; no generic advice for an app image", () => {
    const report = assessBase(inv('python-app'), { now: TODAY });
    expect(report.info.runtimes).toEqual([]);
    expect(report.info.flavour).toBe('debian');
    expect(report.surface.languagePackageManagers).toEqual(['pip']);
    expect(report.suggestions).toEqual([]);
  });

  it('node-app: 88 packages from the base layer (its own dpkg database), npm packages added later', () => {
    const info = identifyBase(inv('node-app'));
    const base = installedInLayer(fixture('node-app').ociDir, 0);
    expect(info.baseLayers).toBe(1);
    expect(info.packages.fromBase).toBe(base.size);
    expect(info.packages.added).toBe(info.packages.total - base.size);
  });
});

describe('rpm (an rpmdb without an OS release file)', () => {
  it('is os-unknown: packages of an OS package manager, no distro, no EOL verdict', () => {
    const report = assessBase(inv('rpm'), { now: TODAY });
    expect(report.info.flavour).toBe('os-unknown');
    expect(report.info.distro).toBeUndefined();
    expect(report.eol).toEqual({ runtimes: [] });
    expect(report.surface.packageManager.present).toBe(false);
  });
});
