import type { Inventory } from '../core/inventory.js';
import type { Package } from '../core/package.js';
import { queryKey, type PackageQuery } from '../vulndb/store.js';
import type { Matcher, Plan } from './matcher.js';
import { matcherFor } from './matchers/index.js';

export interface PlannedPackage {
  pkg: Package;
  matcher: Matcher | undefined;
  plan: Plan;
}

/** What every package of an inventory is looked up as (shared by `matchInventory` and `explain`). */
export function planInventory(inv: Inventory): PlannedPackage[] {
  const ctx = { os: inv.os };
  return inv.packages.map((pkg) => {
    const matcher = matcherFor(pkg.type);
    const plan: Plan = matcher ? matcher.plan(pkg, ctx) : { unknown: `no advisory feed for ${pkg.type} packages` };
    return { pkg, matcher, plan };
  });
}

/** The distinct store queries of all plans (one batched lookup). */
export function queriesOf(planned: readonly PlannedPackage[]): PackageQuery[] {
  const out = new Map<string, PackageQuery>();
  for (const p of planned) {
    if (!('candidates' in p.plan)) continue;
    for (const c of p.plan.candidates) {
      const q = { namespace: c.namespace, name: c.name };
      out.set(queryKey(q), q);
    }
  }
  return [...out.values()];
}
