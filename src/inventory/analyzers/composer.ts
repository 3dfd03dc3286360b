import * as z from 'zod/mini';
import type { Unknown } from '../../core/inventory.js';
import type { PackageRecord } from '../../core/package.js';
import { samePackage, type Analyzer, type CapturedFile, type FileResult, type MergedPackage, type MergeOutput, type MergeView, type VisibleResult } from '../analyzer.js';
import { parseComposerLock, parseComposerManifest, parseInstalledJson, type ComposerPackage } from '../parsers/php/composer.js';
import { makePurl } from '../purl.js';

/**
 * PHP packages installed by Composer (`vendor/composer/installed.json`) and locked by it
 * (`composer.lock`), with the app's `composer.json` for which packages are its direct
 * requirements. The three files of one app are combined: a package installed and locked is
 * reported once, as installed; one only in the lock (e.g. dev packages of a `--no-dev` install)
 * is reported as found in the lock file. Files under `vendor/` other than Composer's own
 * installed.json belong to the dependencies and are not read.
 */

const INSTALLED = 'vendor/composer/installed.json';

type Kind = 'installed' | 'lock' | 'manifest';

export const composerAnalyzer: Analyzer = {
  id: 'composer',
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  required: (path) => kindOf(path) !== undefined,
  analyzeLayer: (files) => files.map(analyzeFile),
  merge: mergeComposer,
};

function kindOf(path: string): Kind | undefined {
  if (path.endsWith(INSTALLED)) return path === INSTALLED || path.endsWith(`/${INSTALLED}`) ? 'installed' : undefined;
  const inVendor = path.startsWith('vendor/') || path.includes('/vendor/');
  if (inVendor) return undefined;
  if (path === 'composer.lock' || path.endsWith('/composer.lock')) return 'lock';
  if (path === 'composer.json' || path.endsWith('/composer.json')) return 'manifest';
  return undefined;
}

/** The app directory a file belongs to ('' for the image root). */
function appDir(path: string, kind: Kind): string {
  const strip = kind === 'installed' ? INSTALLED.length : kind === 'lock' ? 'composer.lock'.length : 'composer.json'.length;
  return path.slice(0, path.length - strip).replace(/\/$/, '');
}

const factsSchema = z.object({
  kind: z.enum(['installed', 'lock', 'manifest']),
  require: z.optional(z.array(z.string())),
  requireDev: z.optional(z.array(z.string())),
});

function analyzeFile(file: CapturedFile): FileResult {
  const kind = kindOf(file.path) ?? 'manifest';
  const result: FileResult = { path: file.path };
  let problems: string[];
  if (kind === 'manifest') {
    const m = parseComposerManifest(file.content);
    result.facts = { kind, require: m.require, requireDev: m.requireDev };
    problems = m.problems;
  } else {
    const parsed = kind === 'lock' ? parseComposerLock(file.content) : parseInstalledJson(file.content);
    result.facts = { kind };
    result.packages = records(parsed.packages, kind);
    problems = parsed.problems;
  }
  const label = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (problems.length > 0) result.unknowns = problems.map((p) => `${label}: ${p}`);
  return result;
}

function records(pkgs: ComposerPackage[], kind: 'installed' | 'lock'): PackageRecord[] {
  const versionOf = new Map<string, string>();
  for (const p of pkgs) if (!versionOf.has(p.name)) versionOf.set(p.name, p.version);
  return pkgs.map((p) => {
    const slash = p.name.indexOf('/');
    const record: PackageRecord = {
      type: 'composer',
      name: p.name,
      version: p.version,
      licenses: p.licenses,
      purl: makePurl('composer', p.name.slice(0, slash), p.name.slice(slash + 1), p.version),
      foundIn: kind === 'lock' ? 'lockfile' : 'installed',
      evidence: [kind === 'lock' ? 'composer.lock' : 'vendor/composer/installed.json'],
    };
    if (p.dev) record.dev = true;
    const deps = p.requires.flatMap((n) => (versionOf.has(n) ? [`${n}@${versionOf.get(n) ?? ''}`] : []));
    if (deps.length > 0) record.dependsOn = deps;
    if (p.type !== undefined && p.type !== 'library') record.metadata = { composerType: p.type };
    return record;
  });
}

interface App {
  installed?: VisibleResult;
  lock?: VisibleResult;
  manifest?: VisibleResult;
}

function mergeComposer(view: MergeView): MergeOutput {
  const apps = new Map<string, App>();
  const unknowns: Unknown[] = [];
  for (const v of view.visible) {
    for (const reason of v.result.unknowns ?? []) unknowns.push({ path: `/${v.path}`, layer: v.layer, source: 'composer', reason });
    const facts = factsSchema.safeParse(v.result.facts);
    if (!facts.success) continue;
    const dir = appDir(v.path, facts.data.kind);
    const app = apps.get(dir) ?? {};
    app[facts.data.kind] = v;
    apps.set(dir, app);
  }
  const packages: MergedPackage[] = [];
  for (const app of apps.values()) packages.push(...mergeApp(app, view));
  return { packages, unknowns };
}

function mergeApp(app: App, view: MergeView): MergedPackage[] {
  const manifest = app.manifest ? factsSchema.safeParse(app.manifest.result.facts) : undefined;
  const direct = manifest?.success ? new Set([...(manifest.data.require ?? []), ...(manifest.data.requireDev ?? [])]) : undefined;
  const key = (r: PackageRecord): string => `${r.name}@${r.version}`;
  const lockDev = new Set((app.lock?.result.packages ?? []).filter((r) => r.dev === true).map(key));
  const installedKeys = new Set((app.installed?.result.packages ?? []).map(key));
  const out: MergedPackage[] = [];
  const emit = (v: VisibleResult, r: PackageRecord): void => {
    const record: PackageRecord = { ...r };
    if (direct) record.relationship = direct.has(r.name) ? 'direct' : 'indirect';
    if (lockDev.has(key(r))) record.dev = true;
    out.push({ record, location: `/${v.path}`, layer: view.originOf(v.path, samePackage(r)) });
  };
  if (app.installed) for (const r of app.installed.result.packages ?? []) emit(app.installed, r);
  if (app.lock) for (const r of app.lock.result.packages ?? []) if (!installedKeys.has(key(r))) emit(app.lock, r);
  return out;
}
