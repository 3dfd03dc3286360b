/**
 * The names `--format`, `format:`/`formats:` in a config file and `HADOLINT_FORMAT` accept. Kept apart
 * from the writers so the config code can check a name without loading any writer.
 */

/** drydock's lint output formats, in the order `--help` lists them. */
export const LINT_FORMAT_IDS = ['tty', 'json', 'sarif', 'checkstyle', 'codeclimate', 'gitlab', 'markdown'] as const;
export type LintFormatId = (typeof LINT_FORMAT_IDS)[number];

/** Other spellings of a format, Hadolint's included (`gitlab_codeclimate`). */
export const LINT_FORMAT_ALIASES: Readonly<Record<string, LintFormatId>> = {
  gitlab_codeclimate: 'gitlab',
  'gitlab-codeclimate': 'gitlab',
  md: 'markdown',
};

/** Hadolint formats drydock does not write: a config naming one is still valid (warned about, not failed). */
export const HADOLINT_ONLY_FORMATS: readonly string[] = ['gnu', 'codacy', 'sonarqube', 'junit'];

/** A format id for a name or alias (case-insensitive), or undefined. */
export function resolveLintFormatName(name: string): LintFormatId | undefined {
  const n = name.trim().toLowerCase();
  return (LINT_FORMAT_IDS as readonly string[]).includes(n) ? (n as LintFormatId) : LINT_FORMAT_ALIASES[n];
}

/** Every name accepted, for messages. */
export const LINT_FORMAT_NAMES: readonly string[] = [...LINT_FORMAT_IDS, ...Object.keys(LINT_FORMAT_ALIASES)];
