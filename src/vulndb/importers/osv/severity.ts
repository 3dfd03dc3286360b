import type { Severity } from '../../../core/severity.js';
import { scoreCvss } from '../../cvss.js';
import type { SeverityRating } from '../../model.js';
import type { OsvAffected, OsvRecord, OsvSeverity } from './validate.js';

/**
 * Severities in OSV records: `severity[]` CVSS vectors (scored here, never trusted as numbers) and the
 * vendors' own words in `database_specific` / `ecosystem_specific` (GHSA `severity: MODERATE`, Ubuntu
 * `ubuntu_priority`, Debian `urgency`) and the `Ubuntu` severity type.
 */

/** A vendor's severity word → drydock's scale; undefined for words that rate nothing ("untriaged", "not yet assigned"). */
export function severityOfWord(word: unknown): Severity | undefined {
  if (typeof word !== 'string') return undefined;
  switch (word.trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'important':
      return 'high';
    case 'moderate':
    case 'medium':
      return 'medium';
    case 'low':
      return 'low';
    case 'negligible':
    case 'unimportant':
      return 'negligible';
    default:
      return undefined;
  }
}

const SOURCE_BY_PREFIX: Record<string, string> = {
  GHSA: 'ghsa',
  GO: 'go',
  PYSEC: 'pypa',
  RUSTSEC: 'rustsec',
  DSA: 'debian',
  DLA: 'debian',
  DTSA: 'debian',
  DEBIAN: 'debian',
  USN: 'ubuntu',
  LSN: 'ubuntu',
  UBUNTU: 'ubuntu',
  ALPINE: 'alpine',
  CVE: 'nvd',
};

/** Who rated a record's severities: the database its id prefix names (`GHSA-…` → `ghsa`). */
export function ratingSourceOf(id: string): string {
  const prefix = id.split('-')[0] ?? id;
  return SOURCE_BY_PREFIX[prefix.toUpperCase()] ?? (prefix.toLowerCase() || 'osv');
}

const CVSS_TYPES = new Set(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']);

function ratingOf(s: OsvSeverity, source: string, warn: (m: string) => void): SeverityRating | undefined {
  if (CVSS_TYPES.has(s.type)) {
    const scored = scoreCvss(s.score);
    if (!scored) {
      warn(`invalid ${s.type} vector "${s.score.slice(0, 120)}" ignored`);
      return undefined;
    }
    return { source, cvss: { version: scored.version, vector: scored.vector, score: scored.score }, severity: scored.severity };
  }
  if (s.type === 'Ubuntu') {
    const severity = severityOfWord(s.score);
    return severity === undefined ? undefined : { source: 'ubuntu', severity };
  }
  return undefined; // a severity type this schema version does not define
}

/** Every rating of a record: top-level and per-package vectors (deduplicated), then the database's own word. */
export function recordRatings(rec: OsvRecord, warn: (m: string) => void): SeverityRating[] {
  const source = ratingSourceOf(rec.id);
  const out: SeverityRating[] = [];
  const seen = new Set<string>();
  for (const s of [...rec.severity, ...rec.affected.flatMap((a) => a.severity)]) {
    const key = `${s.type}\u0000${s.score}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const r = ratingOf(s, source, warn);
    if (r) out.push(r);
  }
  const word = severityOfWord(rec.databaseSpecific?.severity);
  if (word !== undefined) out.push({ source, severity: word });
  return out;
}

/** The vendor severity of one affected package: its own word first, else its worst CVSS vector. */
export function packageSeverity(a: OsvAffected): Severity | undefined {
  const eco = a.ecosystemSpecific ?? {};
  const db = a.databaseSpecific ?? {};
  for (const w of [eco.ubuntu_priority, eco.severity, eco.urgency, db.severity, db.urgency]) {
    const s = severityOfWord(w);
    if (s !== undefined) return s;
  }
  let best: { score: number; severity: Severity } | undefined;
  for (const s of a.severity) {
    const scored = CVSS_TYPES.has(s.type) ? scoreCvss(s.score) : undefined;
    if (scored && (!best || scored.score > best.score)) best = scored;
    const word = s.type === 'Ubuntu' ? severityOfWord(s.score) : undefined;
    if (word !== undefined) return word;
  }
  return best?.severity;
}
