import { AppError } from '../../core/errors.js';
import type { FeedSource, ImportResult, ImportSink, Importer } from '../importer.js';
import { formatOfName } from './osv/parse.js';
import { OsvImportRun } from './osv/run.js';
import { DEFAULT_ZIP_LIMITS, visitZip, type ZipLimits } from './osv/zip.js';

/**
 * OSV records (https://ossf.github.io/osv-schema/): one JSON or YAML record file, a directory of them
 * (recursively; `.zip` files in it are read as `all.zip` archives), or an OSV `all.zip` per ecosystem.
 *
 * Default feeds: the osv.dev `all.zip` of every language ecosystem drydock has a version scheme for,
 * plus Ubuntu (drydock has no native Ubuntu importer; Ubuntu publishes its tracker as OSV). Debian and
 * Alpine are NOT taken from OSV: drydock imports them from their native feeds (the Debian security
 * tracker, the Alpine secdb), which carry statuses OSV drops (not-affected, no-dsa, postponed, ...);
 * importing both would report every distro CVE twice. An osv.dev zip holds every record that affects
 * the ecosystem, whatever its source (GHSA, PYSEC, GO, ...), so one vulnerability can arrive under
 * several ids (they name each other in `aliases`), and a record affecting two ecosystems is in both zips.
 */
const OSV_BUCKET = 'https://osv-vulnerabilities.storage.googleapis.com';
export const OSV_DEFAULT_ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'Maven', 'RubyGems', 'crates.io', 'Packagist', 'NuGet', 'Ubuntu'] as const;

export interface OsvImporterOptions {
  zipLimits?: Partial<ZipLimits>;
}

const RECORD_FILE = /\.(json|ya?ml)$/i;
const ZIP_FILE = /\.zip$/i;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function pathPart(location: string): string {
  return location.replace(/[?#].*$/, '');
}

function isZipData(data: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => data[i] === b);
}

async function importZip(source: FeedSource, relPath: string, run: OsvImportRun, limits: ZipLimits): Promise<void> {
  const label = relPath === '' ? source.location : `${source.location}/${relPath}`;
  const file = await source.localFile(relPath);
  await visitZip(file, label, limits, {
    entry: (name, data) => run.record(`${label}:${name}`, data, 'json'),
    skip: (name, reason) => run.warnings.warn(`${label}:${name}: skipped: ${reason}`),
  });
}

async function importDirectory(source: FeedSource, run: OsvImportRun, limits: ZipLimits): Promise<void> {
  for await (const rel of source.list('')) {
    if (ZIP_FILE.test(rel)) await importZip(source, rel, run, limits);
    else if (RECORD_FILE.test(rel)) await run.record(rel, await source.read(rel), formatOfName(rel));
    // anything else (README.md, LICENSE, .git files) is not a feed document
  }
}

async function importOne(source: FeedSource, run: OsvImportRun, limits: ZipLimits): Promise<void> {
  if (ZIP_FILE.test(pathPart(source.location))) return importZip(source, '', run, limits);
  const data = await source.read('');
  if (isZipData(data)) return importZip(source, '', run, limits);
  await run.record(source.location, data, formatOfName(source.location));
}

export function createOsvImporter(options: OsvImporterOptions = {}): Importer {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...options.zipLimits };
  return {
    id: 'osv',
    description: 'OSV records (GHSA, Go vulndb, PyPA, RustSec, Ubuntu, ...): a record file, a directory of records, or an osv.dev all.zip',
    version: 1,
    defaultUrls: OSV_DEFAULT_ECOSYSTEMS.map((e) => `${OSV_BUCKET}/${e}/all.zip`),
    async import(source: FeedSource, sink: ImportSink): Promise<ImportResult> {
      const run = new OsvImportRun(sink);
      const kind = source.remote ? 'file' : await source.kind('');
      if (kind === 'missing') throw new AppError('NOT_FOUND', `${source.location} does not exist`);
      if (kind === 'dir') await importDirectory(source, run, limits);
      else await importOne(source, run, limits);
      return run.finish();
    },
  };
}

export const osvImporter: Importer = createOsvImporter();
