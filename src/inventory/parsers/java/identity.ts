import type { PackageRecord } from '../../../core/package.js';
import { makePurl } from '../../purl.js';
import { parseArchiveFileName, type FileNameIdentity } from './file-name.js';
import type { Manifest } from './manifest.js';

/**
 * Maven identities of one Java archive, strongest evidence first:
 *
 * 1. every `pom.properties` (Maven writes `META-INF/maven/<group>/<artifact>/pom.properties`; a
 *    shaded jar keeps those of everything it bundled, so one archive can be several packages),
 *    with the license names of the `pom.xml` beside it;
 * 2. when no pom.properties describes the archive itself: MANIFEST.MF — version from
 *    Implementation-Version, else Bundle-Version, else (Jenkins plugins) Plugin-Version, else —
 *    only when the file name has no version — Specification-Version (the version of the spec the
 *    archive implements, not its own); group from Implementation-Vendor-Id, else Group-Id
 *    (Jenkins), else Bundle-SymbolicName when it is `<group>.<artifact>` (its last segment is the
 *    artifact); artifact from the file name when the file is named `<artifact>-<version>.jar`,
 *    else Short-Name (Jenkins), Implementation-Title, Specification-Title or Bundle-Name — the
 *    first that is a plausible artifactId (letters, digits, `.`, `_`, `-`: "Maven SLF4J Simple
 *    Provider" is a display name, never an artifactId) — else the Bundle-SymbolicName itself.
 *    Implementation-Vendor and Specification-Vendor are organisation names ("Apache Software
 *    Foundation"), not groups, and are not used;
 * 3. else the file name alone (`commons-lang3-3.12.0.jar`).
 *
 * A pom.properties describes the archive itself when its artifact is the file's (also spelled
 * with other separators) or the manifest title, or when it is the only one with the manifest's own version (a renamed jar that shades
 * others: Debian's `maven3-slf4j-provider.jar`), or when its version is the manifest identity's
 * and it is the only pom.properties or shares the manifest's group or artifact.
 *
 * A package with no known group is named by its artifact alone, with `groupIdUnknown` in its
 * metadata and a `pkg:generic` purl: a maven purl must have a namespace (packageurl-js refuses one
 * without, and so does drydock's own SBOM reader), and guessing a group would invent a coordinate
 * (Bundle-SymbolicName `com.google.inject` of guice, whose group is `com.google.inject`, is not
 * `<group>.guice`: no group is taken from it).
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
  const named = parseArchiveFileName(facts.fileName);
  const fallback = fromManifest(facts, named) ?? fromFileName(facts, named);
  const self = selfPom(found, facts, named, fallback);
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

/** The archive's own version fields, strongest first (Specification-Version is the spec's). */
const OWN_VERSION_FIELDS = ['Implementation-Version', 'Bundle-Version', 'Plugin-Version'];
const TITLE_FIELDS = ['Short-Name', 'Implementation-Title', 'Specification-Title', 'Bundle-Name'];

/** Letters, digits, `.`, `_` and `-`: what an artifactId is made of (a title with spaces is a display name). */
const isArtifactId = (v: string | undefined): v is string => v !== undefined && /^[A-Za-z0-9._-]+$/.test(v);

/** Bundle-SymbolicName without its parameters (`x.y;singleton:=true` → `x.y`). */
const symbolicName = (m: Manifest): string | undefined => m.get('Bundle-SymbolicName')?.split(';')[0]?.trim();

function fromManifest(facts: ArchiveFacts, named: FileNameIdentity): Coordinates | undefined {
  const m = facts.manifest;
  if (!m) return undefined;
  const versionFields = named.version === undefined ? [...OWN_VERSION_FIELDS, 'Specification-Version'] : OWN_VERSION_FIELDS;
  const versionField = versionFields.find((f) => usable(m.get(f)));
  if (versionField === undefined) return undefined;
  let artifact: string | undefined;
  let artifactField: string | undefined;
  if (named.version !== undefined) artifact = named.artifact;
  else {
    artifactField = TITLE_FIELDS.find((f) => isArtifactId(m.get(f)));
    if (artifactField === undefined && isArtifactId(symbolicName(m))) artifactField = 'Bundle-SymbolicName';
    artifact = artifactField === 'Bundle-SymbolicName' ? symbolicName(m) : artifactField !== undefined ? m.get(artifactField) : undefined;
  }
  if (artifact === undefined || artifact === '') return undefined;
  const group = manifestGroup(m, artifact);
  const fields = [...new Set([...(group ? [group.field] : []), ...(artifactField !== undefined ? [artifactField] : []), versionField])];
  const evidence = [`MANIFEST.MF ${fields.join(', ')}`];
  if (named.version !== undefined) evidence.push(`file name ${facts.fileName}`);
  const c: Coordinates = { artifact, version: m.get(versionField) ?? '', licenses: [], evidence };
  if (group) c.group = group.value;
  return c;
}

/**
 * The group the manifest names: Implementation-Vendor-Id, Group-Id, or a Bundle-SymbolicName of
 * the form `<group>.<artifact>`. Any other symbolic name (`com.google.inject` for guice, `javax.inject`
 * for atinject) says nothing about the group.
 */
function manifestGroup(m: Manifest, artifact: string): { value: string; field: string } | undefined {
  for (const field of ['Implementation-Vendor-Id', 'Group-Id']) {
    const value = m.get(field);
    if (usable(value)) return { value, field };
  }
  const symbolic = symbolicName(m);
  const dot = symbolic?.lastIndexOf('.') ?? -1;
  if (symbolic !== undefined && dot > 0 && symbolic.slice(dot + 1).toLowerCase() === artifact.toLowerCase()) {
    return { value: symbolic.slice(0, dot), field: 'Bundle-SymbolicName' };
  }
  return undefined;
}

function fromFileName(facts: ArchiveFacts, named: FileNameIdentity): Coordinates | undefined {
  if (named.version === undefined || named.artifact === '') return undefined;
  const group = facts.manifest ? manifestGroup(facts.manifest, named.artifact) : undefined;
  const evidence = [`file name ${facts.fileName}`];
  if (group) evidence.push(`MANIFEST.MF ${group.field}`);
  const c: Coordinates = { artifact: named.artifact, version: named.version, licenses: [], evidence };
  if (group) c.group = group.value;
  return c;
}

/** Lower case without `.`, `_` and `-`. */
const squashed = (v: string): string => v.toLowerCase().replace(/[._-]/g, '');

const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * A version compared as OSGi and Maven write the same one: lower case, `-` as `.`, trailing zero
 * numbers dropped (Bundle-Version `1.3.0` is pom version `1.3`).
 */
function versionKey(v: string): string {
  const parts = v.trim().toLowerCase().split(/[.-]/);
  let n = 0;
  while (n < parts.length && /^\d+$/.test(parts[n] ?? '')) n++;
  const numbers = parts.slice(0, n).map((p) => p.replace(/^0+(?=\d)/, ''));
  while (numbers.length > 1 && numbers[numbers.length - 1] === '0') numbers.pop();
  return [...numbers, ...parts.slice(n)].join('.');
}

const sameVersion = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && versionKey(a) === versionKey(b);

/** The pom.properties that describes the archive itself (rather than something shaded into it), if any. */
function selfPom(found: Coordinates[], facts: ArchiveFacts, named: FileNameIdentity, fallback: Coordinates | undefined): Coordinates | undefined {
  const m = facts.manifest;
  // the file is named after it: `<artifact>-<version>.jar`, or the artifact spelled with other
  // separators (Debian's geronimo-interceptor-3.0-spec.jar is geronimo-interceptor_3.0_spec)
  const stem = squashed(named.file.slice(0, Math.max(0, named.file.lastIndexOf('.'))) || named.file);
  const byName = found.find((c) => same(c.artifact, named.artifact) || squashed(c.artifact) === stem || same(c.artifact, m?.get('Implementation-Title')));
  if (byName) return byName;
  // the only one with the manifest's own version: a renamed jar whose manifest has no group
  const ownVersion = m ? OWN_VERSION_FIELDS.map((f) => m.get(f)).find(usable) : undefined;
  const withOwnVersion = found.filter((c) => sameVersion(c.version, ownVersion));
  if (withOwnVersion.length === 1) return withOwnVersion[0];
  if (!fallback) return undefined;
  return found.find((c) => sameVersion(fallback.version, c.version) && (found.length === 1 || same(c.group, fallback.group) || same(c.artifact, fallback.artifact)));
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
