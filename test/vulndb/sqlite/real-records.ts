/**
 * Real advisory records for store tests, read from ../shared/vulndata: OSV JSON (GHSA, Go vulndb) and
 * OSV YAML (PyPA) mapped to the Advisory model with a deliberately small mapping (ecosystem →
 * namespace, ranges, versions, CVSS vectors) — enough to exercise the store with real ids, names,
 * ranges and texts, without depending on the OSV importer (tested on its own).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { scoreCvss } from '../../../src/vulndb/cvss.js';
import { namespaceFromOsvEcosystem, normalizePackageName } from '../../../src/vulndb/ecosystems.js';
import type { Advisory, AffectedPackage, RangeEvent, SeverityRating, VersionRange } from '../../../src/vulndb/model.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';

export const VULNDATA = join(REPO_ROOT, '..', 'shared', 'vulndata');

interface OsvDoc {
  id: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  published?: string;
  modified?: string;
  withdrawn?: string;
  severity?: Array<{ type: string; score: string }>;
  database_specific?: { cwe_ids?: string[] };
  references?: Array<{ url: string }>;
  affected?: Array<{
    package?: { ecosystem?: string; name?: string };
    ranges?: Array<{ type: string; events: Array<Record<string, string>> }>;
    versions?: string[];
  }>;
}

function affectedOf(doc: OsvDoc): AffectedPackage[] {
  const out: AffectedPackage[] = [];
  for (const a of doc.affected ?? []) {
    const namespace = namespaceFromOsvEcosystem(a.package?.ecosystem ?? '');
    if (namespace === undefined || !a.package?.name) continue;
    const ranges: VersionRange[] = (a.ranges ?? []).map((r) => ({
      type: r.type as VersionRange['type'],
      events: r.events.map((e) => e as unknown as RangeEvent),
    }));
    const fixed = ranges.some((r) => r.events.some((e) => 'fixed' in e));
    out.push({ namespace, name: normalizePackageName(namespace, a.package.name), status: fixed ? 'fixed' : 'affected', ranges, versions: a.versions ?? [] });
  }
  return out;
}

export function advisoryFromOsv(doc: OsvDoc, feed: string): Advisory {
  const severities: SeverityRating[] = [];
  for (const s of doc.severity ?? []) {
    const scored = scoreCvss(s.score);
    if (scored) severities.push({ source: feed, cvss: { version: scored.version, vector: scored.vector, score: scored.score }, severity: scored.severity });
  }
  const a: Advisory = {
    id: doc.id,
    feed,
    aliases: doc.aliases ?? [],
    severities,
    cwes: doc.database_specific?.cwe_ids ?? [],
    references: (doc.references ?? []).map((r) => r.url),
    affected: affectedOf(doc),
  };
  for (const k of ['summary', 'details', 'published', 'modified', 'withdrawn'] as const) {
    const v = doc[k];
    if (v !== undefined) a[k] = v;
  }
  return a;
}

function walk(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p, ext));
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

let cached: Advisory[] | undefined;

/** Every real OSV record of the sample: Go vulndb, GHSA (npm, Maven), PyPA (a fresh copy per call). */
export function realOsvAdvisories(): Advisory[] {
  cached ??= readAll();
  return structuredClone(cached);
}

function readAll(): Advisory[] {
  const json = [...walk(join(VULNDATA, 'go'), '.json'), ...walk(join(VULNDATA, 'npm', 'ghsa-osv'), '.json'), ...walk(join(VULNDATA, 'maven', 'ghsa-osv'), '.json')];
  const yaml = walk(join(VULNDATA, 'pypi', 'pypa-advisory-database', 'vulns'), '.yaml');
  return [
    ...json.map((f) => advisoryFromOsv(JSON.parse(readFileSync(f, 'utf8')) as OsvDoc, 'osv')),
    ...yaml.map((f) => advisoryFromOsv(parseYaml(readFileSync(f, 'utf8')) as OsvDoc, 'osv')),
  ];
}
