import type { PackageRecord } from '../../../core/package.js';
import type { GoModFile, GoModReplace, GoModRequire } from './gomod.js';
import { golangPurl, isDirectoryPath } from './purl.js';

/**
 * Packages declared by a go.mod: the module itself (`root`, no version: a source tree has none),
 * and each requirement (`direct`, or `indirect` when marked `// indirect`) at the version go.mod
 * requires — a minimum: minimal version selection keeps it unless another requirement needs a
 * newer one (a tidy Go >= 1.17 go.mod lists the versions selected). Replacements apply as the go
 * command applies them (a versioned replace only to that version, and before an unversioned one);
 * a replacement by a local directory keeps the module path with Go's version for it, `(devel)`.
 * The go and toolchain directives are kept in the root's metadata: they bound, not name, the
 * toolchain a build used, so no stdlib package is made from them.
 */

export interface GoModPackages {
  packages: PackageRecord[];
  problems: string[];
}

const MINIMUM = 'go.mod require (a minimum version; the build may select a newer one)';

export function goModPackages(mod: GoModFile): GoModPackages {
  const problems: string[] = [];
  const excluded = new Set(mod.excludes.map((e) => `${e.path}@${e.version}`));
  const seen = new Set<string>();
  const deps: PackageRecord[] = [];
  for (const req of mod.requires) {
    if (excluded.has(`${req.path}@${req.version}`)) {
      problems.push(`go.mod requires a version its own exclude directive excludes (${req.path}): the version used is unknown`);
      continue;
    }
    const p = requirement(req, replacementFor(mod.replaces, req));
    const key = `${p.name}@${p.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    deps.push(p);
  }
  if (mod.module === undefined) {
    problems.push('go.mod without a module directive');
    return { packages: deps, problems };
  }
  const root = goModRecord(mod.module, '', 'go.mod module directive');
  root.relationship = 'root';
  const metadata: Record<string, string> = {};
  if (mod.go !== undefined) metadata['go'] = mod.go;
  if (mod.toolchain !== undefined) metadata['toolchain'] = mod.toolchain;
  if (Object.keys(metadata).length) root.metadata = metadata;
  const direct = deps.filter((d) => d.relationship === 'direct').map((d) => `${d.name}@${d.version}`);
  if (direct.length) root.dependsOn = direct;
  return { packages: [root, ...deps], problems };
}

export function goModRecord(name: string, version: string, evidence: string): PackageRecord {
  return { type: 'golang', name, version, licenses: [], purl: golangPurl(name, version), foundIn: 'manifest', evidence: [evidence] };
}

/** The replace that applies to a requirement: one for its exact version first, then a wildcard. */
function replacementFor(replaces: readonly GoModReplace[], req: GoModRequire): GoModReplace | undefined {
  let wildcard: GoModReplace | undefined;
  for (const r of replaces) {
    if (r.oldPath !== req.path) continue;
    if (r.oldVersion === req.version) return r;
    if (r.oldVersion === undefined) wildcard ??= r;
  }
  return wildcard;
}

function requirement(req: GoModRequire, rep: GoModReplace | undefined): PackageRecord {
  let p: PackageRecord;
  if (rep && isDirectoryPath(rep.newPath)) {
    p = goModRecord(req.path, '(devel)', `go.mod replace: ${req.path} replaced by a local directory (required ${req.version})`);
    p.metadata = { replacedByDirectory: rep.newPath, required: req.version };
  } else if (rep && rep.newVersion !== undefined) {
    p = goModRecord(rep.newPath, rep.newVersion, `go.mod replace of ${req.path}@${req.version}`);
    p.metadata = { replaces: `${req.path}@${req.version}` };
  } else {
    p = goModRecord(req.path, req.version, MINIMUM);
  }
  p.relationship = req.indirect ? 'indirect' : 'direct';
  return p;
}
