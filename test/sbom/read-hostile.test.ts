import { describe, expect, it } from 'vitest';
import { toCycloneDx } from '../../src/sbom/cyclonedx.js';
import { MAX_JSON_DEPTH, jsonDepth, readSbom } from '../../src/sbom/read.js';
import { toSpdx } from '../../src/sbom/spdx.js';
import { expectAppError } from './expect-app-error.js';
import { sampleInventory } from './sample-inventory.js';

const cdx = (extra: Record<string, unknown>): string => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, ...extra });
const lib = (name: string, version: string, purl: string) => ({ type: 'library', name, version, purl, 'bom-ref': purl });

describe('readSbom on bad and hostile input', () => {
  it('refuses text that is not JSON, or JSON that is not an SBOM object, naming the input', () => {
    expectAppError(() => readSbom('{"bomFormat": "CycloneDX",', 'bad.json'), 'INPUT', 'bad.json', 'not valid JSON');
    expectAppError(() => readSbom('', 'empty.json'), 'INPUT', 'empty.json', 'not valid JSON');
    expectAppError(() => readSbom('[1,2]', 'list.json'), 'INPUT', 'list.json', 'an array');
    expectAppError(() => readSbom('"CycloneDX"', 's.json'), 'INPUT', 'must be a JSON object');
    expectAppError(() => readSbom('{"name":"x"}', 'other.json'), 'INPUT', 'other.json', 'bomFormat', 'spdxVersion');
  });

  it('reports every bad top-level field of a CycloneDX document at once', () => {
    const err = expectAppError(
      () => readSbom(JSON.stringify({ bomFormat: 'CycloneDx', specVersion: 16, components: {}, dependencies: [{ dependsOn: 'x' }] }), 'a.cdx.json'),
      'INPUT',
      'a.cdx.json',
    );
    for (const field of ['bomFormat', 'specVersion', 'components', 'dependencies.0.ref', 'dependencies.0.dependsOn']) {
      expect(err.message).toContain(field);
    }
  });

  it('refuses unsupported versions: CycloneDX 2.0, SPDX 1.2 / 3.0, SPDX 3 JSON-LD', () => {
    expectAppError(() => readSbom(cdx({ specVersion: '2.0' }), 'v2.cdx.json'), 'UNSUPPORTED', 'specVersion "2.0"');
    const spdx = JSON.parse(toSpdx(sampleInventory())) as Record<string, unknown>;
    for (const v of ['SPDX-1.2', 'SPDX-3.0']) {
      expectAppError(() => readSbom(JSON.stringify({ ...spdx, spdxVersion: v }), 'doc.spdx.json'), 'UNSUPPORTED', `"${v}"`, 'doc.spdx.json');
    }
    const ld = { '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [] };
    expectAppError(() => readSbom(JSON.stringify(ld), 'v3.jsonld'), 'UNSUPPORTED', 'SPDX 3');
  });

  it('reports every missing SPDX document field at once', () => {
    const err = expectAppError(() => readSbom(JSON.stringify({ spdxVersion: 'SPDX-2.3', packages: 'none' }), 'x.spdx.json'), 'INPUT');
    for (const field of ['SPDXID', 'name', 'documentNamespace', 'creationInfo', 'packages']) expect(err.message).toContain(field);
  });

  it('turns bad components into unknowns and keeps the good ones', () => {
    const text = cdx({
      components: [
        lib('zlib', '1.3.1-r1', 'pkg:apk/alpine/zlib@1.3.1-r1?arch=x86_64'),
        { type: 'library', version: '1.0', purl: 'pkg:npm/nameless@1.0' },
        { type: 'library', name: '', purl: 'pkg:npm/empty@1.0' },
        { type: 'library', name: 'badpurl', version: '1', purl: 'pkg:' },
        { type: 'library', name: 'noversion', purl: 'pkg:npm/noversion' },
        { type: 'library', name: 'musl', version: '1.2.5-r0', purl: 'pkg:apk/alpine/musl@1.2.5-r0', properties: [{ name: 'drydock:epoch', value: 'one' }] },
        42,
      ],
    });
    const r = readSbom(text, 'mixed.cdx.json');
    expect(r.packages.map((p) => p.name)).toEqual(['zlib', 'musl']);
    const reasons = r.unknowns.map((u) => u.reason);
    expect(reasons).toHaveLength(6);
    expect(reasons[0]).toMatch(/^mixed\.cdx\.json: components\[1\]: name: /);
    expect(reasons[1]).toContain('a component needs a non-empty name');
    expect(reasons[2]).toContain('purl "pkg:" is invalid');
    expect(reasons[3]).toContain('"noversion" has no version');
    expect(reasons[4]).toContain('drydock:epoch "one" is not a non-negative integer');
    expect(reasons[5]).toMatch(/components\[6\]: \(component\): .*expected object/);
    expect(r.unknowns.every((u) => u.source === 'sbom')).toBe(true);
  });

  it('reads nested components in document order and refuses absurd nesting before parsing', () => {
    let nested: Record<string, unknown> = lib('leaf', '1.0.0', 'pkg:npm/leaf@1.0.0');
    for (let i = 0; i < 40; i++) nested = { ...lib(`n${i}`, '1.0.0', `pkg:npm/n${i}@1.0.0`), components: [nested] };
    const r = readSbom(cdx({ components: [nested] }), 'nested.cdx.json');
    expect(r.packages.map((p) => p.name)).toEqual([...Array.from({ length: 40 }, (_, i) => `n${39 - i}`), 'leaf']);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expectAppError(() => readSbom(deep, 'deep.json'), 'LIMIT', 'deep.json', `${MAX_JSON_DEPTH}`);
    const deepInComponents = cdx({ components: [{ type: 'library', name: 'x', components: JSON.parse(`${'['.repeat(300)}${']'.repeat(300)}`) as unknown }] });
    expectAppError(() => readSbom(deepInComponents, 'deep.cdx.json'), 'LIMIT');
  });

  it('counts nesting without being fooled by brackets inside strings', () => {
    expect(jsonDepth('{"a":"[[[[{{{{\\"]]]]","b":[[1]]}')).toBe(3);
    expect(jsonDepth(JSON.stringify({ s: '['.repeat(1000) }))).toBe(1);
  });

  it('accepts a byte order mark and keeps going when dependencies point nowhere', () => {
    const inv = sampleInventory();
    const doc = JSON.parse(toCycloneDx(inv)) as { dependencies: Array<{ ref: string; dependsOn?: string[] }> };
    doc.dependencies.push({ ref: 'no-such-ref', dependsOn: ['deb:libc6@2.36-9+deb12u7:arm64'] });
    doc.dependencies.push({ ref: 'deb:libc6@2.36-9+deb12u7:arm64', dependsOn: ['ghost'] });
    const r = readSbom(`\uFEFF${JSON.stringify(doc)}`, 'bom.json');
    expect(r.packages).toHaveLength(inv.packages.length);
    expect(r.packages.find((p) => p.name === 'libc6')?.dependsOn).toEqual(['deb:libgcc-s1@12.2.0-14:arm64']);
  });

  it('SPDX: bad packages and relationships become unknowns; NONE / NOASSERTION licenses are empty', () => {
    const doc = JSON.parse(toSpdx(sampleInventory())) as { packages: unknown[]; relationships: unknown[] };
    doc.packages.push({ SPDXID: 'SPDXRef-x', downloadLocation: 'NONE' });
    doc.packages.push({
      SPDXID: 'SPDXRef-y', name: 'zlib', versionInfo: '1.3', downloadLocation: 'NONE', licenseDeclared: 'NONE',
      externalRefs: [{ referenceCategory: 'PACKAGE_MANAGER', referenceType: 'purl', referenceLocator: 'pkg:generic/zlib@1.3' }],
    });
    doc.relationships.push({ spdxElementId: 'SPDXRef-y' });
    const r = readSbom(JSON.stringify(doc), 'odd.spdx.json');
    expect(r.unknowns.map((u) => u.reason)).toEqual([
      expect.stringMatching(/^odd\.spdx\.json: packages\[\d+\]: name: /),
      expect.stringMatching(/^odd\.spdx\.json: relationships\[\d+\]: .*relationshipType/),
    ]);
    expect(r.packages.find((p) => p.name === 'zlib')).toMatchObject({ type: 'generic', licenses: [], version: '1.3' });
  });
});
