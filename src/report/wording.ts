import { SEVERITIES, type Severity } from '../core/severity.js';
import type { FindingPackage } from '../matching/finding.js';
import { oneLine } from './escape.js';
import type { ScanDbInfo, ScanReport } from './model.js';
import type { LayerRef } from '../core/package.js';

/** Severities from the most to the least severe: the order every writer lists them in. */
export const SEVERITY_ORDER: readonly Severity[] = [...SEVERITIES].reverse();

/** `text` cut to at most `max` characters (code points), ending in `…` when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return max <= 1 ? '…'.slice(0, max) : `${chars.slice(0, max - 1).join('')}…`;
}

/** "upgrading these 5 packages removes 40 of 52 findings" (the per-image fix advice). */
export function fixSentence(summary: ScanReport['summary']): string {
  if (summary.findings === 0) return 'no findings';
  if (summary.upgradePackages === 0) return `no package upgrade removes any of the ${summary.findings} findings`;
  const pkgs = summary.upgradePackages === 1 ? 'this package' : `these ${summary.upgradePackages} packages`;
  return `upgrading ${pkgs} removes ${summary.upgradeRemoves} of ${summary.findings} findings`;
}

/** "DB built 2024-09-01T00:00:00Z (5 days old); feeds: alpine-secdb 2024-08-31, nvd 2024-09-01" (feed snapshot dates). */
export function dbLine(db: ScanDbInfo): string {
  const age = db.ageDays === 1 ? '1 day old' : `${db.ageDays} days old`;
  const feeds = db.feeds.map((f) => `${f.id} ${(f.snapshot ?? f.importedAt).slice(0, 10)}`).join(', ');
  return `DB built ${db.builtAt} (${age})${feeds === '' ? '' : `; feeds: ${feeds}`}`;
}

/** Severity counts, most severe first: "critical 1, high 10, medium 30, low 5, negligible 0, unknown 6". */
export function severityCounts(bySeverity: Record<Severity, number>): string {
  return SEVERITY_ORDER.map((s) => `${s} ${bySeverity[s]}`).join(', ');
}

/**
 * A `created_by` history line made readable: the builder's `|N ARG=…` prefix dropped, `/bin/sh -c
 * #(nop) ` removed and a plain `/bin/sh -c ` shown as `RUN `, whitespace collapsed.
 */
export function readableCreatedBy(createdBy: string): string {
  let s = oneLine(createdBy).replace(/^\|\d+ (?:[A-Za-z_][A-Za-z0-9_]*=\S* )*/, '');
  const nop = /^\/bin\/sh -c #\(nop\)\s*/.exec(s);
  if (nop) s = s.slice(nop[0].length);
  else if (s.startsWith('/bin/sh -c ')) s = `RUN ${s.slice('/bin/sh -c '.length)}`;
  return s.trim();
}

/** "layer 3: RUN pip install …" (cut to `max` characters), "layer 3", or undefined without a layer. */
export function layerLabel(layer: LayerRef | undefined, report: Pick<ScanReport, 'source'>, max = 60): string | undefined {
  if (layer === undefined) return undefined;
  const createdBy = layer.createdBy ?? report.source.layers.find((l) => l.index === layer.index)?.createdBy;
  const head = `layer ${layer.index}`;
  if (createdBy === undefined || createdBy.trim() === '') return head;
  return truncate(`${head}: ${readableCreatedBy(createdBy)}`, max);
}

/**
 * Where a package came from: "base image", "layer 3: RUN pip install …" (cut to `max` characters),
 * "layer 3", or undefined when the scan does not know.
 */
export function originLabel(pkg: FindingPackage, report: Pick<ScanReport, 'source'>, max = 60): string | undefined {
  if (pkg.fromBaseImage === true) return 'base image';
  return layerLabel(pkg.layer, report, max);
}

/** "alpine:3.20 (Alpine Linux v3.20)" — what was scanned. */
export function targetLabel(report: Pick<ScanReport, 'source' | 'os'>): string {
  const name = report.source.name ?? report.source.reference;
  const os = report.os ? ` (${report.os.prettyName ?? `${report.os.name} ${report.os.version}`.trim()})` : '';
  return oneLine(`${name}${os}`);
}
