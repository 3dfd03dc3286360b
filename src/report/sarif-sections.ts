/**
 * SARIF rules and results for secrets and image configuration checks (the SARIF writer adds them to
 * the vulnerability ones). A secret is located at its file (relative URI) and line; a secret in the
 * config or history, and a check finding, at the image itself (its name as a relative URI).
 */
import { createHash } from 'node:crypto';
import type { CheckFinding } from '../checks/config/model.js';
import type { SecretFinding } from '../core/secret-finding.js';
import { severityRank, type Severity } from '../core/severity.js';
import { escapeMarkdownBlock, oneLine } from './escape.js';
import type { ScanReport } from './model.js';
import { secretLayer, secretPlace, secretRemoved } from './sections.js';
import { layerLabel, truncate } from './wording.js';

export const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  negligible: 'note',
  unknown: 'note',
};

/** Scores inside GitHub's bands (critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low ≤ 3.9). */
export const BAND_SCORE: Readonly<Record<Severity, number | undefined>> = {
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  low: 2.0,
  negligible: 0.1,
  unknown: undefined,
};

const DOCKLE_CHECKPOINTS = 'https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md';

const hash = (parts: readonly string[]): string => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);

/** A path as a relative URI reference: no leading slash, each segment percent-encoded. */
export function relativeUri(path: string, fallback: string): string {
  const segments = path.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  return segments.length > 0 ? segments.map(encodeURIComponent).join('/') : encodeURIComponent(fallback);
}

/** The image as a location: its name (`docker.io/library/alpine:3.20` → `docker.io/library/alpine%3A3.20`). */
export function imageUri(report: Pick<ScanReport, 'source'>): string {
  return relativeUri(report.source.name ?? report.source.reference, 'image');
}

interface Grouped<T> {
  id: string;
  items: T[];
}

function groupById<T>(items: readonly T[], idOf: (item: T) => string): Array<Grouped<T>> {
  const m = new Map<string, Grouped<T>>();
  for (const item of items) {
    const id = idOf(item);
    const g = m.get(id);
    if (g) g.items.push(item);
    else m.set(id, { id, items: [item] });
  }
  return [...m.values()];
}

function worst<T extends { severity: Severity }>(items: readonly T[]): Severity {
  return items.reduce<Severity>((w, i) => (severityRank(i.severity) > severityRank(w) ? i.severity : w), 'unknown');
}

function ruleProperties(kind: string, severity: Severity, precision: string): Record<string, unknown> {
  const p: Record<string, unknown> = { tags: ['security', kind, severity], precision };
  const score = BAND_SCORE[severity];
  if (score !== undefined) p['security-severity'] = score.toFixed(1);
  return p;
}

export function secretRules(secrets: readonly SecretFinding[]): Array<{ id: string; rule: object }> {
  return groupById(secrets, (s) => s.ruleId).map((g) => {
    const first = g.items[0] as SecretFinding;
    const sev = worst(g.items);
    const text = `${first.title}. A secret in any layer stays in the image even when a later layer deletes the file: rotate it, and keep it out of the build (build secrets, not ARG/ENV/COPY). drydock shows only its first characters.`;
    return {
      id: g.id,
      rule: {
        id: g.id,
        shortDescription: { text: truncate(oneLine(first.title), 200) },
        fullDescription: { text: oneLine(text) },
        defaultConfiguration: { level: SARIF_LEVEL[sev] },
        help: { text, markdown: escapeMarkdownBlock(text) },
        properties: ruleProperties('secret', sev, 'high'),
      },
    };
  });
}

export function checkRules(checks: readonly CheckFinding[]): Array<{ id: string; rule: object }> {
  return groupById(checks, (c) => c.id).map((g) => {
    const first = g.items[0] as CheckFinding;
    const sev = worst(g.items);
    const text = `${first.title} (image configuration check ${g.id}).`;
    const rule: Record<string, unknown> = {
      id: g.id,
      shortDescription: { text: truncate(oneLine(first.title), 200) },
      fullDescription: { text: oneLine(text) },
      defaultConfiguration: { level: SARIF_LEVEL[sev] },
      help: { text, markdown: escapeMarkdownBlock(text) },
      properties: ruleProperties('image-configuration', sev, 'very-high'),
    };
    if (/^(?:CIS-DI|DKL-)/.test(g.id)) rule['helpUri'] = DOCKLE_CHECKPOINTS;
    return { id: g.id, rule };
  });
}

export function secretResult(s: SecretFinding, ruleIndex: number, report: ScanReport): object {
  const l = s.location;
  const where = [secretLayer(s, report, 200), secretRemoved(s)].filter((x): x is string => x !== undefined).join(' — ');
  const text = oneLine(`${s.title} (${s.ruleId}), severity ${s.severity}: ${s.masked} at ${secretPlace(s)}${where === '' ? '' : `; ${where}`}.`);
  const file = l.kind === 'file';
  const properties: Record<string, unknown> = { kind: 'secret', masked: s.masked, place: secretPlace(s) };
  if (l.kind !== 'config' && l.layer !== undefined) properties['layer'] = l.layer.index;
  if (l.kind === 'file' && l.removedIn !== undefined) properties['removedInLayer'] = l.removedIn.index;
  const key = hash([s.ruleId, secretPlace(s), s.masked]);
  return {
    ruleId: s.ruleId,
    ruleIndex,
    level: SARIF_LEVEL[s.severity],
    message: { text },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: file ? relativeUri(l.path, 'file') : imageUri(report) }, region: { startLine: file ? Math.max(1, l.line) : 1 } },
        message: { text: secretPlace(s) },
      },
    ],
    partialFingerprints: { primaryLocationLineHash: `${key}:${file ? l.line : 1}`, 'drydock/v1': key },
    properties,
  };
}

export function checkResult(c: CheckFinding, ruleIndex: number, report: ScanReport): object {
  const layer = layerLabel(c.layer, report, 200);
  const text = oneLine(`${c.title} (${c.id}): ${c.details.slice(0, 5).join('; ')}${c.details.length > 5 ? `; … ${c.details.length - 5} more` : ''}${layer === undefined ? '' : ` (${layer})`}.`);
  const properties: Record<string, unknown> = { kind: 'image-configuration', details: c.details };
  if (c.layer !== undefined) properties['layer'] = c.layer.index;
  const key = hash([c.id, c.details[0] ?? '']);
  return {
    ruleId: c.id,
    ruleIndex,
    level: SARIF_LEVEL[c.severity],
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: { uri: imageUri(report) }, region: { startLine: 1 } }, message: { text: 'image configuration' } }],
    partialFingerprints: { primaryLocationLineHash: `${key}:1`, 'drydock/v1': key },
    properties,
  };
}
