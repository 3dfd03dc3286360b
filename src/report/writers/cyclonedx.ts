import { createHash } from 'node:crypto';
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import type { Inventory } from '../../core/inventory.js';
import type { Finding, FindingPackage } from '../../matching/finding.js';
import { IMAGE_BOM_REF, OS_BOM_REF } from '../../sbom/cyclonedx.js';
import { PROP } from '../../sbom/properties.js';
import { imageSubject } from '../../sbom/subject.js';
import { parseTimestamp } from '../../sbom/timestamps.js';
import { vulnerability } from '../cyclonedx-vulns.js';
import type { ScanReport, Suppressed } from '../model.js';

/** RFC 4122 name-based (SHA-1, version 5) UUID: the same report always gets the same serial number. */
function uuidV5(name: string): string {
  const ns = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex'); // the RFC 4122 URL namespace
  const h = createHash('sha1').update(ns).update(name).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function addProperty(c: Models.Component, name: string, value: string | number | undefined): void {
  if (value !== undefined && value !== '') c.properties.add(new Models.Property(name, String(value)));
}

function packageComponent(p: FindingPackage): Models.Component {
  const c = new Models.Component(Enums.ComponentType.Library, p.name, { bomRef: p.id, version: p.version });
  if (p.purl !== '') c.purl = p.purl;
  addProperty(c, PROP.location, p.location);
  addProperty(c, PROP.layerIndex, p.layer?.index);
  addProperty(c, PROP.layerDiffId, p.layer?.diffId);
  addProperty(c, PROP.layerCreatedBy, p.layer?.createdBy);
  addProperty(c, 'drydock:package:fromBaseImage', p.fromBaseImage === undefined ? undefined : String(p.fromBaseImage));
  return c;
}

/** The base-image facts as properties of the image component (CycloneDX has no field for them). */
function addBaseImage(image: Models.Component, report: ScanReport): void {
  const b = report.baseImage;
  if (b === undefined) return;
  addProperty(image, 'drydock:baseImage:flavour', b.info.variant === undefined ? b.info.flavour : `${b.info.flavour} ${b.info.variant}`);
  addProperty(image, 'drydock:baseImage:layers', b.info.baseLayers);
  addProperty(image, 'drydock:baseImage:declared', b.info.declaredBase?.name);
  if (b.eol.os) addProperty(image, 'drydock:baseImage:eol', `${b.eol.os.product} ${b.eol.os.cycle} ${b.eol.os.eol ? 'end of life since' : 'supported until'} ${b.eol.os.date}`);
}

function subjectComponents(report: ScanReport): { image: Models.Component; os?: Models.Component } {
  const asInventory: Inventory = { ...report, schema: 'drydock.inventory/v1', packages: [], unknowns: [] };
  const subject = imageSubject(asInventory);
  const image = new Models.Component(Enums.ComponentType.Container, subject.name, { bomRef: IMAGE_BOM_REF });
  if (subject.version !== undefined) image.version = subject.version;
  if (subject.purl !== undefined) image.purl = subject.purl;
  for (const [k, v] of subject.properties) image.properties.add(new Models.Property(k, v));
  addBaseImage(image, report);
  if (!report.os) return { image };
  const os = new Models.Component(Enums.ComponentType.OperatingSystem, report.os.id, { bomRef: OS_BOM_REF, version: report.os.version });
  if (report.os.prettyName !== undefined) os.description = report.os.prettyName;
  return { image, os };
}

/** Findings grouped by id, keeping first-seen order. */
function byId(findings: readonly Finding[]): Finding[][] {
  const m = new Map<string, Finding[]>();
  for (const f of findings) m.set(f.id, [...(m.get(f.id) ?? []), f]);
  return [...m.values()];
}

/**
 * CycloneDX 1.6 JSON of a scan: the image (metadata.component), the OS, one component per package
 * with findings (bom-ref = the package id, as in drydock's SBOMs, so VEX BOM-Links line up), and one
 * vulnerability per advisory id with ratings, CWEs, advisories and `affects`. Findings suppressed by
 * an ignore file or VEX are listed too, with an `analysis` saying why; severity/unfixed filtering
 * simply leaves findings out. Secrets and image configuration check findings are not vulnerabilities
 * and CycloneDX has no place for them: they are left out (their counts are metadata properties);
 * base-image facts are properties of the image component. Deterministic: timestamp from
 * report.createdAt, serial number derived from the report.
 */
export function writeCycloneDx(report: ScanReport): string {
  const name = `drydock-scan:${report.createdAt}:${report.source.reference}:${report.source.digest ?? ''}`;
  const bom = new Models.Bom({ serialNumber: `urn:uuid:${uuidV5(name)}` });
  bom.metadata.timestamp = parseTimestamp(report.createdAt, 'report createdAt', 'INPUT');
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, report.tool.name, { version: report.tool.version }));
  const { image, os } = subjectComponents(report);
  bom.metadata.component = image;
  if (os) bom.components.add(os);
  bom.metadata.properties.add(new Models.Property('drydock:scan:scanners', report.scanners.join(',')));
  if (report.scanners.includes('secret')) bom.metadata.properties.add(new Models.Property('drydock:scan:secrets', String(report.secrets.length)));
  if (report.scanners.includes('config')) bom.metadata.properties.add(new Models.Property('drydock:scan:checks', String(report.checks.length)));
  const shown: Suppressed[] = report.suppressed.filter((s) => s.by === 'ignorefile' || s.by === 'vex');
  const components = new Map<string, Models.Component>();
  for (const f of [...report.findings, ...shown.map((s) => s.finding)]) {
    if (components.has(f.package.id)) continue;
    const c = packageComponent(f.package);
    components.set(f.package.id, c);
    bom.components.add(c);
  }
  const refOf = (f: Finding): Models.BomRef => (components.get(f.package.id) as Models.Component).bomRef;
  for (const group of byId(report.findings)) bom.vulnerabilities.add(vulnerability(group, refOf, `vulnerability:${group[0]?.id ?? ''}`));
  const suppressedGroups = new Map<string, Suppressed[]>();
  for (const s of shown) {
    const key = JSON.stringify([s.finding.id, s.by, s.reason]);
    suppressedGroups.set(key, [...(suppressedGroups.get(key) ?? []), s]);
  }
  [...suppressedGroups.values()].forEach((group, i) => {
    const first = group[0] as Suppressed;
    bom.vulnerabilities.add(vulnerability(group.map((s) => s.finding), refOf, `vulnerability:${first.finding.id}:suppressed:${i + 1}`, first));
  });
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return `${serializer.serialize(bom, { sortLists: false, space: 2 })}\n`;
}
