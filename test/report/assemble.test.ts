/**
 * assembleScanReport: the report `drydock scan` writes before filters, from a real inventory of the
 * alpine-layers image and each scanner's part — compared with the report test/report/data counts on
 * its own (origins from `fromBaseImage`, summary, the base image's known vulnerabilities).
 */
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import type { Finding } from '../../src/matching/finding.js';
import { assembleScanReport, findingOrigin } from '../../src/report/assemble.js';
import { inventoryOf } from '../helpers/drydock.js';
import { fixture } from '../helpers/fixtures.js';
import { alpineReport } from './data/alpine-report.js';
import { CREATED_AT } from './data/assemble.js';
import { alpineFullReport, alpineNoVulnReport, alpineScannerParts } from './data/scanner-parts.js';

const now = new Date(CREATED_AT);
const parts = await alpineScannerParts();
const inv: Inventory = await inventoryOf(`oci:${fixture('alpine-layers').ociDir}`, { now });
/** The alpine report's findings as the matcher returns them: no origin, no fromBaseImage yet. */
function matched(): Finding[] {
  return alpineReport().findings.map(({ origin: _o, ...f }) => {
    const { fromBaseImage: _b, ...pkg } = f.package;
    return { ...f, package: pkg };
  });
}

describe('assembleScanReport', () => {
  it('every scanner: origins, counts and known vulnerabilities agree with the independent count', () => {
    const want = alpineFullReport(parts);
    const db = want.db;
    if (db === undefined) throw new Error('no db');
    const r = assembleScanReport({ inv, now, vuln: { findings: matched(), unknowns: [], db }, ...parts, notes: [] });
    expect(r.scanners).toEqual(['vuln', 'secret', 'config']);
    expect(r.baseLayers).toBe(1);
    expect(r.findings.map((f) => [f.id, f.package.name, f.origin, f.package.fromBaseImage])).toEqual(want.findings.map((f) => [f.id, f.package.name, 'base', true]));
    expect({ ...r.summary, packages: want.summary.packages }).toEqual(want.summary);
    expect(r.summary.packages).toBe(inv.packages.length);
    expect(r.baseImage?.surface.knownVulns).toEqual(want.baseImage?.surface.knownVulns);
    expect(r.secrets.map((s) => s.ruleId)).toEqual(want.secrets.map((s) => s.ruleId)); // most severe first
    expect(r.checks).toEqual(want.checks);
    expect(Object.keys(r)).toEqual(Object.keys(want)); // the documented field order
  });

  it('without the vuln scanner: no db, no known-vulnerability counts, the notes among the unknowns', () => {
    const note = { source: 'scan', reason: 'secret scanner skipped: the layer walk did not search for secrets' };
    const { secrets: _s, ...noSecrets } = parts;
    const r = assembleScanReport({ inv, now, ...noSecrets, notes: [note] });
    expect(r.scanners).toEqual(['config']);
    expect(r.db).toBeUndefined();
    expect(r.findings).toEqual([]);
    expect(r.baseImage?.surface.knownVulns).toBeUndefined();
    expect(r.unknowns).toContainEqual(note);
    expect(r.summary.checks).toEqual(alpineNoVulnReport(parts).summary.checks);
  });

  it('origin: base, added, or unknown without the base layer count or the package layer', () => {
    const f = matched()[0] as Finding;
    const at = (index: number): Finding => ({ ...f, package: { ...f.package, layer: { index } } });
    expect(findingOrigin(at(0), 1)).toBe('base');
    expect(findingOrigin(at(3), 1)).toBe('added');
    expect(findingOrigin(at(0), undefined)).toBe('unknown');
    const { layer: _l, ...noLayer } = f.package;
    expect(findingOrigin({ ...f, package: noLayer }, 1)).toBe('unknown');
  });
});
