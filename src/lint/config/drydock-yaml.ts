/**
 * The `lint:` section of drydock's own config file (`.drydock.yaml`). It takes every `.hadolint.yaml`
 * key, plus `rules:` — another spelling of `override:` that also switches rules off:
 *
 *   lint:
 *     failure-threshold: warning
 *     trustedRegistries: [docker.io, registry.example.com]
 *     rules:
 *       DL3008: error     # same as override: {error: [DL3008]}
 *       DD004: ignore     # off, like ignored: [DD004]
 *
 * Within the section, `rules:` wins over `override:` for the same code. Other top-level keys of the
 * file belong to other commands and are not looked at here.
 */
import * as z from 'zod/mini';
import { AppError } from '../../core/errors.js';
import { LINT_LEVELS, type LintLevel } from '../rule.js';
import { checkKeys, HADOLINT_KEYS, isMapping, loadYaml, toSettings, unknownKeys, type ParsedLintConfig } from './hadolint-yaml.js';

const DRYDOCK_KEYS = {
  ...HADOLINT_KEYS,
  rules: z.nullish(
    z.record(z.string().check(z.minLength(1)), z.enum(LINT_LEVELS, { error: `expected one of ${LINT_LEVELS.join(', ')}` }), {
      error: 'expected a mapping of rule code → level',
    }),
  ),
} as const;

/** The `lint:` value of a drydock config (already loaded from YAML) → settings. */
export function parseDrydockLintSection(section: unknown, file: string): ParsedLintConfig {
  if (section == null) return { settings: {}, warnings: [] };
  if (!isMapping(section)) throw new AppError('INPUT', `${file}: lint: expected a mapping of settings`);
  const { data, problems } = checkKeys(section, DRYDOCK_KEYS, 'lint');
  const warnings = unknownKeys(section, Object.keys(DRYDOCK_KEYS), 'lint: ');
  const settings = toSettings(data, problems, warnings);
  if (problems.length > 0) throw new AppError('INPUT', `${file}: invalid lint configuration: ${problems.join('; ')}`);
  const rules = Object.entries(data.rules ?? {}) as Array<[string, LintLevel]>;
  const merged = rules.length === 0 ? settings : { ...settings, overrides: new Map([...(settings.overrides ?? []), ...rules]) };
  return { settings: merged, warnings: warnings.map((w) => `${file}: ${w}`) };
}

/** The text of a `.drydock.yaml` → the settings of its `lint:` section (none when the file is empty or has no section). */
export function parseDrydockConfigLint(yamlText: string, file: string): ParsedLintConfig {
  const value = loadYaml(yamlText, file, true);
  if (value === undefined) return { settings: {}, warnings: [] };
  if (!isMapping(value)) throw new AppError('INPUT', `${file}: expected a mapping at the top level`);
  return parseDrydockLintSection(value['lint'], file);
}
