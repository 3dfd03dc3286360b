/**
 * The lint rule contract. One rule per file under src/lint/rules/, listed in src/lint/rules/index.ts
 * (`RULES`). A rule reads the parsed Dockerfile (and lazily the shell model of RUN bodies through the
 * context) and returns violations; it never reads files, env or options other than `ctx.settings`.
 */
import type { Dockerfile, Instruction, Span } from './dockerfile/ast.js';
import type { ShellScript } from './shell/model.js';

/** Hadolint's levels (plus `ignore` = off). */
export const LINT_LEVELS = ['error', 'warning', 'info', 'style', 'ignore'] as const;
export type LintLevel = (typeof LINT_LEVELS)[number];

/** A text edit on the original file: replace [offset, offset+length) with `text`. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

export interface Violation {
  readonly code: string;
  /** Where the offending text is; the reported line/column is span.start. */
  readonly span: Span;
  /** Overrides the rule's message when the finding needs specifics. */
  readonly message?: string;
  /** Edits `drydock lint --fix` applies (non-overlapping; all or nothing). */
  readonly fix?: readonly TextEdit[];
}

/** Settings rules may read (from .hadolint.yaml / drydock config / CLI). */
export interface RuleSettings {
  /** DL3026: allowed registries (`docker.io`, `*.gcr.io`); empty = rule inactive. */
  readonly trustedRegistries: readonly string[];
  /** DL3048–DL3058: required labels and their formats. */
  readonly labelSchema: ReadonlyMap<string, string>;
  readonly strictLabels: boolean;
  /** Files beside the Dockerfile the DD rules may consult (read by the CLI, not the rule). */
  readonly dockerignore: string | undefined;
}

export interface RuleContext {
  readonly doc: Dockerfile;
  readonly settings: RuleSettings;
  /** The shell model of a shell-form RUN/CMD/ENTRYPOINT/HEALTHCHECK command or heredoc script (cached). */
  shellOf(instr: Instruction): readonly ShellScript[];
  /** The shell (`SHELL [...]` / `# hadolint shell=` pragma) in effect for an instruction: 'posix' or other. */
  shellKind(instr: Instruction): 'posix' | 'non-posix';
}

export interface LintRule {
  readonly code: string;
  readonly level: LintLevel;
  /** Default message (Hadolint's wording for DL rules). */
  readonly message: string;
  /** Short docs line for `drydock lint --list-rules` and SARIF rule metadata. */
  readonly description?: string;
  check(ctx: RuleContext): Violation[];
}

/** One reported problem, after pragmas, config overrides and ignores were applied. */
export interface LintFinding {
  /** The file as named on the command line (`-` for stdin). */
  readonly file: string;
  readonly code: string;
  readonly level: Exclude<LintLevel, 'ignore'>;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** True when `--fix` can repair it. */
  readonly fixable: boolean;
}

/** Everything a formatter needs. */
export interface LintReport {
  readonly findings: readonly LintFinding[];
  /** Files linted, in order (a file with no findings still appears). */
  readonly files: readonly string[];
  /** Rule metadata for formats that describe rules (SARIF, codeclimate). */
  readonly rules: ReadonlyArray<Pick<LintRule, 'code' | 'level' | 'message' | 'description'>>;
}
