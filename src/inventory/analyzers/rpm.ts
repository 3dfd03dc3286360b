import { posix } from 'node:path';
import type { Unknown } from '../../core/inventory.js';
import { errorMessage } from '../../core/errors.js';
import type { PackageRecord } from '../../core/package.js';
import {
  samePackage,
  type Analyzer,
  type CapturedFile,
  type LayerContext,
  type FileResult,
  type MergedPackage,
  type MergeOutput,
  type MergeView,
  type VisibleResult,
} from '../analyzer.js';
import { formatEvr, listRpmPackages, parseSourceRpm, type RpmPackage } from '../parsers/rpm/index.js';

/**
 * RPM packages from the rpm database in any of its three formats: Berkeley DB `Packages`
 * (rpm < 4.16), NDB `Packages.db` (SUSE) and `rpmdb.sqlite` (rpm >= 4.16, read together with its
 * `-wal` journal from the same layer), in /var/lib/rpm or /usr/lib/sysimage/rpm (Fedora 36+,
 * openSUSE). `gpg-pubkey` entries are imported signing keys, not packages, and are skipped.
 */

const DB_DIRS = ['var/lib/rpm', 'usr/lib/sysimage/rpm'];
const WAL_SUFFIX = '-wal';
/** Database file names, newest format first: when one directory holds several, rpm uses the newest. */
const DB_NAMES = ['rpmdb.sqlite', 'Packages.db', 'Packages'];
const REQUIRED: ReadonlySet<string> = new Set(
  DB_DIRS.flatMap((dir) => [...DB_NAMES, `rpmdb.sqlite${WAL_SUFFIX}`].map((name) => `${dir}/${name}`)),
);

export const rpmAnalyzer: Analyzer = {
  id: 'rpm',
  version: 2,
  maxFileSize: 512 * 1024 * 1024,
  required: (path) => REQUIRED.has(path),
  analyzeLayer,
  merge: mergeRpm,
};

async function analyzeLayer(files: CapturedFile[], ctx: LayerContext): Promise<FileResult[]> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const results: FileResult[] = [];
  for (const file of files) {
    if (!file.path.endsWith(WAL_SUFFIX)) {
      const scratchDir = file.path.endsWith('.sqlite') ? await ctx.scratchDir() : undefined;
      results.push(analyzeDatabase(file, byPath.get(file.path + WAL_SUFFIX), scratchDir));
    } else if (!byPath.has(file.path.slice(0, -WAL_SUFFIX.length)) && file.content.length > 0) {
      const db = posix.basename(file.path.slice(0, -WAL_SUFFIX.length));
      results.push({ path: file.path, unknowns: [`the SQLite journal changed in a layer where ${db} did not; changes only in the journal were not read`] });
    }
  }
  return results;
}

function analyzeDatabase(file: CapturedFile, wal: CapturedFile | undefined, scratchDir: string | undefined): FileResult {
  try {
    const listing = listRpmPackages(file.content, {
      ...(wal === undefined ? {} : { wal: wal.content }),
      ...(scratchDir === undefined ? {} : { scratchDir }),
    });
    const result: FileResult = {
      path: file.path,
      packages: listing.packages.filter((p) => p.name !== 'gpg-pubkey').map(toRecord),
    };
    if (listing.problems.length > 0) result.unknowns = listing.problems;
    return result;
  } catch (err) {
    return { path: file.path, unknowns: [`unreadable rpm database: ${errorMessage(err)}`] };
  }
}

/**
 * An rpm package as drydock's package record (version `[epoch:]version-release`). An explicit
 * `Epoch: 0` is the same as none for rpm (rpmvercmp, `rpm -q`), so it is written as none.
 */
export function toRecord(pkg: RpmPackage): PackageRecord {
  const epoch = pkg.epoch === 0 ? undefined : pkg.epoch;
  const record: PackageRecord = {
    type: 'rpm',
    name: pkg.name,
    version: formatEvr(epoch, pkg.version, pkg.release),
    licenses: pkg.license === undefined || pkg.license === '' ? [] : [pkg.license],
  };
  if (epoch !== undefined) record.epoch = epoch;
  if (pkg.arch !== undefined && pkg.arch !== '') record.arch = pkg.arch;
  const source = pkg.sourceRpm === undefined ? undefined : parseSourceRpm(pkg.sourceRpm);
  if (source !== undefined) record.source = { name: source.name, version: formatEvr(epoch, source.version, source.release) };
  if (pkg.files.length > 0) record.files = pkg.files;
  const metadata: Record<string, string> = {};
  if (pkg.vendor !== undefined && pkg.vendor !== '') metadata['vendor'] = pkg.vendor;
  if (pkg.modularityLabel !== undefined && pkg.modularityLabel !== '') metadata['modularityLabel'] = pkg.modularityLabel;
  if (pkg.size !== undefined) metadata['size'] = String(pkg.size);
  if (pkg.summary !== undefined && pkg.summary !== '') metadata['summary'] = pkg.summary;
  if (Object.keys(metadata).length > 0) record.metadata = metadata;
  return record;
}

function rank(path: string): number {
  return DB_NAMES.length - DB_NAMES.indexOf(posix.basename(path));
}

/**
 * Packages of every visible database, except that a directory holding databases of several formats
 * counts only its newest one (older ones are leftovers of a conversion): the others become unknowns.
 */
function mergeRpm(view: MergeView): MergeOutput {
  const newest = new Map<string, VisibleResult>();
  for (const v of view.visible) {
    if (v.path.endsWith(WAL_SUFFIX)) continue;
    const dir = posix.dirname(v.path);
    const held = newest.get(dir);
    if (held === undefined || rank(v.path) > rank(held.path)) newest.set(dir, v);
  }
  const packages: MergedPackage[] = [];
  const unknowns: Unknown[] = [];
  for (const v of view.visible) {
    const location = `/${v.path}`;
    for (const reason of v.result.unknowns ?? []) unknowns.push({ path: location, layer: v.layer, source: 'rpm', reason });
    if (v.path.endsWith(WAL_SUFFIX)) continue;
    const chosen = newest.get(posix.dirname(v.path));
    if (chosen !== v) {
      const count = v.result.packages?.length ?? 0;
      const reason = `ignored: ${count} packages in an older database format beside /${chosen?.path ?? ''}`;
      unknowns.push({ path: location, layer: v.layer, source: 'rpm', reason });
      continue;
    }
    for (const record of v.result.packages ?? []) {
      packages.push({ record, location, layer: view.originOf(v.path, samePackage(record)) });
    }
  }
  return { packages, unknowns };
}
