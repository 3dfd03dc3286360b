import { describe, expect, it } from 'vitest';
import { toCycloneDx } from '../../src/sbom/cyclonedx.js';
import { expectAppError } from './expect-app-error.js';
import { alpineInventory, debianHostInventory } from './real-inventory.js';
import { sampleInventory } from './sample-inventory.js';
import { cycloneDxErrors } from './schema-validators.js';

interface Cdx {
  serialNumber: string;
  metadata: { timestamp: string; tools: { components: Array<{ name: string; version: string }> }; component: CdxComp };
  components: CdxComp[];
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}
interface CdxComp {
  type: string;
  name: string;
  version?: string;
  'bom-ref': string;
  purl?: string;
  licenses?: Array<{ license?: { id?: string; name?: string }; expression?: string }>;
  properties?: Array<{ name: string; value: string }>;
}

const SERIAL = 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79';
const parse = (s: string): Cdx => JSON.parse(s) as Cdx;
const prop = (c: CdxComp, name: string): string[] => (c.properties ?? []).filter((p) => p.name === name).map((p) => p.value);
const byName = (bom: Cdx, name: string): CdxComp => {
  const c = bom.components.find((x) => x.name === name);
  if (!c) throw new Error(`no component ${name}`);
  return c;
};

describe('toCycloneDx', () => {
  it('produces documents valid against the official CycloneDX 1.6 strict schema', async () => {
    for (const inv of [sampleInventory(), alpineInventory(), debianHostInventory()]) {
      expect(await cycloneDxErrors(toCycloneDx(inv))).toBeNull();
    }
  });

  it('the schema check is real: a tampered document fails it', async () => {
    const bom = parse(toCycloneDx(sampleInventory()));
    const musl = bom.components.find((c) => c.name === 'musl');
    if (musl) musl.licenses = [{ license: { id: 'Not-An-SPDX-Id' } }];
    expect(await cycloneDxErrors(JSON.stringify(bom))).not.toBeNull();
  });

  it('describes the image as a container with an OCI purl, config, platform and OS properties', () => {
    const inv = sampleInventory();
    const bom = parse(toCycloneDx(inv, { serialNumber: SERIAL }));
    const image = bom.metadata.component;
    expect(image.type).toBe('container');
    expect(image.name).toBe('localhost:5000/team/web-app:1.4.2');
    expect(image.version).toBe(inv.source.digest);
    expect(image.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(image.purl).toBe(`pkg:oci/web-app@${inv.source.digest}?arch=arm64&repository_url=localhost%3A5000%2Fteam%2Fweb-app`);
    expect(prop(image, 'drydock:image:platform')).toEqual(['linux/arm64/v8']);
    expect(prop(image, 'drydock:image:os')).toEqual(['Debian GNU/Linux 12 (bookworm)']);
    expect(prop(image, 'drydock:image:configDigest')[0]).toMatch(/^sha256:(cf)+$/);
    expect(bom.metadata.tools.components).toEqual([{ type: 'application', name: 'drydock', version: '0.1.0' }]);
    expect(bom.serialNumber).toBe(SERIAL);
    expect(bom.metadata.timestamp).toBe('2024-06-03T08:15:30.123Z');
    const os = bom.components[0];
    expect(os?.type).toBe('operating-system');
    expect([os?.name, os?.version]).toEqual(['debian', '12']);
  });

  it('maps SPDX ids, expressions and free-text licenses to the right license choice', () => {
    const bom = parse(toCycloneDx(sampleInventory()));
    expect(byName(bom, 'musl').licenses).toEqual([{ license: { id: 'MIT' } }]);
    expect(byName(bom, 'ca-certificates-bundle').licenses).toEqual([{ expression: '(MPL-2.0 AND MIT)' }]);
    expect(byName(bom, 'login').licenses).toEqual([{ expression: 'GPL-2.0-or-later AND (BSD-3-Clause OR GPL-2.0-only)' }]);
    expect(byName(bom, 'libstdc++6').licenses).toEqual([
      { license: { id: 'GPL-3.0-or-later' } },
      { license: { id: 'GFDL-1.2-only' } },
      { license: { name: 'Artistic' } },
    ]);
    // an expression next to free text cannot share one expression: both kept verbatim as names
    expect(byName(bom, 'perl-Digest-MD5').licenses).toEqual([
      { license: { name: '(GPL+ or Artistic) and BSD' } },
      { license: { name: 'GPL-1.0-or-later OR Artistic-1.0-Perl' } },
    ]);
    expect(byName(bom, 'python3.11-minimal').licenses).toBeUndefined();
  });

  it('carries layer, location, analyzer, arch, epoch, source and metadata as drydock: properties', () => {
    const bom = parse(toCycloneDx(sampleInventory()));
    const login = byName(bom, 'login');
    expect(login['bom-ref']).toBe('deb:login@1:4.13+dfsg1-1+b1:arm64');
    expect(login.version).toBe('1:4.13+dfsg1-1+b1');
    expect(Object.fromEntries((login.properties ?? []).map((p) => [p.name, p.value]))).toEqual({
      'drydock:foundBy': 'dpkg',
      'drydock:location': '/var/lib/dpkg/status',
      'drydock:layer:index': '0',
      'drydock:layer:diffID': `sha256:${'a1'.repeat(32)}`,
      'drydock:layer:createdBy': '# debian.sh --arch arm64 out/ bookworm @1717372800',
      'drydock:arch': 'arm64',
      'drydock:epoch': '1',
      'drydock:source:name': 'shadow',
      'drydock:source:version': '1:4.13+dfsg1-1',
    });
    expect(prop(byName(bom, 'libc6'), 'drydock:metadata:installedSize')).toEqual(['12990']);
  });

  it('links the image to the OS and every package, and packages along dependsOn', () => {
    const inv = sampleInventory();
    const bom = parse(toCycloneDx(inv));
    const deps = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn ?? []]));
    expect(deps.get('drydock:image')).toEqual(['drydock:os', ...bom.components.slice(1).map((c) => c['bom-ref'])]);
    expect(deps.get('deb:libstdc++6@12.2.0-14:arm64')).toEqual(['deb:libc6@2.36-9+deb12u7:arm64', 'deb:libgcc-s1@12.2.0-14:arm64']);
    expect(bom.components.slice(1).map((c) => c['bom-ref']).sort()).toEqual(inv.packages.map((p) => p.id).sort());
  });

  it('is deterministic: package order in the inventory does not matter', () => {
    const a = sampleInventory();
    const b = sampleInventory();
    b.packages.reverse();
    expect(toCycloneDx(b, { serialNumber: SERIAL })).toBe(toCycloneDx(a, { serialNumber: SERIAL }));
    const names = parse(toCycloneDx(a)).components.slice(1).map((c) => `${c.purl?.split('/')[0]} ${c.name}`);
    expect(names).toEqual([...names].sort());
  });

  it('makes a fresh random serial number when none is given', () => {
    const one = parse(toCycloneDx(sampleInventory())).serialNumber;
    const two = parse(toCycloneDx(sampleInventory())).serialNumber;
    expect(one).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(one).not.toBe(two);
  });

  it('rejects bad options and duplicate package ids', () => {
    expectAppError(() => toCycloneDx(sampleInventory(), { serialNumber: 'not-a-urn' }), 'USAGE', 'not-a-urn');
    expectAppError(() => toCycloneDx(sampleInventory(), { timestamp: 'yesterday' }), 'USAGE', 'yesterday');
    const inv = sampleInventory();
    const first = inv.packages[0];
    if (first) inv.packages.push({ ...first });
    expectAppError(() => toCycloneDx(inv), 'INPUT', first?.id ?? '?');
  });
});
