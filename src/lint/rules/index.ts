/**
 * Every lint rule, one file each (src/lint/rules/<CODE>.ts). Hadolint's rules keep their DL codes,
 * levels and messages; drydock's own rules use the DD prefix. No rule registers itself: each family
 * has an explicit list (list-*.ts) and RULES joins them in code order (the meta test checks every
 * rule has its own test file).
 */
import type { LintRule } from '../rule.js';
import { DRYDOCK_RULES } from './list-drydock.js';
import { INSTRUCTION_RULES } from './list-instructions.js';
import { PACKAGE_RULES } from './list-packages.js';
import { SHELL_RULES } from './list-shell.js';

export const RULES: readonly LintRule[] = [...INSTRUCTION_RULES, ...PACKAGE_RULES, ...SHELL_RULES, ...DRYDOCK_RULES].sort((a, b) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
);

export function ruleByCode(code: string): LintRule | undefined {
  return RULES.find((r) => r.code === code);
}
