/**
 * A secret-scanning config file (`--secret-config FILE`): drydock's YAML (Trivy's `trivy-secret.yaml`
 * keys, or the `secrets:` section of `.drydock.yaml`, see config.ts) or a gitleaks TOML config
 * (gitleaks-toml.ts). A gitleaks config replaces drydock's built-in rules unless it says
 * `[extend] useDefault = true`, as in gitleaks; drydock's placeholder allow-lists and known-safe
 * paths (CA bundles, package docs…) apply to both kinds.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError, errorMessage } from '../core/errors.js';
import { parseSecretConfigYaml, type SecretConfig } from './config.js';
import { parseGitleaksToml } from './gitleaks-toml.js';
import { SAFE_PATHS } from './paths.js';
import { BUILTIN_ALLOWLISTS, SECRET_RULES } from './rules/index.js';

/** A TOML table header (`[extend]`, `[[rules]]`, `[allowlist]`) on a line of its own. */
const TOML_TABLE = /^[ \t]*\[\[?[ \t]*[A-Za-z][\w.]*[ \t]*\]\]?[ \t]*(?:#.*)?$/m;

function isToml(text: string, file: string): boolean {
  const ext = extname(file).toLowerCase();
  if (ext === '.toml') return true;
  if (ext === '.yaml' || ext === '.yml') return false;
  return TOML_TABLE.test(text);
}

/** The config a file's text describes; `file` names it in errors and warnings. */
export function parseSecretConfigFile(text: string, file: string): SecretConfig {
  if (!isToml(text, file)) return parseSecretConfigYaml(text, file);
  const g = parseGitleaksToml(text, file, { defaults: SECRET_RULES });
  return { rules: g.rules, allowlists: [...BUILTIN_ALLOWLISTS, ...g.allowlists], safePaths: SAFE_PATHS, excludeBlocks: [], warnings: g.warnings };
}

/** Read and parse a secret config file; an unreadable or invalid file is an AppError('INPUT') naming it. */
export async function loadSecretConfig(file: string): Promise<SecretConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AppError('INPUT', `secret config ${file}: ${errorMessage(err)}`, { cause: err });
  }
  return parseSecretConfigFile(text, file);
}
