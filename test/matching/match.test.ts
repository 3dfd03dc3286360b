/**
 * matchInventory on real fixture inventories and a real SQLite store. Where the real sample has no
 * record for a case (a source version differing from the binary's by an epoch, a withdrawn record, a
 * not-affected entry beside a fixed one, an unreadable event version), the records are written here,
 * shaped like the feeds that produce them, and each test says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import { matchInventory } from '../../src/matching/match.js';
import type { AffectedPackage, KevEntry } from '../../src/vulndb/model.js';
import { inventoryOf, tempCache } from '../helpers/drydock.js';
import { fixture } from '../helpers/fixtures.js';
import { VULNDATA } from './osv-records.js';
import { advisory, storeWith } from './store-of.js';

const cache = tempCache();
const inventories = new Map<string, Inventory>();

async function inv(name: 'debian' | 'alpine-3.20' | 'go-apps' | 'rpm'): Promise<Inventory> {
  let i = inventories.get(name);
  if (!i) {
    i = await inventoryOf(`docker-archive:${fixture(name).dockerArchive}`, { cacheDir: cache.dir });
    inventories.set(name, i);
  }
  return i;
}

const fixedBelow = (namespace: string, name: string, fixed: string, extra: Partial<AffectedPackage> = {}): AffectedPackage => ({
  namespace,
  name,
  status: 'fixed',
  ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
  versions: [],
  ...extra,
});

beforeAll(async () => {
  await Promise.all([inv('debian'), inv('alpine-3.20'), inv('go-apps'), inv('rpm')]);
});
afterAll(() => cache.cleanup());

describe('Debian: source package, source version', () => {
  it('compares the SOURCE version when matched via source (bsdutils 1:2.38.1-… is built from util-linux 2.38.1-…)', async () => {
    // A tracker-style record (per source package and release). By the binary version, whose epoch 1
    // sorts above any epoch-0 version, every util-linux binary with an epoch would look fixed.
    const { store, cleanup } = storeWith({ advisories: [advisory({ id: 'CVE-2099-0001', feed: 'debian', affected: [fixedBelow('debian:12', 'util-linux', '2.38.1-5+deb12u4')] })] });
    try {
      const debian = await inv('debian');
      const binaries = debian.packages.filter((p) => p.source?.name === 'util-linux').map((p) => p.name).sort();
      const r = await matchInventory(debian, store);
      expect(r.findings.map((f) => f.package.name).sort()).toEqual(binaries);
      const bsdutils = r.findings.find((f) => f.package.name === 'bsdutils');
      expect(bsdutils?.package.version).toBe('1:2.38.1-5+deb12u3');
      expect(bsdutils?.evidence).toMatchObject({ via: 'source', matchedName: 'util-linux', matchedVersion: '2.38.1-5+deb12u3', namespace: 'debian:12' });
      expect(bsdutils?.fixedVersion).toBe('2.38.1-5+deb12u4');
    } finally {
      cleanup();
    }
  });

  it('a binNMU binary (bash 5.2.15-2+b13) is compared as its source version 5.2.15-2', async () => {
    const { store, cleanup } = storeWith({ advisories: [advisory({ id: 'CVE-2099-0002', feed: 'debian', affected: [fixedBelow('debian:12', 'bash', '5.2.15-2+deb12u1')] })] });
    try {
      const r = await matchInventory(await inv('debian'), store);
      expect(r.findings.map((f) => [f.package.name, f.package.version, f.evidence.matchedVersion])).toEqual([['bash', '5.2.15-2+b13', '5.2.15-2']]);
    } finally {
      cleanup();
    }
  });

  it('falls back to the binary name only when the source package has no record at all', async () => {
    const binaryOnly = storeWith({ advisories: [advisory({ id: 'CVE-2099-0003', feed: 'debian', affected: [fixedBelow('debian:12', 'libblkid1', '2.38.1-5+deb12u4')] })] });
    try {
      const r = await matchInventory(await inv('debian'), binaryOnly.store);
      expect(r.findings.map((f) => [f.package.name, f.evidence.via, f.evidence.matchedVersion])).toEqual([['libblkid1', 'binary', '2.38.1-5+deb12u3']]);
    } finally {
      binaryOnly.cleanup();
    }
    const both = storeWith({
      advisories: [
        advisory({ id: 'CVE-2099-0003', feed: 'debian', affected: [fixedBelow('debian:12', 'libblkid1', '2.38.1-5+deb12u4')] }),
        advisory({ id: 'CVE-2099-0004', feed: 'debian', affected: [fixedBelow('debian:12', 'util-linux', '2.0-1')] }),
      ],
    });
    try {
      const r = await matchInventory(await inv('debian'), both.store);
      expect(r.findings).toEqual([]); // util-linux has records: the binary record is not consulted
    } finally {
      both.cleanup();
    }
  });
});

describe('what never matches', () => {
  it('withdrawn advisories', async () => {
    const { store, cleanup } = storeWith({
      advisories: [advisory({ id: 'GHSA-test-with-drwn', feed: 'osv', withdrawn: '2024-01-01T00:00:00Z', affected: [fixedBelow('alpine:3.20', 'openssl', '3.9.9-r0')] })],
    });
    try {
      expect((await matchInventory(await inv('alpine-3.20'), store)).findings).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('a not-affected entry cancels the same vulnerability from the same feed, namespace and package — not from another feed', async () => {
    // Alpine secdb lists a CVE under key "0" (never affected in the branch); a record that also lists
    // it under a fixed version contradicts itself, and the explicit "not affected" wins.
    const notAffected: AffectedPackage = { namespace: 'alpine:3.20', name: 'openssl', status: 'not-affected', ranges: [], versions: [] };
    const { store, cleanup } = storeWith({
      advisories: [
        advisory({ id: 'CVE-2099-0005', feed: 'alpine-secdb', affected: [notAffected] }),
        advisory({ id: 'ALPINE-TEST-0005', feed: 'alpine-secdb', aliases: ['CVE-2099-0005'], affected: [fixedBelow('alpine:3.20', 'openssl', '3.3.9-r0')] }),
        advisory({ id: 'ALPINE-OSV-0005', feed: 'osv', aliases: ['CVE-2099-0005'], affected: [fixedBelow('alpine:3.20', 'openssl', '3.3.9-r0')] }),
      ],
    });
    try {
      const r = await matchInventory(await inv('alpine-3.20'), store);
      expect(r.findings.map((f) => [f.package.name, f.id, f.evidence.feed]).sort()).toEqual([
        ['libcrypto3', 'CVE-2099-0005', 'osv'],
        ['libssl3', 'CVE-2099-0005', 'osv'],
      ]);
    } finally {
      cleanup();
    }
  });
});

describe('one finding per package and vulnerability', () => {
  it('GO-2022-0493 (real) and a GHSA record for the same CVE: one finding, the other as alias and evidence', async () => {
    const go = JSON.parse(readFileSync(join(VULNDATA, 'go/golang-vulndb/data/osv/GO-2022-0493.json'), 'utf8')) as { id: string; aliases: string[]; affected: Array<{ package: { name: string }; ranges: AffectedPackage['ranges'] }> };
    const affected = go.affected.map((a): AffectedPackage => ({ namespace: 'go', name: a.package.name, status: 'fixed', ranges: a.ranges, versions: [] }));
    const ghsaId = go.aliases.find((a) => a.startsWith('GHSA-')) ?? 'GHSA-p782-xgp4-8hr8';
    const { store, cleanup } = storeWith({
      advisories: [advisory({ id: go.id, feed: 'osv', aliases: go.aliases, affected }), advisory({ id: ghsaId, feed: 'osv', aliases: ['CVE-2022-29526', go.id], affected })],
    });
    try {
      const r = await matchInventory(await inv('go-apps'), store);
      const xsys = r.findings.filter((f) => f.package.name === 'golang.org/x/sys');
      expect(xsys.length).toBeGreaterThan(0);
      const perPackage = new Set(xsys.map((f) => f.package.id));
      expect(perPackage.size).toBe(xsys.length); // never twice for one package
      for (const f of xsys) {
        expect(f.id).toBe('CVE-2022-29526');
        expect(f.aliases).toEqual(expect.arrayContaining([go.id, ghsaId]));
        expect([f.evidence.advisoryId, ...(f.otherEvidence ?? []).map((e) => e.advisoryId)].sort()).toEqual([go.id, ghsaId].sort());
      }
    } finally {
      cleanup();
    }
  });
});

describe('unknowns: never a silent "not affected"', () => {
  it('an installed version the scheme cannot read ((devel) main module) is an unknown naming the advisory', async () => {
    const { store, cleanup } = storeWith({ advisories: [advisory({ id: 'GO-2099-0001', feed: 'osv', affected: [fixedBelow('go', 'example.com/greet', '1.0.0')] })] });
    try {
      const r = await matchInventory(await inv('go-apps'), store);
      expect(r.findings).toEqual([]);
      const u = r.unknowns.filter((x) => x.reason.includes('GO-2099-0001'));
      expect(u.some((x) => /example\.com\/greet \(devel\): installed version "\(devel\)" is not a valid go version/.test(x.reason))).toBe(true);
      // the go.mod main module has no version at all
      expect(u.some((x) => /example\.com\/greet \(no version\): installed version "" is not a valid go version/.test(x.reason))).toBe(true);
    } finally {
      cleanup();
    }
  });

  it('an event version the scheme cannot read makes that advisory an unknown for the packages it names', async () => {
    const { store, cleanup } = storeWith({ advisories: [advisory({ id: 'CVE-2099-0006', feed: 'alpine-secdb', affected: [fixedBelow('alpine:3.20', 'musl', 'not a version!')] })] });
    try {
      const r = await matchInventory(await inv('alpine-3.20'), store);
      expect(r.findings).toEqual([]);
      const u = r.unknowns.find((x) => x.reason.includes('CVE-2099-0006'));
      expect(u?.reason).toMatch(/fixed "not a version!" is not a valid apk version/);
      expect(u?.reason).toMatch(/musl 1\.2\.5-r0/);
    } finally {
      cleanup();
    }
  });

  it('packages of a distro drydock cannot name are one unknown per reason (the rpm fixture has no os-release)', async () => {
    const { store, cleanup } = storeWith({ advisories: [] });
    try {
      const rpm = await inv('rpm');
      const r = await matchInventory(rpm, store);
      const n = rpm.packages.filter((p) => p.type === 'rpm').length;
      expect(r.unknowns.map((u) => u.reason)).toContain(`rpm packages not matched: the distribution release is not known (no readable os-release) (${n} packages)`);
    } finally {
      cleanup();
    }
  });
});

describe('enrichment and risk order', () => {
  it('KEV (the real catalog entry) sorts a finding first, above higher severities', async () => {
    const kevDoc = JSON.parse(readFileSync(join(VULNDATA, 'enrichment/cisa-kev/known_exploited_vulnerabilities.json'), 'utf8')) as { vulnerabilities: Array<Record<string, string>> };
    const log4shell = kevDoc.vulnerabilities.find((v) => v['cveID'] === 'CVE-2021-44228');
    expect(log4shell).toBeDefined();
    const kev: KevEntry = { cve: 'CVE-2021-44228', dateAdded: log4shell?.['dateAdded'] ?? '' };
    const { store, cleanup } = storeWith({
      advisories: [
        advisory({ id: 'CVE-2021-44228', feed: 'alpine-secdb', affected: [fixedBelow('alpine:3.20', 'zlib', '9.9-r0', { severity: 'low' })] }),
        advisory({ id: 'CVE-2099-0007', feed: 'alpine-secdb', affected: [fixedBelow('alpine:3.20', 'musl', '9.9-r0', { severity: 'critical' })] }),
      ],
      kev: [kev],
      epss: [{ cve: 'CVE-2099-0007', score: 0.97, percentile: 0.99 }],
    });
    try {
      const r = await matchInventory(await inv('alpine-3.20'), store);
      expect(r.findings[0]).toMatchObject({ id: 'CVE-2021-44228', severity: 'low', severitySource: 'alpine-secdb', kev: { cve: 'CVE-2021-44228' } });
      expect(r.findings[1]).toMatchObject({ id: 'CVE-2099-0007', severity: 'critical', epss: { score: 0.97 } });
    } finally {
      cleanup();
    }
  });
});
