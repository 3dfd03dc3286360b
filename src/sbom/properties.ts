import type { FoundIn, LayerRef, Package, SourcePackage } from '../core/package.js';
import { setIf } from './optional.js';
import { compareStrings } from './order.js';

/**
 * drydock's property names, shared by the writers and the readers of both formats. CycloneDX
 * carries them as component `properties`; SPDX as package `annotations` whose comment is
 * `<name>=<value>`. Names never contain `=`.
 */
export const PROP = {
  layerIndex: 'drydock:layer:index',
  layerDiffId: 'drydock:layer:diffID',
  layerCreatedBy: 'drydock:layer:createdBy',
  location: 'drydock:location',
  foundBy: 'drydock:foundBy',
  arch: 'drydock:arch',
  sourceName: 'drydock:source:name',
  sourceVersion: 'drydock:source:version',
  epoch: 'drydock:epoch',
  foundIn: 'drydock:package:foundIn',
  relationship: 'drydock:package:relationship',
  dev: 'drydock:package:dev',
  /** Repeated: one property per evidence string / extra purl / CPE. */
  evidence: 'drydock:package:evidence',
  extraPurl: 'drydock:package:extraPurl',
  cpe: 'drydock:package:cpe',
  /** Prefix: `drydock:metadata:<key>` carries one entry of Package.metadata. */
  metadataPrefix: 'drydock:metadata:',
  imageReference: 'drydock:image:reference',
  imageSourceKind: 'drydock:image:sourceKind',
  imageConfigDigest: 'drydock:image:configDigest',
  imagePlatform: 'drydock:image:platform',
  imageCreated: 'drydock:image:created',
  imageOs: 'drydock:image:os',
  imageRepoDigest: 'drydock:image:repoDigest',
  osFamily: 'drydock:os:family',
  osName: 'drydock:os:name',
  osPrettyName: 'drydock:os:prettyName',
  osCodename: 'drydock:os:codename',
  osDetailedVersion: 'drydock:os:detailedVersion',
  osDistroless: 'drydock:os:distroless',
  osEolDate: 'drydock:os:eolDate',
  osEolReached: 'drydock:os:eolReached',
  osEvidence: 'drydock:os:evidence',
} as const;

export const PROP_NAMESPACE = 'drydock:';

export type Property = readonly [name: string, value: string];

/** A package's drydock properties, in a fixed order (the writers keep it; output stays stable). */
export function packageProperties(pkg: Package): Property[] {
  const out: Property[] = [];
  const add = (name: string, value: string | number | undefined): void => {
    if (value !== undefined && value !== '') out.push([name, String(value)]);
  };
  add(PROP.foundBy, pkg.foundBy);
  add(PROP.location, pkg.location);
  if (pkg.layer) {
    add(PROP.layerIndex, pkg.layer.index);
    add(PROP.layerDiffId, pkg.layer.diffId);
    add(PROP.layerCreatedBy, pkg.layer.createdBy);
  }
  add(PROP.arch, pkg.arch);
  add(PROP.epoch, pkg.epoch);
  if (pkg.source) {
    add(PROP.sourceName, pkg.source.name);
    add(PROP.sourceVersion, pkg.source.version);
  }
  add(PROP.foundIn, pkg.foundIn);
  add(PROP.relationship, pkg.relationship);
  if (pkg.dev) add(PROP.dev, 'true');
  for (const e of pkg.evidence ?? []) add(PROP.evidence, e);
  for (const p of pkg.extraPurls ?? []) add(PROP.extraPurl, p);
  for (const c of pkg.cpes ?? []) add(PROP.cpe, c);
  for (const key of Object.keys(pkg.metadata ?? {}).sort(compareStrings)) {
    add(`${PROP.metadataPrefix}${key}`, pkg.metadata?.[key]);
  }
  return out;
}

/** What a package's drydock properties say; `found` is false when it had none at all. */
export interface PackageProps {
  found: boolean;
  foundBy?: string;
  location?: string;
  layer?: LayerRef;
  arch?: string;
  epoch?: number;
  source?: SourcePackage;
  metadata?: Record<string, string>;
  foundIn?: FoundIn;
  relationship?: 'root' | 'direct' | 'indirect';
  dev?: boolean;
  evidence?: string[];
  extraPurls?: string[];
  cpes?: string[];
}

const FOUND_IN: readonly FoundIn[] = ['installed', 'lockfile', 'manifest', 'binary'];
const RELATIONSHIPS = ['root', 'direct', 'indirect'] as const;

/** Read drydock properties back. Malformed numbers are reported in `problems`, not thrown. */
export function readPackageProperties(props: readonly Property[], problems: string[]): PackageProps {
  const get = (name: string): string | undefined => props.find(([n]) => n === name)?.[1];
  const out: PackageProps = { found: props.some(([n]) => n.startsWith(PROP_NAMESPACE)) };
  setIf(out, 'foundBy', get(PROP.foundBy));
  setIf(out, 'location', get(PROP.location));
  setIf(out, 'arch', get(PROP.arch));
  const epoch = get(PROP.epoch);
  if (epoch !== undefined) {
    if (/^\d{1,9}$/.test(epoch)) out.epoch = Number(epoch);
    else problems.push(`${PROP.epoch} "${epoch}" is not a non-negative integer`);
  }
  const index = get(PROP.layerIndex);
  if (index !== undefined) {
    if (/^\d{1,6}$/.test(index)) {
      const layer: LayerRef = { index: Number(index) };
      setIf(layer, 'diffId', get(PROP.layerDiffId));
      setIf(layer, 'createdBy', get(PROP.layerCreatedBy));
      out.layer = layer;
    } else {
      problems.push(`${PROP.layerIndex} "${index}" is not a non-negative integer`);
    }
  }
  const sourceName = get(PROP.sourceName);
  const sourceVersion = get(PROP.sourceVersion);
  if (sourceName !== undefined) out.source = { name: sourceName, version: sourceVersion ?? '' };
  readPackageFacts(props, get, out, problems);
  const metadata: Record<string, string> = {};
  for (const [name, value] of props) {
    if (name.startsWith(PROP.metadataPrefix)) metadata[name.slice(PROP.metadataPrefix.length)] = value;
  }
  if (Object.keys(metadata).length > 0) out.metadata = metadata;
  return out;
}

/** The language-package facts: how it was found, where it sits in the graph, other identities. */
function readPackageFacts(props: readonly Property[], get: (name: string) => string | undefined, out: PackageProps, problems: string[]): void {
  const all = (name: string): string[] => props.filter(([n]) => n === name).map(([, v]) => v);
  const foundIn = get(PROP.foundIn);
  if (foundIn !== undefined) {
    if ((FOUND_IN as readonly string[]).includes(foundIn)) out.foundIn = foundIn as FoundIn;
    else problems.push(`${PROP.foundIn} "${foundIn}" is not one of ${FOUND_IN.join(', ')}`);
  }
  const rel = get(PROP.relationship);
  if (rel !== undefined) {
    if ((RELATIONSHIPS as readonly string[]).includes(rel)) out.relationship = rel as (typeof RELATIONSHIPS)[number];
    else problems.push(`${PROP.relationship} "${rel}" is not one of ${RELATIONSHIPS.join(', ')}`);
  }
  if (get(PROP.dev) === 'true') out.dev = true;
  const evidence = all(PROP.evidence);
  if (evidence.length) out.evidence = evidence;
  const extra = all(PROP.extraPurl);
  if (extra.length) out.extraPurls = extra;
  const cpes = all(PROP.cpe);
  if (cpes.length) out.cpes = cpes;
}
