import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import type { Package } from '../../../src/core/package.js';
import { binaryFingerprintAnalyzer } from '../../../src/inventory/analyzers/binary-fingerprint.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { createOsAnalyzer } from '../../../src/inventory/analyzers/os.js';
import { assemble } from '../../../src/inventory/assemble.js';
import { cpe23 } from '../../../src/inventory/fingerprints/products.js';
import { readLayer } from '../../../src/inventory/layer-reader.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readImageTruth, readLangTruth, type FixtureName } from '../../helpers/fixtures.js';
import { makeTar, type TarSpecEntry } from '../../helpers/tar-maker.js';

const now = new Date();
const ID = binaryFingerprintAnalyzer.id;
const withOs = [...createOsAnalyzers({ now }), binaryFingerprintAnalyzer];
const withoutPackageDbs = [createOsAnalyzer({ now }), binaryFingerprintAnalyzer];

const found = (inv: Inventory): Package[] => inv.packages.filter((p) => p.foundBy === ID);
const triple = (name: string, version: string, path: string): string => `${name} ${version} ${path}`;
const triples = (inv: Inventory): string[] => found(inv).map((p) => triple(p.name, p.version, p.location)).sort();

describe('binary-fingerprint on the binaries fixture (Debian programs unpacked into /opt without dpkg)', () => {
  let truth: string[];
  let inv: Inventory;
  beforeAll(async () => {
    await ensureFixtures(['binaries']);
    truth = readLangTruth('binaries').map((t) => triple(t.name, t.version, t.path ?? '')).sort();
    inv = await inventoryOf(`oci:${fixture('binaries').ociDir}`, { now, analyzers: withOs });
  });

  it("reports exactly the programs the truth lists, with each program's own version, at its path", () => {
    // 19 findings: the decoys, the dpkg-owned copies and the busybox deleted in a later layer are not among them
    expect(truth).toHaveLength(19);
    expect(triples(inv)).toEqual(truth);
    expect(inv.unknowns.filter((u) => u.source === ID)).toEqual([]);
  });

  it('makes generic purls, CPEs and evidence, attributed to the layer that copied the files in', () => {
    const copyLayer = readImageTruth('binaries').history.filter((h) => !h.emptyLayer).findIndex((h) => h.createdBy.includes('COPY') && h.createdBy.includes('/opt'));
    expect(copyLayer).toBeGreaterThan(0);
    for (const p of found(inv)) {
      expect(p).toMatchObject({ type: 'generic', purl: `pkg:generic/${p.name}@${p.version}`, foundIn: 'binary', licenses: [] });
      expect(p.layer?.index, p.location).toBe(copyLayer);
      expect(p.evidence?.[0]).toMatch(/^fingerprint rule [a-z-]+$/);
      expect(p.evidence?.[1]).toContain(p.version);
    }
    const byPath = new Map(found(inv).map((p) => [p.location, p]));
    expect(byPath.get('/opt/nginx/usr/sbin/nginx')).toMatchObject({
      cpes: ['cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*'],
      evidence: ['fingerprint rule nginx', 'version string "nginx version: nginx/1.22.1"'],
    });
    expect(byPath.get('/opt/libssl3/usr/lib/x86_64-linux-gnu/libcrypto.so.3')?.cpes).toEqual([cpe23('openssl', 'openssl', '3.0.22')]);
    expect(byPath.get('/opt/libnode108/usr/lib/x86_64-linux-gnu/libnode.so.108')?.cpes).toEqual(['cpe:2.3:a:nodejs:node.js:18.20.4:*:*:*:*:*:*:*']);
    expect(byPath.get('/opt/openjdk-17-jre-headless/usr/lib/jvm/java-17-openjdk-amd64/release')).toMatchObject({
      name: 'openjdk',
      cpes: ['cpe:2.3:a:oracle:openjdk:17.0.21.1:*:*:*:*:*:*:*'],
      metadata: { implementor: 'Debian', runtimeVersion: '17.0.21.1+2-1-deb12u1-Debian' },
    });
  });

  it('finds the dpkg-owned copies too, and drops exactly those when dpkg owns them', async () => {
    const all = await inventoryOf(`oci:${fixture('binaries').ociDir}`, { now, analyzers: withoutPackageDbs });
    const owned = triples(all).filter((t) => !truth.includes(t));
    // bash from the base image; curl, libcurl4 and libssl3 from apt
    expect(owned.map((t) => t.split(' ')[0]).sort()).toEqual(['bash', 'curl', 'libcurl', 'openssl']);
    const admindir = `${fixture('binaries').rootfs}/var/lib/dpkg`;
    for (const t of owned) {
      const path = t.split(' ')[2] ?? '';
      const base = path.slice(path.lastIndexOf('/') + 1);
      // dpkg's own answer (its lists name /bin/bash where the file lives in usr/bin: match the name)
      const owners = execFileSync('dpkg-query', [`--admindir=${admindir}`, '-S', `*/${base}`], { encoding: 'utf8' });
      expect(owners, path).toMatch(new RegExp(`: \\S*/${base.replace(/\./g, '\\.')}$`, 'm'));
    }
  });

  it('reads the same from the unpacked root filesystem (dir:)', async () => {
    const fromDir = await inventoryOf(`dir:${fixture('binaries').rootfs}`, { now, analyzers: withOs });
    expect(triples(fromDir)).toEqual(truth);
  });
});

describe.each(['debian', 'distroless', 'alpine-3.20'] satisfies FixtureName[])('binary-fingerprint on the %s fixture', (name) => {
  beforeAll(() => ensureFixtures([name]));

  it('reports nothing: every fingerprinted file belongs to an OS package', async () => {
    const target = `oci:${fixture(name).ociDir}`;
    const seen = triples(await inventoryOf(target, { now, analyzers: withoutPackageDbs }));
    // the programs are there and are recognised (bash, libcrypto, busybox, ...) ...
    expect(seen.length).toBeGreaterThan(0);
    // ... and the package database owns every one of them
    const inv = await inventoryOf(target, { now, analyzers: withOs });
    expect(found(inv)).toEqual([]);
    expect(inv.unknowns.filter((u) => u.source === ID)).toEqual([]);
  });
});

describe('binary-fingerprint on real programs under the wrong names', () => {
  async function inventory(entries: TarSpecEntry[]): Promise<Inventory> {
    async function* src(): AsyncGenerator<Buffer> {
      yield makeTar(entries);
    }
    const layer = await readLayer(src(), { what: 't', analyzers: withOs, maxLayerBytes: 1 << 30 });
    return assemble({ kind: 'dir', reference: 't', layers: [] }, [layer], [{ index: 0 }], { analyzers: withOs, toolVersion: 't', now });
  }
  const host = (path: string): Buffer => readFileSync(path);

  it('finds no version in coreutils, libc or zlib named like the programs, nor in text that quotes version strings', async () => {
    const lib = '/usr/lib/x86_64-linux-gnu';
    const inv = await inventory([
      { name: 'usr/local/bin/nginx', bytes: host('/usr/bin/ls'), mode: 0o755 },
      { name: 'usr/local/bin/python3.11', bytes: host('/usr/bin/sort'), mode: 0o755 },
      { name: 'usr/local/bin/redis-server', bytes: host('/usr/bin/cat'), mode: 0o755 },
      { name: 'usr/local/bin/postgres', bytes: host('/usr/bin/env'), mode: 0o755 },
      { name: 'usr/local/lib/libcrypto.so.3', bytes: host(`${lib}/libc.so.6`), mode: 0o644 },
      { name: 'usr/local/lib/libpython3.11.so.1.0', bytes: host(`${lib}/libz.so.1`), mode: 0o644 },
      { name: 'usr/local/bin/openssl', data: '#!/bin/sh\necho "OpenSSL 1.1.1w  11 Sep 2023"\n', mode: 0o755 },
      { name: 'usr/local/lib/libcrypto.so.1.1', data: 'OpenSSL 1.1.1w  11 Sep 2023\n', mode: 0o644 },
      { name: 'usr/share/doc/app/NOTES', data: 'Built with OpenSSL 1.1.1w  11 Sep 2023 and nginx version: nginx/1.25.3\n', mode: 0o644 },
      { name: 'opt/app/release', data: 'NAME="app"\nVERSION="1.0"\n', mode: 0o644 },
      { name: 'opt/app/VERSION', data: '1.2.3\n', mode: 0o644 },
    ]);
    expect(found(inv)).toEqual([]);
    expect(inv.unknowns).toEqual([]);
  });
});
