import type { PackageRecord, SourcePackage } from '../../core/package.js';
import { controlField, parseControl, type ControlParagraph } from './deb-control.js';

/**
 * dpkg's status database (`var/lib/dpkg/status`) and the per-package files distroless images keep
 * in `var/lib/dpkg/status.d/`: one paragraph per package, in deb822 syntax.
 */

export interface DpkgEntry {
  record: PackageRecord;
  /**
   * Depends + Pre-Depends: one list of alternatives per comma-separated group, each `name` or
   * `name:qualifier` as written (`libc6`, `python3:any`, `libc6:i386`).
   */
  depends: string[][];
  /** Names from Provides (virtual packages this package satisfies). */
  provides: string[];
}

export interface DpkgStatusResult {
  entries: DpkgEntry[];
  /** Problems with the file or single paragraphs; the affected paragraphs are skipped. */
  problems: string[];
}

export interface DpkgStatusOptions {
  /**
   * dpkg's own status file must give every package a Status; distroless status.d files only
   * list installed packages and may omit it.
   */
  statusRequired: boolean;
}

/**
 * Package states whose files are (at least partly) on disk: everything dpkg records except
 * `not-installed` and `config-files` (removed, only conffiles left). `unpacked`, `half-installed`
 * and `half-configured` packages are incomplete installations, but their files are present and
 * a scanner must see them; their raw Status is kept in `metadata.dpkgStatus`.
 */
const ABSENT_STATES = new Set(['not-installed', 'config-files']);
const KNOWN_STATES = new Set([
  'not-installed', 'config-files', 'half-installed', 'unpacked', 'half-configured', 'triggers-awaited', 'triggers-pending', 'installed',
]);

/** The plain Status of a normally installed package; any other Status is kept as metadata. */
export const PLAIN_INSTALLED_STATUS = 'install ok installed';

/** Does a Status field (`<want> <flag> <state>`) describe a package whose files are installed? */
export function isInstalledStatus(status: string): boolean {
  const words = status.trim().split(/\s+/);
  const state = words[2] ?? '';
  return words.length === 3 && KNOWN_STATES.has(state) && !ABSENT_STATES.has(state);
}

export interface DebVersion {
  epoch?: number;
  upstream: string;
  revision?: string;
}

const EPOCH_RE = /^\d+$/;
const UPSTREAM_RE = /^[A-Za-z0-9.+~:-]+$/;
const REVISION_RE = /^[A-Za-z0-9.+~]+$/;

const MAX_EPOCH = 2 ** 31 - 1;

/**
 * Split a Debian version `[epoch:]upstream[-revision]`; undefined when dpkg rejects it or warns
 * about invalid characters (such a version cannot be compared reliably). An upstream version not
 * starting with a digit is accepted, as dpkg accepts it with a warning.
 */
export function parseDebVersion(raw: string): DebVersion | undefined {
  const version = raw.trim();
  const colon = version.indexOf(':');
  const epochText = colon === -1 ? undefined : version.slice(0, colon);
  const rest = colon === -1 ? version : version.slice(colon + 1);
  if (epochText !== undefined && (!EPOCH_RE.test(epochText) || Number(epochText) > MAX_EPOCH)) return undefined;
  const dash = rest.lastIndexOf('-');
  const upstream = dash === -1 ? rest : rest.slice(0, dash);
  const revision = dash === -1 ? undefined : rest.slice(dash + 1);
  if (upstream === '' || !UPSTREAM_RE.test(upstream)) return undefined;
  if (revision !== undefined && !REVISION_RE.test(revision)) return undefined;
  const out: DebVersion = { upstream };
  if (epochText !== undefined) out.epoch = Number(epochText);
  if (revision !== undefined) out.revision = revision;
  return out;
}

/** `Source: name` or `Source: name (version)`; without one the binary package is its own source. */
export function parseSourceField(source: string | undefined, name: string, version: string): SourcePackage {
  if (source === undefined || source.trim() === '') return { name, version };
  const m = /^(\S+)\s*(?:\((.+)\))?\s*$/.exec(source.trim());
  if (!m) return { name, version };
  return { name: m[1] ?? name, version: m[2]?.trim() ?? version };
}

/**
 * Names from a relationship field (`a (>= 1) | b:any, c [amd64] <!nocheck>`): one array of
 * alternatives per comma-separated group; versions, architecture qualifiers and restrictions dropped.
 */
export function parseRelations(text: string | undefined): string[][] {
  return parseRelationAtoms(text).map((group) => group.map((atom) => atom.name));
}

/** One alternative of a relationship field: the package name and its `:arch` qualifier, if any. */
export interface RelationAtom {
  name: string;
  /** `any`, `native` or an architecture name (`i386`), as written after the colon. */
  archQualifier?: string;
}

/** Like `parseRelations`, keeping each alternative's architecture qualifier (`python3:any`, `libc6:i386`). */
export function parseRelationAtoms(text: string | undefined): RelationAtom[][] {
  if (text === undefined) return [];
  const groups: RelationAtom[][] = [];
  for (const group of text.split(',')) {
    const atoms: RelationAtom[] = [];
    for (const alt of group.split('|')) {
      const m = /^\s*([^\s(:[<]+)(?::([^\s(:[<]+))?/.exec(alt);
      const name = m?.[1];
      if (name === undefined || name === '') continue;
      const atom: RelationAtom = { name };
      if (m?.[2] !== undefined && m[2] !== '') atom.archQualifier = m[2];
      atoms.push(atom);
    }
    if (atoms.length > 0) groups.push(atoms);
  }
  return groups;
}

/** A relation atom as one string: `name` or `name:qualifier`. */
export function formatRelationAtom(atom: RelationAtom): string {
  return atom.archQualifier === undefined ? atom.name : `${atom.name}:${atom.archQualifier}`;
}

const METADATA_FIELDS: ReadonlyArray<[string, string]> = [
  ['maintainer', 'maintainer'],
  ['installed-size', 'installedSize'],
  ['section', 'section'],
  ['priority', 'priority'],
  ['multi-arch', 'multiArch'],
  ['homepage', 'homepage'],
];

/** Parse a status (or status.d) file. Pure; never throws. */
export function parseDpkgStatus(text: string, options: DpkgStatusOptions): DpkgStatusResult {
  const parsed = parseControl(text);
  const result: DpkgStatusResult = { entries: [], problems: [...parsed.problems] };
  for (const p of parsed.paragraphs) {
    const entry = paragraphToEntry(p, options, result.problems);
    if (entry) result.entries.push(entry);
  }
  return result;
}

function paragraphToEntry(p: ControlParagraph, options: DpkgStatusOptions, problems: string[]): DpkgEntry | undefined {
  const name = controlField(p, 'package');
  const where = `paragraph at line ${p.line}${name === undefined ? '' : ` (Package: ${name})`}`;
  if (name === undefined || name === '') {
    problems.push(`${where}: no Package field`);
    return undefined;
  }
  const status = controlField(p, 'status')?.trim().replace(/\s+/g, ' ');
  if (status === undefined) {
    if (options.statusRequired) {
      problems.push(`${where}: no Status field`);
      return undefined;
    }
  } else if (!isInstalledStatus(status)) {
    const state = status.split(' ')[2];
    if (status.split(' ').length !== 3 || state === undefined || !KNOWN_STATES.has(state)) {
      problems.push(`${where}: unrecognised Status "${status}"`);
    }
    return undefined;
  }
  const version = controlField(p, 'version');
  if (version === undefined || version === '') {
    problems.push(`${where}: installed package without a Version`);
    return undefined;
  }
  const parsedVersion = parseDebVersion(version);
  if (!parsedVersion) {
    problems.push(`${where}: invalid version "${version}"`);
    return undefined;
  }
  const record = toRecord(p, name, version, parsedVersion);
  if (status !== undefined && status !== PLAIN_INSTALLED_STATUS) record.metadata = { ...record.metadata, dpkgStatus: status };
  return {
    record,
    depends: [...parseRelationAtoms(controlField(p, 'pre-depends')), ...parseRelationAtoms(controlField(p, 'depends'))].map((g) =>
      g.map(formatRelationAtom),
    ),
    provides: parseRelations(controlField(p, 'provides')).flat(),
  };
}

function toRecord(p: ControlParagraph, name: string, version: string, parsed: DebVersion): PackageRecord {
  const record: PackageRecord = {
    type: 'deb',
    name,
    version,
    licenses: [],
    source: parseSourceField(controlField(p, 'source'), name, version),
  };
  if (parsed.epoch !== undefined) record.epoch = parsed.epoch;
  const arch = controlField(p, 'architecture');
  if (arch !== undefined && arch !== '') record.arch = arch;
  const metadata: Record<string, string> = {};
  for (const [field, key] of METADATA_FIELDS) {
    const value = controlField(p, field);
    if (value !== undefined && value !== '') metadata[key] = value;
  }
  if (Object.keys(metadata).length > 0) record.metadata = metadata;
  return record;
}
