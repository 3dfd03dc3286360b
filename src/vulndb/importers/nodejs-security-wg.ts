import { AppError, errorMessage } from '../../core/errors.js';
import type { FeedSource, Importer, ImportResult, ImportSink } from '../importer.js';
import { convertCore, convertNpm, recordKind, type Converted } from './nodejs/records.js';

/**
 * nodejs/security-wg vulnerability data (https://github.com/nodejs/security-wg, `vuln/`): advisories for
 * npm packages (`vuln/npm/<n>.json`) and for the Node.js runtime (`vuln/core/<n>.json`). Each directory
 * also holds `index.json`, every record of the directory keyed by its number.
 *
 * Input: a local checkout (the repository root or its `vuln/` directory: the per-record files are read,
 * or `index.json` when a directory has only that), one record or `index.json` file, or the raw-file
 * URL of `vuln/` (`db update`), from which the two `index.json` documents are read. The repository
 * tarball is not read: the two index documents are the whole data set.
 */
const DEFAULT_URL = 'https://raw.githubusercontent.com/nodejs/security-wg/main/vuln';
const SUBDIRS = ['npm', 'core'] as const;
type Subdir = (typeof SUBDIRS)[number];

interface Emitter {
  sink: ImportSink;
  newest: string | undefined;
}

function parseJson(bytes: Uint8Array, where: string): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new AppError('INPUT', `${where}: not valid JSON: ${errorMessage(err)}`);
  }
}

function emit(out: Emitter, c: Converted): void {
  for (const w of c.warnings) out.sink.warn(w);
  if (!c.advisory) return;
  out.sink.advisory(c.advisory);
  const date = c.advisory.modified ?? c.advisory.published;
  if (date !== undefined && (out.newest === undefined || date > out.newest)) out.newest = date;
}

/** One record; `n` is its number from the file name or index key. */
function convertRecord(json: unknown, n: string, where: string, expected?: Subdir): Converted {
  const kind = recordKind(json) ?? expected;
  if (kind === 'npm') {
    const id = (json as { id?: unknown }).id;
    const warnings = id !== undefined && String(id) !== n && /^\d+$/.test(n) ? [`${where}: record id ${String(id)} differs from its name ${n}; using the id`] : [];
    const c = convertNpm(json, where);
    return { ...c, warnings: [...warnings, ...c.warnings] };
  }
  if (kind === 'core') return convertCore(json, n, where);
  return { warnings: [`${where}: neither an npm nor a core security-wg record; skipped`] };
}

/** An `index.json`: `{ "<n>": record, ... }`. */
function convertIndex(json: unknown, where: string, out: Emitter, expected?: Subdir): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new AppError('INPUT', `${where}: expected an object of records keyed by number`);
  for (const [n, record] of Object.entries(json)) emit(out, convertRecord(record, n, `${where} [${n}]`, expected));
}

function isIndex(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || recordKind(json)) return false;
  return Object.keys(json).every((k) => /^\d+$/.test(k));
}

async function readDir(source: FeedSource, dir: string, sub: Subdir, out: Emitter): Promise<boolean> {
  if ((await source.kind(dir)) !== 'dir') return false;
  const records: string[] = [];
  for await (const rel of source.list(dir)) if (/\/\d+\.json$/.test(rel) && rel.lastIndexOf('/') === dir.length) records.push(rel);
  records.sort((a, b) => Number(/(\d+)\.json$/.exec(a)?.[1]) - Number(/(\d+)\.json$/.exec(b)?.[1]));
  if (records.length === 0) {
    const index = await source.readOptional(`${dir}/index.json`);
    if (!index) return false;
    convertIndex(parseJson(index, `${source.location}/${dir}/index.json`), `${dir}/index.json`, out, sub);
    return true;
  }
  for (const rel of records) {
    const n = /(\d+)\.json$/.exec(rel)?.[1] ?? rel;
    let json: unknown;
    try {
      json = parseJson(await source.read(rel), rel);
    } catch (err) {
      out.sink.warn(errorMessage(err));
      continue;
    }
    emit(out, convertRecord(json, n, rel, sub));
  }
  return true;
}

async function importNodejsSecurityWg(source: FeedSource, sink: ImportSink): Promise<ImportResult> {
  const out: Emitter = { sink, newest: undefined };
  if (source.remote) {
    for (const sub of SUBDIRS) convertIndex(parseJson(await source.read(`${sub}/index.json`), `${source.location}/${sub}/index.json`), `${sub}/index.json`, out, sub);
  } else if ((await source.kind('')) === 'file') {
    const json = parseJson(await source.read(''), source.location);
    const name = /(\d+)\.json$/.exec(source.location)?.[1] ?? source.location;
    if (isIndex(json)) convertIndex(json, source.location, out);
    else emit(out, convertRecord(json, name, source.location));
  } else {
    const base = (await source.kind('vuln')) === 'dir' ? 'vuln/' : '';
    let found = 0;
    for (const sub of SUBDIRS) if (await readDir(source, `${base}${sub}`, sub, out)) found++;
    if (found === 0) throw new AppError('INPUT', `${source.location}: no security-wg data (expected vuln/npm/*.json or vuln/core/*.json)`);
  }
  return out.newest === undefined ? {} : { snapshot: out.newest };
}

export const nodejsSecurityWgImporter: Importer = {
  id: 'nodejs-security-wg',
  description: 'Node.js security working group: npm package advisories (vuln/npm) and Node.js runtime advisories (vuln/core)',
  version: 1,
  defaultUrls: [DEFAULT_URL],
  import: importNodejsSecurityWg,
};
