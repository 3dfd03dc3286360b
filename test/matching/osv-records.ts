import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '../helpers/fixtures.js';
import type { AffectedPackage, VersionRange } from '../../src/vulndb/model.js';

/** The shared real advisory sample (see its README). */
export const VULNDATA = join(REPO_ROOT, '..', 'shared', 'vulndata');

interface OsvAffected {
  package: { name: string; ecosystem: string };
  ranges?: VersionRange[];
  versions?: string[];
}

export interface OsvRecord {
  id: string;
  aliases?: string[];
  withdrawn?: string;
  affected: OsvAffected[];
}

/** A real OSV record from the sample, JSON or YAML (YAML read with every scalar as a string, as OSV means). */
export function osvRecord(rel: string): OsvRecord {
  const text = readFileSync(join(VULNDATA, rel), 'utf8');
  return (rel.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { schema: 'failsafe' })) as OsvRecord;
}

/**
 * The record's affected entries for `name`, as drydock's model holds them: OSV `affected[]` maps 1:1
 * (ranges and versions as written; `status` fixed when a range has a `fixed` event).
 */
export function affectedOf(rec: OsvRecord, namespace: string, name?: string): AffectedPackage[] {
  return rec.affected
    .filter((a) => name === undefined || a.package.name === name)
    .map((a) => ({
      namespace,
      name: a.package.name,
      status: (a.ranges ?? []).some((r) => r.events.some((e) => 'fixed' in e)) ? 'fixed' : 'affected',
      ranges: a.ranges ?? [],
      versions: a.versions ?? [],
    }));
}
