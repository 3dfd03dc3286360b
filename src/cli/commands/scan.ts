import { Command, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError, errorMessage } from '../../core/errors.js';
import { isSeverity, type Severity } from '../../core/severity.js';
import type { FilterOptions } from '../../report/filters/index.js';
import { REPORT_FORMAT_NAMES, writeReport } from '../../report/index.js';
import { SCANNER_IDS, type ScanDbInfo, type ScanReport, type ScannerId } from '../../report/model.js';
import { defaultDbPath } from '../../vulndb/paths.js';
import type { AdvisoryStore } from '../../vulndb/store.js';
import type { Inventory } from '../../core/inventory.js';
import type { ScanParts } from '../../report/assemble.js';
import type { SecretConfig } from '../../secrets/config.js';
import { TOOL_VERSION } from '../../version.js';
import { addAttestOptions, attestInventoryImage, attestKeyFor, type AttestFlags } from '../attest-result.js';
import type { CliIo } from '../io.js';
import { writeResult } from '../io.js';
import { NOTE_SOURCE, runImageScanners } from '../scan-scanners.js';
import { withoutOptimizingCompiler } from '../v8-tiers.js';
import { addTargetOptions, cacheDirFor, inventoryFor, type TargetFlags } from '../target-options.js';

export interface DbFlags {
  db?: string;
  offline?: boolean;
  dbMaxAgeDays: string;
  failOnStaleDb?: boolean;
}

interface ScanFlags extends TargetFlags, DbFlags, AttestFlags {
  scanners: string;
  severity?: string;
  ignoreUnfixed?: boolean;
  exitCode: string;
  format: string;
  output?: string;
  ignorefile?: string;
  vex?: string[];
  secretConfig?: string;
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
export async function openDbChecked(flags: DbFlags & Pick<TargetFlags, 'cacheDir' | 'quiet'>, io: CliIo, now: Date): Promise<{ store: AdvisoryStore; db: ScanDbInfo }> {
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

function parseScanners(text: string): Set<ScannerId> {
  const out = new Set<ScannerId>();
  for (const s of text.split(',').map((x) => x.trim().toLowerCase()).filter((x) => x !== '')) {
    if (!(SCANNER_IDS as readonly string[]).includes(s)) throw new AppError('USAGE', `--scanners: unknown scanner "${s}" (known: ${SCANNER_IDS.join(', ')})`);
    out.add(s as ScannerId);
  }
  if (out.size === 0) throw new AppError('USAGE', `--scanners: name at least one scanner (${SCANNER_IDS.join(', ')})`);
  return out;
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

/** The vuln scanner: open the DB (before the inventory: no DB fails fast), then match. */
async function withVulnDb<T>(flags: ScanFlags, io: CliIo, now: Date, timings: Record<string, number>, work: (match?: (inv: Inventory) => Promise<NonNullable<ScanParts['vuln']>>) => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const { store, db } = await openDbChecked(flags, io, now);
  timings['openDb'] = performance.now() - t0;
  const { matchInventory } = await import('../../matching/match.js');
  try {
    return await work(async (inv) => {
      const t = performance.now();
      const match = await withoutOptimizingCompiler(() => matchInventory(inv, store));
      timings['match'] = performance.now() - t;
      return { findings: match.findings, unknowns: match.unknowns, db };
    });
  } finally {
    store.close();
  }
}

/** `--secret-config FILE`: drydock's YAML (Trivy's secret-config keys) or a gitleaks TOML; its warnings go to stderr. */
async function loadSecretConfigFor(file: string, io: CliIo): Promise<SecretConfig> {
  const { loadSecretConfig } = await import('../../secrets/config-file.js');
  const config = await loadSecretConfig(resolve(io.cwd, file));
  for (const w of config.warnings ?? []) io.stderr.write(`drydock: ${file}: ${w}\n`);
  return config;
}

async function buildReport(target: string, flags: ScanFlags, io: CliIo, scanners: ReadonlySet<ScannerId>, now: Date, timings: Record<string, number>): Promise<ScanReport> {
  const { assembleScanReport } = await import('../../report/assemble.js');
  const run = async (match?: (inv: Inventory) => Promise<NonNullable<ScanParts['vuln']>>): Promise<ScanReport> => {
    let t = performance.now();
    const secretConfig = scanners.has('secret') && flags.secretConfig !== undefined ? await loadSecretConfigFor(flags.secretConfig, io) : undefined;
    const inv = await inventoryFor(target, flags, io, { secrets: scanners.has('secret'), ...(secretConfig ? { secretConfig } : {}) });
    timings['inventory'] = performance.now() - t;
    const vuln = match ? await match(inv) : undefined;
    t = performance.now();
    const parts = await runImageScanners(inv, scanners, target, now);
    timings['checks'] = performance.now() - t;
    return assembleScanReport({ inv, now, ...(vuln ? { vuln } : {}), ...parts });
  };
  // Without the vuln scanner no advisory DB is opened at all.
  return scanners.has('vuln') ? withVulnDb(flags, io, now, timings, run) : run();
}

/** Findings of every scanner that ran, after the filters: what `--exit-code` gates on. */
function remaining(report: ScanReport): number {
  return report.findings.length + report.secrets.length + report.checks.length;
}

async function scan(target: string, flags: ScanFlags, io: CliIo): Promise<number> {
  const scanners = parseScanners(flags.scanners);
  const exitCode = nonNegativeInt(flags.exitCode, '--exit-code');
  const now = new Date();
  const attestKey = await attestKeyFor(io, target, flags);
  const filters = await filterOptions(flags, io, now);
  const [{ applyFilters }, { configSecretValues, redactSecrets }, { FileRedactionCache }] = await Promise.all([
    import('../../report/filters/index.js'),
    import('../../report/redact.js'),
    import('../../report/redaction-cache.js'),
  ]);
  const redactionCache = flags.cache ? new FileRedactionCache(join(cacheDirFor(flags, io.env), 'redaction')) : undefined;
  const timings: Record<string, number> = {};
  // Filters move removed items to `suppressed*` and recount fixAdvice/summary; then every secret value
  // the config and history show is masked wherever the report copies them.
  const filtered = applyFilters(await buildReport(target, flags, io, scanners, now, timings), filters);
  let t = performance.now();
  const report = redactSecrets(filtered, await configSecretValues(filtered.source, redactionCache));
  timings['mask'] = performance.now() - t;
  if (attestKey) {
    const { vulnPredicate, VULN_PREDICATE_TYPE } = await import('../../report/vuln-predicate.js');
    const json = JSON.parse(await writeReport('json', report, { color: false })) as unknown;
    const predicate = vulnPredicate(report, json, { uri: 'https://github.com/drydock/drydock', version: TOOL_VERSION }, now, new Date());
    await attestInventoryImage(io, { source: report.source }, flags, attestKey, VULN_PREDICATE_TYPE, predicate);
  }
  t = performance.now();
  await writeResult(io, flags.output, await writeReport(flags.format, report, { color: colorFor(flags, io) }));
  timings['report'] = performance.now() - t;
  // DRYDOCK_TIMINGS=1: phase times in ms on stderr (the benchmark reads them).
  if (io.env['DRYDOCK_TIMINGS']) {
    io.stderr.write(`drydock: timings ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v * 10) / 10])))}\n`);
  }
  if (!flags.quiet) {
    for (const u of report.unknowns) if (u.source === NOTE_SOURCE) io.stderr.write(`drydock: note: ${u.reason}\n`);
    const others = report.unknowns.filter((u) => u.source !== NOTE_SOURCE).length;
    if (others > 0) io.stderr.write(`drydock: ${others} item(s) could not be fully analyzed or matched; see "unknowns" in --format json output\n`);
  }
  return remaining(report) > 0 ? exitCode : 0;
}

export function scanCommand(io: CliIo, run: (work: () => Promise<number>) => Promise<number>): Command {
  const cmd = new Command('scan')
    .summary('find known vulnerabilities in an image, archive, directory or SBOM')
    .description(
      [
        'Inventory TARGET (any target "drydock sbom" takes, SBOM files included) and run the scanners:',
        '  vuln    match its packages against the local advisory DB (made by "drydock db update");',
        '          findings sorted by risk, with fixed versions, fix advice and base/added origin',
        '  secret  secrets in every layer\'s files (also files a later layer deleted), the config',
        '          and the history; values masked',
        '  config  image configuration checks (Dockle\'s CIS-DI and more) and the base-image',
        '          report (distro, flavour, end of life, surface, smaller/supported alternatives)',
        'secret and config need no DB; they are skipped with a note for an SBOM target.',
        'Exit codes: 0 ok; N with --exit-code N when findings of any scanner remain after the',
        'filters; 2 usage or input error (no DB; a stale DB with --fail-on-stale-db); 3 internal.',
        'With --attest --key K (registry images) the report is also signed as a cosign vuln/v1 attestation',
        'of the image digest and pushed next to it ("drydock verify-attestation --type vuln").',
      ].join('\n'),
    )
    .argument('<target>', 'image reference, archive, directory or SBOM file')
    .option('--scanners <list>', 'comma list of scanners: vuln, secret, config', 'vuln,secret,config')
    .option('--secret-config <file>', 'custom secret rules and allow-lists: drydock YAML (Trivy secret-config keys) or a gitleaks TOML')
    .option('--severity <list>', 'report only these severities, comma list (e.g. HIGH,CRITICAL); vulnerabilities, secrets and checks')
    .option('--ignore-unfixed', 'drop vulnerability findings that have no fixed version')
    .option('--ignorefile <file>', 'ignore file: vulnerability, secret rule and check ids (.trivyignore syntax with exp:YYYY-MM-DD, or .yaml; default: ./.drydockignore if present)')
    .option('--vex <file>', 'OpenVEX or CycloneDX VEX document (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--exit-code <n>', 'exit status when findings of any scanner remain after filters', '0')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...REPORT_FORMAT_NAMES]).default('table'))
    .option('-o, --output <file>', 'write to FILE instead of stdout (written atomically)');
  addDbOptions(cmd);
  addTargetOptions(cmd);
  addAttestOptions(cmd);
  cmd.action(async (target: string, flags: ScanFlags) => {
    await run(() => scan(target, flags, io));
  });
  return cmd;
}
