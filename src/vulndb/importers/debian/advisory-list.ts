import { listDate, parseBlocks, type PackageAnnotation, type Warn } from './list-syntax.js';

/**
 * The tracker's advisory lists, `data/DSA/list` (Debian Security Advisories) and `data/DLA/list`
 * (Debian LTS Advisories), newest first:
 *
 *   [01 Jul 2024] DSA-5724-1 openssh - security update
 *   	{CVE-2024-6387}
 *   	[bookworm] - openssh 1:9.2p1-2+deb12u3
 *
 * Every package line must name its release. Old DSAs have no revision (`DSA-141`); some entries
 * have no CVE (regression updates, end-of-life notices) or no package line at all.
 */

export interface DebianAdvisoryEntry {
  /** `DSA-5724-1`, `DLA-3807-1`, `DSA-141`. */
  id: string;
  where: string;
  /** ISO date of the advisory. */
  published?: string;
  /** The package named in the header (`openssh`), when the header has the `pkg - title` form. */
  package?: string;
  /** `security update`, or the whole header text when it has no ` - `. */
  title: string;
  cves: string[];
  /** Package lines, each with a release. */
  packages: Array<PackageAnnotation & { release: string }>;
  notes: string[];
}

const HEADER = /^\[(\d\d) ([A-Z][a-z][a-z]) (\d{4})\] ((?:DSA|DLA)-\d+(?:-\d+)?)\s+(.*?)\s*$/;

/** Parse a DSA or DLA list. `source` names it in warnings. */
export function parseAdvisoryList(text: string, source: string, warn: Warn): DebianAdvisoryEntry[] {
  const out: DebianAdvisoryEntry[] = [];
  const seen = new Set<string>();
  for (const block of parseBlocks(text, source, HEADER, warn)) {
    const [, day = '', month = '', year = '', id = '', rest = ''] = block.match;
    const where = `${source}:${block.line}`;
    if (seen.has(id)) {
      warn(`${where}: ${id} listed twice; the later entry is skipped`);
      continue;
    }
    seen.add(id);
    const entry: DebianAdvisoryEntry = { id, where, title: rest, cves: [], packages: [], notes: [] };
    const published = listDate(day, month, year);
    if (published !== undefined) entry.published = published;
    else warn(`${where}: ${id} has an impossible date "${day} ${month} ${year}"`);
    const dash = rest.indexOf(' - ');
    if (dash > 0) {
      entry.package = rest.slice(0, dash).trim();
      entry.title = rest.slice(dash + 3).trim();
    }
    for (const a of block.annotations) {
      if (a.type === 'xref') entry.cves.push(...a.ids);
      else if (a.type === 'text' && a.label === 'NOTE') entry.notes.push(a.text);
      else if (a.type === 'package') {
        if (a.release === undefined) warn(`${source}:${a.line}: package line without a [release] in ${id}; line skipped`);
        else entry.packages.push({ ...a, release: a.release });
      }
    }
    out.push(entry);
  }
  return out;
}
