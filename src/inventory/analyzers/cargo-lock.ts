import type { PackageRecord } from '../../core/package.js';
import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { parseCargoLock, type LockedCrate } from '../parsers/rust/cargo-lock.js';
import { makePurl } from '../purl.js';

/**
 * Rust crates locked by Cargo (`Cargo.lock`) with the dependency graph. The lock does not say which
 * crates are the workspace's own; crates without a `source` that nothing else depends on are taken
 * as the roots, what they depend on as direct, the rest as indirect. Lock files inside Cargo's
 * download caches (`.cargo/registry/`, `.cargo/git/`) belong to downloaded crates and are not read.
 *
 * Identity: a crate from a registry is `pkg:cargo/<name>@<version>`; one from git is the same with
 * the repository and commit as `vcs_url` (it is not the registry's code); a local crate (no
 * `source`: a workspace member or path dependency) is first-party code that only shares a name
 * with whatever crates.io has, so it gets no registry identity: `pkg:generic/<name>@<version>`
 * (type stays `cargo`, `metadata.source` is `local`). Dependency references are `name@version`,
 * which the inventory resolves to the first crate of that name and version in the file: an edge
 * to a second crate with the same name and version (a git fork of a registry crate) cannot be
 * named that way, so it is left out of `dependsOn` and listed in `metadata.unlinkedDependencies`
 * (`name version (source)`) rather than linked to the wrong crate.
 */
export const cargoLockAnalyzer: Analyzer = {
  id: 'cargo-lock',
  version: 2,
  maxFileSize: 32 * 1024 * 1024,
  required: (path) =>
    (path === 'Cargo.lock' || path.endsWith('/Cargo.lock')) && !path.includes('.cargo/registry/') && !path.includes('.cargo/git/'),
  analyzeLayer: (files) => files.map(analyzeFile),
};

function analyzeFile(file: CapturedFile): FileResult {
  const lock = parseCargoLock(file.content.toString('utf8'));
  const result: FileResult = { path: file.path, packages: crateRecords(lock.crates), facts: { lockVersion: lock.version } };
  if (lock.problems.length > 0) result.unknowns = lock.problems.map((p) => `Cargo.lock: ${p}`);
  return result;
}

export function crateRecords(crates: LockedCrate[]): PackageRecord[] {
  const ref = (c: LockedCrate): string => `${c.name}@${c.version}`;
  const first = new Map<string, number>();
  crates.forEach((c, i) => {
    if (!first.has(ref(c))) first.set(ref(c), i);
  });
  const relationship = relationships(crates);
  return crates.map((c, i) => {
    const record: PackageRecord = {
      type: 'cargo',
      name: c.name,
      version: c.version,
      licenses: [],
      purl: cratePurl(c.name, c.version, c.source),
      foundIn: 'lockfile',
      evidence: ['Cargo.lock'],
    };
    const rel = relationship.get(i);
    if (rel !== undefined) record.relationship = rel;
    const deps = new Set<string>();
    const unlinked: string[] = [];
    for (const d of c.dependencies) {
      const dep = crates[d];
      if (!dep) continue;
      if (first.get(ref(dep)) === d) deps.add(ref(dep));
      else unlinked.push(`${dep.name} ${dep.version}${dep.source === undefined ? '' : ` (${dep.source})`}`);
    }
    if (deps.size > 0) record.dependsOn = [...deps].sort();
    record.metadata = { source: c.source ?? 'local' };
    if (unlinked.length > 0) record.metadata['unlinkedDependencies'] = unlinked.join(', ');
    return record;
  });
}

/** The purl of a crate by its Cargo source (see the analyzer's comment). */
export function cratePurl(name: string, version: string, source: string | undefined): string {
  if (source === undefined) return makePurl('generic', undefined, name, version);
  return makePurl('cargo', undefined, name, version, { vcs_url: source.startsWith('git+') ? gitVcsUrl(source) : undefined });
}

/** `git+https://host/repo?branch=x#<commit>` → `git+https://host/repo@<commit>` (purl-spec vcs_url). */
function gitVcsUrl(source: string): string {
  const hash = source.indexOf('#');
  const commit = hash < 0 ? '' : source.slice(hash + 1);
  const url = (hash < 0 ? source : source.slice(0, hash)).replace(/\?.*$/, '');
  return commit === '' ? url : `${url}@${commit}`;
}

function relationships(crates: LockedCrate[]): Map<number, 'root' | 'direct' | 'indirect'> {
  const dependedOn = new Set(crates.flatMap((c) => c.dependencies));
  const out = new Map<number, 'root' | 'direct' | 'indirect'>();
  const roots: number[] = [];
  crates.forEach((c, i) => {
    if (c.source === undefined && !dependedOn.has(i)) roots.push(i);
  });
  if (roots.length === 0) return out;
  for (const r of roots) out.set(r, 'root');
  for (const r of roots) for (const d of crates[r]?.dependencies ?? []) if (!out.has(d)) out.set(d, 'direct');
  crates.forEach((_c, i) => {
    if (!out.has(i)) out.set(i, 'indirect');
  });
  return out;
}
