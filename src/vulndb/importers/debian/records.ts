import type { Advisory, AffectedPackage } from '../../model.js';
import type { DebianAdvisoryEntry } from './advisory-list.js';
import { addNote, noteOfKind, statusOfKind, type CveFacts, type ReleaseFact } from './facts.js';
import type { Warn } from './list-syntax.js';
import { UNSTABLE, type DebianReleases } from './releases.js';

/** The feed id every Debian record carries. */
export const DEBIAN_FEED = 'debian';
export const TRACKER_URL = 'https://security-tracker.debian.org/tracker/';

export interface RecordContext {
  releases: DebianReleases;
  /** Throws when `version` is not a Debian version. */
  checkVersion: (version: string) => void;
  warn: Warn;
  /** Called for a codename with no namespace (reported once per codename by the caller). */
  unknownCodename: (codename: string) => void;
}

function affectedOf(pkg: string, codename: string, fact: ReleaseFact, where: string, ctx: RecordContext): AffectedPackage | undefined {
  const namespace = ctx.releases.namespaceOf(codename);
  if (namespace === undefined) {
    ctx.unknownCodename(codename);
    return undefined;
  }
  const a: AffectedPackage = { namespace, name: pkg, packageKind: 'source', status: fact.status, ranges: [], versions: [] };
  const notes = [...(fact.notes ?? [])];
  const bound = fact.status === 'fixed' ? fact.fixed : fact.limit;
  if (bound !== undefined) {
    try {
      ctx.checkVersion(bound);
      const last = fact.status === 'fixed' ? { fixed: bound } : { limit: bound };
      a.ranges.push({ type: 'ECOSYSTEM', events: [{ introduced: '0' }, last] });
    } catch (err) {
      ctx.warn(`${where} ${pkg} ${codename}: "${bound}" is not a Debian version (${err instanceof Error ? err.message : String(err)}); recorded as affected, all versions`);
      a.status = 'affected';
      notes.push(`unusable version "${bound}" in the feed`);
    }
  } else if (fact.status === 'fixed') {
    a.status = 'affected';
    notes.push('fixed without a version in the feed');
  }
  if (fact.severity !== undefined) a.severity = fact.severity;
  if (notes.length > 0) a.note = notes.join('; ');
  return a;
}

const URL_RE = /https?:\/\/[^\s<>"']+/g;

function urlsIn(text: string): string[] {
  return (text.match(URL_RE) ?? []).map((u) => u.replace(/[).,;:]+$/, ''));
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Oldest release first, unstable after the numbered ones, unknown codenames last. */
function releaseOrder(releases: DebianReleases): (a: string, b: string) => number {
  const rank = (c: string): number => {
    const v = releases.versionOf(c);
    if (v !== undefined) return Number.parseFloat(v);
    return c === UNSTABLE ? 1000 : 2000;
  };
  return (a, b) => rank(a) - rank(b) || byName(a, b);
}

/** One CVE (or TEMP-…) advisory with an affected entry per (source package, release); undefined when none is left. */
export function cveAdvisory(c: CveFacts, ctx: RecordContext): Advisory | undefined {
  const affected: AffectedPackage[] = [];
  const order = releaseOrder(ctx.releases);
  for (const pkg of [...c.packages.keys()].sort(byName)) {
    const facts = c.packages.get(pkg) ?? new Map<string, ReleaseFact>();
    for (const codename of [...facts.keys()].sort(order)) {
      const fact = facts.get(codename);
      const a = fact && affectedOf(pkg, codename, fact, c.id, ctx);
      if (a) affected.push(a);
    }
  }
  if (affected.length === 0) return undefined;
  const references = new Set<string>([`${TRACKER_URL}${c.id}`]);
  for (const bug of [...(c.bugs ?? [])].sort((x, y) => x - y)) references.add(`https://bugs.debian.org/${bug}`);
  for (const n of c.notes) for (const u of urlsIn(n)) references.add(u);
  const details = [...(c.scope === undefined ? [] : [`Scope: ${c.scope}.`]), ...c.notes].join('\n');
  const adv: Advisory = {
    id: c.id,
    feed: DEBIAN_FEED,
    aliases: [],
    severities: [],
    cwes: [],
    references: [...references],
    affected,
  };
  if (c.related !== undefined && c.related.size > 0) adv.related = [...c.related].sort(byName);
  if (c.summary !== undefined) adv.summary = c.summary;
  if (details !== '') adv.details = details;
  return adv;
}

/**
 * A DSA/DLA as an advisory of its own: aliases = its CVEs, published = its date. Its fixed versions
 * live in the CVE records it names (merged there, see merge.ts), so it lists them only in `details`;
 * an advisory naming no CVE (regression updates, old DSAs) carries its own affected entries.
 */
export function debianAdvisoryRecord(e: DebianAdvisoryEntry, ctx: RecordContext): Advisory {
  const affected: AffectedPackage[] = [];
  const lines: string[] = [];
  for (const p of e.packages) {
    lines.push(`${p.release}: ${p.package} ${p.kind === 'fixed' ? (p.version ?? '') : `<${p.kind}>`}`);
    if (e.cves.length > 0) continue;
    const status = statusOfKind(p.kind);
    if (status === undefined) continue;
    const fact: ReleaseFact = { status, origin: 'advisory', advisories: [e.id] };
    if (p.version !== undefined) fact.fixed = p.version;
    addNote(fact, noteOfKind(p.kind, p.description));
    const a = affectedOf(p.package, p.release, fact, e.id, ctx);
    if (a) affected.push(a);
  }
  const adv: Advisory = {
    id: e.id,
    feed: DEBIAN_FEED,
    aliases: [...e.cves],
    summary: e.package === undefined ? e.title : `${e.package} - ${e.title}`,
    severities: [],
    cwes: [],
    references: [`${TRACKER_URL}${e.id}`],
    affected,
  };
  const details = [...lines, ...e.notes].join('\n');
  if (details !== '') adv.details = details;
  if (e.published !== undefined) adv.published = e.published;
  return adv;
}
