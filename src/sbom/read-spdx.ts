import { AppError } from '../core/errors.js';
import type { OsInfo, Unknown } from '../core/inventory.js';
import type { Package } from '../core/package.js';
import type { SbomContents } from './contents.js';
import { sourceFromSpdxSourceInfo, trivyPropertiesFromTexts } from './foreign-properties.js';
import { splitConjunction } from './licenses.js';
import { setIf } from './optional.js';
import { osFromSbom } from './os-from-sbom.js';
import { PROP_NAMESPACE, type Property } from './properties.js';
import { linkDependencies, packageFromElement, type ElementContext, type SbomElement } from './sbom-package.js';
import { SPDX_VERSIONS, SpdxDocument, SpdxPackageEntry, SpdxRelationship } from './spdx-schema.js';
import { sourceFromSbom, type SubjectFacts } from './source-from-sbom.js';
import { formatIssues } from './zod-issues.js';

function parseDocument(doc: unknown, what: string): SpdxDocument {
  const r = SpdxDocument.safeParse(doc);
  if (!r.success) throw new AppError('INPUT', `${what}: not a valid SPDX document: ${formatIssues(r.error)}`);
  const version = r.data.spdxVersion;
  if (!(SPDX_VERSIONS as readonly string[]).includes(version)) {
    throw new AppError('UNSUPPORTED', `${what}: spdxVersion "${version}" is not supported (${SPDX_VERSIONS.join(', ')} JSON)`);
  }
  return r.data;
}

/** drydock annotations (`drydock:<name>=<value>`) plus other tools' `Key: value` texts. */
function propsOf(p: SpdxPackageEntry): Property[] {
  const comments = (p.annotations ?? []).map((a) => a.comment);
  const own: Property[] = [];
  for (const c of comments) {
    const m = c.startsWith(PROP_NAMESPACE) ? /^([^=]+)=([\s\S]*)$/.exec(c) : null;
    if (m) own.push([m[1] ?? '', m[2] ?? '']);
  }
  return [...own, ...trivyPropertiesFromTexts([...comments, ...(p.attributionTexts ?? [])])];
}

function purlOf(p: SpdxPackageEntry): string | undefined {
  return p.externalRefs?.find((r) => r.referenceType === 'purl' && /^PACKAGE[-_]MANAGER$/.test(r.referenceCategory))
    ?.referenceLocator;
}

/** licenseDeclared as license strings: AND-terms split, LicenseRef ids turned back into their names. */
function licensesOf(p: SpdxPackageEntry, extracted: ReadonlyMap<string, string>): string[] {
  const expr = p.licenseDeclared?.trim();
  if (expr === undefined || expr === '' || expr === 'NOASSERTION' || expr === 'NONE') return [];
  return splitConjunction(expr).map((t) => extracted.get(t) ?? t);
}

function parsePackages(doc: SpdxDocument, what: string, unknowns: Unknown[]): SpdxPackageEntry[] {
  const out: SpdxPackageEntry[] = [];
  (doc.packages ?? []).forEach((raw, i) => {
    const r = SpdxPackageEntry.safeParse(raw);
    if (r.success) out.push(r.data);
    else unknowns.push({ source: 'sbom', reason: `${what}: packages[${i}]: ${formatIssues(r.error, '(package)')}` });
  });
  return out;
}

function parseRelationships(doc: SpdxDocument, what: string, unknowns: Unknown[]): SpdxRelationship[] {
  const out: SpdxRelationship[] = [];
  (doc.relationships ?? []).forEach((raw, i) => {
    const r = SpdxRelationship.safeParse(raw);
    if (r.success) out.push(r.data);
    else unknowns.push({ source: 'sbom', reason: `${what}: relationships[${i}]: ${formatIssues(r.error, '(relationship)')}` });
  });
  return out;
}

/** The image (or other described thing): a CONTAINER package, else the first described package without purl. */
function findSubject(doc: SpdxDocument, packages: readonly SpdxPackageEntry[], rels: readonly SpdxRelationship[]) {
  const described = new Set(doc.documentDescribes ?? []);
  for (const r of rels) if (r.relationshipType === 'DESCRIBES' && r.spdxElementId === doc.SPDXID) described.add(r.relatedSpdxElement);
  return (
    packages.find((p) => p.primaryPackagePurpose === 'CONTAINER') ??
    packages.find((p) => described.has(p.SPDXID) && purlOf(p) === undefined)
  );
}

const isOs = (p: SpdxPackageEntry): boolean =>
  p.primaryPackagePurpose === 'OPERATING_SYSTEM' || p.SPDXID.startsWith('SPDXRef-OperatingSystem');

function elementOf(p: SpdxPackageEntry, index: number, extracted: ReadonlyMap<string, string>): SbomElement {
  const el: SbomElement = { ref: p.SPDXID, label: `packages[${index}] "${p.name}"`, name: p.name, licenses: licensesOf(p, extracted), props: propsOf(p) };
  setIf(el, 'version', p.versionInfo);
  setIf(el, 'purl', purlOf(p));
  setIf(el, 'source', sourceFromSpdxSourceInfo(p.sourceInfo));
  return el;
}

/** Dependency edges (from depends on to): DEPENDS_ON, and DEPENDENCY_OF read backwards. */
function dependencyEdges(rels: readonly SpdxRelationship[]): Array<readonly [string, string]> {
  return rels.flatMap((r) => {
    if (r.relationshipType === 'DEPENDS_ON') return [[r.spdxElementId, r.relatedSpdxElement] as const];
    if (r.relationshipType === 'DEPENDENCY_OF') return [[r.relatedSpdxElement, r.spdxElementId] as const];
    return [];
  });
}

/** Map an SPDX 2.2/2.3 JSON document (already JSON-parsed) to packages, OS and source facts. */
export function readSpdx(raw: unknown, what: string): SbomContents {
  const doc = parseDocument(raw, what);
  const unknowns: Unknown[] = [];
  const entries = parsePackages(doc, what, unknowns);
  const rels = parseRelationships(doc, what, unknowns);
  const extracted = new Map((doc.hasExtractedLicensingInfos ?? []).map((e) => [e.licenseId, e.name ?? e.extractedText ?? e.licenseId]));
  const subjectEntry = findSubject(doc, entries, rels);
  let subject: SubjectFacts | undefined;
  if (subjectEntry) {
    subject = { name: subjectEntry.name, props: propsOf(subjectEntry) };
    setIf(subject, 'version', subjectEntry.versionInfo);
  }
  const ctx: ElementContext = { what, usedIds: new Set() };
  const packages: Package[] = [];
  const byRef = new Map<string, Package>();
  let os: OsInfo | undefined;
  entries.forEach((p, i) => {
    if (p === subjectEntry) return;
    if (isOs(p)) {
      if (os) unknowns.push({ source: 'sbom', reason: `${what}: packages[${i}] "${p.name}": a second operating system; the first one is used` });
      else os = osFromSbom(p.name, p.versionInfo, p.description, propsOf(p));
      return;
    }
    const { pkg, unknowns: problems } = packageFromElement(elementOf(p, i, extracted), ctx);
    unknowns.push(...problems);
    if (pkg) {
      packages.push(pkg);
      byRef.set(p.SPDXID, pkg);
    }
  });
  linkDependencies(dependencyEdges(rels), byRef);
  const result: SbomContents = { info: sourceFromSbom(what, subject, packages, unknowns), packages, unknowns };
  if (os) result.os = os;
  return result;
}
