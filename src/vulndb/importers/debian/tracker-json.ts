import type { AffectedStatus } from '../../model.js';
import { addBug, addNote, severityOfUrgency, type FactBook, type ReleaseFact } from './facts.js';
import { topLevelMembers } from './json-members.js';
import type { Warn } from './list-syntax.js';

/**
 * https://security-tracker.debian.org/tracker/data/json — the tracker's computed state:
 *
 *   {srcpkg: {CVE-id: {description?, scope? ("local"|"remote"), debianbug?,
 *     releases: {codename: {status, repositories: {suite: version}, fixed_version?, urgency,
 *                           nodsa?, nodsa_reason? ("" | "ignored" | "postponed"), next_point_update?}}}}}
 *
 * Per release:
 *   resolved + fixed_version "0"        → not-affected (the tracker's way of saying "never vulnerable")
 *   resolved + fixed_version V          → fixed below V
 *   open + urgency "end-of-life"        → end-of-life
 *   open + nodsa_reason "ignored"       → will-not-fix
 *   open + nodsa_reason "postponed"     → fix-deferred
 *   open (plain, or plain <no-dsa>)     → affected
 *   undetermined                        → under-investigation
 * A record that is not one of these is a warning naming package, CVE and release, never fatal; a
 * document that is not a JSON object is an AppError INPUT. Read one package at a time (json-members.ts).
 * `releases` is sometimes `[]` in the real feed (PHP-style empty map): no releases, no warning.
 */

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function openStatus(rel: Json): { status: AffectedStatus; note?: string } {
  const urgency = str(rel['urgency']);
  const nodsa = str(rel['nodsa']);
  const reason = str(rel['nodsa_reason']);
  if (urgency === 'end-of-life') return { status: 'end-of-life', note: 'end-of-life' };
  if (reason === 'ignored') return { status: 'will-not-fix', note: nodsa === undefined ? 'ignored' : `ignored: ${nodsa}` };
  if (reason === 'postponed') return { status: 'fix-deferred', note: nodsa === undefined ? 'postponed' : `postponed: ${nodsa}` };
  if (rel['nodsa'] !== undefined) return { status: 'affected', note: nodsa === undefined ? 'no-dsa' : `no-dsa: ${nodsa}` };
  return { status: 'affected' };
}

/** One release record → a verdict, or a problem (string). */
export function releaseFact(rel: unknown): ReleaseFact | string {
  if (!isRecord(rel)) return 'release record is not an object';
  const fact: ReleaseFact = { status: 'affected', origin: 'tracker' };
  const status = rel['status'];
  if (status === 'resolved') {
    const fixed = str(rel['fixed_version']);
    if (fixed === undefined) return 'status resolved without a fixed_version';
    if (fixed === '0') fact.status = 'not-affected';
    else {
      fact.status = 'fixed';
      fact.fixed = fixed;
    }
  } else if (status === 'open') {
    const open = openStatus(rel);
    fact.status = open.status;
    addNote(fact, open.note);
  } else if (status === 'undetermined') {
    fact.status = 'under-investigation';
  } else {
    return `unknown status ${JSON.stringify(status)}`;
  }
  const severity = severityOfUrgency(str(rel['urgency']));
  if (severity !== undefined) fact.severity = severity;
  if (rel['next_point_update'] === true) addNote(fact, 'fix planned for the next point release');
  return fact;
}

function addIssue(book: FactBook, pkg: string, id: string, issue: Json, where: string, warn: Warn): number {
  const cve = book.cve(id);
  const description = str(issue['description']);
  if (description !== undefined) cve.summary ??= description;
  const scope = str(issue['scope']);
  if (scope !== undefined) cve.scope ??= scope;
  const bug = issue['debianbug'];
  if (typeof bug === 'number' && Number.isSafeInteger(bug) && bug > 0) addBug(cve, bug);
  const releases = issue['releases'];
  if (Array.isArray(releases) && releases.length === 0) return 0;
  if (!isRecord(releases)) {
    warn(`${where}: "releases" is not an object; entry skipped`);
    return 0;
  }
  const facts = book.releasesOf(cve, pkg);
  let n = 0;
  for (const [codename, rel] of Object.entries(releases)) {
    const fact = releaseFact(rel);
    if (typeof fact === 'string') warn(`${where} ${codename}: ${fact}; release skipped`);
    else if (!/^[a-z]+$/.test(codename)) warn(`${where}: release ${JSON.stringify(codename)} is not a codename; skipped`);
    else {
      facts.set(codename, fact);
      n++;
    }
  }
  return n;
}

/** Read the tracker JSON into `book`; returns the number of (package, CVE, release) verdicts read. */
export function readTrackerJson(data: Uint8Array, source: string, book: FactBook, warn: Warn): number {
  let n = 0;
  for (const [pkg, issues] of topLevelMembers(data, source)) {
    if (issues instanceof Error) {
      warn(`${source}: package ${JSON.stringify(pkg)} is not valid JSON (${issues.message}); skipped`);
      continue;
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9.+-]*$/.test(pkg) || !isRecord(issues)) {
      warn(`${source}: package ${JSON.stringify(pkg)} is not a source package name with an object of issues; skipped`);
      continue;
    }
    for (const [id, issue] of Object.entries(issues)) {
      const where = `${source}: ${pkg} ${id}`;
      if (!/^(CVE-\d{4}-\d{4,}|TEMP-\d+-\S+)$/.test(id)) warn(`${where}: not a CVE or TEMP id; skipped`);
      else if (!isRecord(issue)) warn(`${where}: not an object; skipped`);
      else n += addIssue(book, pkg, id, issue, where, warn);
    }
  }
  return n;
}
