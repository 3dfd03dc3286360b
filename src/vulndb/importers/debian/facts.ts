import type { Severity } from '../../../core/severity.js';
import type { AffectedStatus } from '../../model.js';
import type { ListKind } from './list-syntax.js';

/**
 * What the Debian documents say, gathered before records are written: per CVE, per source package,
 * per release codename, one verdict (`ReleaseFact`). The tracker JSON, the CVE list and the DSA/DLA
 * lists all feed the same book (merge.ts decides who wins); records.ts turns it into Advisories.
 */

/** Where a verdict came from, strongest first. */
export type FactOrigin =
  | 'tracker' //   tracker/data/json: the tracker's own per-release computation
  | 'list' //      an explicit line in data/CVE/list (or vuln-list's copy of it)
  | 'advisory' //  a DSA/DLA fixed-version line
  | 'inferred'; // the unstable line of data/CVE/list, applied to a release without a line of its own

export interface ReleaseFact {
  status: AffectedStatus;
  /** Status `fixed`: versions below this are affected. */
  fixed?: string;
  /**
   * Inferred from unstable's fix: versions below this may be affected, but no fix is recorded for the
   * release (an OSV `limit`, not a `fixed`: nothing claims this version exists in the release).
   */
  limit?: string;
  severity?: Severity;
  /** Absent = none (most verdicts have none: no empty arrays for a million records). */
  notes?: string[];
  origin: FactOrigin;
  /** DSA/DLA ids that shipped the fix. */
  advisories?: string[];
}

export interface CveFacts {
  id: string;
  summary?: string;
  scope?: string;
  bugs?: Set<number>;
  notes: string[];
  /** DSA/DLA ids related to this CVE. */
  related?: Set<string>;
  /** source package → codename → verdict */
  packages: Map<string, Map<string, ReleaseFact>>;
}

export class FactBook {
  readonly cves = new Map<string, CveFacts>();

  cve(id: string): CveFacts {
    let c = this.cves.get(id);
    if (!c) {
      c = { id, notes: [], packages: new Map() };
      this.cves.set(id, c);
    }
    return c;
  }

  releasesOf(cve: CveFacts, pkg: string): Map<string, ReleaseFact> {
    let m = cve.packages.get(pkg);
    if (!m) {
      m = new Map();
      cve.packages.set(pkg, m);
    }
    return m;
  }
}

export function addBug(c: CveFacts, bug: number): void {
  (c.bugs ??= new Set()).add(bug);
}

export function addRelated(c: CveFacts, id: string): void {
  (c.related ??= new Set()).add(id);
}

/** Add a note to a verdict unless it is empty or already there. */
export function addNote(fact: ReleaseFact, note: string | undefined): void {
  if (note === undefined || note === '') return;
  if (!fact.notes) fact.notes = [note];
  else if (!fact.notes.includes(note)) fact.notes.push(note);
}

/**
 * Debian urgency → severity. `*`/`**` suffixes (urgency taken from NVD / not yet reviewed) are
 * dropped; `unimportant` is negligible; `not yet assigned` and `end-of-life` carry no severity.
 */
export function severityOfUrgency(urgency: string | undefined): Severity | undefined {
  switch (urgency?.replace(/\*+$/, '').trim().toLowerCase()) {
    case 'unimportant':
      return 'negligible';
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
      return 'high';
    default:
      return undefined;
  }
}

/**
 * The status a `data/CVE/list` / DSA-list kind states for the release it names:
 *   `fixed` (a version)         → fixed
 *   `<unfixed>`                 → affected
 *   `<no-dsa>`                  → affected: no advisory planned, "a fix may come with a point release"
 *                                 (the tracker's docs; `<ignored>`/`<postponed>` are its sub-states)
 *   `<ignored>`                 → will-not-fix
 *   `<postponed>`               → fix-deferred
 *   `<end-of-life>`             → end-of-life
 *   `<removed>`                 → end-of-life: the package left the release, no fix will follow;
 *                                 still vulnerable where it is installed (not "not affected")
 *   `<not-affected>`            → not-affected
 *   `<undetermined>`            → under-investigation
 *   `<itp>`                     → undefined: not packaged in Debian yet, nothing to match
 */
export function statusOfKind(kind: ListKind): AffectedStatus | undefined {
  switch (kind) {
    case 'fixed':
      return 'fixed';
    case 'unfixed':
    case 'no-dsa':
      return 'affected';
    case 'ignored':
      return 'will-not-fix';
    case 'postponed':
      return 'fix-deferred';
    case 'end-of-life':
    case 'removed':
      return 'end-of-life';
    case 'not-affected':
      return 'not-affected';
    case 'undetermined':
      return 'under-investigation';
    case 'itp':
      return undefined;
  }
}

/** The note a list line contributes: `no-dsa: Minor issue`, `not-affected: Vulnerable code not present`. */
export function noteOfKind(kind: ListKind, description: string | undefined): string | undefined {
  if (kind === 'fixed' || kind === 'unfixed') return description;
  return description === undefined ? kind : `${kind}: ${description}`;
}
