import * as z from 'zod/mini';
import type { Unknown } from '../../core/inventory.js';
import type { PackageRecord } from '../../core/package.js';
import { samePackage, type Analyzer, type CapturedFile, type FileResult, type MergedPackage, type MergeOutput, type MergeView, type VisibleResult } from '../analyzer.js';
import { parseComposerLock, parseComposerManifest, parseInstalledJson, type ComposerPackage } from '../parsers/php/composer.js';
import { makePurl } from '../purl.js';

/**
 * PHP packages installed by Composer (`vendor/composer/installed.json`) and locked by it
 * (`composer.lock`), with the app's `composer.json` for which packages are its direct
 * requirements. The three files of one app are combined: what installed.json lists is what is
 * installed, so a package it names is reported once, as installed, never again at the (possibly
 * stale) version of the lock; a package only in the lock (e.g. dev packages of a `--no-dev`
 * install) is reported as found in the lock file. Files under `vendor/` other than Composer's own
 * installed.json belong to the dependencies and are not read.
 *
 * `replace` and `provide`: a package that replaces others contains their code (laravel/framework
 * replaces every illuminate/* package at `self.version`) and one that provides a name implements
 * it; Composer installs no package under those names. They are not reported as packages of their
 * own (that would be phantom components and the same code twice), but recorded on the package
 * that stands in for them, in `metadata.replaces` / `metadata.provides` (comma-separated; a
 * `self.version` replacement as `name@<this version>`, the same code at a known version, so
 * advisories filed under illuminate/support can be checked against laravel/framework's version;
 * others as the name with Composer's constraint), and a requirement of such a name
 * (spatie/x → illuminate/support) depends on the package that replaces or provides it.
 */

const INSTALLED = 'vendor/composer/installed.json';

type Kind = 'installed' | 'lock' | 'manifest';

export const composerAnalyzer: Analyzer = {
  id: 'composer',
  version: 2,
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
  // names no package of the file has, which a package replaces or provides: requirements of them
  // are met by that package
  const standIns = new Map<string, string[]>();
  for (const p of pkgs) {
    for (const [name] of [...(p.replaces ?? []), ...(p.provides ?? [])]) {
      if (versionOf.has(name)) continue;
      const list = standIns.get(name) ?? [];
      const ref = `${p.name}@${p.version}`;
      if (!list.includes(ref)) list.push(ref);
      standIns.set(name, list);
    }
  }
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
    const self = `${p.name}@${p.version}`;
    const deps = new Set<string>();
    for (const n of p.requires) {
      const v = versionOf.get(n);
      for (const ref of v !== undefined ? [`${n}@${v}`] : (standIns.get(n) ?? [])) if (ref !== self) deps.add(ref);
    }
    if (deps.size > 0) record.dependsOn = [...deps];
    const metadata: Record<string, string> = {};
    if (p.type !== undefined && p.type !== 'library') metadata['composerType'] = p.type;
    if (p.replaces) metadata['replaces'] = linkList(p.replaces, p.version);
    if (p.provides) metadata['provides'] = linkList(p.provides, p.version);
    if (Object.keys(metadata).length > 0) record.metadata = metadata;
    return record;
  });
}

/** `a/b@1.2.0` for a `self.version` link, `a/b ^1.0` for another constraint, `a/b` for `*`. */
function linkList(links: Array<[string, string]>, version: string): string {
  return links
    .map(([name, constraint]) => (constraint === 'self.version' ? `${name}@${version}` : constraint === '' || constraint === '*' ? name : `${name} ${constraint}`))
    .join(', ');
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
  const lockDev = new Set((app.lock?.result.packages ?? []).filter((r) => r.dev === true).map((r) => r.name));
  // what is installed, by name: the lock's entry for an installed name is not reported again
  const installedVersion = new Map((app.installed?.result.packages ?? []).map((r) => [r.name, r.version]));
  const out: MergedPackage[] = [];
  const emit = (v: VisibleResult, r: PackageRecord, record: PackageRecord = { ...r }): void => {
    if (direct) record.relationship = direct.has(r.name) ? 'direct' : 'indirect';
    if (lockDev.has(r.name)) record.dev = true;
    out.push({ record, location: `/${v.path}`, layer: view.originOf(v.path, samePackage(r)) });
  };
  if (app.installed) for (const r of app.installed.result.packages ?? []) emit(app.installed, r);
  if (app.lock) {
    for (const r of app.lock.result.packages ?? []) {
      if (installedVersion.has(r.name)) continue;
      // a lock-only package that requires an installed one depends on the installed version
      const record: PackageRecord = { ...r };
      if (r.dependsOn) record.dependsOn = r.dependsOn.map((ref) => installedRef(ref, installedVersion));
      emit(app.lock, r, record);
    }
  }
  return out;
}

function installedRef(ref: string, installedVersion: ReadonlyMap<string, string>): string {
  const at = ref.lastIndexOf('@');
  const v = installedVersion.get(ref.slice(0, at));
  return v === undefined ? ref : `${ref.slice(0, at)}@${v}`;
}
