/**
 * The expensive half of redact.ts, loaded only when config text was not found clean before: the
 * sensitive variables Dockle's CIS-DI-0010 logic finds, and what the built-in secret rules match.
 */
import { parseHistory } from '../checks/config/history.js';
import { findSensitiveVars } from '../checks/config/sensitive-vars.js';
import type { ImageConfigSummary, SourceInfo } from '../core/inventory.js';
import { loadShellParser } from '../lint/shell/parse.js';
import { SECRET_RULES } from '../secrets/rules/index.js';
import { compileRules, scanContent, type CompiledRules } from '../secrets/scanner.js';

/**
 * Text where sensitive-vars.ts could find something: a suspicious word in a name that is assigned
 * (`DB_PASSWORD=`, `--token=`), or an old-style `ENV NAME value` / `LABEL key value`. Without it
 * the shell parser is not loaded and no history is parsed.
 */
const MAYBE_SENSITIVE = /(?:PASS|SECRET|KEY|ACCESS|TOKEN)[^=\s]*=|(?:ENV|LABEL)\s+\S*(?:PASS|SECRET|KEY|ACCESS|TOKEN)/i;
/** The pseudo path config and history text is scanned as (no path-filtered rule applies to it). */
const CONFIG_PATH = 'image-config';

/**
 * The built-in rules that can match anywhere in `texts`: a rule runs only where one of its keywords
 * occurs (the engine's own prefilter), so leaving out the others changes no result — and compiling a
 * handful of rules for a few history lines costs far less than compiling all of them.
 */
function rulesFor(texts: readonly string[]): CompiledRules | undefined {
  const lower = texts.join('\n').toLowerCase();
  const wanted = SECRET_RULES.filter((r) => r.keywords.length === 0 || r.keywords.some((k) => lower.includes(k.toLowerCase())));
  return wanted.length === 0 ? undefined : compileRules(wanted);
}


/** What the secret rules match in `text`: the secrets themselves, kept only to mask them. */
function ruleMatches(text: string, rules: CompiledRules): string[] {
  const bytes = Buffer.from(text, 'utf8');
  return scanContent(bytes, CONFIG_PATH, rules)
    .filter((h) => h.length > 0)
    .map((h) => bytes.subarray(h.offset, h.offset + h.length).toString('utf8'));
}

async function sensitiveValues(config: ImageConfigSummary, layerCount: number): Promise<string[]> {
  await loadShellParser();
  return findSensitiveVars(config, parseHistory(config, layerCount)).map((v) => v.value);
}

/** Every secret value in `texts` (the config texts of `source`). */
export async function findConfigSecrets(source: SourceInfo, texts: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  if (source.config && texts.some((t) => MAYBE_SENSITIVE.test(t))) {
    for (const v of await sensitiveValues(source.config, source.layers.length)) found.add(v);
  }
  const rules = rulesFor(texts);
  if (rules !== undefined) for (const t of texts) for (const v of ruleMatches(t, rules)) found.add(v);
  return [...found].filter((v) => v.trim() !== '');
}
