import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../src/core/inventory.js';
import { createOsAnalyzers } from '../../../src/inventory/analyzers/index.js';
import { rustBinaryAnalyzer } from '../../../src/inventory/analyzers/rust-binary.js';
import { assemble } from '../../../src/inventory/assemble.js';
import { readLayer } from '../../../src/inventory/layer-reader.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readLangTruth } from '../../helpers/fixtures.js';
import { makeTar, type TarSpecEntry } from '../../helpers/tar-maker.js';
import { buildElf } from '../parsers/rust/elf-builder.js';
import { sharedPath } from '../support/shared.js';

async function inventory(entries: TarSpecEntry[]): Promise<Inventory> {
  async function* src(): AsyncGenerator<Buffer> {
    yield makeTar(entries);
  }
  const analyzers = [...createOsAnalyzers({ now: new Date() }), rustBinaryAnalyzer];
  const layer = await readLayer(src(), { what: 't', analyzers, maxLayerBytes: 1 << 30 });
  return assemble({ kind: 'dir', reference: 't', layers: [] }, [layer], [{ index: 0 }], { analyzers, toolVersion: 't', now: new Date() });
}

/** An ELF with a `.dep-v0` section holding `json`, zlib-compressed as cargo-auditable does. */
const auditedElf = (json: unknown, raw?: Buffer): Buffer =>
  buildElf({
    is64: true,
    little: true,
    loaded: 4096,
    sections: [
      { name: '.comment', data: Buffer.from('rustc version 1.95.0\0') },
      { name: '.dep-v0', data: raw ?? deflateSync(Buffer.from(JSON.stringify(json)), { level: 9 }) },
    ],
  });

const AUDIT = {
  format: 1,
  packages: [
    { name: 'app', version: '0.1.0', source: 'local', dependencies: [1, 3, 4], root: true },
    { name: 'serde', version: '1.0.200', source: 'crates.io', dependencies: [2] },
    { name: 'itoa', version: '1.0.11', source: 'crates.io' },
    { name: 'serde_derive', version: '1.0.200', source: 'crates.io', kind: 'build', dependencies: [2] },
    { name: 'private', version: '2.0.0', source: { Other: 'my-registry' } },
  ],
};

describe('rust-binary analyzer', () => {
  it('reads the crates of the binary (build-time crates left out) with the graph and relationships', async () => {
    const inv = await inventory([{ name: 'usr/local/bin/app', bytes: auditedElf(AUDIT), mode: 0o755 }]);
    expect(inv.unknowns).toEqual([]);
    const byName = new Map(inv.packages.map((p) => [p.name, p]));
    expect([...byName.keys()].sort()).toEqual(['app', 'itoa', 'private', 'serde']);
    // the binary's own (local) crate gets no crates.io identity
    expect(byName.get('app')).toMatchObject({ type: 'cargo', relationship: 'root', foundIn: 'binary', location: '/usr/local/bin/app', purl: 'pkg:generic/app@0.1.0' });
    expect(byName.get('serde')?.purl).toBe('pkg:cargo/serde@1.0.200');
    expect(byName.get('app')?.dependsOn).toEqual([byName.get('private')?.id, byName.get('serde')?.id].sort());
    expect(byName.get('serde')).toMatchObject({ relationship: 'direct', dependsOn: [byName.get('itoa')?.id], metadata: { source: 'crates.io' } });
    expect(byName.get('itoa')?.relationship).toBe('indirect');
    expect(byName.get('private')?.metadata).toEqual({ source: 'my-registry' });
    expect(byName.get('serde')?.evidence).toEqual(['cargo-auditable .dep-v0 section']);
  });

  it('reports broken audit data as an unknown of the binary', async () => {
    const inv = await inventory([
      { name: 'bin/zlib-broken', bytes: auditedElf(undefined, Buffer.from('not zlib at all')), mode: 0o755 },
      { name: 'bin/bad-index', bytes: auditedElf({ packages: [{ name: 'a', version: '1.0.0', source: 'local', dependencies: [7], root: true }] }), mode: 0o755 },
      { name: 'bin/bad-field', bytes: auditedElf({ packages: [{ name: 'a', source: 'local' }] }), mode: 0o755 },
    ]);
    const reasons = Object.fromEntries(inv.unknowns.filter((u) => u.source === 'rust-binary').map((u) => [u.path, u.reason]));
    expect(reasons).toEqual({
      '/bin/zlib-broken': 'cargo-auditable data does not decompress (zlib)',
      '/bin/bad-index': 'cargo-auditable data: packages.0.dependencies: index out of range',
      '/bin/bad-field': expect.stringMatching(/^cargo-auditable data: packages\.0\.version: Invalid input/),
    });
    expect(inv.packages.map((p) => `${p.name}@${p.location}`)).toEqual(['a@/bin/bad-index']);
  });

  it('looks at executables only; other files, ELF or not, are no finding and no problem', async () => {
    // Trivy's parser table has only this input of its own (its binaries are not in the snapshot):
    // Trivy fails it with "unrecognized executable format"; drydock's analyzer sees every
    // executable, so a file that is not a binary is simply not one (deliberate difference).
    const dummy = readFileSync(sharedPath('conformance', 'trivy-parsers', 'rust_binary', 'testdata', 'dummy'));
    const inv = await inventory([
      { name: 'usr/bin/dummy', bytes: dummy, mode: 0o755 },
      { name: 'usr/bin/script', data: '#!/bin/sh\necho hi\n', mode: 0o755 },
      { name: 'usr/lib/libapp.so', bytes: auditedElf(AUDIT), mode: 0o644 },
    ]);
    expect(inv.packages).toEqual([]);
    expect(inv.unknowns).toEqual([]);
    expect(rustBinaryAnalyzer.required('usr/lib/libapp.so', { size: 1 << 20, mode: 0o644 })).toBe(false);
    expect(rustBinaryAnalyzer.required('usr/bin/app', { size: 1 << 20, mode: 0o755 })).toBe(true);
  });
});

describe('rust-binary analyzer on a real image (lang-misc)', () => {
  it('matches `cargo metadata` for the binary built with cargo (audit data as cargo-auditable embeds it)', async () => {
    await ensureFixtures(['lang-misc']);
    const f = fixture('lang-misc');
    // the section really is in the binary the image holds
    expect(readFileSync(join(f.rootfs, 'usr/local/bin/drydock-hello')).includes('.dep-v0')).toBe(true);
    const inv = await inventoryOf(`oci:${f.ociDir}:latest`, { analyzers: [...createOsAnalyzers({ now: new Date() }), rustBinaryAnalyzer] });
    const truth = readLangTruth('lang-misc').filter((t) => t.ecosystem === 'cargo' && t.path === '/usr/local/bin/drydock-hello');
    expect(truth.length).toBe(3);
    const crates = inv.packages.filter((p) => p.foundBy === 'rust-binary');
    expect(crates.map((p) => `${p.name}@${p.version}@${p.location}`).sort()).toEqual(truth.map((t) => `${t.name}@${t.version}@${t.path}`).sort());
    const byName = new Map(crates.map((p) => [p.name, p]));
    expect(byName.get('drydock-hello')).toMatchObject({ relationship: 'root', dependsOn: [byName.get('hello-greet')?.id] });
    expect(byName.get('hello-greet')?.relationship).toBe('direct');
    expect(byName.get('hello-util')?.relationship).toBe('indirect');
    expect(byName.get('hello-util')?.layer?.createdBy).toContain('drydock-hello');
    expect(inv.unknowns.filter((u) => u.source === 'rust-binary')).toEqual([]);
  });
});
