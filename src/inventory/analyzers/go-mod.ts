import * as z from 'zod/mini';
import type { Unknown } from '../../core/inventory.js';
import type { PackageRecord } from '../../core/package.js';
import { samePackage, type Analyzer, type CapturedFile, type FileResult, type MergedPackage, type MergeOutput, type MergeView, type VisibleResult } from '../analyzer.js';
import { parseGoMod } from '../parsers/go/gomod.js';
import { goModPackages, goModRecord } from '../parsers/go/gomod-packages.js';
import { parseGoSum } from '../parsers/go/gosum.js';

/**
 * Go source trees: go.mod (the module and its requirements, replacements applied) and go.sum.
 * go.sum lists every module version the go command looked at, more than a build uses, so it is
 * read only where go.mod says little: with no go.mod beside it (its modules are reported, the
 * highest version of each), and beside a go.mod older than Go 1.17 (which lists only direct
 * requirements: go.sum's other modules are added as indirect). Only go.sum's zip hashes count
 * (see parseGoSum). Module caches (`pkg/mod/`), vendored copies and test data are not source trees
 * of the image's own programs and are skipped, as are directories the go command ignores (a path
 * element starting with `_` or `.`).
 *
 * The Go distribution is not an app either: its `std` and `cmd` go.mod files are recorded (no
 * packages) so the go.sum beside them is not read as a go.sum of its own (it would report the
 * golang.org/x modules vendored into the toolchain, whose code the standard library already is);
 * and a whole GOROOT — a directory with a `VERSION` file and a `src/go.mod` declaring
 * `module std` — is skipped, with the go.mod files of its `misc/`, `test/` and `src/cmd/` trees.
 */

const factsSchema = z.object({ kind: z.enum(['go.mod', 'go.sum']), go: z.optional(z.string()), toolchainModule: z.optional(z.enum(['std', 'cmd'])) });
type Facts = z.infer<typeof factsSchema>;

const SKIP_SEGMENTS = ['pkg/mod/', 'vendor/', 'testdata/'];
const SUM_ONLY = 'go.sum checksum (a module version the go command considered; no go.mod beside it)';
const SUM_INDIRECT = 'go.sum checksum (go.mod predates Go 1.17 and lists only direct requirements)';

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const dirOf = (p: string): string => p.slice(0, p.lastIndexOf('/') + 1);

export function isGoModuleFile(path: string): boolean {
  // suffix tests first: this runs on every file of every layer
  if (!path.endsWith('go.mod') && !path.endsWith('go.sum')) return false;
  if (path.length > 6 && path[path.length - 7] !== '/') return false;
  for (const s of SKIP_SEGMENTS) if (path.startsWith(s) || path.includes(`/${s}`)) return false;
  // the go command ignores directories whose names begin with `_` or `.`
  if (path[0] === '_' || path[0] === '.' || path.includes('/_') || path.includes('/.')) return false;
  return true;
}

export const goModAnalyzer: Analyzer = {
  id: 'go-mod',
  version: 2,
  maxFileSize: 16 * 1024 * 1024,
  required: (path) => isGoModuleFile(path),
  analyzeLayer: (files) => files.flatMap(analyzeFile),
  merge: mergeGoModules,
};

function analyzeFile(file: CapturedFile): FileResult[] {
  const text = file.content.toString('utf8');
  if (base(file.path) === 'go.sum') {
    const sum = parseGoSum(text);
    const packages = sum.modules.map((m) => goModRecord(m.path, m.version, SUM_ONLY));
    return [withUnknowns({ path: file.path, packages, facts: { kind: 'go.sum' } satisfies Facts }, sum.problems)];
  }
  const mod = parseGoMod(text);
  if (mod.module === 'std' || mod.module === 'cmd') {
    // the Go distribution's own modules: recorded, so the go.sum beside them is known to be theirs
    return [{ path: file.path, packages: [], facts: { kind: 'go.mod', toolchainModule: mod.module } satisfies Facts }];
  }
  const { packages, problems } = goModPackages(mod);
  const facts: Facts = { kind: 'go.mod' };
  if (mod.go !== undefined) facts.go = mod.go;
  return [withUnknowns({ path: file.path, packages, facts }, [...mod.problems, ...problems])];
}

function withUnknowns(result: FileResult, problems: string[]): FileResult {
  if (problems.length) result.unknowns = problems;
  return result;
}

function factsOf(v: VisibleResult): Facts | undefined {
  const parsed = factsSchema.safeParse(v.result.facts);
  return parsed.success ? parsed.data : undefined;
}

/** Go < 1.17 (or no go directive, which the go command reads as 1.16): go.mod lists direct requirements only. */
function beforeGo117(go: string | undefined): boolean {
  if (go === undefined) return true;
  const minor = /^1\.(\d+)/.exec(go)?.[1];
  return minor !== undefined && Number(minor) < 17;
}

/** The module paths a go.mod's packages stand for (a replaced module's original path too). */
function namesOf(records: readonly PackageRecord[]): Set<string> {
  const names = new Set<string>();
  for (const r of records) {
    names.add(r.name);
    const replaced = r.metadata?.['replaces'];
    if (replaced !== undefined) names.add(replaced.slice(0, replaced.lastIndexOf('@')));
  }
  return names;
}

/**
 * GOROOTs in the final image: `<root>/src/go.mod` declares `module std` and `<root>/VERSION` exists
 * (every Go distribution has one, `go1.22.5` and a build time). Returned as `<root>/` prefixes.
 */
function gorootsOf(view: MergeView): string[] {
  const roots: string[] = [];
  for (const v of view.visible) {
    if (!v.path.endsWith('src/go.mod') || factsOf(v)?.toolchainModule !== 'std') continue;
    const root = v.path.slice(0, -'src/go.mod'.length);
    if (root !== '' && !root.endsWith('/')) continue;
    if (view.exists(`${root}VERSION`)) roots.push(root);
  }
  return roots;
}

function mergeGoModules(view: MergeView): MergeOutput {
  const packages: MergedPackage[] = [];
  const unknowns: Unknown[] = [];
  const add = (v: VisibleResult, record: PackageRecord, original = record): void => {
    packages.push({ record, location: `/${v.path}`, layer: view.originOf(v.path, samePackage(original)) });
  };
  const goroots = gorootsOf(view);
  for (const v of view.visible) {
    if (goroots.some((root) => v.path.startsWith(root))) continue;
    for (const reason of v.result.unknowns ?? []) unknowns.push({ path: `/${v.path}`, layer: v.layer, source: 'go-mod', reason });
    const facts = factsOf(v);
    if (facts?.kind === 'go.sum') {
      if (!view.at(`${dirOf(v.path)}go.mod`)) for (const r of v.result.packages ?? []) add(v, r);
      continue;
    }
    const own = v.result.packages ?? [];
    for (const r of own) add(v, r);
    const sum = view.at(`${dirOf(v.path)}go.sum`);
    if (!sum || facts?.toolchainModule !== undefined || !beforeGo117(facts?.go)) continue;
    const named = namesOf(own);
    for (const r of sum.result.packages ?? []) {
      if (!named.has(r.name)) add(sum, { ...r, relationship: 'indirect', evidence: [SUM_INDIRECT] }, r);
    }
  }
  return { packages, unknowns };
}
