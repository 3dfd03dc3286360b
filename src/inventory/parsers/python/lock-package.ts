import { normalizePypiName } from './names.js';

/** A package as a Python lock file lists it (names PEP 503-normalised, versions as written). */
export interface LockPackage {
  name: string;
  /** The name as the file writes it, when normalisation changed it. */
  displayName?: string;
  version: string;
  relationship?: 'root' | 'direct' | 'indirect';
  dev?: boolean;
  /** `name@version` of the locked packages this one depends on. */
  dependsOn?: string[];
  /** 1-based line of the entry (line-oriented formats). */
  line?: number;
}

export interface LockParse {
  packages: LockPackage[];
  /** Problems with the file or with single entries (the other entries are still reported). */
  problems: string[];
}

/** A LockPackage for `name` as written. */
export function lockPackage(written: string, version: string): LockPackage {
  const name = normalizePypiName(written);
  return name === written ? { name, version } : { name, displayName: written, version };
}

/** Every issue of a failed schema parse, `prefix.path: message`. */
export function schemaProblems(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, prefix: string): string[] {
  return issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter((p) => p !== '').join('.');
    return `${path === '' ? '(document)' : path}: ${i.message}`;
  });
}

/** Index of locked packages by normalised name (several versions may be locked for different markers). */
export function byName(packages: readonly LockPackage[]): Map<string, LockPackage[]> {
  const index = new Map<string, LockPackage[]>();
  for (const p of packages) {
    const list = index.get(p.name);
    if (list) list.push(p);
    else index.set(p.name, [p]);
  }
  return index;
}

/** `name@version` references to the locked packages of a name (all of them when several are locked). */
export function refsTo(index: Map<string, LockPackage[]>, name: string, version?: string): string[] {
  const candidates = index.get(normalizePypiName(name)) ?? [];
  const exact = version === undefined ? [] : candidates.filter((c) => c.version === version);
  return (exact.length > 0 ? exact : candidates).map((c) => `${c.name}@${c.version}`);
}
