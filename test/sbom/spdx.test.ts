import parseExpression from 'spdx-expression-parse';
import { describe, expect, it } from 'vitest';
import { readSbom } from '../../src/sbom/read.js';
import { toSpdx } from '../../src/sbom/spdx.js';
import { expectAppError } from './expect-app-error.js';
import { alpineInventory, debianHostInventory } from './real-inventory.js';
import { sampleInventory } from './sample-inventory.js';
import { SPDX_DATE_RE, SPDX_ID_RE, spdxErrors } from './schema-validators.js';

interface SpdxPkg {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  supplier?: string;
  licenseDeclared: string;
  licenseConcluded: string;
  downloadLocation: string;
  primaryPackagePurpose: string;
  sourceInfo?: string;
  externalRefs?: Array<{ referenceCategory: string; referenceType: string; referenceLocator: string }>;
  annotations?: Array<{ annotationDate: string; comment: string; annotator: string }>;
}
interface SpdxDoc {
  spdxVersion: string;
  SPDXID: string;
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  packages: SpdxPkg[];
  relationships: Array<{ spdxElementId: string; relationshipType: string; relatedSpdxElement: string }>;
  hasExtractedLicensingInfos?: Array<{ licenseId: string; name: string; extractedText: string }>;
}

const NS = 'https://example.test/spdx/web-app-1';
const parse = (s: string): SpdxDoc => JSON.parse(s) as SpdxDoc;
const pkgNamed = (doc: SpdxDoc, name: string): SpdxPkg => {
  const p = doc.packages.find((x) => x.name === name);
  if (!p) throw new Error(`no package ${name}`);
  return p;
};

describe('toSpdx', () => {
  it('produces documents valid against the official SPDX 2.3 schema, with 2.3.1 id and date patterns', () => {
    for (const inv of [sampleInventory(), alpineInventory(), debianHostInventory()]) {
      const text = toSpdx(inv);
      expect(spdxErrors(text)).toBeNull();
      const doc = parse(text);
      expect(doc.creationInfo.created).toMatch(SPDX_DATE_RE);
      const ids = doc.packages.map((p) => p.SPDXID);
      for (const id of ids) expect(id).toMatch(SPDX_ID_RE);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of doc.packages) for (const a of p.annotations ?? []) expect(a.annotationDate).toMatch(SPDX_DATE_RE);
    }
  });

  it('the schema check is real: a tampered document fails it', () => {
    const doc = parse(toSpdx(sampleInventory())) as unknown as Record<string, unknown>;
    delete doc.documentNamespace;
    expect(spdxErrors(JSON.stringify(doc))).not.toBeNull();
  });

  it('writes the document header, the image, the OS and DESCRIBES / CONTAINS / DEPENDS_ON', () => {
    const inv = sampleInventory();
    const doc = parse(toSpdx(inv, { documentNamespace: NS, created: '2024-07-01T09:30:00.999+02:00' }));
    expect(doc.spdxVersion).toBe('SPDX-2.3');
    expect(doc.SPDXID).toBe('SPDXRef-DOCUMENT');
    expect(doc.documentNamespace).toBe(NS);
    expect(doc.creationInfo).toEqual({ created: '2024-07-01T07:30:00Z', creators: ['Tool: drydock-0.1.0'] });
    const [image, os] = doc.packages;
    expect(image?.primaryPackagePurpose).toBe('CONTAINER');
    expect(image?.versionInfo).toBe(inv.source.digest);
    expect(image?.externalRefs?.[0]?.referenceLocator).toMatch(/^pkg:oci\/web-app@sha256:/);
    expect([os?.primaryPackagePurpose, os?.name, os?.versionInfo]).toEqual(['OPERATING_SYSTEM', 'debian', '12']);
    const rel = (t: string) => doc.relationships.filter((r) => r.relationshipType === t);
    expect(rel('DESCRIBES')).toEqual([{ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' }]);
    expect(rel('CONTAINS').map((r) => r.relatedSpdxElement)).toEqual(doc.packages.slice(1).map((p) => p.SPDXID));
    const libstdcxx = pkgNamed(doc, 'libstdc++6').SPDXID;
    expect(rel('DEPENDS_ON').filter((r) => r.spdxElementId === libstdcxx).map((r) => r.relatedSpdxElement)).toEqual([
      pkgNamed(doc, 'libc6').SPDXID,
      pkgNamed(doc, 'libgcc-s1').SPDXID,
    ]);
  });

  it('declares licenses as one valid expression, free text as LicenseRef with extracted info', () => {
    const doc = parse(toSpdx(sampleInventory()));
    expect(pkgNamed(doc, 'musl').licenseDeclared).toBe('MIT');
    expect(pkgNamed(doc, 'python3.11-minimal').licenseDeclared).toBe('NOASSERTION');
    const perl = pkgNamed(doc, 'perl-Digest-MD5').licenseDeclared;
    expect(perl).toMatch(/^LicenseRef-GPL-or-Artistic-and-BSD-[0-9a-f]{8} AND \(GPL-1\.0-or-later OR Artistic-1\.0-Perl\)$/);
    const refs = new Map((doc.hasExtractedLicensingInfos ?? []).map((e) => [e.licenseId, e]));
    expect(refs.get(perl.split(' ')[0] ?? '')?.extractedText).toBe('(GPL+ or Artistic) and BSD');
    expect(refs.get('LicenseRef-Artistic')?.name).toBe('Artistic');
    for (const p of doc.packages) {
      expect(p.licenseConcluded).toBe('NOASSERTION');
      expect(p.downloadLocation).toBe('NOASSERTION');
      if (p.licenseDeclared !== 'NOASSERTION') expect(() => parseExpression(p.licenseDeclared)).not.toThrow();
      for (const id of p.licenseDeclared.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []) expect(refs.has(id)).toBe(true);
    }
  });

  it('declares every LicenseRef an expression already uses (Fedora/RHEL License tags), so the document stays valid', () => {
    const inv = sampleInventory();
    const setLicenses = (name: string, licenses: string[]): void => {
      const p = inv.packages.find((x) => x.name === name);
      if (!p) throw new Error(`no package ${name}`);
      p.licenses = licenses;
    };
    setLicenses('tzdata', ['LicenseRef-Fedora-Public-Domain']);
    setLicenses('openssl-libs', ['MIT AND LicenseRef-Callaway-BSD', 'LicenseRef-Callaway-BSD OR Apache-2.0']);
    // Free text whose LicenseRef id collides with one used in an expression: declared once, with its name.
    setLicenses('musl', ['Artistic', 'LicenseRef-Artistic']);
    // A license defined in another document cannot be referenced without externalDocumentRefs: free text.
    setLicenses('ca-certificates-bundle', ['DocumentRef-other:LicenseRef-x']);
    const text = toSpdx(inv);
    expect(spdxErrors(text)).toBeNull();
    const doc = parse(text);
    expect(pkgNamed(doc, 'tzdata').licenseDeclared).toBe('LicenseRef-Fedora-Public-Domain');
    expect(pkgNamed(doc, 'openssl-libs').licenseDeclared).toBe('(MIT AND LicenseRef-Callaway-BSD) AND (LicenseRef-Callaway-BSD OR Apache-2.0)');
    const declared = doc.hasExtractedLicensingInfos ?? [];
    const byId = new Map(declared.map((e) => [e.licenseId, e]));
    expect(byId.size).toBe(declared.length);
    expect(byId.get('LicenseRef-Fedora-Public-Domain')).toEqual({ licenseId: 'LicenseRef-Fedora-Public-Domain', name: 'LicenseRef-Fedora-Public-Domain', extractedText: 'LicenseRef-Fedora-Public-Domain' });
    expect(byId.get('LicenseRef-Callaway-BSD')?.extractedText).toBe('LicenseRef-Callaway-BSD');
    expect(byId.get('LicenseRef-Artistic')?.name).toBe('Artistic');
    expect(pkgNamed(doc, 'ca-certificates-bundle').licenseDeclared).toMatch(/^LicenseRef-DocumentRef-other-LicenseRef-x-[0-9a-f]{8}$/);
    const used = new Set(doc.packages.flatMap((p) => p.licenseDeclared.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []));
    expect(used.size).toBeGreaterThanOrEqual(4);
    for (const id of used) expect(byId.has(id), id).toBe(true);
    // And the readers give the expressions back unchanged.
    const back = readSbom(text, 'image.spdx.json');
    expect(back.packages.find((p) => p.name === 'tzdata')?.licenses).toEqual(['LicenseRef-Fedora-Public-Domain']);
    expect(back.packages.find((p) => p.name === 'ca-certificates-bundle')?.licenses).toEqual(['DocumentRef-other:LicenseRef-x']);
    expect(back.packages.find((p) => p.name === 'openssl-libs')?.licenses).toEqual(['MIT AND LicenseRef-Callaway-BSD', 'LicenseRef-Callaway-BSD OR Apache-2.0']);
  });

  it('keeps purl, supplier, source and drydock facts (as annotations) on each package', () => {
    const doc = parse(toSpdx(sampleInventory()));
    const ssl = pkgNamed(doc, 'openssl-libs');
    expect(ssl.versionInfo).toBe('1:3.0.7-27.el9');
    expect(ssl.supplier).toBe('Organization: Red Hat, Inc.');
    expect(ssl.sourceInfo).toBe('built package from: openssl 1:3.0.7-27.el9');
    expect(ssl.externalRefs).toEqual([
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=aarch64&distro=rhel-9.4&epoch=1' },
    ]);
    expect(ssl.annotations?.map((a) => a.comment)).toContain('drydock:epoch=1');
    expect(ssl.annotations?.[0]?.annotator).toBe('Tool: drydock-0.1.0');
    expect(pkgNamed(doc, 'libc6').supplier).toBe('Person: GNU Libc Maintainers (debian-glibc@lists.debian.org)');
  });

  it('is deterministic apart from the default namespace, which is unique', () => {
    const a = sampleInventory();
    const b = sampleInventory();
    b.packages.reverse();
    expect(toSpdx(b, { documentNamespace: NS })).toBe(toSpdx(a, { documentNamespace: NS }));
    const ns1 = parse(toSpdx(a)).documentNamespace;
    const ns2 = parse(toSpdx(a)).documentNamespace;
    expect(ns1).toMatch(/^https:\/\/drydock\.invalid\/spdx\/localhost-5000-team-web-app-1\.4\.2-[0-9a-f-]{36}$/);
    expect(ns1).not.toBe(ns2);
  });

  it('rejects a bad namespace or created timestamp', () => {
    expectAppError(() => toSpdx(sampleInventory(), { documentNamespace: 'not a uri' }), 'USAGE', 'not a uri');
    expectAppError(() => toSpdx(sampleInventory(), { documentNamespace: `${NS}#frag` }), 'USAGE', '#');
    expectAppError(() => toSpdx(sampleInventory(), { created: '31/12/2024' }), 'USAGE', '31/12/2024');
  });
});
