import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, errorMessage } from '../../core/errors.js';
import { isSeverity, type Severity } from '../../core/severity.js';
import type { FilterOptions } from '../../report/filters/index.js';
import { REPORT_FORMAT_NAMES, writeReport } from '../../report/index.js';
import type { ScanReport } from '../../report/model.js';
import { defaultDbPath } from '../../vulndb/paths.js';
import type { AdvisoryStore } from '../../vulndb/store.js';
import type { CliIo } from '../io.js';
import { writeResult } from '../io.js';
import { addTargetOptions, cacheDirFor, inventoryFor, type TargetFlags } from '../target-options.js';

const SCANNERS: Readonly<Record<string, boolean>> = { vuln: true, secret: false, config: false };

export interface DbFlags {
  db?: string;
  offline?: boolean;
  dbMaxAgeDays: string;
  failOnStaleDb?: boolean;
}

interface ScanFlags extends TargetFlags, DbFlags {
  scanners: string;
  severity?: string;
  ignoreUnfixed?: boolean;
  exitCode: string;
  format: string;
  output?: string;
  ignorefile?: string;
  vex?: string[];
}

/** The advisory DB `scan`/`explain` read: --db, else $DRYDOCK_DB, else `<cache dir>/db/drydock.db`. */
export function dbPathFor(flags: DbFlags & Pick<TargetFlags, 'cacheDir'>, io: CliIo): string {
  if (flags.db !== undefined) return resolve(io.cwd, flags.db);
  if (io.env['DRYDOCK_DB']) return resolve(io.cwd, io.env['DRYDOCK_DB']);
  return defaultDbPath(resolve(io.cwd, cacheDirFor(flags, io.env)));
}

export function addDbOptions(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'advisory DB to read (default: $DRYDOCK_DB or <cache dir>/db/drydock.db; made by "drydock db update")')
    .option('--offline', 'never touch the network for the advisory DB (scan never downloads it anyway; a registry TARGET is still pulled)')
    .addOption(new Option('--db-max-age-days <n>', 'warn when the DB is older than N days').default('7'))
    .option('--fail-on-stale-db', 'fail (exit 2) instead of warning when the DB is older than --db-max-age-days');
}

function nonNegativeInt(text: string, flag: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new AppError('USAGE', `${flag}: "${text}" is not a whole number >= 0`);
  return Number(text);
}

/** Open the DB and apply the staleness policy; the caller closes the store. */
export async function openDbChecked(flags: DbFlags & Pick<TargetFlags, 'cacheDir' | 'quiet'>, io: CliIo, now: Date): Promise<{ store: AdvisoryStore; db: ScanReport['db'] }> {
  const maxAge = nonNegativeInt(flags.dbMaxAgeDays, '--db-max-age-days');
  // Loaded on use: SQLite, the version schemes and the filters cost nothing to `sbom` or `--help`.
  const [{ openAdvisoryDb }, { scanDbInfo }] = await Promise.all([import('../../vulndb/sqlite/reader.js'), import('../../matching/scan-report.js')]);
  const store = openAdvisoryDb(dbPathFor(flags, io));
  try {
    const db = scanDbInfo(await store.info(), now);
    if (db.ageDays > maxAge) {
      const msg = `advisory DB ${db.path} was built ${Number.isFinite(db.ageDays) ? `${db.ageDays} days ago` : 'at an unknown time'} (limit ${maxAge}); run "drydock db update"`;
      if (flags.failOnStaleDb) throw new AppError('INPUT', msg);
      io.stderr.write(`drydock: warning: ${msg}\n`);
    }
    return { store, db };
  } catch (err) {
    store.close();
    throw err;
  }
}

function parseScanners(text: string): void {
  for (const s of text.split(',').map((x) => x.trim().toLowerCase()).filter((x) => x !== '')) {
    if (!(s in SCANNERS)) throw new AppError('USAGE', `--scanners: unknown scanner "${s}" (known: ${Object.keys(SCANNERS).join(', ')})`);
    if (SCANNERS[s] !== true) throw new AppError('USAGE', `--scanners: the ${s} scanner is not yet available in this version of drydock (only vuln)`);
  }
}

function parseSeverities(text: string | undefined): Severity[] | undefined {
  if (text === undefined) return undefined;
  const out = text.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  for (const s of out) if (!isSeverity(s)) throw new AppError('USAGE', `--severity: "${s}" is not a severity (UNKNOWN, NEGLIGIBLE, LOW, MEDIUM, HIGH, CRITICAL)`);
  return out as Severity[];
}

async function readInput(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new AppError('NOT_FOUND', `${what} ${path}: ${errorMessage(err)}`);
  }
}

async function filterOptions(flags: ScanFlags, io: CliIo, now: Date): Promise<FilterOptions> {
  const { parseIgnoreFile, parseVex } = await import('../../report/filters/index.js');
  const opts: FilterOptions = { now };
  const severities = parseSeverities(flags.severity);
  if (severities) opts.severities = severities;
  if (flags.ignoreUnfixed) opts.ignoreUnfixed = true;
  const explicit = flags.ignorefile !== undefined;
  const ignorePath = resolve(io.cwd, flags.ignorefile ?? '.drydockignore');
  const ignoreText = explicit ? await readInput(ignorePath, '--ignorefile') : await readFile(ignorePath, 'utf8').catch(() => undefined);
  if (ignoreText !== undefined) opts.ignoreFile = parseIgnoreFile(ignoreText, flags.ignorefile ?? '.drydockignore');
  if (flags.vex && flags.vex.length > 0) {
    opts.vex = await Promise.all(flags.vex.map(async (p) => parseVex(await readInput(resolve(io.cwd, p), '--vex'), p)));
  }
  return opts;
}

/** ANSI colours only for a table written to a terminal, and never with NO_COLOR set. */
function colorFor(flags: ScanFlags, io: CliIo): boolean {
  const tty = (io.stdout as { isTTY?: boolean }).isTTY === true;
  return tty && (flags.output === undefined || flags.output === '-') && !io.env['NO_COLOR'];
}

async function scan(target: string, flags: ScanFlags, io: CliIo): Promise<number> {
  parseScanners(flags.scanners);
  const exitCode = nonNegativeInt(flags.exitCode, '--exit-code');
  const now = new Date();
  const filters = await filterOptions(flags, io, now);
  const [{ matchInventory }, { buildScanReport }, { applyFilters }] = await Promise.all([
    import('../../matching/match.js'),
    import('../../matching/scan-report.js'),
    import('../../report/filters/index.js'),
  ]);
  const t0 = performance.now();
  const { store, db } = await openDbChecked(flags, io, now);
  const timings: Record<string, number> = { openDb: performance.now() - t0 };
  let report: ScanReport;
  try {
    let t = performance.now();
    const inv = await inventoryFor(target, flags, io);
    timings['inventory'] = performance.now() - t;
    t = performance.now();
    const match = await matchInventory(inv, store);
    timings['match'] = performance.now() - t;
    // Filters move removed findings to `suppressed` and recount fixAdvice/summary (summarizeFindings).
    report = applyFilters(buildScanReport(inv, match, db, now), filters);
  } finally {
    store.close();
  }
  const t = performance.now();
  await writeResult(io, flags.output, await writeReport(flags.format, report, { color: colorFor(flags, io) }));
  timings['report'] = performance.now() - t;
  // DRYDOCK_TIMINGS=1: phase times in ms on stderr (the benchmark reads them).
  if (io.env['DRYDOCK_TIMINGS']) {
    io.stderr.write(`drydock: timings ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10])))}\n`);
  }
  if (!flags.quiet && report.unknowns.length > 0) {
    io.stderr.write(`drydock: ${report.unknowns.length} item(s) could not be fully analyzed or matched; see "unknowns" in --format json output\n`);
  }
  return report.findings.length > 0 ? exitCode : 0;
}

export function scanCommand(io: CliIo, run: (work: () => Promise<number>) => Promise<number>): Command {
  const cmd = new Command('scan')
    .summary('find known vulnerabilities in an image, archive, directory or SBOM')
    .description(
      [
        'Inventory TARGET (any target "drydock sbom" takes, SBOM files included) and',
        'match its packages against the local advisory DB (made by "drydock db update").',
        'Findings are sorted by risk (known exploited first, then severity, CVSS, EPSS),',
        'with fixed versions and per-package fix advice.',
        'Exit codes: 0 ok; N with --exit-code N when findings remain after the filters;',
        '2 usage or input error (no DB; a stale DB with --fail-on-stale-db); 3 internal.',
      ].join('\n'),
    )
    .argument('<target>', 'image reference, archive, directory or SBOM file')
    .option('--scanners <list>', 'comma list of scanners (vuln; secret and config are not yet available)', 'vuln')
    .option('--severity <list>', 'report only these severities, comma list (e.g. HIGH,CRITICAL)')
    .option('--ignore-unfixed', 'drop findings that have no fixed version')
    .option('--ignorefile <file>', 'ignore file (.trivyignore syntax with exp:YYYY-MM-DD, or .yaml; default: ./.drydockignore if present)')
    .option('--vex <file>', 'OpenVEX or CycloneDX VEX document (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--exit-code <n>', 'exit status when findings remain after filters', '0')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...REPORT_FORMAT_NAMES]).default('table'))
    .option('-o, --output <file>', 'write to FILE instead of stdout (written atomically)');
  addDbOptions(cmd);
  addTargetOptions(cmd);
  cmd.action(async (target: string, flags: ScanFlags) => {
    await run(() => scan(target, flags, io));
  });
  return cmd;
}
