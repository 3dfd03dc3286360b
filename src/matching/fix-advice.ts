import type { FixAdvice } from '../report/model.js';
import { schemeForNamespace } from '../vulndb/ecosystems.js';
import { schemeById } from '../versioning/index.js';
import type { VersionScheme } from '../versioning/scheme.js';
import type { Finding } from './finding.js';
import { highestVersion } from './highest-version.js';
import { ParseCache } from './parse-cache.js';

export interface FixSummary {
  fixAdvice: FixAdvice[];
  /** Packages with an upgrade that removes at least one finding. */
  upgradePackages: number;
  /** Findings those upgrades remove. */
  upgradeRemoves: number;
}

function schemesOf(f: Finding): VersionScheme[] {
  const id = schemeForNamespace(f.evidence.namespace);
  const semver = schemeById('semver');
  return id === undefined || id === 'semver' ? [semver] : [schemeById(id), semver];
}

/**
 * Per package, the lowest version that fixes every fixable finding on it: the highest of their fixed
 * versions, by the package's scheme. `fixes` counts the findings that upgrade removes, `remaining` those
 * with no fix. No `upgradeTo` when no finding has a fix, or when the fixed versions cannot be ordered.
 * Then the image summary: "upgrading these N packages removes M of T findings".
 */
export function fixAdvice(findings: readonly Finding[]): FixSummary {
  const cache = new ParseCache();
  const byPackage = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byPackage.get(f.package.id);
    if (list) list.push(f);
    else byPackage.set(f.package.id, [f]);
  }
  const advice: FixAdvice[] = [];
  for (const [packageId, list] of byPackage) {
    const first = list[0];
    if (!first) continue;
    const fixable = list.filter((f) => f.fixedVersion !== undefined);
    const upgradeTo = highestVersion(fixable.map((f) => f.fixedVersion as string), schemesOf(first), cache);
    const a: FixAdvice = {
      packageId,
      name: first.package.name,
      installedVersion: first.package.version,
      fixes: upgradeTo === undefined ? 0 : fixable.length,
      remaining: upgradeTo === undefined ? list.length : list.length - fixable.length,
    };
    if (upgradeTo !== undefined) a.upgradeTo = upgradeTo;
    advice.push(a);
  }
  advice.sort((a, b) => b.fixes - a.fixes || a.name.localeCompare(b.name) || a.packageId.localeCompare(b.packageId));
  const upgrades = advice.filter((a) => a.upgradeTo !== undefined);
  return { fixAdvice: advice, upgradePackages: upgrades.length, upgradeRemoves: upgrades.reduce((n, a) => n + a.fixes, 0) };
}
