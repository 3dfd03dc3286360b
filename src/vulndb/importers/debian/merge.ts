import type { Severity } from '../../../core/severity.js';
import type { DebianAdvisoryEntry } from './advisory-list.js';
import type { CveListEntry } from './cve-list.js';
import { addBug, addNote, addRelated, noteOfKind, severityOfUrgency, statusOfKind, type CveFacts, type FactBook, type ReleaseFact } from './facts.js';
import type { PackageAnnotation, Warn } from './list-syntax.js';
import { UNSTABLE, type DebianReleases } from './releases.js';

/**
 * Who wins when the documents disagree, per (CVE, source package, release):
 *   1. tracker JSON verdicts stand; a CVE-list line saying the same adds its reason to the note;
 *   2. explicit CVE-list lines (`[bookworm] - pkg ...`, and the unstable line for sid);
 *   3. DSA/DLA fixes: fill a verdict that has no fix (affected, <no-dsa>, <postponed>, ... → fixed at
 *      the advisory's version, the advisory id recorded); a verdict that already has a fixed version
 *      keeps it (a differing DSA version goes into the note); two DSAs → the higher version (the later
 *      one repaired the first); an explicit not-affected stays, with the DSA noted;
 *   4. inferred from the unstable line, for releases with no line at all and only when the tracker
 *      JSON did not cover the package (there, a missing release means the package is not in it).
 * Inference follows the tracker's own rule (a release without its own line inherits unstable's):
 * unstable fixed in V → the release is affected below V, but no fix is claimed for it (`limit`, not
 * `fixed`: V is an unstable version, usually absent from the release); `<unfixed>`/`<removed>` →
 * affected; `<not-affected>` → not-affected; `<undetermined>` → under-investigation.
 */

export type Compare = (a: string, b: string) => number;

function listFact(ann: PackageAnnotation, severity: Severity | undefined): ReleaseFact | undefined {
  const status = statusOfKind(ann.kind);
  if (status === undefined) return undefined;
  const fact: ReleaseFact = { status, origin: 'list' };
  if (ann.kind === 'fixed' && ann.version !== undefined) fact.fixed = ann.version;
  if (severity !== undefined) fact.severity = severity;
  addNote(fact, noteOfKind(ann.kind, ann.description));
  return fact;
}

function inferredFact(sid: PackageAnnotation, codename: string, severity: Severity | undefined): ReleaseFact | undefined {
  const fact: ReleaseFact = { status: 'affected', origin: 'inferred' };
  if (severity !== undefined) fact.severity = severity;
  if (sid.kind === 'fixed' && sid.version !== undefined) {
    fact.limit = sid.version;
    addNote(fact, `no ${codename} entry: affected below unstable's fix ${sid.version}, no fix recorded for ${codename}`);
  } else if (sid.kind === 'unfixed') addNote(fact, `no ${codename} entry: unfixed in unstable`);
  else if (sid.kind === 'removed') addNote(fact, `no ${codename} entry: removed from unstable, no fix recorded`);
  else if (sid.kind === 'not-affected') {
    fact.status = 'not-affected';
    addNote(fact, noteOfKind('not-affected', sid.description));
  } else if (sid.kind === 'undetermined') fact.status = 'under-investigation';
  else return undefined;
  return fact;
}

function applyPackage(book: FactBook, cve: CveFacts, pkg: string, lines: PackageAnnotation[], targets: readonly string[]): void {
  const facts = book.releasesOf(cve, pkg);
  const fromTracker = [...facts.values()].some((f) => f.origin === 'tracker');
  const sid = lines.find((l) => l.release === undefined);
  const sidSeverity = severityOfUrgency(sid?.urgency);
  for (const line of lines) {
    const codename = line.release ?? UNSTABLE;
    const fact = listFact(line, severityOfUrgency(line.urgency) ?? sidSeverity);
    if (!fact) continue;
    const existing = facts.get(codename);
    if (!existing) facts.set(codename, fact);
    else {
      // the stronger verdict stands; the list's reason is added only where both say the same
      if (existing.status === fact.status) for (const n of fact.notes ?? []) addNote(existing, n);
      if (existing.severity === undefined && fact.severity !== undefined) existing.severity = fact.severity;
    }
  }
  if (!sid || fromTracker) return;
  for (const codename of targets) {
    if (facts.has(codename)) continue;
    const fact = inferredFact(sid, codename, sidSeverity);
    if (fact) facts.set(codename, fact);
  }
}

/** Add `data/CVE/list` entries (several sources: the first to speak for a release wins). Returns entries used. */
export function applyCveList(book: FactBook, entries: readonly CveListEntry[], releases: DebianReleases): number {
  const targets = releases.inferenceTargets();
  let used = 0;
  for (const e of entries) {
    if (e.flag === 'REJECTED' || e.packages.length === 0) continue;
    used++;
    const cve = book.cve(e.id);
    if (e.description !== undefined) cve.summary ??= e.description;
    for (const n of e.notes) if (!cve.notes.includes(n)) cve.notes.push(n);
    for (const x of e.xrefs) addRelated(cve, x);
    const byPkg = new Map<string, PackageAnnotation[]>();
    for (const p of e.packages) {
      for (const b of p.bugs) addBug(cve, b);
      byPkg.set(p.package, [...(byPkg.get(p.package) ?? []), p]);
    }
    for (const [pkg, lines] of byPkg) applyPackage(book, cve, pkg, lines, targets);
  }
  return used;
}

function applyFix(facts: Map<string, ReleaseFact>, codename: string, adv: string, version: string, cmp: Compare): void {
  const existing = facts.get(codename);
  if (!existing || existing.origin === 'inferred' || (existing.status !== 'fixed' && existing.status !== 'not-affected')) {
    const fact: ReleaseFact = { status: 'fixed', fixed: version, notes: [`fixed by ${adv}`], origin: 'advisory', advisories: [adv] };
    if (existing?.severity !== undefined) fact.severity = existing.severity;
    if (existing && existing.origin !== 'inferred') for (const n of existing.notes ?? []) addNote(fact, `before ${adv}: ${n}`);
    facts.set(codename, fact);
    return;
  }
  if (existing.status === 'not-affected') {
    addNote(existing, `${adv} lists a fix in ${version}; the not-affected verdict is kept`);
    return;
  }
  if (!existing.advisories) existing.advisories = [adv];
  else if (!existing.advisories.includes(adv)) existing.advisories.push(adv);
  if (existing.fixed === version) return;
  if (existing.origin === 'advisory' && existing.fixed !== undefined && cmp(version, existing.fixed) > 0) {
    addNote(existing, `${adv} fixed it again in ${version} (earlier fix ${existing.fixed})`);
    existing.fixed = version;
  } else if (existing.origin === 'advisory') {
    addNote(existing, `${adv} lists ${version}`);
  } else {
    addNote(existing, `${adv} lists ${version}; the tracker's ${existing.fixed ?? ''} is kept`);
  }
}

/** Merge DSA/DLA entries into the CVEs they name. Entries without CVE ids stay advisories of their own. */
export function applyAdvisories(book: FactBook, advisories: readonly DebianAdvisoryEntry[], cmp: Compare, warn: Warn): void {
  for (const adv of advisories) {
    for (const id of adv.cves) {
      const known = book.cves.get(id);
      if (known) addRelated(known, adv.id);
    }
    if (adv.cves.length === 0) continue;
    for (const line of adv.packages) {
      for (const id of adv.cves) {
        const cve = book.cve(id);
        addRelated(cve, adv.id);
        const facts = book.releasesOf(cve, line.package);
        if (line.kind === 'fixed' && line.version !== undefined) {
          try {
            applyFix(facts, line.release, adv.id, line.version, cmp);
          } catch (err) {
            warn(`${adv.where}: ${id} ${line.release} ${line.package}: cannot order ${line.version}: ${err instanceof Error ? err.message : String(err)}`);
          }
        } else if (!facts.has(line.release)) {
          const fact = listFact(line, undefined);
          if (fact) facts.set(line.release, { ...fact, origin: 'advisory', advisories: [adv.id] });
        }
      }
    }
  }
}
