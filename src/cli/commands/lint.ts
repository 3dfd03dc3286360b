import { Command, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError, errorMessage } from '../../core/errors.js';
import type { LintSettings } from '../../lint/config/settings.js';
import type { EngineSettings, LintInput, LintRun } from '../../lint/engine.js';
import type { CliIo } from '../io.js';
import { writeResult } from '../io.js';

interface LintCliFlags {
  format?: string;
  output?: string;
  config?: string;
  failureThreshold?: string;
  error?: string[];
  warning?: string[];
  info?: string[];
  style?: string[];
  ignore?: string[];
  trustedRegistry?: string[];
  requireLabel?: string[];
  strictLabels?: boolean;
  disableIgnorePragma?: boolean;
  fail: boolean;
  color: boolean;
  verbose?: boolean;
  fix?: boolean;
  shellcheck: boolean;
  listRules?: boolean;
  filePathInReport?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];

/** At most this many `--fix` passes (a fix can reveal another finding's fix, e.g. after re-linting). */
const FIX_PASSES = 5;
/** Dockerfiles larger than this are refused (a Dockerfile is text a person writes). */
const MAX_DOCKERFILE_BYTES = 8 * 1024 * 1024;

async function readInput(io: CliIo, file: string, reportName: string | undefined): Promise<LintInput> {
  if (file === '-') {
    const text = await io.readStdin();
    const ignore = join(io.cwd, '.dockerignore');
    return { name: reportName ?? '-', text, dockerignore: existsSync(ignore) ? await readFile(ignore, 'utf8') : undefined };
  }
  // Synchronous reads: files are read one after the other anyway, and a promise round trip through the
  // thread pool per file costs more than the read itself (linting thousands of files, it was a sixth of the time).
  const path = resolve(io.cwd, file);
  let st: Stats | undefined;
  try {
    st = statSync(path);
  } catch {
    st = undefined;
  }
  if (st === undefined) throw new AppError('NOT_FOUND', `${file}: no such file`);
  if (!st.isFile()) throw new AppError('INPUT', `${file}: not a regular file`);
  if (st.size > MAX_DOCKERFILE_BYTES) throw new AppError('LIMIT', `${file}: ${st.size} bytes is too large for a Dockerfile (limit ${MAX_DOCKERFILE_BYTES})`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AppError('INPUT', `${file}: cannot read: ${errorMessage(err)}`);
  }
  if (text.includes('\u0000')) throw new AppError('INPUT', `${file}: not a text file (contains NUL bytes)`);
  // BuildKit reads `<Dockerfile name>.dockerignore` beside the Dockerfile in preference to `.dockerignore`.
  const ignorePath = [join(dirname(path), `${basename(path)}.dockerignore`), join(dirname(path), '.dockerignore')].find((p) => existsSync(p));
  return { name: reportName ?? file, text, dockerignore: ignorePath === undefined ? undefined : readOptional(ignorePath) };
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function settingsFor(io: CliIo, flags: LintCliFlags): Promise<{ settings: LintSettings; warnings: string[] }> {
  const [{ lintSettingsFromEnv }, { lintSettingsFromFlags }, { findDrydockConfig, findHadolintConfig }, { parseHadolintYaml }, { parseDrydockConfigLint }, { mergeLintSettings }] =
    await Promise.all([
      import('../../lint/config/env.js'),
      import('../../lint/config/flags.js'),
      import('../../lint/config/lookup.js'),
      import('../../lint/config/hadolint-yaml.js'),
      import('../../lint/config/drydock-yaml.js'),
      import('../../lint/config/merge.js'),
    ]);
  const env = lintSettingsFromEnv(io.env);
  const warnings = [...env.warnings];
  const readConfig = async (path: string): Promise<string> => {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      throw new AppError(flags.config !== undefined ? 'NOT_FOUND' : 'INPUT', `cannot read lint config ${path}: ${errorMessage(err)}`);
    }
  };
  const hadolintPath = findHadolintConfig({ cwd: io.cwd, env: io.env, exists: existsSync, explicit: flags.config });
  const hadolint = hadolintPath === undefined ? undefined : parseHadolintYaml(await readConfig(hadolintPath), hadolintPath);
  const drydockPath = flags.config === undefined ? findDrydockConfig({ cwd: io.cwd, exists: existsSync }) : undefined;
  const drydock = drydockPath === undefined ? undefined : parseDrydockConfigLint(await readConfig(drydockPath), drydockPath);
  warnings.push(...(hadolint?.warnings ?? []), ...(drydock?.warnings ?? []));
  const cli = lintSettingsFromFlags({
    ...(flags.error ? { error: flags.error } : {}),
    ...(flags.warning ? { warning: flags.warning } : {}),
    ...(flags.info ? { info: flags.info } : {}),
    ...(flags.style ? { style: flags.style } : {}),
    ...(flags.ignore ? { ignore: flags.ignore } : {}),
    ...(flags.trustedRegistry ? { trustedRegistry: flags.trustedRegistry } : {}),
    ...(flags.requireLabel ? { requireLabel: flags.requireLabel } : {}),
    ...(flags.strictLabels ? { strictLabels: true } : {}),
    ...(flags.disableIgnorePragma ? { disableIgnorePragma: true } : {}),
    ...(flags.failureThreshold !== undefined ? { failureThreshold: flags.failureThreshold } : {}),
    ...(flags.fail ? {} : { noFail: true }),
    ...(flags.color ? {} : { noColor: true }),
    ...(flags.format !== undefined ? { format: flags.format } : {}),
    ...(flags.verbose ? { verbose: true } : {}),
  });
  const settings = mergeLintSettings({
    env: env.settings,
    ...(hadolint ? { hadolintFile: hadolint.settings } : {}),
    ...(drydock ? { drydockFile: drydock.settings } : {}),
    cli,
  });
  return { settings, warnings };
}

function engineSettings(s: LintSettings, shellcheck: boolean): EngineSettings {
  return {
    ignored: s.ignored,
    overrides: s.overrides,
    disableIgnorePragma: s.disableIgnorePragma,
    shellcheck,
    rule: { trustedRegistries: s.trustedRegistries, labelSchema: s.labelSchema, strictLabels: s.strictLabels, dockerignore: undefined },
  };
}

/** Write a fixed Dockerfile in place, atomically, keeping its mode. */
async function writeInPlace(path: string, text: string): Promise<void> {
  const st = await stat(path);
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { mode: st.mode & 0o7777 });
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw new AppError('INPUT', `cannot write ${path}: ${errorMessage(err)}`);
  }
}

/** Apply fixes pass by pass, re-linting after each; returns the final run and the fixed texts. */
async function fixAll(inputs: LintInput[], engine: EngineSettings): Promise<{ run: LintRun; fixed: Map<number, string>; applied: number }> {
  const [{ lintFiles }, { applyFixes }] = await Promise.all([import('../../lint/engine.js'), import('../../lint/fix.js')]);
  const current = [...inputs];
  const fixed = new Map<number, string>();
  let applied = 0;
  let run = await lintFiles(current, engine);
  for (let pass = 0; pass < FIX_PASSES; pass++) {
    let changed = false;
    run.files.forEach((f, i) => {
      const input = current[i] as LintInput;
      const r = applyFixes(input.text, f.fixes);
      if (r.applied > 0 && r.text !== input.text) {
        current[i] = { ...input, text: r.text };
        fixed.set(i, r.text);
        applied += r.applied;
        changed = true;
      }
    });
    if (!changed) break;
    run = await lintFiles(current, engine);
  }
  return { run, fixed, applied };
}

async function listRules(io: CliIo, format: string | undefined): Promise<number> {
  const { RULES } = await import('../../lint/rules/index.js');
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(RULES.map((r) => ({ code: r.code, level: r.level, message: r.message, description: r.description ?? r.message })), null, 2)}\n`);
  } else {
    for (const r of RULES) io.stdout.write(`${r.code.padEnd(7)} ${r.level.padEnd(7)} ${r.description ?? r.message}\n`);
  }
  return 0;
}

async function lintAction(io: CliIo, files: string[], flags: LintCliFlags): Promise<number> {
  if (flags.listRules) return listRules(io, flags.format);
  const { settings, warnings } = await settingsFor(io, flags);
  for (const w of warnings) io.stderr.write(`drydock: ${w}\n`);
  const { writeLintReport } = await import('../../lint/format/index.js');
  const { failsThreshold } = await import('../../lint/config/settings.js');
  const names = files.length > 0 ? files : ['Dockerfile'];
  if (names.filter((f) => f === '-').length > 1) throw new AppError('USAGE', '"-" (standard input) may be given only once');
  if (flags.fix && names.includes('-')) throw new AppError('USAGE', '--fix edits files in place: it cannot fix standard input');
  const inputs: LintInput[] = [];
  for (const f of names) inputs.push(await readInput(io, f, f === '-' ? flags.filePathInReport : undefined));
  const engine = engineSettings(settings, flags.shellcheck);
  let run: LintRun;
  if (flags.fix) {
    const r = await fixAll(inputs, engine);
    for (const [i, text] of r.fixed) await writeInPlace(resolve(io.cwd, names[i] as string), text);
    io.stderr.write(`drydock: --fix applied ${r.applied} fix(es) in ${r.fixed.size} file(s)\n`);
    run = r.run;
  } else {
    const { lintFiles } = await import('../../lint/engine.js');
    run = await lintFiles(inputs, engine);
  }
  for (const n of run.notices) io.stderr.write(`drydock: ${n}\n`);
  const color = !settings.noColor && io.env['NO_COLOR'] === undefined && Boolean(io.stderr.isTTY) && flags.output === undefined;
  await writeResult(io, flags.output, writeLintReport(settings.format, run.report, { color }));
  if (settings.noFail) return 0;
  return run.report.findings.some((f) => failsThreshold(f.level, settings.failureThreshold)) ? 1 : 0;
}

export function lintCommand(io: CliIo, run: (work: () => Promise<number>) => Promise<number>): Command {
  const cmd = new Command('lint')
    .summary('lint Dockerfiles (Hadolint-compatible rules, pragmas and config, plus drydock hardening rules)')
    .description(
      [
        "Check Dockerfiles before anything is built: Hadolint's DL rules (same codes,",
        'levels, messages, "# hadolint ignore=" pragmas, .hadolint.yaml and HADOLINT_*',
        'settings), ShellCheck on RUN scripts (SCxxxx, when shellcheck is installed),',
        "and drydock's DD hardening rules (secrets, root user, unpinned or typosquatted",
        'base images, .dockerignore leaks, curl|sh, caches, ...).',
        'FILE defaults to ./Dockerfile; "-" reads standard input.',
        'Settings, lowest first: HADOLINT_* / DRYDOCK_LINT_* env, .hadolint.yaml (or',
        '--config), .drydock.yaml `lint:`, command-line flags.',
        'Exit codes: 0 no finding at or above the failure threshold (default info;',
        'always 0 with --no-fail), 1 findings at or above it, 2 usage or input error,',
        '3 internal error.',
      ].join('\n'),
    )
    .argument('[files...]', 'Dockerfiles to lint ("-" for standard input)')
    .addOption(new Option('-f, --format <format>', 'tty, json (Hadolint\'s), sarif, checkstyle, codeclimate, gitlab, markdown'))
    .option('-o, --output <file>', 'write the report to FILE instead of stdout (written atomically)')
    .option('-c, --config <file>', 'a .hadolint.yaml to use instead of the usual lookup')
    .option('-t, --failure-threshold <level>', 'fail on findings at or above: error, warning, info, style, ignore/none')
    .option('--error <rule>', 'report RULE as an error (repeatable, or comma-separated)', collect)
    .option('--warning <rule>', 'report RULE as a warning', collect)
    .option('--info <rule>', 'report RULE as info', collect)
    .option('--style <rule>', 'report RULE as style', collect)
    .option('--ignore <rule>', 'never report RULE', collect)
    .option('--trusted-registry <registry>', 'allowed registry for DL3026 (repeatable; "*.gcr.io" wildcards)', collect)
    .option('--require-label <label:format>', 'required label and its format (text, url, semver, hash, rfc3339, spdx, email)', collect)
    .option('--strict-labels', 'report labels not in the label schema (DL3050)')
    .option('--disable-ignore-pragma', 'ignore "# hadolint ignore=" / "# drydock ignore=" pragmas')
    .option('--no-fail', 'exit 0 whatever is found')
    .option('--no-color', 'no colours in tty output')
    .option('--no-shellcheck', 'skip ShellCheck on RUN scripts')
    .option('--fix', 'apply the fixes rules offer, editing the files in place (byte for byte elsewhere)')
    .option('--file-path-in-report <name>', 'the file name to report for standard input')
    .option('--list-rules', 'list every rule with its default level')
    .option('-V, --verbose', 'more detail on stderr');
  cmd.action(async (files: string[], flags: LintCliFlags) => {
    await run(() => lintAction(io, files, flags));
  });
  return cmd;
}
