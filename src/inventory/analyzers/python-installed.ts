import * as z from 'zod/mini';
import { errorMessage } from '../../core/errors.js';
import type { Unknown } from '../../core/inventory.js';
import type { PackageRecord } from '../../core/package.js';
import { samePackage, type Analyzer, type CapturedFile, type FileResult, type MergedPackage, type MergeOutput, type MergeView } from '../analyzer.js';
import { eggRequiredNames, field, parseCoreMetadata, requiredNames } from '../parsers/python/core-metadata.js';
import { installedFilesTxt, recordFiles } from '../parsers/python/installed-files.js';
import { pythonLicenses } from '../parsers/python/licenses.js';
import { isPypiName, normalizePypiName, pypiPurl } from '../parsers/python/names.js';
import { readZipEntry, ZipError } from '../parsers/python/zip-entry.js';

/**
 * Installed Python distributions, wherever they are (system site-packages/dist-packages, venvs,
 * conda, /usr/local, app directories): `*.dist-info/METADATA` (+ `RECORD` for the installed
 * files), `*.egg-info/PKG-INFO` (+ `installed-files.txt`), the single-file `*.egg-info` of
 * distutils, and eggs (`*.egg/EGG-INFO/PKG-INFO`, or zipped `*.egg` files in a site directory).
 *
 * Dependencies: a distribution's `Requires-Dist` names that are not an extra's (other markers are
 * not evaluated) — for egg-info, also those of its `requires.txt` (setuptools writes them there,
 * not in PKG-INFO) — linked to the distributions installed in the same directory (the same
 * environment).
 *
 * A file that cannot be read is an unknown of that file alone.
 *
 * Debian's python3-* packages install dist-info/egg-info under /usr/lib/python3/dist-packages:
 * with `osOwned: 'fold'` they are reported once, as the deb, with the PyPI purl as extra identity.
 */

type PyFileKind = 'metadata' | 'record' | 'pkg-info' | 'egg-pkg-info' | 'installed-files' | 'requires' | 'egg-info-file' | 'egg-zip';

/** Last characters of the names pythonFileKind accepts: METADATA, RECORD, PKG-INFO, .txt, .egg-info, .egg. */
const LAST_CHARS = new Set(['A', 'D', 'O', 't', 'o', 'g'].map((c) => c.charCodeAt(0)));

export function pythonFileKind(path: string): PyFileKind | undefined {
  if (!LAST_CHARS.has(path.charCodeAt(path.length - 1))) return undefined;
  if (path.endsWith('/METADATA')) return path.endsWith('.dist-info/METADATA') ? 'metadata' : undefined;
  if (path.endsWith('/RECORD')) return path.endsWith('.dist-info/RECORD') ? 'record' : undefined;
  if (path.endsWith('/PKG-INFO')) {
    if (path.endsWith('.egg-info/PKG-INFO')) return 'pkg-info';
    return path.endsWith('.egg/EGG-INFO/PKG-INFO') ? 'egg-pkg-info' : undefined;
  }
  if (path.endsWith('/installed-files.txt')) return path.endsWith('.egg-info/installed-files.txt') ? 'installed-files' : undefined;
  if (path.endsWith('/requires.txt')) return path.endsWith('.egg-info/requires.txt') || path.endsWith('.egg/EGG-INFO/requires.txt') ? 'requires' : undefined;
  if (path.endsWith('.egg-info')) return 'egg-info-file';
  if (path.endsWith('.egg') && (path.includes('site-packages/') || path.includes('dist-packages/'))) return 'egg-zip';
  return undefined;
}

const MAX_PKG_INFO = 4 * 1024 * 1024;

const factsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dist'), requires: z.array(z.string()) }),
  z.object({ kind: z.literal('files'), files: z.array(z.string()) }),
  z.object({ kind: z.literal('requires'), requires: z.array(z.string()) }),
]);
type PyFacts = z.infer<typeof factsSchema>;

export const pythonInstalledAnalyzer: Analyzer = {
  id: 'python-installed',
  version: 2,
  maxFileSize: 64 * 1024 * 1024,
  capture: 'buffer',
  osOwned: 'fold',
  required: (path) => pythonFileKind(path) !== undefined,
  analyzeLayer: (files) => files.map(analyzeFile),
  merge: mergeInstalled,
};

function analyzeFile(file: CapturedFile): FileResult {
  try {
    return readFile(file);
  } catch (err) {
    return { path: file.path, unknowns: [`could not be read: ${errorMessage(err)}`] };
  }
}

function readFile(file: CapturedFile): FileResult {
  const kind = pythonFileKind(file.path);
  switch (kind) {
    case 'metadata':
    case 'pkg-info':
    case 'egg-pkg-info':
    case 'egg-info-file':
      return distribution(file.path, file.content, evidenceOf(file.path, kind));
    case 'egg-zip':
      return zippedEgg(file);
    case 'record':
      return filesResult(file.path, recordFiles(file.content.toString('utf8'), siteDirOf(file.path, kind)));
    case 'installed-files':
      return filesResult(file.path, installedFilesTxt(file.content.toString('utf8'), parentOf(file.path)));
    case 'requires':
      return { path: file.path, facts: { kind: 'requires', requires: normalisedNames(eggRequiredNames(file.content.toString('utf8'))) } satisfies PyFacts };
    default:
      return { path: file.path, unknowns: ['not a Python distribution metadata file'] };
  }
}

function filesResult(path: string, files: string[]): FileResult {
  return { path, facts: { kind: 'files', files } satisfies PyFacts };
}

/** One distribution from core metadata; missing or invalid Name/Version become unknowns. */
function distribution(path: string, content: Buffer, evidence: string): FileResult {
  const meta = parseCoreMetadata(content);
  const displayName = field(meta, 'name');
  const version = field(meta, 'version');
  const problems: string[] = [];
  if (displayName === undefined || displayName === '') problems.push('core metadata without a Name field');
  else if (!isPypiName(displayName)) problems.push('core metadata Name is not a valid project name');
  if (version === undefined || version === '') problems.push('core metadata without a Version field');
  else if (/\s/.test(version)) problems.push('core metadata Version contains whitespace');
  if (problems.length > 0 || displayName === undefined || version === undefined) return { path, unknowns: problems };
  const name = normalizePypiName(displayName);
  const { licenses, declared } = pythonLicenses(meta);
  const record: PackageRecord = {
    type: 'pypi',
    name,
    version,
    licenses,
    purl: pypiPurl(displayName, version),
    foundIn: 'installed',
    evidence: [evidence],
  };
  const metadata: Record<string, string> = {};
  if (displayName !== name) metadata['displayName'] = displayName;
  if (declared !== undefined) metadata['declaredLicense'] = declared;
  if (Object.keys(metadata).length > 0) record.metadata = metadata;
  const requires = normalisedNames(requiredNames(meta)).filter((r) => r !== name);
  return { path, packages: [record], facts: { kind: 'dist', requires } satisfies PyFacts };
}

function normalisedNames(names: string[]): string[] {
  return [...new Set(names.map(normalizePypiName))];
}

function zippedEgg(file: CapturedFile): FileResult {
  let pkgInfo: Buffer | undefined;
  try {
    pkgInfo = readZipEntry(file.content, 'EGG-INFO/PKG-INFO', MAX_PKG_INFO);
  } catch (err) {
    return { path: file.path, unknowns: [`egg archive: ${err instanceof ZipError ? err.message : 'unreadable'}`] };
  }
  if (pkgInfo === undefined) return { path: file.path, unknowns: ['egg archive without EGG-INFO/PKG-INFO'] };
  const result = distribution(file.path, pkgInfo, `${baseName(file.path)}!/EGG-INFO/PKG-INFO`);
  for (const p of result.packages ?? []) p.files = [`/${file.path}`];
  let requiresTxt: Buffer | undefined;
  try {
    requiresTxt = readZipEntry(file.content, 'EGG-INFO/requires.txt', MAX_PKG_INFO);
  } catch {
    requiresTxt = undefined; // PKG-INFO was readable: the distribution stands without it
  }
  const name = result.packages?.[0]?.name;
  if (requiresTxt !== undefined && result.facts !== undefined && name !== undefined) {
    const facts = readFacts(result.facts);
    const extra = normalisedNames(eggRequiredNames(requiresTxt.toString('utf8')));
    if (facts?.kind === 'dist') result.facts = { kind: 'dist', requires: normalisedNames([...facts.requires, ...extra]).filter((r) => r !== name) } satisfies PyFacts;
  }
  return result;
}

/** `requests-2.28.1.egg-info/PKG-INFO` — the metadata directory and file that identified it. */
function evidenceOf(path: string, kind: PyFileKind): string {
  const parts = path.split('/');
  const keep = kind === 'egg-info-file' ? 1 : kind === 'egg-pkg-info' ? 3 : 2;
  return parts.slice(-keep).join('/');
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? '' : path.slice(0, i);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The directory holding the distribution's metadata (site-packages, or wherever it was installed). */
function siteDirOf(path: string, kind: PyFileKind): string {
  if (kind === 'egg-info-file' || kind === 'egg-zip') return parentOf(path);
  if (kind === 'egg-pkg-info') return parentOf(parentOf(parentOf(path)));
  return parentOf(parentOf(path));
}

/** The egg-info `requires.txt` beside a distribution's PKG-INFO. */
function requiresTxtOf(path: string, kind: PyFileKind): string | undefined {
  return kind === 'pkg-info' || kind === 'egg-pkg-info' ? `${parentOf(path)}/requires.txt` : undefined;
}

/** The file listing what a distribution installed, beside its metadata file. */
function filesListOf(path: string, kind: PyFileKind): string | undefined {
  if (kind === 'metadata') return `${parentOf(path)}/RECORD`;
  if (kind === 'pkg-info') return `${parentOf(path)}/installed-files.txt`;
  return undefined;
}

function readFacts(facts: unknown): PyFacts | undefined {
  const parsed = factsSchema.safeParse(facts);
  return parsed.success ? parsed.data : undefined;
}

interface Dist {
  path: string;
  kind: PyFileKind;
  record: PackageRecord;
  requires: string[];
}

function mergeInstalled(view: MergeView): MergeOutput {
  const unknowns: Unknown[] = [];
  const dists: Dist[] = [];
  for (const v of view.visible) {
    for (const reason of v.result.unknowns ?? []) unknowns.push({ path: `/${v.path}`, layer: v.layer, source: 'python-installed', reason });
    const kind = pythonFileKind(v.path);
    const record = v.result.packages?.[0];
    if (kind === undefined || record === undefined) continue;
    const facts = readFacts(v.result.facts);
    const requires = facts?.kind === 'dist' ? facts.requires : [];
    const txtPath = requiresTxtOf(v.path, kind);
    const txt = txtPath === undefined ? undefined : readFacts(view.at(txtPath)?.result.facts);
    const all = txt?.kind === 'requires' ? [...new Set([...requires, ...txt.requires])].filter((r) => r !== record.name) : requires;
    dists.push({ path: v.path, kind, record, requires: all });
  }
  const envs = new Map<string, Map<string, string>>();
  for (const d of dists) {
    const site = siteDirOf(d.path, d.kind);
    const env = envs.get(site) ?? new Map<string, string>();
    if (!env.has(d.record.name)) env.set(d.record.name, d.record.version);
    envs.set(site, env);
  }
  const packages = dists.map((d): MergedPackage => {
    const record: PackageRecord = { ...d.record };
    const env = envs.get(siteDirOf(d.path, d.kind));
    const deps = d.requires.flatMap((n) => {
      const version = env?.get(n);
      return version === undefined ? [] : [`${n}@${version}`];
    });
    if (deps.length > 0) record.dependsOn = deps.sort();
    const listPath = filesListOf(d.path, d.kind);
    const listed = listPath === undefined ? undefined : readFacts(view.at(listPath)?.result.facts);
    if (listed?.kind === 'files') record.files = listed.files;
    return { record, location: `/${d.path}`, layer: view.originOf(d.path, samePackage(d.record)) };
  });
  return { packages, unknowns };
}
