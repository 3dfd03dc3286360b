import * as z from 'zod/mini';
import type { Unknown } from '../../core/inventory.js';
import type { Analyzer, CapturedFile, FileResult, MergeOutput, MergeView } from '../analyzer.js';
import { parseOsRelease } from '../parsers/os-release.js';
import { detectOs, type DistroFacts } from '../os/detect.js';
import { eolStatus } from '../os/eol.js';
import { OS_FILES, RELEASE_FILE_RE } from '../os/release-files.js';

/**
 * OS detection: os-release (following the usual etc/os-release → ../usr/lib/os-release link),
 * lsb-release and the distribution release files (following links such as etc/system-release →
 * amazon-linux-release: every etc/*-release file is captured so a link's target is always there);
 * adds the release's end-of-support status relative to the scan date.
 */

export interface OsAnalyzerOptions {
  /** The scan date EOL is judged against. Defaults to the time the analyzer is created. */
  now?: Date;
}

const KEY_VALUE_FILES = new Set(['etc/os-release', 'usr/lib/os-release', 'etc/lsb-release']);
const REQUIRED = new Set(OS_FILES);
/** Release files are one or a few lines; more is never needed. */
const MAX_TEXT = 4096;

const factsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fields'), fields: z.record(z.string(), z.string()) }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);
type OsFacts = z.infer<typeof factsSchema>;

export function createOsAnalyzer(options: OsAnalyzerOptions = {}): Analyzer {
  const now = options.now ?? new Date();
  return {
    id: 'os',
    version: 2,
    maxFileSize: 64 * 1024,
    required: (path) => REQUIRED.has(path) || RELEASE_FILE_RE.test(path),
    analyzeLayer: (files) => files.map(analyzeFile),
    merge: (view) => mergeOs(view, now),
  };
}

function analyzeFile(file: CapturedFile): FileResult {
  const text = file.content.toString('utf8');
  if (!KEY_VALUE_FILES.has(file.path)) {
    const facts: OsFacts = { kind: 'text', text: text.slice(0, MAX_TEXT) };
    return { path: file.path, facts };
  }
  const parsed = parseOsRelease(text);
  const facts: OsFacts = { kind: 'fields', fields: parsed.fields };
  const result: FileResult = { path: file.path, facts };
  if (parsed.problems.length > 0) result.unknowns = parsed.problems;
  return result;
}

function mergeOs(view: MergeView, now: Date): MergeOutput {
  const unknowns: Unknown[] = [];
  for (const v of view.visible) {
    for (const reason of v.result.unknowns ?? []) {
      unknowns.push({ path: `/${v.path}`, layer: v.layer, source: 'os', reason });
    }
  }
  const releaseFiles = new Map<string, string>();
  const releaseFileSources = new Map<string, string>();
  const facts: DistroFacts = {
    releaseFiles,
    releaseFileSources,
    dpkgStatusDirOnly: view.exists('var/lib/dpkg/status.d') && !view.exists('var/lib/dpkg/status'),
  };
  const osRelease = fieldsAt(view, 'etc/os-release', unknowns) ?? fieldsAt(view, 'usr/lib/os-release', unknowns);
  if (osRelease) facts.osRelease = osRelease;
  const lsb = fieldsAt(view, 'etc/lsb-release', unknowns);
  if (lsb) facts.lsbRelease = lsb;
  for (const path of OS_FILES) {
    if (KEY_VALUE_FILES.has(path)) continue;
    const hit = textAt(view, path, unknowns);
    if (hit === undefined) continue;
    releaseFiles.set(path, hit.text);
    if (hit.path !== path) releaseFileSources.set(path, hit.path);
  }
  const os = detectOs(facts);
  if (!os) return { unknowns };
  const eol = eolStatus(os, now);
  if (eol) os.eol = eol;
  return { os, unknowns };
}

function factsAt(view: MergeView, path: string, unknowns: Unknown[]): { path: string; facts: OsFacts } | undefined {
  const v = view.resolve(path);
  if (!v || v.result.facts === undefined) return undefined;
  const parsed = factsSchema.safeParse(v.result.facts);
  if (!parsed.success) {
    unknowns.push({ path: `/${v.path}`, layer: v.layer, source: 'os', reason: 'unreadable cached facts' });
    return undefined;
  }
  return { path: v.path, facts: parsed.data };
}

function fieldsAt(view: MergeView, path: string, unknowns: Unknown[]): DistroFacts['osRelease'] {
  const hit = factsAt(view, path, unknowns);
  return hit?.facts.kind === 'fields' ? { path: hit.path, fields: hit.facts.fields } : undefined;
}

/** A release file's text and the path of the file it was read from (after following links). */
function textAt(view: MergeView, path: string, unknowns: Unknown[]): { text: string; path: string } | undefined {
  const hit = factsAt(view, path, unknowns);
  return hit?.facts.kind === 'text' ? { text: hit.facts.text, path: hit.path } : undefined;
}
