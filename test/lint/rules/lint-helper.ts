/** Test helper for rule files: lint a Dockerfile text with the real engine and return one rule's findings. */
import { lintFiles, type EngineSettings, type FileLint } from '../../../src/lint/engine.js';
import type { LintFinding, LintLevel, RuleSettings, TextEdit } from '../../../src/lint/rule.js';

export interface LintOptions {
  rule?: Partial<RuleSettings>;
  /** Extra level overrides (e.g. switch on a rule that is off by default). */
  overrides?: Record<string, LintLevel>;
  shellcheck?: boolean;
}

export function settings(opts: LintOptions = {}): EngineSettings {
  return {
    ignored: new Set(),
    overrides: new Map(Object.entries(opts.overrides ?? {})),
    disableIgnorePragma: false,
    shellcheck: opts.shellcheck ?? false,
    rule: { trustedRegistries: [], labelSchema: new Map(), strictLabels: false, dockerignore: undefined, ...opts.rule },
  };
}

/** The whole lint result of one file. */
export async function lintText(text: string, opts: LintOptions = {}): Promise<FileLint> {
  const run = await lintFiles([{ name: 'Dockerfile', text, dockerignore: opts.rule?.dockerignore }], settings(opts));
  return run.files[0] as FileLint;
}

/** The findings of one rule code. */
export async function findingsOf(code: string, text: string, opts: LintOptions = {}): Promise<LintFinding[]> {
  return (await lintText(text, opts)).findings.filter((f) => f.code === code);
}

/** Apply every fix of the findings of `code` (as `drydock lint --fix` does: sorted, non-overlapping). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}
