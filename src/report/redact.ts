/**
 * No full secret in any output: the image config (`Env`, `Labels`, `Cmd`, `Entrypoint`) and the
 * history `created_by` lines (which record build args) are copied into the scan report and the
 * inventory JSON, so every secret value they hold is masked there (first 4 characters + `****`, as
 * src/checks/config/mask.ts does). Values are found twice over: the suspicious variables Dockle's
 * CIS-DI-0010 logic finds (src/checks/config/sensitive-vars.ts, `NAME=value` with PASS/SECRET/KEY/…
 * names), and what the secret rules (src/secrets) match in those strings (a token in a `curl -H` line).
 */
import { createHash } from 'node:crypto';
import { maskText } from '../checks/config/mask.js';
import type { SourceInfo } from '../core/inventory.js';
import { TOOL_VERSION } from '../version.js';

/** Keys whose string values (at any depth below them) are image config or history text. */
const CONFIG_TEXT_KEYS: ReadonlySet<string> = new Set(['createdBy', 'env', 'labels', 'cmd', 'entrypoint', 'details']);
/** Bump when what counts as a secret in config text changes in a way TOOL_VERSION would not show. */
const REDACTION_VERSION = 1;

/** Where "these config texts hold nothing to mask" verdicts are kept (the CLI's cache dir). */
export interface RedactionCache {
  isClean(key: string): Promise<boolean>;
  markClean(key: string): Promise<void>;
}

/** Every piece of config and history text the reports may print. */
export function configTexts(source: SourceInfo): string[] {
  const c = source.config;
  const texts = [
    ...(c?.env ?? []),
    ...Object.entries(c?.labels ?? {}).map(([k, v]) => `${k}=${v}`),
    (c?.cmd ?? []).join(' '),
    (c?.entrypoint ?? []).join(' '),
    ...(c?.history ?? []).map((h) => h.createdBy ?? ''),
    ...source.layers.map((l) => l.createdBy ?? ''),
  ];
  return [...new Set(texts)].filter((t) => t !== '');
}

/**
 * The secret values the image's config and history show (empty for most images). They are held only
 * long enough to mask them: never written anywhere. With a cache, a set of texts found clean once is
 * not searched again (the verdict "nothing to mask" is all that is stored), so a warm `sbom`/`scan`
 * loads neither the secret rules nor the shell parser.
 */
export async function configSecretValues(source: SourceInfo, cache?: RedactionCache): Promise<string[]> {
  const texts = configTexts(source);
  if (texts.length === 0) return [];
  const key = cache ? createHash('sha256').update(`${REDACTION_VERSION}\u0000${TOOL_VERSION}\u0000${texts.join('\u0000')}`).digest('hex') : undefined;
  if (cache && key !== undefined && (await cache.isClean(key))) return [];
  const { findConfigSecrets } = await import('./redact-scan.js');
  const found = await findConfigSecrets(source, texts);
  if (cache && key !== undefined && found.length === 0) await cache.markClean(key).catch(() => undefined);
  return found;
}

/**
 * `value` with every secret masked in config and history text: the strings under the keys `env`,
 * `labels`, `cmd`, `entrypoint`, `createdBy` and `details`, at any depth (source.config, layers,
 * every LayerRef, check findings). Other text is left alone: a short secret must not turn version
 * numbers or CVE ids into `****`. Copies only what changes; returns `value` itself when nothing does.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  return walk(value, false, sorted) as T;
}

function walk(v: unknown, inside: boolean, secrets: readonly string[]): unknown {
  if (typeof v === 'string') return inside ? maskText(v, secrets) : v;
  if (Array.isArray(v)) {
    let changed = false;
    const out = v.map((x: unknown) => {
      const y = walk(x, inside, secrets);
      if (y !== x) changed = true;
      return y;
    });
    return changed ? out : v;
  }
  if (v === null || typeof v !== 'object') return v;
  let out: Record<string, unknown> | undefined;
  for (const [k, x] of Object.entries(v)) {
    const y = walk(x, inside || CONFIG_TEXT_KEYS.has(k), secrets);
    if (y !== x) {
      out ??= { ...(v as Record<string, unknown>) };
      out[k] = y;
    }
  }
  return out ?? v;
}

/** An inventory with the secrets of its image config and history masked (for `drydock sbom` output). */
export async function redactInventory<T extends { source: SourceInfo }>(inv: T, cache?: RedactionCache): Promise<T> {
  return redactSecrets(inv, await configSecretValues(inv.source, cache));
}
