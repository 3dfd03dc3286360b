/**
 * `drydock lint` without the CLI: parse each Dockerfile, run every enabled rule, run ShellCheck on the
 * RUN scripts (one process for all files), then apply pragmas, ignores and level overrides. Pure but
 * for the ShellCheck child process; files are passed in as text.
 */
import type { Dockerfile, Instruction, RunInstruction, Span } from './dockerfile/ast.js';
import { parseDockerfile } from './dockerfile/parse.js';
import { computeDialects, createContext, shellSourcesOf, type ShellDialect } from './context.js';
import { readPragmas, type Pragmas } from './pragmas.js';
import type { LintFinding, LintLevel, LintReport, LintRule, RuleSettings, TextEdit, Violation } from './rule.js';
import { RULES } from './rules/index.js';
import { errorMessage } from '../core/errors.js';
import { inFileScope } from './file-scope.js';
import { loadShellParser } from './shell/parse.js';
import { runShellcheck, shellcheckAvailable } from './shellcheck.js';
import { declaredVariables } from './shellcheck-vars.js';

export interface EngineSettings {
  /** Codes never reported (`ignored:` / `--ignore`). */
  readonly ignored: ReadonlySet<string>;
  /** Level per code (`override:` / `--error DL3008`); `ignore` turns a rule off, another level turns an off-by-default rule on. */
  readonly overrides: ReadonlyMap<string, LintLevel>;
  readonly disableIgnorePragma: boolean;
  readonly rule: RuleSettings;
  /** Run ShellCheck on RUN scripts (SCxxxx findings). */
  readonly shellcheck: boolean;
}

export interface LintInput {
  readonly name: string;
  readonly text: string;
  /** The `.dockerignore` beside the Dockerfile, if any. */
  readonly dockerignore?: string | undefined;
}

export interface FileLint {
  readonly name: string;
  readonly findings: LintFinding[];
  /** Per finding (same index), the edits that fix it, when the rule offers them. */
  readonly fixes: Array<readonly TextEdit[] | undefined>;
}

export interface LintRun {
  readonly files: FileLint[];
  readonly report: LintReport;
  /** Things the user should know that are not findings (ShellCheck missing, ...). */
  readonly notices: string[];
}

/** Parse warnings are reported under this code. */
export const PARSE_WARNING_CODE = 'DD000';

interface Pending {
  readonly file: number;
  readonly instr: Instruction;
  readonly script: ReturnType<typeof shellSourcesOf>[number];
  readonly dialect: Exclude<ShellDialect, 'non-posix'>;
  readonly declared: string[];
}

function levelOf(code: string, base: LintLevel, settings: EngineSettings): LintLevel {
  return settings.overrides.get(code) ?? base;
}

/**
 * Where each top-level instruction starts (offset, line) and its stage, in file order: all a finding
 * needs to find its instruction's pragmas. Kept instead of the parsed file, so a run over thousands
 * of files does not hold every syntax tree until the end.
 */
class InstructionIndex {
  private readonly offsets: number[];
  private readonly lines: number[];
  private readonly stages: number[];

  constructor(doc: Dockerfile) {
    this.offsets = doc.instructions.map((i) => i.span.start.offset);
    this.lines = doc.instructions.map((i) => i.span.start.line);
    this.stages = doc.instructions.map((i) => i.stage);
  }

  /** The start line and stage of the instruction holding `offset` (the last one starting at or before it). */
  at(offset: number): { line: number; stage: number } | undefined {
    let lo = 0;
    let hi = this.offsets.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.offsets[mid] as number) <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? undefined : { line: this.lines[found] as number, stage: this.stages[found] as number };
  }
}

class FileLinter {
  readonly findings: LintFinding[] = [];
  readonly fixes: Array<readonly TextEdit[] | undefined> = [];

  private readonly index: InstructionIndex;

  constructor(
    readonly name: string,
    doc: Dockerfile,
    private readonly pragmas: Pragmas,
    private readonly settings: EngineSettings,
  ) {
    this.index = new InstructionIndex(doc);
  }

  add(code: string, base: LintLevel, message: string, span: Span, fix?: readonly TextEdit[]): void {
    if (this.settings.ignored.has(code)) return;
    const level = levelOf(code, base, this.settings);
    if (level === 'ignore') return;
    const instr = this.index.at(span.start.offset);
    if (!this.settings.disableIgnorePragma && this.pragmas.isIgnored(code, instr?.line ?? span.start.line, instr?.stage ?? -1)) return;
    this.findings.push({
      file: this.name,
      code,
      level,
      message,
      line: span.start.line,
      column: span.start.column,
      endLine: span.end.line,
      endColumn: span.end.column,
      fixable: fix !== undefined && fix.length > 0,
    });
    this.fixes.push(fix);
  }

  addViolation(rule: LintRule, v: Violation): void {
    this.add(v.code, rule.level, v.message ?? rule.message, v.span, v.fix);
  }
}

function enabled(rule: LintRule, settings: EngineSettings): boolean {
  return !settings.ignored.has(rule.code) && levelOf(rule.code, rule.level, settings) !== 'ignore';
}

/** Lint one parsed file with the in-process rules; returns the ShellCheck work it needs. */
function lintOne(
  index: number,
  input: LintInput,
  settings: EngineSettings,
  rules: readonly LintRule[],
  failures: string[],
): { linter: FileLinter; pending: Pending[] } {
  const doc = parseDockerfile(input.text);
  const pragmas = readPragmas(
    doc.comments,
    doc.instructions.map((i) => i.span.start.line),
    doc.stages.map((s) => s.from.span.start.line),
    { stageParents: doc.stages.map((s) => s.parent) },
  );
  const linter = new FileLinter(input.name, doc, pragmas, settings);
  for (const w of doc.warnings) linter.add(PARSE_WARNING_CODE, 'warning', w.message, w.span);
  const dialects = computeDialects(doc, (line) => pragmas.shellAt(line));
  const ruleSettings: RuleSettings = { ...settings.rule, dockerignore: input.dockerignore };
  const ctx = createContext(doc, ruleSettings, dialects);
  for (const rule of rules) {
    if (!enabled(rule, settings)) continue;
    let violations: Violation[];
    try {
      violations = rule.check(ctx);
    } catch (err) {
      // A rule bug must not cost the user every other finding: say so, and go on.
      failures.push(`rule ${rule.code} failed on ${input.name}: ${errorMessage(err)} (please report this)`);
      continue;
    }
    for (const v of violations) linter.addViolation(rule, v);
  }
  const pending: Pending[] = [];
  if (settings.shellcheck) {
    for (const instr of runsOf(doc)) {
      const dialect = dialects.get(instr) ?? 'sh';
      if (dialect === 'non-posix') continue;
      const declared = declaredVariables(doc, instr);
      for (const script of shellSourcesOf(doc, instr)) pending.push({ file: index, instr, script, dialect, declared });
    }
  }
  return { linter, pending };
}

/** Every RUN, including those wrapped by ONBUILD. */
function runsOf(doc: Dockerfile): RunInstruction[] {
  const out: RunInstruction[] = [];
  for (const i of doc.instructions) {
    if (i.keyword === 'RUN') out.push(i as RunInstruction);
    else if (i.keyword === 'ONBUILD' && 'inner' in i && i.inner?.keyword === 'RUN') out.push(i.inner as RunInstruction);
  }
  return out;
}

/** Lint several Dockerfiles. Findings per file are sorted by position, then code. */
export async function lintFiles(inputs: readonly LintInput[], settings: EngineSettings, rules: readonly LintRule[] = RULES): Promise<LintRun> {
  await loadShellParser();
  const notices: string[] = [];
  const results = inputs.map((input, i) => inFileScope(() => lintOne(i, input, settings, rules, notices)));
  const pending = results.flatMap((r) => r.pending);
  if (pending.length > 0) {
    if (await shellcheckAvailable()) {
      try {
        const found = await runShellcheck(pending.map((p, id) => ({ id: String(id), script: p.script, dialect: p.dialect, declared: p.declared })));
        pending.forEach((p, id) => {
          const linter = results[p.file]?.linter;
          for (const f of found.get(String(id)) ?? []) linter?.add(f.code, f.level, f.message, f.span);
        });
      } catch (err) {
        notices.push(`shellcheck failed, SCxxxx checks were skipped: ${errorMessage(err)}`);
      }
    } else {
      notices.push('shellcheck is not installed: SCxxxx checks of RUN scripts were skipped (Debian: apt-get install shellcheck)');
    }
  }
  const files = results.map(({ linter }) => sortFile(linter));
  return {
    files,
    notices,
    report: {
      files: files.map((f) => f.name),
      findings: files.flatMap((f) => f.findings),
      rules: rules.map((r) => ({ code: r.code, level: r.level, message: r.message, ...(r.description !== undefined ? { description: r.description } : {}) })),
    },
  };
}

function sortFile(l: FileLinter): FileLint {
  const order = l.findings.map((_, i) => i).sort((a, b) => compareFindings(l.findings[a] as LintFinding, l.findings[b] as LintFinding));
  return { name: l.name, findings: order.map((i) => l.findings[i] as LintFinding), fixes: order.map((i) => l.fixes[i]) };
}

function compareFindings(a: LintFinding, b: LintFinding): number {
  return a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

