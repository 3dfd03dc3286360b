import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPORT_FORMATS, writeReport } from '../../src/report/index.js';
import type { ScanReport } from '../../src/report/model.js';
import { alpineReport } from './data/alpine-report.js';
import { alpineFullReport, alpineNoVulnReport, alpineScannerParts } from './data/scanner-parts.js';

/**
 * Golden files for every report format, from a report built from real data (test/report/data): the
 * alpine-layers fixture image (packages from the fixed Alpine 3.20.3 minirootfs in ../shared) with
 * real advisories. Writers are deterministic (timestamps come from report.createdAt). What a fresh
 * fixture build changes is redacted first: buildah writes new layer timestamps, so digests, diffIDs
 * and compressed sizes differ on every machine. (The python-app image installs from the live Debian
 * mirror, so its versions move with Debian's updates: it is checked by the per-writer tests, not
 * here.) The `-all` and `-no-vuln` reports add the image configuration checks and the base-image
 * report of the real alpine-layers image, and secrets placed on its real layers (scanner-parts.ts).
 * Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts` and review the diff.
 */
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const DIR = fileURLToPath(new URL('./golden/', import.meta.url));

/** Digests numbered in order of first appearance; layer blob sizes zeroed. */
function stable(report: ScanReport): ScanReport {
  const seen = new Map<string, string>();
  const json = JSON.stringify(report).replace(/sha256:[0-9a-f]{64}/g, (d) => {
    let s = seen.get(d);
    if (s === undefined) seen.set(d, (s = `sha256:${String(seen.size + 1).padStart(64, '0')}`));
    return s;
  });
  const out = JSON.parse(json) as ScanReport;
  for (const l of out.source.layers) if (l.size !== undefined) l.size = 0;
  const bytes = out.baseImage?.surface.bytes;
  if (bytes) {
    bytes.stored = 0;
    if (bytes.fromBase !== undefined) bytes.fromBase = 0;
  }
  return out;
}

const parts = await alpineScannerParts();
const REPORTS: ReadonlyArray<[string, () => ScanReport]> = [
  ['alpine-layers', () => stable(alpineReport())],
  ['alpine-layers-all', () => stable(alpineFullReport(parts))],
  ['alpine-layers-no-vuln', () => stable(alpineNoVulnReport(parts))],
];

function check(name: string, actual: string): void {
  const path = `${DIR}${name}`;
  if (UPDATE) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe.each(REPORTS)('golden reports: %s', (name, build) => {
  const report = build();
  it.each(REPORT_FORMATS.map((f) => [f.id, f.fileExtension]))('%s', async (id, ext) => {
    const first = await writeReport(id, report);
    expect(await writeReport(id, structuredClone(report))).toBe(first); // deterministic
    check(`${name}${ext}`, first);
  });
});
