import * as z from 'zod/mini';
import type { Unknown } from '../../core/inventory.js';
import type { LayerRef, PackageRecord } from '../../core/package.js';
import { samePackage, type Analyzer, type CapturedFile, type FileResult, type MergedPackage, type MergeOutput, type MergeView } from '../analyzer.js';
import { licensesFromDebCopyright } from '../licenses.js';
import { parseDpkgStatus } from '../parsers/dpkg-status.js';

/**
 * Debian packages: dpkg's status database and the per-package files of distroless images
 * (var/lib/dpkg/status.d/<pkg>, with <pkg>.md5sums next to it in newer images), installed file
 * lists from var/lib/dpkg/info/<pkg>[:<arch>].list (or .md5sums), and license names from
 * machine-readable usr/share/doc/<pkg>/copyright files.
 */

const STATUS = 'var/lib/dpkg/status';
const STATUS_D = 'var/lib/dpkg/status.d/';
const INFO = 'var/lib/dpkg/info/';

type DpkgFileKind = 'status' | 'status.d' | 'list' | 'md5sums' | 'copyright';

export function dpkgFileKind(path: string): DpkgFileKind | undefined {
  if (path === STATUS) return 'status';
  if (path.startsWith(STATUS_D)) {
    const name = path.slice(STATUS_D.length);
    if (name === '' || name.includes('/')) return undefined;
    return name.endsWith('.md5sums') ? 'md5sums' : 'status.d';
  }
  if (path.startsWith(INFO)) {
    const name = path.slice(INFO.length);
    if (name.includes('/')) return undefined;
    if (name.endsWith('.list')) return 'list';
    if (name.endsWith('.md5sums')) return 'md5sums';
    return undefined;
  }
  return /^usr\/share\/doc\/[^/]+\/copyright$/.test(path) ? 'copyright' : undefined;
}

const relationSchema = z.object({ depends: z.array(z.array(z.string())), provides: z.array(z.string()) });
const factsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), relations: z.array(relationSchema) }),
  z.object({ kind: z.literal('files'), files: z.array(z.string()) }),
  z.object({ kind: z.literal('copyright'), licenses: z.array(z.string()), declared: z.optional(z.string()) }),
]);
type DpkgFacts = z.infer<typeof factsSchema>;
type Relation = z.infer<typeof relationSchema>;

export const dpkgAnalyzer: Analyzer = {
  id: 'dpkg',
  version: 2,
  maxFileSize: 64 * 1024 * 1024,
  required: (path) => dpkgFileKind(path) !== undefined,
  analyzeLayer: (files) => files.map(analyzeFile),
  merge: mergeDpkg,
};

function analyzeFile(file: CapturedFile): FileResult {
  const kind = dpkgFileKind(file.path);
  const text = file.content.toString('utf8');
  switch (kind) {
    case 'status':
    case 'status.d': {
      const parsed = parseDpkgStatus(text, { statusRequired: kind === 'status' });
      const facts: DpkgFacts = { kind: 'status', relations: parsed.entries.map((e) => ({ depends: e.depends, provides: e.provides })) };
      const result: FileResult = { path: file.path, packages: parsed.entries.map((e) => e.record), facts };
      if (parsed.problems.length > 0) result.unknowns = parsed.problems;
      return result;
    }
    case 'list':
      return { path: file.path, facts: { kind: 'files', files: listFiles(text) } satisfies DpkgFacts };
    case 'md5sums':
      return { path: file.path, facts: { kind: 'files', files: md5sumsFiles(text) } satisfies DpkgFacts };
    case 'copyright': {
      const licenses = licensesFromDebCopyright(text);
      if (!licenses) return { path: file.path };
      const facts: DpkgFacts = { kind: 'copyright', licenses: licenses.licenses };
      if (licenses.declared !== undefined) facts.declared = licenses.declared;
      return { path: file.path, facts };
    }
    default:
      return { path: file.path, unknowns: ['not a dpkg database file'] };
  }
}

/** A .list file: one absolute path per line; dpkg's "/." entry for the root is dropped. */
function listFiles(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l !== '' && l !== '/.');
}

/** A .md5sums file: `<md5>  <path relative to />` per line. */
function md5sumsFiles(text: string): string[] {
  const files: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^[0-9a-fA-F]{32}\s+\*?(.+?)\r?$/.exec(line);
    if (m?.[1] !== undefined) files.push(m[1].startsWith('/') ? m[1] : `/${m[1]}`);
  }
  return files;
}

interface Found {
  record: PackageRecord;
  relation: Relation;
  path: string;
  layer: LayerRef;
}

function mergeDpkg(view: MergeView): MergeOutput {
  const unknowns: Unknown[] = [];
  for (const v of view.visible) {
    for (const reason of v.result.unknowns ?? []) {
      unknowns.push({ path: `/${v.path}`, layer: v.layer, source: 'dpkg', reason });
    }
  }
  const found = collectPackages(view);
  const dependsOn = resolveDependencies(found);
  const packages = found.map((f, i): MergedPackage => {
    const record: PackageRecord = { ...f.record, dependsOn: dependsOn[i] ?? [] };
    const files = filesFor(view, f);
    if (files) record.files = files;
    addLicenses(view, record);
    return { record, location: `/${f.path}`, layer: f.layer };
  });
  return { packages, unknowns };
}

/** Packages of dpkg's status file, then of status.d files in path order; first name+arch wins. */
function collectPackages(view: MergeView): Found[] {
  const rank = (path: string): string => (path === STATUS ? '' : path);
  const sources = view.visible
    .filter((v) => {
      const kind = dpkgFileKind(v.path);
      return kind === 'status' || kind === 'status.d';
    })
    .sort((a, b) => (rank(a.path) < rank(b.path) ? -1 : rank(a.path) > rank(b.path) ? 1 : 0));
  const found: Found[] = [];
  const seen = new Set<string>();
  for (const v of sources) {
    const facts = readFacts(v.result.facts);
    (v.result.packages ?? []).forEach((record, i) => {
      const key = `${record.name}\u0000${record.arch ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      const relation = (facts?.kind === 'status' ? facts.relations[i] : undefined) ?? { depends: [], provides: [] };
      found.push({ record, relation, path: v.path, layer: view.originOf(v.path, samePackage(record)) });
    });
  }
  return found;
}

function readFacts(facts: unknown): DpkgFacts | undefined {
  const parsed = factsSchema.safeParse(facts);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Depends/Pre-Depends groups resolved against the installed packages: per group the first
 * alternative installed under its own name, else the first alternative an installed package
 * provides. Among the packages of that name (one per architecture on multi-arch systems) the one
 * of the wanted architecture is taken — the qualifier's (`libc6:i386`) or, without one or with
 * `:any`/`:native`, the depending package's own — then one of architecture `all`, then any.
 * Unsatisfied groups and self-references are dropped.
 *
 * Each resolved dependency is written as `name:arch` when the target's architecture is known
 * (`libc6:i386`, `tzdata:all`), else as `name`; the inventory builder links `name:arch` first.
 */
function resolveDependencies(found: readonly Found[]): string[][] {
  const byName = new Map<string, Found[]>();
  const providers = new Map<string, Found[]>();
  const add = (map: Map<string, Found[]>, key: string, f: Found): void => {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  };
  for (const f of found) {
    add(byName, f.record.name, f);
    for (const virtual of new Set(f.relation.provides)) add(providers, virtual, f);
  }
  return found.map((f) => {
    const deps = new Set<string>();
    for (const group of f.relation.depends) {
      const atoms = group.map(splitAtom);
      const pick = (map: Map<string, Found[]>): Found | undefined => {
        for (const atom of atoms) {
          const hit = bestArch(map.get(atom.name), wantedArch(atom.qualifier, f.record.arch));
          if (hit) return hit;
        }
        return undefined;
      };
      const target = pick(byName) ?? pick(providers);
      if (target !== undefined && target !== f) deps.add(dependencyRef(target.record));
    }
    return [...deps].sort();
  });
}

/** `libc6:i386` → name and qualifier (the facts keep relation atoms as written). */
function splitAtom(atom: string): { name: string; qualifier: string | undefined } {
  const colon = atom.indexOf(':');
  return colon === -1 ? { name: atom, qualifier: undefined } : { name: atom.slice(0, colon), qualifier: atom.slice(colon + 1) };
}

function wantedArch(qualifier: string | undefined, own: string | undefined): string | undefined {
  return qualifier === undefined || qualifier === 'any' || qualifier === 'native' ? own : qualifier;
}

/** The candidate of the wanted architecture, else of architecture `all`, else the first. */
function bestArch(candidates: readonly Found[] | undefined, arch: string | undefined): Found | undefined {
  if (!candidates || candidates.length === 0) return undefined;
  return (
    (arch === undefined ? undefined : candidates.find((c) => c.record.arch === arch)) ??
    candidates.find((c) => c.record.arch === 'all') ??
    candidates[0]
  );
}

/** How a dependency edge names its target: `name:arch` when the architecture is known, else `name`. */
export function dependencyRef(record: Pick<PackageRecord, 'name' | 'arch'>): string {
  return record.arch === undefined ? record.name : `${record.name}:${record.arch}`;
}

/** Installed files: info/<name>:<arch>.list, info/<name>.list, then the md5sums files. */
function filesFor(view: MergeView, f: Found): string[] | undefined {
  const { name, arch } = f.record;
  const candidates = [`${INFO}${name}:${arch ?? ''}.list`, `${INFO}${name}.list`, `${INFO}${name}:${arch ?? ''}.md5sums`, `${INFO}${name}.md5sums`];
  if (f.path.startsWith(STATUS_D)) candidates.push(`${f.path}.md5sums`, `${STATUS_D}${name}.md5sums`);
  for (const path of candidates) {
    const facts = readFacts(view.at(path)?.result.facts);
    if (facts?.kind === 'files') return facts.files;
  }
  return undefined;
}

/** Licenses from usr/share/doc/<name>/copyright (which may be a symlinked directory). */
function addLicenses(view: MergeView, record: PackageRecord): void {
  const facts = readFacts(view.resolve(`usr/share/doc/${record.name}/copyright`)?.result.facts);
  if (facts?.kind !== 'copyright') return;
  record.licenses = facts.licenses;
  if (facts.declared !== undefined) record.metadata = { ...record.metadata, declaredLicense: facts.declared };
}
