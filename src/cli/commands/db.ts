import { Command, Option } from 'commander';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../../core/errors.js';
import type { BuildProgress, BuildSummary, FeedSpec, UpdateSummary } from '../../vulndb/build.js';
import type { Importer } from '../../vulndb/importer.js';
import { defaultDbPath } from '../../vulndb/paths.js';
import type { FeedRow } from '../../vulndb/sqlite/reader.js';
import type { CliIo } from '../io.js';
import { cacheDirFor } from '../target-options.js';

type Runner = (work: () => Promise<number>) => Promise<number>;

interface DbFlags {
  db?: string;
  cacheDir?: string;
  feed?: string[];
  offline?: boolean;
  force?: boolean;
  quiet?: boolean;
  format?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

// Importers (and the parsers they use) load on use, so other commands do not pay for them.
const importers = async (): Promise<readonly Importer[]> => (await import('../../vulndb/importers/index.js')).IMPORTERS;

function kindsOf(list: readonly Importer[]): string {
  return list.map((i) => i.id).join(', ') || '(none registered)';
}

/** `KIND=URL_OR_PATH` → a feed; USAGE errors list the known kinds. */
export function parseFeedFlag(text: string, list: readonly Importer[]): FeedSpec {
  const eq = text.indexOf('=');
  const kind = eq < 0 ? '' : text.slice(0, eq).trim();
  const location = eq < 0 ? '' : text.slice(eq + 1).trim();
  if (kind === '' || location === '') throw new AppError('USAGE', `--feed expects KIND=URL_OR_PATH, got "${text}" (known kinds: ${kindsOf(list)})`);
  const importer = list.find((i) => i.id === kind);
  if (!importer) throw new AppError('USAGE', `unknown feed kind "${kind}"; known kinds: ${kindsOf(list)}`);
  return { importer, location };
}

/** --db, else $DRYDOCK_DB, else `<cache dir>/db/drydock.db` (what `drydock scan` reads). */
function dbPathOf(flags: DbFlags, io: CliIo): string {
  if (flags.db !== undefined) return resolve(io.cwd, flags.db);
  if (io.env['DRYDOCK_DB']) return resolve(io.cwd, io.env['DRYDOCK_DB']);
  return defaultDbPath(cacheDirOf(flags, io));
}

function cacheDirOf(flags: DbFlags, io: CliIo): string {
  return resolve(io.cwd, cacheDirFor(flags, io.env));
}

/** One self-rewriting stderr line per feed, on a terminal only. */
function progressOf(io: CliIo, quiet: boolean): { onProgress?: (p: BuildProgress) => void; finish(): void } {
  if (quiet || !io.stderr.isTTY) return { finish: () => undefined };
  let shown = false;
  return {
    onProgress: (p) => {
      const s = p.stats;
      io.stderr.write(`\r\x1b[K${p.feed} ${p.location}: ${s.advisories} advisories, ${s.cves + s.kev + s.epss} per-CVE records${p.phase === 'done' ? ' ✓\n' : ''}`);
      shown = p.phase !== 'done';
    },
    finish: () => {
      if (shown) io.stderr.write('\r\x1b[K');
    },
  };
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function reportBuild(io: CliIo, summary: BuildSummary, quiet: boolean): void {
  if (quiet) return;
  const total = summary.feeds.reduce((n, f) => n + f.stats.advisories, 0);
  io.stderr.write(`drydock: advisory DB ${summary.dbPath}: ${total} advisories from ${summary.feeds.length} feed(s), ${mb(summary.bytes)}\n`);
  for (const f of summary.feeds) {
    if (f.stats.warnings === 0) continue;
    io.stderr.write(`drydock: feed ${f.kind} (${f.location}): ${f.stats.warnings} record(s) skipped or partly read, e.g.:\n`);
    for (const w of f.stats.warningSamples.slice(0, 3)) io.stderr.write(`  ${w}\n`);
  }
}

async function runBuild(io: CliIo, flags: DbFlags, feeds: FeedSpec[], update: boolean): Promise<number> {
  const { buildDb, updateDb } = await import('../../vulndb/build.js');
  const quiet = flags.quiet === true;
  const progress = progressOf(io, quiet);
  const opts = {
    dbPath: dbPathOf(flags, io),
    cacheDir: cacheDirOf(flags, io),
    feeds,
    offline: flags.offline === true,
    cwd: io.cwd,
    ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
  };
  let result: UpdateSummary;
  try {
    result = update ? await updateDb({ ...opts, force: flags.force === true }) : { upToDate: false, ...(await buildDb(opts)) };
  } finally {
    progress.finish();
  }
  if (result.upToDate) {
    if (!quiet) io.stderr.write(`drydock: advisory DB ${result.dbPath} is up to date (built ${result.builtAt}; no feed changed)\n`);
  } else reportBuild(io, result, quiet);
  return 0;
}

function age(builtAt: string, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(builtAt)) / 1000));
  if (!Number.isFinite(s)) return 'unknown age';
  if (s < 90) return 'just now';
  if (s < 5400) return `${Math.round(s / 60)} minutes ago`;
  if (s < 172_800) return `${Math.round(s / 3600)} hours ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ')).join('\n');
}

async function runStatus(io: CliIo, flags: DbFlags): Promise<number> {
  const { openAdvisoryDb } = await import('../../vulndb/sqlite/reader.js');
  const path = dbPathOf(flags, io);
  const store = openAdvisoryDb(path);
  let info;
  try {
    info = store.infoSync();
  } finally {
    store.close();
  }
  const bytes = (await stat(path)).size;
  const now = new Date();
  const ageSeconds = Math.max(0, Math.round((now.getTime() - Date.parse(info.builtAt)) / 1000));
  if (flags.format === 'json') {
    const feeds = info.feeds.map(({ documents: _d, ...f }: FeedRow) => f);
    io.stdout.write(`${JSON.stringify({ path, schemaVersion: info.schemaVersion, builtAt: info.builtAt, ageSeconds, toolVersion: info.toolVersion, bytes, feeds }, null, 2)}\n`);
    return 0;
  }
  const head = [
    ['Advisory DB', path],
    ['Schema', String(info.schemaVersion)],
    ['Built', `${info.builtAt} (${age(info.builtAt, now)}) by drydock ${info.toolVersion}`],
    ['Size', mb(bytes)],
  ];
  const rows = [['FEED', 'ADVISORIES', 'PER-CVE', 'WARNINGS', 'SNAPSHOT', 'IMPORTED', 'LOCATION']];
  for (const f of info.feeds) rows.push([f.id, String(f.advisories), String(f.cves), String(f.warnings), f.snapshot ?? '-', f.importedAt, f.location]);
  io.stdout.write(`${table(head)}\n\n${table(rows)}\n`);
  return 0;
}

const HELP_EXAMPLES = `
Examples:
  drydock db update                                   # every feed from its official URL
  drydock db update --offline --feed alpine-secdb=./secdb-mirror
  drydock db build --db ./advisories.db --feed osv=./osv/npm-all.zip \\
      --feed alpine-secdb=https://secdb.alpinelinux.org/ --feed kev=./known_exploited_vulnerabilities.json
  drydock db status --format json

A local path mirrors the feed's URL layout (alpine-secdb: a directory holding v3.20/main.json; osv: a
record file, a directory of records or an all.zip). Downloads are cached under <cache dir>/feeds/.
Exit codes: 0 ok, 2 usage, input or network error, 3 internal error.`;

/** The feed kinds and their official URLs, for `db build|update --help`. */
function feedKindsText(list: readonly Importer[]): string {
  const lines = list.map((i) => {
    const urls = i.defaultDocuments === undefined ? i.defaultUrls : Object.entries(i.defaultDocuments).map(([rel, u]) => `${u}  (as ${rel})`);
    return `  ${i.id.padEnd(20)} ${i.description}\n${urls.map((u) => `  ${''.padEnd(20)} ${u}`).join('\n')}`;
  });
  return `\nFeed kinds (KIND) and the URLs "db update" reads by default:\n${lines.join('\n')}\n${HELP_EXAMPLES}`;
}

export function dbCommand(io: CliIo, run: Runner): Command {
  const cmd = new Command('db').summary('build, update and inspect the local advisory DB').description('Build, update and inspect the advisory DB that "drydock scan" reads.');
  cmd.addHelpText('after', HELP_EXAMPLES);
  // Help text is synchronous; the importer list is loaded just before a subcommand parses its flags.
  let loaded: readonly Importer[] = [];
  cmd.hook('preSubcommand', async () => {
    loaded = await importers();
  });
  const common = (c: Command): Command =>
    c
      .option('--db <file>', 'advisory DB file (default: $DRYDOCK_DB or <cache dir>/db/drydock.db)')
      .option('--cache-dir <dir>', 'cache directory (default: $DRYDOCK_CACHE_DIR or ~/.cache/drydock)');
  const feedOptions = (c: Command): Command =>
    common(c)
      .option('--feed <kind=url-or-path>', 'a feed to import; repeat for several (KIND: see "Feed kinds" below)', collect)
      .option('--offline', 'never touch the network: URL feeds are an error')
      .option('-q, --quiet', 'no progress or summary on stderr');

  const build = feedOptions(new Command('build').summary('build a new advisory DB from the given feeds').description('Import every --feed into a new DB, written to a temporary file and renamed over --db.'));
  build.action(async (flags: DbFlags) => {
    await run(async () => {
      const list = await importers();
      const feeds = (flags.feed ?? []).map((f) => parseFeedFlag(f, list));
      if (feeds.length === 0) throw new AppError('USAGE', `db build needs at least one --feed KIND=URL_OR_PATH (known kinds: ${kindsOf(list)})`);
      return runBuild(io, flags, feeds, false);
    });
  });

  const update = feedOptions(
    new Command('update')
      .summary('update the advisory DB (default feeds: every official URL)')
      .description('Rebuild the DB from --feed (default: every feed from its official URLs), unless every feed answers "not modified".'),
  ).option('--force', 'rebuild even when no feed changed');
  update.action(async (flags: DbFlags) => {
    await run(async () => {
      const list = await importers();
      const given = (flags.feed ?? []).map((f) => parseFeedFlag(f, list));
      const feeds = given.length > 0 ? given : (await import('../../vulndb/build.js')).defaultFeeds(list);
      if (feeds.length === 0) throw new AppError('USAGE', 'no feed importers are registered');
      return runBuild(io, flags, feeds, true);
    });
  });

  const status = common(new Command('status').summary('show what the advisory DB holds and how old it is'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'));
  status.action(async (flags: DbFlags) => {
    await run(() => runStatus(io, flags));
  });

  for (const sub of [build, update]) sub.addHelpText('after', () => feedKindsText(loaded));
  for (const sub of [build, update, status]) cmd.addCommand(sub.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }));
  return cmd;
}
