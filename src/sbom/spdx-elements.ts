import { createHash } from 'node:crypto';
import parseExpression from 'spdx-expression-parse';
import type { OsInfo } from '../core/inventory.js';
import type { Package } from '../core/package.js';
import { isSpdxExpression, joinConjunction, licenseRefFor } from './licenses.js';
import { packageProperties, type Property } from './properties.js';
import type { ImageSubject } from './subject.js';
import { osProperties } from './subject.js';

/** The SPDX 2.3 JSON shapes drydock writes (a subset of the schema). */
export interface SpdxAnnotation {
  annotator: string;
  annotationDate: string;
  annotationType: 'OTHER';
  comment: string;
}

export interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  supplier?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: string;
  copyrightText: 'NOASSERTION';
  description?: string;
  sourceInfo?: string;
  externalRefs?: Array<
    | { referenceCategory: 'PACKAGE-MANAGER'; referenceType: 'purl'; referenceLocator: string }
    | { referenceCategory: 'SECURITY'; referenceType: 'cpe23Type'; referenceLocator: string }
  >;
  primaryPackagePurpose: 'CONTAINER' | 'OPERATING_SYSTEM' | 'LIBRARY';
  annotations?: SpdxAnnotation[];
}

export interface ExtractedLicense {
  licenseId: string;
  name: string;
  extractedText: string;
}

export const IMAGE_SPDXID = 'SPDXRef-Image';
export const OS_SPDXID = 'SPDXRef-OperatingSystem';

/** Annotation settings shared by every element of one document. */
export interface AnnotationContext {
  annotator: string;
  date: string;
}

/** SPDXRef-Package-<id> with only [A-Za-z0-9.-]; a short hash of the id keeps changed ids unique. */
export function spdxIdForPackage(id: string): string {
  const clean = id.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  if (clean === id && clean !== '') return `SPDXRef-Package-${clean}`;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 12);
  return `SPDXRef-Package-${clean === '' ? 'id' : clean}-${hash}`;
}

/** `name=value` comments; the readers split at the first `=` (drydock property names have none). */
function annotate(props: readonly Property[], ctx: AnnotationContext): SpdxAnnotation[] | undefined {
  if (props.length === 0) return undefined;
  return props.map(([name, value]) => ({
    annotator: ctx.annotator,
    annotationDate: ctx.date,
    annotationType: 'OTHER',
    comment: `${name}=${value}`,
  }));
}

/**
 * licenseDeclared for a package: NOASSERTION without licenses; otherwise the licenses joined with
 * AND. Free text is replaced by LicenseRef-... ids; every LicenseRef-... id, whether made here or
 * already part of a valid expression (Fedora's `MIT AND LicenseRef-Callaway-BSD`), is declared in
 * `extracted` (an SPDX document must define each LicenseRef it uses). An expression with a
 * DocumentRef-... (a license defined in another document, which drydock cannot reference) is
 * treated as free text.
 */
export function declaredLicense(licenses: readonly string[], extracted: Map<string, ExtractedLicense>): string {
  const clean = [...new Set(licenses.map((l) => l.trim()).filter((l) => l !== ''))];
  if (clean.length === 0) return 'NOASSERTION';
  const terms = clean.map((l) => {
    if (isSpdxExpression(l) && !l.includes('DocumentRef-')) {
      for (const licenseId of licenseRefsIn(l)) {
        // A free-text entry for the same id (with the original name) is kept.
        if (!extracted.has(licenseId)) extracted.set(licenseId, { licenseId, name: licenseId, extractedText: licenseId });
      }
      return l;
    }
    const licenseId = licenseRefFor(l);
    extracted.set(licenseId, { licenseId, name: l, extractedText: l });
    return licenseId;
  });
  return joinConjunction(terms);
}

/** The LicenseRef-... ids a valid SPDX expression uses, in order of appearance, without repeats. */
export function licenseRefsIn(expression: string): string[] {
  const ids = new Set<string>();
  const walk = (node: ReturnType<typeof parseExpression>): void => {
    if ('conjunction' in node) {
      walk(node.left);
      walk(node.right);
    } else if (node.license.startsWith('LicenseRef-')) {
      ids.add(node.license);
    }
  };
  walk(parseExpression(expression));
  return [...ids];
}

/** SPDX supplier from package metadata: `Organization: <vendor>` or `Person: <maintainer>`. */
export function supplierOf(pkg: Package): string | undefined {
  const vendor = pkg.metadata?.vendor?.trim();
  if (vendor) return `Organization: ${vendor}`;
  const maintainer = pkg.metadata?.maintainer?.trim();
  if (maintainer) return `Person: ${maintainer.replace(/<([^>]*)>/, '($1)')}`;
  return undefined;
}

function base(SPDXID: string, name: string, purpose: SpdxPackage['primaryPackagePurpose']): SpdxPackage {
  return {
    SPDXID,
    name,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    primaryPackagePurpose: purpose,
  };
}

const KEY_ORDER: ReadonlyArray<keyof SpdxPackage> = [
  'SPDXID', 'name', 'versionInfo', 'supplier', 'downloadLocation', 'filesAnalyzed', 'licenseConcluded',
  'licenseDeclared', 'copyrightText', 'description', 'sourceInfo', 'externalRefs', 'primaryPackagePurpose', 'annotations',
];

/** The same element with its keys in a fixed, readable order (JSON keeps insertion order). */
function ordered(p: SpdxPackage): SpdxPackage {
  const out: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (p[key] !== undefined) out[key] = p[key];
  return out as unknown as SpdxPackage;
}

function purlRef(purl: string): NonNullable<SpdxPackage['externalRefs']> {
  return [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: purl }];
}

export function imageElement(subject: ImageSubject, ctx: AnnotationContext): SpdxPackage {
  const p = base(IMAGE_SPDXID, subject.name, 'CONTAINER');
  if (subject.version !== undefined) p.versionInfo = subject.version;
  if (subject.purl !== undefined) p.externalRefs = purlRef(subject.purl);
  const annotations = annotate(subject.properties, ctx);
  if (annotations) p.annotations = annotations;
  return ordered(p);
}

export function osElement(os: OsInfo, ctx: AnnotationContext): SpdxPackage {
  const p = base(OS_SPDXID, os.id, 'OPERATING_SYSTEM');
  p.versionInfo = os.version;
  if (os.prettyName !== undefined) p.description = os.prettyName;
  const annotations = annotate(osProperties(os), ctx);
  if (annotations) p.annotations = annotations;
  return ordered(p);
}

export function packageElement(
  pkg: Package,
  spdxId: string,
  ctx: AnnotationContext,
  extracted: Map<string, ExtractedLicense>,
): SpdxPackage {
  const p = base(spdxId, pkg.name, 'LIBRARY');
  p.versionInfo = pkg.version;
  const supplier = supplierOf(pkg);
  if (supplier !== undefined) p.supplier = supplier;
  p.licenseDeclared = declaredLicense(pkg.licenses, extracted);
  if (pkg.source) p.sourceInfo = `built package from: ${pkg.source.name} ${pkg.source.version}`;
  p.externalRefs = [...purlRef(pkg.purl), ...(pkg.cpes ?? []).map((c) => ({ referenceCategory: 'SECURITY' as const, referenceType: 'cpe23Type' as const, referenceLocator: c }))];
  const annotations = annotate(packageProperties(pkg), ctx);
  if (annotations) p.annotations = annotations;
  return ordered(p);
}
