import type { Inventory } from '../core/inventory.js';
import type { Advisory } from '../vulndb/model.js';
import { queryKey, type AdvisoryStore, type AffectedMatch } from '../vulndb/store.js';
import type { AffectedVerdict } from './affected.js';
import { findingPackage } from './build-finding.js';
import { Evaluator, type EntryTrace } from './evaluate.js';
import type { Finding, FindingPackage } from './finding.js';
import { matchInventory } from './match.js';
import type { Candidate } from './matcher.js';
import { planInventory, queriesOf, type PlannedPackage } from './plan.js';

/**
 * `drydock explain ID TARGET`: why an advisory matched a package of the target, or why not. For every
 * package whose name (or source name) an affected entry of the advisory names — in any namespace — it
 * shows the lookups (namespace, name, version, binary/source), the entries found, each range step,
 * and the verdict, which agrees with what `scan` reports because it is read from a real match run.
 */
export type ExplainVerdict =
  | 'matched' // reported as a finding
  | 'not-affected' // the ranges exclude the installed version
  | 'not-affected-status' // the feed says not affected (status)
  | 'no-record' // the advisory has no entry for the image's namespace/package identity
  | 'unknown' // a version could not be read: the advisory cannot be evaluated
  | 'withdrawn' // the advisory was withdrawn
  | 'suppressed'; // affected per one entry, but a not-affected entry of the same feed cancels it

export interface ExplainEntry {
  advisoryId: string;
  feed: string;
  namespace: string;
  name: string;
  status: string;
  verdict: AffectedVerdict;
  steps: string[];
}

export interface ExplainLookup extends Candidate {
  /** Entries of any advisory the DB has under this namespace/name (the first candidate with some is used). */
  entriesInDb: number;
  chosen: boolean;
}

export interface ExplainPackage {
  package: FindingPackage;
  source?: { name: string; version: string };
  lookups: ExplainLookup[];
  /** Why the package has no lookups (no feed for it, distro release unknown). */
  notLookedUp?: string;
  entries: ExplainEntry[];
  verdict: ExplainVerdict;
  reason: string;
  finding?: Pick<Finding, 'id' | 'severity' | 'fixedVersion' | 'status' | 'evidence'>;
}

export interface Explanation {
  id: string;
  advisories: Array<{ id: string; feed: string; aliases: string[]; withdrawn?: string; packages: string[] }>;
  packages: ExplainPackage[];
  /** Packages of the target no entry of these advisories names. */
  otherPackages: number;
}

function namesOf(p: PlannedPackage): string[] {
  const cands = 'candidates' in p.plan ? p.plan.candidates.map((c) => c.name) : [];
  return [p.pkg.name, ...(p.pkg.source ? [p.pkg.source.name] : []), ...cands];
}

function advisorySummary(a: Advisory): Explanation['advisories'][number] {
  const out: Explanation['advisories'][number] = { id: a.id, feed: a.feed, aliases: a.aliases, packages: [...new Set(a.affected.map((x) => `${x.namespace}/${x.name}`))] };
  if (a.withdrawn !== undefined) out.withdrawn = a.withdrawn;
  return out;
}

/**
 * Advisories with this id or alias, and those their aliases name (one level): a DSA's own record
 * names no package (its fixes are merged into its CVEs), so explaining `DSA-…` needs its CVEs too.
 */
async function advisoriesFor(id: string, store: AdvisoryStore): Promise<Advisory[]> {
  const direct = await store.findById(id);
  const out = new Map(direct.map((a) => [`${a.feed}\u0000${a.id}`, a]));
  const aliases = [...new Set(direct.flatMap((a) => a.aliases))].filter((x) => x !== id);
  for (const alias of aliases) for (const a of await store.findById(alias)) out.set(`${a.feed}\u0000${a.id}`, a);
  return [...out.values()];
}

export async function explain(id: string, inv: Inventory, store: AdvisoryStore): Promise<Explanation> {
  const advisories = await advisoriesFor(id, store);
  const names = new Set(advisories.flatMap((a) => a.affected.map((x) => x.name)));
  const planned = planInventory(inv).filter((p) => namesOf(p).some((n) => names.has(n)));
  const lookups = await store.lookup(queriesOf(planned));
  const match = await matchInventory(inv, store);
  const wanted = new Set([id, ...advisories.flatMap((a) => [a.id, ...a.aliases])]);
  const reported = match.findings.filter((f) => [f.id, ...f.aliases].some((x) => wanted.has(x)));
  const ev = new Evaluator();
  const packages = planned.map((p) => explainPackage(p, advisories, lookups, reported, ev));
  return { id, advisories: advisories.map(advisorySummary), packages, otherPackages: inv.packages.length - planned.length };
}

function explainPackage(p: PlannedPackage, advisories: readonly Advisory[], lookups: ReadonlyMap<string, AffectedMatch[]>, reported: readonly Finding[], ev: Evaluator): ExplainPackage {
  const out: ExplainPackage = { package: findingPackage(p.pkg), lookups: [], entries: [], verdict: 'no-record', reason: '' };
  if (p.pkg.source) out.source = { name: p.pkg.source.name, version: p.pkg.source.version };
  if (!('candidates' in p.plan)) {
    out.notLookedUp = 'skip' in p.plan ? p.plan.skip : p.plan.unknown;
    out.reason = `not looked up: ${out.notLookedUp}`;
    return out;
  }
  const chosen = ev.choose(p.plan, lookups);
  out.lookups = p.plan.candidates.map((c) => ({ ...c, entriesInDb: lookups.get(queryKey(c))?.length ?? 0, chosen: chosen?.candidate === c }));
  const keys = new Set(advisories.map((a) => `${a.feed}\u0000${a.id}`));
  const mine = (chosen?.entries ?? []).filter((m) => keys.has(`${m.feed}\u0000${m.advisoryId}`));
  const traces: EntryTrace[] = [];
  if (chosen && mine.length > 0) ev.evaluate(p.pkg, { candidates: [chosen.candidate] }, new Map([[queryKey(chosen.candidate), mine]]), traces);
  out.entries = traces.map((t) => ({ advisoryId: t.match.advisoryId, feed: t.match.feed, namespace: t.match.affected.namespace, name: t.match.affected.name, status: t.match.affected.status, verdict: t.verdict, steps: t.steps }));
  const finding = reported.find((f) => f.package.id === p.pkg.id);
  if (finding) {
    out.finding = { id: finding.id, severity: finding.severity, status: finding.status, evidence: finding.evidence, ...(finding.fixedVersion !== undefined ? { fixedVersion: finding.fixedVersion } : {}) };
  }
  Object.assign(out, verdictOf(out, advisories, chosen?.candidate));
  return out;
}

function verdictOf(p: ExplainPackage, advisories: readonly Advisory[], chosen: Candidate | undefined): Pick<ExplainPackage, 'verdict' | 'reason'> {
  if (p.finding) {
    const fix = p.finding.fixedVersion === undefined ? `no fix (${p.finding.status})` : `fixed in ${p.finding.fixedVersion}`;
    return { verdict: 'matched', reason: `reported as ${p.finding.id} (${p.finding.severity}): ${p.finding.evidence.range}; ${fix}` };
  }
  if (p.entries.length === 0) {
    const where = [...new Set(advisories.flatMap((a) => a.affected.map((x) => `${x.namespace}/${x.name}`)))].join(', ');
    const looked = p.lookups.map((l) => `${l.namespace}/${l.name}`).join(', ');
    const why = chosen && !p.lookups.some((l) => l.chosen && advisories.some((a) => a.affected.some((x) => x.namespace === l.namespace && x.name === l.name)))
      ? ` (the DB has records for ${chosen.namespace}/${chosen.name}, which is what is matched)`
      : '';
    return { verdict: 'no-record', reason: `no entry for ${looked}${why}; the advisory covers ${where || 'nothing'}` };
  }
  const affected = p.entries.find((e) => e.verdict.kind === 'affected');
  if (affected) {
    const adv = advisories.find((a) => a.id === affected.advisoryId && a.feed === affected.feed);
    if (adv?.withdrawn !== undefined) return { verdict: 'withdrawn', reason: `advisory ${adv.id} was withdrawn on ${adv.withdrawn}` };
    return { verdict: 'suppressed', reason: `an entry says affected, but the same feed declares the package not affected (${p.entries.filter((e) => e.verdict.kind === 'not-affected').map((e) => e.advisoryId).join(', ') || 'another record'})` };
  }
  const unknown = p.entries.find((e) => e.verdict.kind === 'unknown');
  if (unknown && unknown.verdict.kind === 'unknown') return { verdict: 'unknown', reason: unknown.verdict.why };
  const status = p.entries.find((e) => e.verdict.kind === 'not-affected' && e.verdict.byStatus);
  if (status && status.verdict.kind === 'not-affected') return { verdict: 'not-affected-status', reason: `${status.feed} says ${status.verdict.why}` };
  const why = p.entries.map((e) => (e.verdict.kind === 'not-affected' ? e.verdict.why : '')).filter((w) => w !== '');
  return { verdict: 'not-affected', reason: why.join('; ') };
}
