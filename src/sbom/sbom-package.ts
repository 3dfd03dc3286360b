import type { Unknown } from '../core/inventory.js';
import type { Package, SourcePackage } from '../core/package.js';
import { trivySource } from './foreign-properties.js';
import { setIf } from './optional.js';
import { readPackageProperties, type Property } from './properties.js';
import { purlFacts, type PurlFacts } from './purl-facts.js';

/** One package-like element of an SBOM, format-independent (a CycloneDX component or SPDX package). */
export interface SbomElement {
  /** bom-ref / SPDXID; becomes the package id when unique. */
  ref: string | undefined;
  /** Where the element sits in the document, for messages: `components[3] "pom.xml"`. */
  label: string;
  name: string;
  version?: string;
  purl?: string;
  licenses: string[];
  /** drydock properties and other tools' properties (see foreign-properties.ts). */
  props: Property[];
  /** A source package the format states outside properties (SPDX sourceInfo). */
  source?: SourcePackage;
}

/** Per-document facts the mapping needs. */
export interface ElementContext {
  /** The SBOM file as the user named it: the location of packages that name none. */
  what: string;
  /** Package ids handed out so far in this document. */
  usedIds: Set<string>;
}

/** `1:2.3` when the epoch is known and the version does not already start with it. */
function withEpoch(version: string, epoch: number | undefined): string {
  if (epoch === undefined || epoch === 0 || /^\d+:/.test(version)) return version;
  return `${epoch}:${version}`;
}

function epochOf(facts: PurlFacts, version: string): number | undefined {
  if (facts.epoch !== undefined) return facts.epoch;
  const m = facts.type === 'deb' || facts.type === 'rpm' ? /^(\d{1,9}):/.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}

function uniqueId(wanted: string, used: Set<string>): string {
  let id = wanted;
  for (let n = 2; used.has(id); n++) id = `${wanted}#${n}`;
  used.add(id);
  return id;
}

function unknownFor(el: SbomElement, ctx: ElementContext, why: string): Unknown {
  return { source: 'sbom', reason: `${ctx.what}: ${el.label}: ${why}` };
}

/**
 * Map an element to a package. drydock's own properties win; otherwise the purl, the element's
 * fields and other tools' properties fill in (not their layer facts: Trivy lists layer diffIDs
 * sorted by value, so their order gives no index). Elements without a usable purl become unknowns.
 */
export function packageFromElement(el: SbomElement, ctx: ElementContext): { pkg?: Package; unknowns: Unknown[] } {
  if (el.purl === undefined || el.purl.trim() === '') {
    return { unknowns: [unknownFor(el, ctx, 'has no purl, so its ecosystem and identity are unknown')] };
  }
  const facts = purlFacts(el.purl);
  if (typeof facts === 'string') return { unknowns: [unknownFor(el, ctx, facts)] };
  const problems: string[] = [];
  const own = readPackageProperties(el.props, problems);
  const unknowns = problems.map((p) => unknownFor(el, ctx, p));
  // drydock writes the exact version; other tools' version fields vary (Trivy's SPDX drops the
  // release), so their purl decides.
  const rawVersion = own.found ? (el.version ?? facts.version) : (facts.version ?? el.version);
  if (rawVersion === undefined || rawVersion === '') {
    return { unknowns: [...unknowns, unknownFor(el, ctx, `package "${facts.name}" has no version`)] };
  }
  const epoch = own.found ? own.epoch : epochOf(facts, rawVersion);
  const pkg: Package = {
    id: uniqueId(el.ref ?? el.purl, ctx.usedIds),
    type: facts.type,
    name: facts.name,
    version: own.found ? rawVersion : withEpoch(rawVersion, epoch),
    purl: el.purl,
    licenses: el.licenses,
    foundBy: own.foundBy ?? 'sbom',
    location: own.location ?? ctx.what,
  };
  setIf(pkg, 'epoch', epoch);
  setIf(pkg, 'arch', own.arch ?? facts.arch);
  setIf(pkg, 'source', own.source ?? el.source ?? trivySource(el.props) ?? facts.upstream);
  setIf(pkg, 'layer', own.layer);
  setIf(pkg, 'metadata', own.metadata);
  setIf(pkg, 'foundIn', own.foundIn);
  setIf(pkg, 'relationship', own.relationship);
  setIf(pkg, 'dev', own.dev);
  setIf(pkg, 'evidence', own.evidence);
  setIf(pkg, 'extraPurls', own.extraPurls);
  setIf(pkg, 'cpes', own.cpes);
  return { pkg, unknowns };
}

/** Resolve `dependsOn` refs (bom-refs / SPDXIDs) to the package ids handed out for them. */
export function linkDependencies(edges: ReadonlyArray<readonly [from: string, to: string]>, byRef: ReadonlyMap<string, Package>): void {
  for (const [from, to] of edges) {
    const a = byRef.get(from);
    const b = byRef.get(to);
    if (!a || !b || a === b) continue;
    const deps = a.dependsOn ?? [];
    if (!deps.includes(b.id)) a.dependsOn = [...deps, b.id];
  }
}
