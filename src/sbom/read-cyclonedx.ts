import { AppError } from '../core/errors.js';
import type { OsInfo, Unknown } from '../core/inventory.js';
import type { Package } from '../core/package.js';
import type { SbomContents } from './contents.js';
import { CDX_SPEC_VERSIONS, CdxComponent, CdxDocument } from './cyclonedx-schema.js';
import { licensesFromCycloneDx } from './cyclonedx-licenses.js';
import { setIf } from './optional.js';
import { osFromSbom } from './os-from-sbom.js';
import type { Property } from './properties.js';
import { linkDependencies, packageFromElement, type ElementContext, type SbomElement } from './sbom-package.js';
import { sourceFromSbom, type SubjectFacts } from './source-from-sbom.js';
import { formatIssues } from './zod-issues.js';

interface Located {
  raw: unknown;
  path: string;
}

function labelOf(raw: unknown, path: string): string {
  const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? `${path} "${name}"` : path;
}

function propsOf(c: CdxComponent): Property[] {
  return (c.properties ?? []).map((p) => [p.name, p.value ?? ''] as const);
}

function elementOf(c: CdxComponent, label: string): SbomElement {
  const el: SbomElement = { ref: c['bom-ref'], label, name: c.name, licenses: licensesFromCycloneDx(c.licenses ?? []), props: propsOf(c) };
  setIf(el, 'version', c.version);
  setIf(el, 'purl', c.purl);
  return el;
}

function parseComponent(item: Located, what: string, unknowns: Unknown[]): CdxComponent | undefined {
  const r = CdxComponent.safeParse(item.raw);
  if (r.success) return r.data;
  unknowns.push({ source: 'sbom', reason: `${what}: ${labelOf(item.raw, item.path)}: ${formatIssues(r.error, '(component)')}` });
  return undefined;
}

function readSubject(raw: unknown, what: string, unknowns: Unknown[]): SubjectFacts | undefined {
  if (raw === undefined) return undefined;
  const c = parseComponent({ raw, path: 'metadata.component' }, what, unknowns);
  if (!c) return undefined;
  const subject: SubjectFacts = { name: c.name, props: propsOf(c) };
  setIf(subject, 'version', c.version);
  return subject;
}

/** Every component, nested ones included, in document order (iterative: nesting depth is bounded by the reader). */
function* walk(components: readonly unknown[]): Generator<Located> {
  const stack: Located[] = components.map((raw, i) => ({ raw, path: `components[${i}]` })).reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    yield item;
    const nested = typeof item.raw === 'object' && item.raw !== null ? (item.raw as { components?: unknown }).components : undefined;
    if (Array.isArray(nested)) {
      const parent = item.path;
      stack.push(...nested.map((raw: unknown, i) => ({ raw, path: `${parent}.components[${i}]` })).reverse());
    }
  }
}

function parseDocument(doc: unknown, what: string): CdxDocument {
  const r = CdxDocument.safeParse(doc);
  if (!r.success) throw new AppError('INPUT', `${what}: not a valid CycloneDX document: ${formatIssues(r.error)}`);
  const version = r.data.specVersion;
  if (!(CDX_SPEC_VERSIONS as readonly string[]).includes(version)) {
    throw new AppError('UNSUPPORTED', `${what}: CycloneDX specVersion "${version}" is not supported (JSON ${CDX_SPEC_VERSIONS.join(', ')})`);
  }
  return r.data;
}

/** Map a CycloneDX JSON document (already JSON-parsed) to packages, OS and source facts. */
export function readCycloneDx(doc: unknown, what: string): SbomContents {
  const bom = parseDocument(doc, what);
  const unknowns: Unknown[] = [];
  const subject = readSubject(bom.metadata?.component, what, unknowns);
  const ctx: ElementContext = { what, usedIds: new Set() };
  const packages: Package[] = [];
  const byRef = new Map<string, Package>();
  let os: OsInfo | undefined;
  for (const item of walk(bom.components ?? [])) {
    const c = parseComponent(item, what, unknowns);
    if (!c) continue;
    const label = labelOf(item.raw, item.path);
    if (c.type === 'operating-system') {
      if (os) unknowns.push({ source: 'sbom', reason: `${what}: ${label}: a second operating system; the first one is used` });
      else os = osFromSbom(c.name, c.version, c.description, propsOf(c));
      continue;
    }
    const { pkg, unknowns: problems } = packageFromElement(elementOf(c, label), ctx);
    unknowns.push(...problems);
    if (!pkg) continue;
    packages.push(pkg);
    if (c['bom-ref'] !== undefined) byRef.set(c['bom-ref'], pkg);
  }
  const edges = (bom.dependencies ?? []).flatMap((d) => (d.dependsOn ?? []).map((to) => [d.ref, to] as const));
  linkDependencies(edges, byRef);
  const result: SbomContents = { info: sourceFromSbom(what, subject, packages, unknowns), packages, unknowns };
  if (os) result.os = os;
  return result;
}
