/**
 * Secrets in an image's configuration and history: each `Env` entry (`NAME=value`), each label
 * (`key=value`), `Cmd` and `Entrypoint` (words joined by spaces), and every history `created_by` line,
 * where a RUN step records the build args it saw (`|1 TOKEN=… /bin/sh -c …`, docker and buildah
 * alike). Findings are masked like file findings; the secrets themselves are compared in memory only.
 *
 * A history line repeats what the config already shows (`ENV PASSWORD=…` is recorded as a step), and
 * an ARG is recorded by every later RUN: a secret is reported once for the config entries that hold it,
 * and once for the history, at the first line that shows it.
 */
import type { ImageConfigSummary, SourceInfo } from '../core/inventory.js';
import type { LayerRef } from '../core/package.js';
import type { SecretFinding, SecretLocation } from '../core/secret-finding.js';
import type { CompiledRules } from './compile.js';
import { scanContent } from './scanner.js';

/** The path config and history text is scanned as: no file-path rule or allow-list is meant for it. */
export const CONFIG_TEXT_PATH = 'image-config';

interface Text {
  text: string;
  location: SecretLocation;
}

function configTexts(c: ImageConfigSummary | undefined): Text[] {
  if (c === undefined) return [];
  const out: Text[] = [];
  for (const e of c.env ?? []) {
    const eq = e.indexOf('=');
    out.push({ text: e, location: { kind: 'config', field: 'Env', key: eq < 0 ? e : e.slice(0, eq) } });
  }
  for (const [key, value] of Object.entries(c.labels ?? {})) out.push({ text: `${key}=${value}`, location: { kind: 'config', field: 'Labels', key } });
  if (c.cmd?.length) out.push({ text: c.cmd.join(' '), location: { kind: 'config', field: 'Cmd' } });
  if (c.entrypoint?.length) out.push({ text: c.entrypoint.join(' '), location: { kind: 'config', field: 'Entrypoint' } });
  return out;
}

/** Every history line; steps that made a layer name it, when the history and the layers agree. */
function historyTexts(source: SourceInfo): Text[] {
  const steps = source.config?.history ?? [];
  const layered = steps.filter((s) => s.emptyLayer !== true).length === source.layers.length;
  const out: Text[] = [];
  let layer = 0;
  steps.forEach((step, index) => {
    const info = step.emptyLayer === true ? undefined : source.layers[layer++];
    if (step.createdBy === undefined || step.createdBy === '') return;
    const location: SecretLocation = { kind: 'history', index };
    if (layered && info !== undefined) location.layer = layerRef(info);
    out.push({ text: step.createdBy, location });
  });
  return out;
}

function layerRef(l: { index: number; diffId?: string; createdBy?: string }): LayerRef {
  const ref: LayerRef = { index: l.index };
  if (l.diffId !== undefined) ref.diffId = l.diffId;
  if (l.createdBy !== undefined) ref.createdBy = l.createdBy;
  return ref;
}

/** Hits in one text, each with an in-memory identity (rule + secret) for de-duplication. */
function hitsIn(t: Text, rules: CompiledRules): Array<{ finding: SecretFinding; identity: string }> {
  const bytes = Buffer.from(t.text, 'utf8');
  return scanContent(bytes, CONFIG_TEXT_PATH, rules)
    .filter((h) => h.length > 0)
    .map((h) => ({
      finding: { ruleId: h.ruleId, title: h.title, severity: h.severity, masked: h.masked, location: t.location },
      identity: `${h.ruleId}\u0000${bytes.toString('latin1', h.offset, h.offset + h.length)}`,
    }));
}

/** Secrets in the config (in field order) and then the history (in step order). */
export function scanImageConfig(source: SourceInfo, rules: CompiledRules): SecretFinding[] {
  const seen = new Set<string>();
  const out: SecretFinding[] = [];
  for (const t of configTexts(source.config)) {
    for (const { finding, identity } of hitsIn(t, rules)) {
      seen.add(identity);
      out.push(finding);
    }
  }
  for (const t of historyTexts(source)) {
    for (const { finding, identity } of hitsIn(t, rules)) {
      if (seen.has(identity)) continue;
      seen.add(identity);
      out.push(finding);
    }
  }
  return out;
}
