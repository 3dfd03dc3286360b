import type { Package } from '../core/package.js';
import type { AffectedPackage } from '../vulndb/model.js';
import { queryKey, type AffectedMatch } from '../vulndb/store.js';
import { schemeById } from '../versioning/index.js';
import type { SchemeId, VersionScheme } from '../versioning/scheme.js';
import { evaluateAffected, type AffectedContext, type AffectedVerdict } from './affected.js';
import type { Candidate, Plan } from './matcher.js';
import { highestVersion } from './highest-version.js';
import { ParseCache } from './parse-cache.js';

/** An advisory that affects a package (before withdrawn/suppression checks and enrichment). */
export interface Hit {
  pkg: Package;
  candidate: Candidate;
  advisoryKey: number;
  advisoryId: string;
  feed: string;
  entry: AffectedPackage;
  range: string;
  fixed?: string;
}

/** A `not-affected` entry: it cancels hits on the same vulnerability from the same feed, namespace and package. */
export interface Suppressor {
  advisoryKey: number;
  advisoryId: string;
  feed: string;
  candidate: Candidate;
}

export interface EntryUnknown {
  pkg: Package;
  candidate: Candidate;
  advisoryId: string;
  feed: string;
  cause: 'installed' | 'event' | 'scheme';
  why: string;
}

export interface PackageEvaluation {
  /** The candidate whose lookup found entries (undefined: no record under any candidate). */
  chosen?: Candidate;
  hits: Hit[];
  suppressors: Suppressor[];
  unknowns: EntryUnknown[];
}

/** Per advisory: one verdict per affected entry, in lookup order (for `drydock explain`). */
export interface EntryTrace {
  match: AffectedMatch;
  verdict: AffectedVerdict;
  steps: string[];
}

export class Evaluator {
  readonly cache = new ParseCache();
  private readonly semver = schemeById('semver');

  /** The first candidate that has entries, with them. */
  choose(plan: Plan, lookups: ReadonlyMap<string, AffectedMatch[]>): { candidate: Candidate; entries: AffectedMatch[] } | undefined {
    if (!('candidates' in plan)) return undefined;
    for (const c of plan.candidates) {
      const entries = lookups.get(queryKey(c));
      if (entries && entries.length > 0) return { candidate: c, entries };
    }
    return undefined;
  }

  verdict(entry: AffectedPackage, candidate: Candidate, steps?: string[]): AffectedVerdict {
    return evaluateAffected(entry, candidate.version, this.contextFor(candidate.scheme), steps);
  }

  /** One evaluation context per scheme for the whole run (entries are evaluated thousands of times). */
  private readonly contexts = new Map<SchemeId | undefined, AffectedContext>();

  private contextFor(id: SchemeId | undefined): AffectedContext {
    let ctx = this.contexts.get(id);
    if (ctx === undefined) this.contexts.set(id, (ctx = { scheme: id === undefined ? undefined : schemeById(id), semver: this.semver, cache: this.cache }));
    return ctx;
  }

  evaluate(pkg: Package, plan: Plan, lookups: ReadonlyMap<string, AffectedMatch[]>, traces?: EntryTrace[]): PackageEvaluation {
    const found = this.choose(plan, lookups);
    if (!found) return { hits: [], suppressors: [], unknowns: [] };
    const { candidate, entries } = found;
    const out: PackageEvaluation = { chosen: candidate, hits: [], suppressors: [], unknowns: [] };
    const byAdvisory = new Map<number, AffectedMatch[]>();
    for (const m of entries) {
      const list = byAdvisory.get(m.advisoryKey);
      if (list) list.push(m);
      else byAdvisory.set(m.advisoryKey, [m]);
    }
    for (const group of byAdvisory.values()) this.evaluateAdvisory(pkg, candidate, group, out, traces);
    return out;
  }

  /** An advisory with several entries for one package (GHSA: one per branch) affects it if any entry does. */
  private evaluateAdvisory(pkg: Package, candidate: Candidate, group: AffectedMatch[], out: PackageEvaluation, traces?: EntryTrace[]): void {
    const affected: Array<{ m: AffectedMatch; v: Extract<AffectedVerdict, { kind: 'affected' }> }> = [];
    let unknown: EntryUnknown | undefined;
    for (const m of group) {
      const steps: string[] | undefined = traces ? [] : undefined;
      const v = this.verdict(m.affected, candidate, steps);
      if (traces && steps) traces.push({ match: m, verdict: v, steps });
      if (v.kind === 'affected') affected.push({ m, v });
      else if (v.kind === 'unknown') unknown ??= { pkg, candidate, advisoryId: m.advisoryId, feed: m.feed, cause: v.cause, why: v.why };
      else if (v.byStatus) out.suppressors.push({ advisoryKey: m.advisoryKey, advisoryId: m.advisoryId, feed: m.feed, candidate });
    }
    const first = affected[0];
    if (!first) {
      if (unknown) out.unknowns.push(unknown);
      return;
    }
    const hit: Hit = { pkg, candidate, advisoryKey: first.m.advisoryKey, advisoryId: first.m.advisoryId, feed: first.m.feed, entry: first.m.affected, range: affected.map((a) => a.v.range).join('; ') };
    const fixed = this.highestFix(affected.map((a) => a.v.fixed), candidate);
    if (fixed !== undefined) hit.fixed = fixed;
    out.hits.push(hit);
  }

  /** Several matching entries of one advisory: the fix must leave them all; none when one has none. */
  private highestFix(fixes: Array<string | undefined>, candidate: Candidate): string | undefined {
    if (fixes.length === 1) return fixes[0];
    const known = fixes.filter((f): f is string => f !== undefined);
    if (known.length < fixes.length) return undefined;
    return highestVersion(known, this.schemesFor(candidate), this.cache);
  }

  /** Schemes a candidate's fixed versions may be written in: its own, then SemVer (OSV SEMVER ranges). */
  schemesFor(candidate: Candidate): VersionScheme[] {
    return candidate.scheme === undefined || candidate.scheme === 'semver' ? [this.semver] : [schemeById(candidate.scheme), this.semver];
  }
}
