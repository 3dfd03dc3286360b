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
    const candidates = plan.candidates;
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i] as Candidate;
      const entries = lookups.get(queryKey(c));
      if (entries && entries.length > 0) return { candidate: c, entries };
    }
    return undefined;
  }

  verdict(entry: AffectedPackage, candidate: Candidate, steps?: string[], versionKeys?: string): AffectedVerdict {
    return evaluateAffected(entry, candidate.version, this.contextFor(candidate.scheme), steps, versionKeys);
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
    // The store returns one advisory's entries next to each other (AdvisoryStore.lookup): each run of
    // equal keys is one advisory. Indexed loops: this runs once per process, in V8's baseline tiers,
    // where a for-of allocates an iterator result per element.
    let start = 0;
    for (let i = 1; i <= entries.length; i++) {
      if (i < entries.length && (entries[i] as AffectedMatch).advisoryKey === (entries[start] as AffectedMatch).advisoryKey) continue;
      this.evaluateAdvisory(pkg, candidate, entries, start, i, out, traces);
      start = i;
    }
    return out;
  }

  /** An advisory with several entries for one package (GHSA: one per branch) affects it if any entry does. */
  private evaluateAdvisory(pkg: Package, candidate: Candidate, entries: readonly AffectedMatch[], from: number, to: number, out: PackageEvaluation, traces?: EntryTrace[]): void {
    let first: AffectedMatch | undefined;
    let range = '';
    let fixes: Array<string | undefined> | undefined;
    let fixed: string | undefined;
    let unknown: EntryUnknown | undefined;
    for (let i = from; i < to; i++) {
      const m = entries[i] as AffectedMatch;
      const steps: string[] | undefined = traces ? [] : undefined;
      const v = this.verdict(m.affected, candidate, steps, m.versionKeys);
      if (traces && steps) traces.push({ match: m, verdict: v, steps });
      if (v.kind === 'affected') {
        if (first === undefined) {
          first = m;
          range = v.range;
          fixed = v.fixed;
        } else {
          range = `${range}; ${v.range}`;
          (fixes ??= [fixed]).push(v.fixed);
        }
      } else if (v.kind === 'unknown') unknown ??= { pkg, candidate, advisoryId: m.advisoryId, feed: m.feed, cause: v.cause, why: v.why };
      else if (v.byStatus) out.suppressors.push({ advisoryKey: m.advisoryKey, advisoryId: m.advisoryId, feed: m.feed, candidate });
    }
    if (!first) {
      if (unknown) out.unknowns.push(unknown);
      return;
    }
    const hit: Hit = { pkg, candidate, advisoryKey: first.advisoryKey, advisoryId: first.advisoryId, feed: first.feed, entry: first.affected, range };
    if (fixes !== undefined) fixed = this.highestFix(fixes, candidate);
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
