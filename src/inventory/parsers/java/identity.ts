import type { PackageRecord } from '../../../core/package.js';
import { makePurl } from '../../purl.js';
import { parseArchiveFileName } from './file-name.js';
import type { Manifest } from './manifest.js';

/**
 * Maven identities of one Java archive, strongest evidence first:
 *
 * 1. every `pom.properties` (Maven writes `META-INF/maven/<group>/<artifact>/pom.properties`; a
 *    shaded jar keeps those of everything it bundled, so one archive can be several packages),
 *    with the license names of the `pom.xml` beside it;
 * 2. when no pom.properties describes the archive itself: MANIFEST.MF — version from
 *    Implementation-Version, else Bundle-Version, else (Jenkins plugins) Plugin-Version, else
 *    Specification-Version; group from Implementation-Vendor-Id, else Group-Id (Jenkins), else
 *    Bundle-SymbolicName without its last segment; artifact from the file name when the file is
 *    named `<artifact>-<version>.jar`, else Short-Name (Jenkins), Implementation-Title,
 *    Specification-Title or Bundle-Name. Implementation-Vendor and Specification-Vendor are
 *    organisation names ("Apache Software Foundation"), not groups, and are not used;
 * 3. else the file name alone (`commons-lang3-3.12.0.jar`).
 *
 * A package with no known group is named by its artifact alone, with `groupIdUnknown` in its
 * metadata and a `pkg:generic` purl: a maven purl must have a namespace (packageurl-js refuses one
 * without, and so does drydock's own SBOM reader), and guessing a group would invent a coordinate.
 */

export interface PomProperties {
  /** The entry's path in the archive (the evidence). */
  entry: string;
  groupId?: string;
  artifactId?: string;
  version?: string;
  /** License names from the pom.xml beside it. */
  licenses: string[];
}

export interface ArchiveFacts {
  /** `/app/app.jar!/BOOT-INF/lib/x.jar`: where the archive is, through its enclosing archives. */
  chain: string;
  /** The archive's own file name (last path segment of the file or entry). */
  fileName: string;
  poms: PomProperties[];
  manifest?: Manifest;
}

export interface Identities {
  packages: PackageRecord[];
  problems: string[];
}

interface Coordinates {
  group?: string;
  artifact: string;
  version: string;
  licenses: string[];
  evidence: string[];
}

export function identifyArchive(facts: ArchiveFacts): Identities {
  const problems: string[] = [];
  const found: Coordinates[] = [];
  const seen = new Set<string>();
  for (const pom of facts.poms) {
    const c = fromPom(pom);
    if (typeof c === 'string') {
      problems.push(`${pom.entry}: ${c}`);
      continue;
    }
    const key = `${c.group ?? ''}:${c.artifact}@${c.version}`;
    if (!seen.has(key)) found.push(c);
    seen.add(key);
  }
  const fallback = fromManifest(facts) ?? fromFileName(facts);
  const self = found.find((c) => describesArchive(c, facts, fallback, found.length));
  const manifestLicenses = facts.manifest ? manifestLicenseNames(facts.manifest) : [];
  if (self && self.licenses.length === 0) self.licenses = manifestLicenses;
  if (!self && fallback) {
    if (fallback.licenses.length === 0) fallback.licenses = manifestLicenses;
    found.push(fallback);
  }
  if (found.length === 0 && problems.length === 0) {
    problems.push('no Maven identity: no pom.properties, no version in MANIFEST.MF or in the file name');
  }
  return { packages: found.map((c) => toRecord(c, facts.chain)), problems };
}

const usable = (v: string | undefined): v is string => v !== undefined && v.trim() !== '' && !v.includes('${');

function fromPom(pom: PomProperties): Coordinates | string {
  const missing = (['groupId', 'artifactId', 'version'] as const).filter((k) => !usable(pom[k]));
  if (missing.length > 0) return `no usable ${missing.join(', ')}`;
  return {
    group: (pom.groupId ?? '').trim(),
    artifact: (pom.artifactId ?? '').trim(),
    version: (pom.version ?? '').trim(),
    licenses: pom.licenses,
    evidence: [`pom.properties ${pom.entry}`],
  };
}

function fromManifest(facts: ArchiveFacts): Coordinates | undefined {
  const m = facts.manifest;
  if (!m) return undefined;
  const versionField = ['Implementation-Version', 'Bundle-Version', 'Plugin-Version', 'Specification-Version'].find((f) => usable(m.get(f)));
  if (versionField === undefined) return undefined;
  const named = parseArchiveFileName(facts.fileName);
  const titleField = ['Short-Name', 'Implementation-Title', 'Specification-Title', 'Bundle-Name'].find((f) => usable(m.get(f)));
  const artifact = named.version !== undefined ? named.artifact : titleField !== undefined ? m.get(titleField) : undefined;
  if (artifact === undefined || artifact === '') return undefined;
  const group = manifestGroup(m);
  const fields = [...(group ? [group.field] : []), ...(named.version === undefined && titleField ? [titleField] : []), versionField];
  const evidence = [`MANIFEST.MF ${fields.join(', ')}`];
  if (named.version !== undefined) evidence.push(`file name ${facts.fileName}`);
  const c: Coordinates = { artifact, version: m.get(versionField) ?? '', licenses: [], evidence };
  if (group) c.group = group.value;
  return c;
}

function manifestGroup(m: Manifest): { value: string; field: string } | undefined {
  for (const field of ['Implementation-Vendor-Id', 'Group-Id']) {
    const value = m.get(field);
    if (usable(value)) return { value, field };
  }
  const symbolic = m.get('Bundle-SymbolicName')?.split(';')[0]?.trim();
  const dot = symbolic?.lastIndexOf('.') ?? -1;
  if (symbolic !== undefined && dot > 0) return { value: symbolic.slice(0, dot), field: 'Bundle-SymbolicName' };
  return undefined;
}

function fromFileName(facts: ArchiveFacts): Coordinates | undefined {
  const named = parseArchiveFileName(facts.fileName);
  if (named.version === undefined || named.artifact === '') return undefined;
  const group = facts.manifest ? manifestGroup(facts.manifest) : undefined;
  const evidence = [`file name ${facts.fileName}`];
  if (group) evidence.push(`MANIFEST.MF ${group.field}`);
  const c: Coordinates = { artifact: named.artifact, version: named.version, licenses: [], evidence };
  if (group) c.group = group.value;
  return c;
}

/**
 * Does this pom.properties describe the archive itself (rather than something shaded into it)?
 * Its artifact is the file's or the manifest title, or its version is the manifest's and it is
 * the only pom.properties or shares the manifest's vendor id.
 */
function describesArchive(c: Coordinates, facts: ArchiveFacts, fallback: Coordinates | undefined, pomCount: number): boolean {
  const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
  if (same(c.artifact, parseArchiveFileName(facts.fileName).artifact)) return true;
  if (same(c.artifact, facts.manifest?.get('Implementation-Title'))) return true;
  if (!fallback || fallback.version !== c.version) return false;
  return pomCount === 1 || same(c.group, fallback.group) || same(c.artifact, fallback.artifact);
}

/** Licenses a manifest declares: Jenkins plugins' Plugin-License-Name(-N), OSGi Bundle-License names (URLs skipped). */
export function manifestLicenseNames(m: Manifest): string[] {
  const names: string[] = [];
  for (const [key, value] of m.headers) {
    if (/^plugin-license-name(-\d+)?$/.test(key)) names.push(value.trim());
  }
  const bundle = m.get('Bundle-License');
  if (bundle !== undefined) {
    for (const part of splitOutsideQuotes(bundle)) {
      const name = (part.split(';')[0] ?? '').trim().replace(/^"|"$/g, '');
      if (name !== '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) names.push(name);
    }
  }
  return [...new Set(names.filter((n) => n !== ''))];
}

/** OSGi header clauses: split at commas that are not inside double quotes. */
function splitOutsideQuotes(value: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

function toRecord(c: Coordinates, chain: string): PackageRecord {
  const name = c.group ? `${c.group}:${c.artifact}` : c.artifact;
  const purl = c.group ? makePurl('maven', c.group, c.artifact, c.version) : makePurl('generic', undefined, c.artifact, c.version);
  const metadata: Record<string, string> = { archive: chain, artifactId: c.artifact };
  if (c.group) metadata['groupId'] = c.group;
  else metadata['groupIdUnknown'] = 'true';
  return { type: 'maven', name, version: c.version, licenses: c.licenses, purl, foundIn: 'installed', evidence: c.evidence, metadata };
}
