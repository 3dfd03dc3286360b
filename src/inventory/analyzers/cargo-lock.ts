import type { PackageRecord } from '../../core/package.js';
import type { Analyzer, CapturedFile, FileResult } from '../analyzer.js';
import { parseCargoLock, type LockedCrate } from '../parsers/rust/cargo-lock.js';
import { makePurl } from '../purl.js';

/**
 * Rust crates locked by Cargo (`Cargo.lock`) with the dependency graph. The lock does not say which
 * crates are the workspace's own; crates without a `source` that nothing else depends on are taken
 * as the roots, what they depend on as direct, the rest as indirect. Lock files inside Cargo's
 * download caches (`.cargo/registry/`, `.cargo/git/`) belong to downloaded crates and are not read.
 */
export const cargoLockAnalyzer: Analyzer = {
  id: 'cargo-lock',
  version: 1,
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
  const relationship = relationships(crates);
  return crates.map((c) => {
    const id = `${c.name}@${c.version}`;
    const record: PackageRecord = {
      type: 'cargo',
      name: c.name,
      version: c.version,
      licenses: [],
      purl: makePurl('cargo', undefined, c.name, c.version),
      foundIn: 'lockfile',
      evidence: ['Cargo.lock'],
    };
    const rel = relationship.get(id);
    if (rel !== undefined) record.relationship = rel;
    if (c.dependencies.length > 0) record.dependsOn = c.dependencies;
    record.metadata = { source: c.source ?? 'local' };
    return record;
  });
}

function relationships(crates: LockedCrate[]): Map<string, 'root' | 'direct' | 'indirect'> {
  const dependedOn = new Set(crates.flatMap((c) => c.dependencies));
  const out = new Map<string, 'root' | 'direct' | 'indirect'>();
  const roots = crates.filter((c) => c.source === undefined && !dependedOn.has(`${c.name}@${c.version}`));
  if (roots.length === 0) return out;
  for (const r of roots) out.set(`${r.name}@${r.version}`, 'root');
  for (const r of roots) for (const d of r.dependencies) if (!out.has(d)) out.set(d, 'direct');
  for (const c of crates) {
    const id = `${c.name}@${c.version}`;
    if (!out.has(id)) out.set(id, 'indirect');
  }
  return out;
}
