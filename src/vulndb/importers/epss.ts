import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { AppError, errorMessage, isAppError } from '../../core/errors.js';
import type { FeedSource, Importer, ImportResult, ImportSink } from '../importer.js';

/**
 * FIRST's EPSS daily scores (published by Empirical Security; `epss.cyentia.com` redirects there):
 * a gzip CSV, ~250k rows:
 *
 *   #model_version:v2025.03.14,score_date:2025-03-14T00:00:00Z
 *   cve,epss,percentile
 *   CVE-1999-0001,0.0142,0.7991
 *
 * Read as a stream (gunzip + lines), never whole. Plain CSV is accepted too, columns are found by
 * header name, and the comment line is optional (without it entries have no date). Bad rows are
 * warnings; a missing header or a missing `cve`/`epss`/`percentile` column is an INPUT error.
 */
export const EPSS_URL = 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz';
const LOCAL_NAMES = ['epss_scores-current.csv.gz', 'epss_scores-current.csv'];
/** Bad rows reported one by one; past this, only counted. */
const MAX_ROW_WARNINGS = 20;

const CVE_RE = /^CVE-\d{4}-\d{4,}$/;

/** `#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000` → its fields. */
function metadata(line: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of line.replace(/^#/, '').split(',')) {
    const i = part.indexOf(':');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

/** An EPSS score date (`2025-03-14T00:00:00+0000`, `...Z`, or a bare date) as ISO 8601 UTC. */
function scoreDate(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

interface Columns {
  cve: number;
  epss: number;
  percentile: number;
}

function columns(header: string, where: string): Columns {
  const names = header.split(',').map((h) => h.trim().toLowerCase());
  const idx = (n: string): number => {
    const i = names.indexOf(n);
    if (i < 0) throw new AppError('INPUT', `${where}: the header "${header}" has no "${n}" column`);
    return i;
  };
  return { cve: idx('cve'), epss: idx('epss'), percentile: idx('percentile') };
}

function probability(s: string | undefined): number | undefined {
  if (s === undefined || !/^\s*(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 0 && n <= 1 ? n : undefined;
}

/** Import EPSS CSV lines (any line endings); `where` names the input in messages. */
export async function importEpssLines(lines: AsyncIterable<string>, where: string, sink: ImportSink): Promise<ImportResult> {
  let cols: Columns | undefined;
  let date: string | undefined;
  let snapshot: string | undefined;
  let lineNo = 0;
  let bad = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = (lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      snapshot = scoreDate(metadata(line).get('score_date')) ?? snapshot;
      date = snapshot?.slice(0, 10) ?? date;
      continue;
    }
    if (!cols) {
      cols = columns(line, where);
      continue;
    }
    const f = line.split(',');
    const cve = f[cols.cve]?.trim() ?? '';
    const score = probability(f[cols.epss]);
    const percentile = probability(f[cols.percentile]);
    if (!CVE_RE.test(cve) || score === undefined || percentile === undefined) {
      if (++bad <= MAX_ROW_WARNINGS) sink.warn(`${where}:${lineNo}: not a "CVE id, probability, percentile" row: ${line.slice(0, 120)}`);
      continue;
    }
    sink.epss(date === undefined ? { cve, score, percentile } : { cve, score, percentile, date });
  }
  if (!cols) throw new AppError('INPUT', `${where}: no "cve,epss,percentile" header (empty or not an EPSS CSV)`);
  if (bad > MAX_ROW_WARNINGS) sink.warn(`${where}: ${bad} bad rows in all (the first ${MAX_ROW_WARNINGS} are listed)`);
  return snapshot === undefined ? {} : { snapshot };
}

/** Lines of a stream of bytes, decoded as UTF-8. */
async function* linesOf(chunks: AsyncIterable<Buffer>): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of chunks) {
    rest += decoder.decode(chunk, { stream: true });
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  rest += decoder.decode();
  if (rest !== '') yield rest;
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

async function localName(source: FeedSource): Promise<string> {
  if (source.remote || (await source.kind('')) !== 'dir') return '';
  for (const name of LOCAL_NAMES) if ((await source.kind(name)) === 'file') return name;
  throw new AppError('NOT_FOUND', `${source.location}: no ${LOCAL_NAMES.join(' or ')} in this directory`);
}

async function importEpss(source: FeedSource, sink: ImportSink): Promise<ImportResult> {
  const rel = await localName(source);
  const where = rel === '' ? source.location : `${source.location}/${rel}`;
  const path = await source.localFile(rel);
  const file = createReadStream(path);
  const bytes = (await isGzip(path)) ? file.pipe(createGunzip()) : file;
  file.on('error', (err) => bytes.destroy(err));
  try {
    return await importEpssLines(linesOf(bytes), where, sink);
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('INPUT', `${where}: cannot read: ${errorMessage(err)}`, { cause: err });
  } finally {
    file.destroy();
    bytes.destroy();
  }
}

export const epssImporter: Importer = {
  id: 'epss',
  description: "FIRST EPSS: each CVE's probability of exploitation in the next 30 days (daily CSV)",
  version: 1,
  defaultUrls: [EPSS_URL],
  import: importEpss,
};
