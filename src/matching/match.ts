import type { Inventory, Unknown } from '../core/inventory.js';
import type { AdvisoryDetails, AdvisoryStore } from '../vulndb/store.js';
import { buildFinding } from './build-finding.js';
import { Evaluator, type EntryUnknown, type Hit, type Suppressor } from './evaluate.js';
import type { Finding } from './finding.js';
import { highestVersion } from './highest-version.js';
import { cveIdsOf, findingIdOf } from './identity.js';
import { planInventory, queriesOf, type PlannedPackage } from './plan.js';
import { sortByRisk } from './risk.js';
import { matchUnknowns } from './unknowns.js';

export interface MatchResult {
  /** Sorted by risk (KEV, severity, CVSS, EPSS, id). */
  findings: Finding[];
  unknowns: Unknown[];
  stats: { packages: number; queries: number; advisories: number };
}

/**
 * Inventory × advisory DB → findings. One batched `lookup` for every package's candidates, then the
 * details of the advisories that hit (withdrawn ones are dropped, `not-affected` entries cancel hits
 * on the same vulnerability from the same feed/namespace/package), then NVD/KEV/EPSS per CVE.
 * The same vulnerability reached twice for one package (a DSA and its CVE, GHSA and Go vulndb) is one
 * finding; the other advisories become aliases and `otherEvidence`.
 */
export async function matchInventory(inv: Inventory, store: AdvisoryStore): Promise<MatchResult> {
  const planned = planInventory(inv);
  const queries = queriesOf(planned);
  const lookups = await store.lookup(queries);
  const ev = new Evaluator();
  const hits: Hit[] = [];
  const suppressors: Suppressor[] = [];
  const entryUnknowns: EntryUnknown[] = [];
  const keySet = new Set<number>();
  // Indexed loops throughout: this runs once per process, in V8's baseline tiers, where a for-of
  // allocates an iterator result per element.
  for (let i = 0; i < planned.length; i++) {
    const p = planned[i] as PlannedPackage;
    const r = ev.evaluate(p.pkg, p.plan, lookups);
    for (let j = 0; j < r.hits.length; j++) {
      const h = r.hits[j] as Hit;
      hits.push(h);
      keySet.add(h.advisoryKey);
    }
    for (let j = 0; j < r.suppressors.length; j++) {
      const s = r.suppressors[j] as Suppressor;
      suppressors.push(s);
      keySet.add(s.advisoryKey);
    }
    for (let j = 0; j < r.unknowns.length; j++) entryUnknowns.push(r.unknowns[j] as EntryUnknown);
  }
  const keys = [...keySet];
  const details = keys.length > 0 ? await store.advisories(keys) : new Map<number, AdvisoryDetails>();
  const suppressed = suppressedIds(suppressors, details);
  const live = hits.filter((h) => isLive(h, details, suppressed));
  const ids = new Map<number, string>();
  const cveIds = new Set<string>();
  for (let i = 0; i < live.length; i++) {
    const h = live[i] as Hit;
    const d = details.get(h.advisoryKey);
    if (!d || ids.has(h.advisoryKey)) continue;
    const id = findingIdOf(d.id, d.aliases);
    ids.set(h.advisoryKey, id);
    const cves = cveIdsOf(id, d.aliases);
    for (let j = 0; j < cves.length; j++) cveIds.add(cves[j] as string);
  }
  const cves = cveIds.size > 0 ? await store.cves([...cveIds]) : new Map();
  const merged = mergeDuplicates(live, ids, ev);
  const findings: Finding[] = new Array<Finding>(merged.length);
  for (let i = 0; i < merged.length; i++) {
    const m = merged[i] as Merged;
    const primary = m.primary;
    const d = details.get(primary.advisoryKey) as AdvisoryDetails;
    const f = buildFinding(m.fixed === primary.fixed ? primary : withFix(primary, m.fixed), d, cves);
    for (let j = 0; j < m.others.length; j++) {
      const o = m.others[j] as Hit;
      addOther(f, o, details.get(o.advisoryKey));
    }
    findings[i] = f;
  }
  return {
    findings: sortByRisk(findings),
    unknowns: matchUnknowns(inv, planned, entryUnknowns),
    stats: { packages: inv.packages.length, queries: queries.length, advisories: keys.length },
  };
}

function identities(d: AdvisoryDetails | undefined, id: string): string[] {
  return d ? [id, ...d.aliases] : [id];
}

function suppressionKey(feed: string, namespace: string, name: string): string {
  return `${feed}\u0000${namespace}\u0000${name}`;
}

/** The vulnerability ids each feed declares not affected, per namespace and package. */
function suppressedIds(suppressors: readonly Suppressor[], details: ReadonlyMap<number, AdvisoryDetails>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of suppressors) {
    const key = suppressionKey(s.feed, s.candidate.namespace, s.candidate.name);
    let ids = out.get(key);
    if (!ids) out.set(key, (ids = new Set()));
    for (const id of identities(details.get(s.advisoryKey), s.advisoryId)) ids.add(id);
  }
  return out;
}

/** Not withdrawn, and not declared not-affected by the same feed for the same namespace and package. */
function isLive(h: Hit, details: ReadonlyMap<number, AdvisoryDetails>, suppressed: ReadonlyMap<string, Set<string>>): boolean {
  const d = details.get(h.advisoryKey);
  if (!d || d.withdrawn !== undefined) return false;
  const ids = suppressed.get(suppressionKey(h.feed, h.candidate.namespace, h.candidate.name));
  if (!ids) return true;
  if (ids.has(h.advisoryId)) return false;
  for (let i = 0; i < d.aliases.length; i++) if (ids.has(d.aliases[i] as string)) return false;
  return true;
}

interface Merged {
  primary: Hit;
  others: Hit[];
  fixed: string | undefined;
}

/**
 * One finding per (package, vulnerability). The primary hit is the advisory whose own id is the
 * finding id (the CVE entry rather than the DSA), else the first. The fix is the highest any of them
 * announces: a vendor that published a fixed version knows of it; an entry without one may be stale.
 */
function mergeDuplicates(hits: readonly Hit[], ids: ReadonlyMap<number, string>, ev: Evaluator): Merged[] {
  const groups = new Map<string, { id: string; hits: Hit[] }>();
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i] as Hit;
    const id = ids.get(h.advisoryKey) ?? h.advisoryId;
    const key = `${h.pkg.id}\u0000${id}`;
    const g = groups.get(key);
    if (g) g.hits.push(h);
    else groups.set(key, { id, hits: [h] });
  }
  const out: Merged[] = [];
  groups.forEach((g) => {
    const group = g.hits;
    // Most groups are one hit: no search, no filtering.
    if (group.length === 1) {
      const only = group[0] as Hit;
      out.push({ primary: only, others: [], fixed: only.fixed });
      return;
    }
    const primary = group.find((h) => h.advisoryId === g.id) ?? (group[0] as Hit);
    const fixes = group.map((h) => h.fixed).filter((f): f is string => f !== undefined);
    const fixed = fixes.length <= 1 ? fixes[0] : highestVersion(fixes, ev.schemesFor(primary.candidate), ev.cache);
    out.push({ primary, others: group.filter((h) => h !== primary), fixed });
  });
  return out;
}

function withFix(h: Hit, fixed: string | undefined): Hit {
  const out: Hit = { ...h };
  if (fixed === undefined) delete out.fixed;
  else out.fixed = fixed;
  return out;
}

function addOther(f: Finding, o: Hit, d: AdvisoryDetails | undefined): void {
  for (const a of [o.advisoryId, ...(d?.aliases ?? [])]) if (a !== f.id && !f.aliases.includes(a)) f.aliases.push(a);
  (f.otherEvidence ??= []).push({
    feed: o.feed,
    namespace: o.candidate.namespace,
    advisoryId: o.advisoryId,
    via: o.candidate.via,
    matchedName: o.candidate.name,
    matchedVersion: o.candidate.version,
    range: o.range,
  });
}
