/**
 * A secret-scanning rule set as an image scan uses it: the configuration (drydock's built-in rules or
 * a user's `--secret-config`), a key naming everything in it that changes results (part of the layer
 * cache keys, so results made with other rules are never reused), and the compiled rules, compiled
 * once on first use.
 */
import { createHash } from 'node:crypto';
import type { CompiledRules } from './compile.js';
import { compileSecretConfig, type SecretConfig } from './config.js';
import { SAFE_PATHS } from './paths.js';
import { BUILTIN_ALLOWLISTS, SECRET_RULES } from './rules/index.js';

export interface SecretRuleSet {
  readonly config: SecretConfig;
  /** Hex digest of the rules, allow-lists, known-safe paths, exclude blocks and size cap. */
  readonly key: string;
  compiled(): CompiledRules;
}

/** drydock's built-in rules, allow-lists and known-safe paths. */
export function builtinSecretConfig(): SecretConfig {
  return { rules: SECRET_RULES, allowlists: BUILTIN_ALLOWLISTS, safePaths: SAFE_PATHS, excludeBlocks: [], warnings: [] };
}

export function secretRuleSet(config: SecretConfig = builtinSecretConfig(), maxFileBytes?: number): SecretRuleSet {
  let compiled: CompiledRules | undefined;
  const { warnings: _notResults, ...meaning } = config;
  const key = createHash('sha256')
    .update(JSON.stringify({ ...meaning, maxFileBytes: maxFileBytes ?? null }, regexAware))
    .digest('hex')
    .slice(0, 24);
  return {
    config,
    key,
    compiled: () => (compiled ??= compileSecretConfig(config, maxFileBytes)),
  };
}

/** RegExp values (built-in rules use some) serialise as their literal, not as `{}`. */
function regexAware(_key: string, value: unknown): unknown {
  return value instanceof RegExp ? `/${value.source}/${value.flags}` : value;
}
