import type { ImportSink } from '../../importer.js';
import type { Advisory, AffectedPackage, Namespace } from '../../model.js';
import type { SecdbDocument } from './secdb-document.js';
import { parseSecfixLine } from './secfix-line.js';

/**
 * Alpine secdb → advisories. One Advisory per issue id (the CVE, or XSA-/ALPINE-… when there is none),
 * feed `alpine-secdb`, with one affected entry per (branch namespace, origin package):
 *   - fixed at version V (every key but "0"): range `introduced 0, fixed V`, status `fixed`;
 *   - key "0": status `not-affected` (the branch never shipped the flaw), no ranges.
 * Keys are unordered; when one issue is listed under several versions of a package (a fix re-applied
 * on a later upstream series), every version becomes a `fixed` event of one range, in file order: OSV
 * evaluation then makes versions below the lowest one affected. When an issue is under "0" and a version,
 * the fix wins (the conservative reading) and a warning says so.
 */
interface Entry {
  namespace: Namespace;
  name: string;
  fixed: string[];
  notAffected: boolean;
  notes: string[];
}

interface Issue {
  aliases: Set<string>;
  entries: Map<string, Entry>;
}

export const NOT_AFFECTED_KEY = '0';

export class SecdbAggregator {
  private readonly issues = new Map<string, Issue>();
  private unreadable = 0;

  /** Add one document's packages under `namespace` (`alpine:3.20`). */
  add(doc: SecdbDocument, namespace: Namespace, where: string, warn: (m: string) => void): void {
    for (const pkg of doc.packages) {
      for (const { version, lines } of pkg.secfixes) {
        for (const line of lines) {
          const parsed = parseSecfixLine(line);
          if (!parsed) {
            this.unreadable++;
            warn(`${where}: ${pkg.name} ${version}: no issue id in "${line.slice(0, 100)}"; skipped`);
            continue;
          }
          for (const issue of parsed.issues) {
            const entry = this.entry(issue.id, namespace, pkg.name);
            for (const a of issue.aliases) this.issues.get(issue.id)?.aliases.add(a);
            if (version === NOT_AFFECTED_KEY) entry.notAffected = true;
            else if (!entry.fixed.includes(version)) entry.fixed.push(version);
            if (parsed.note !== undefined && !entry.notes.includes(parsed.note)) entry.notes.push(parsed.note);
          }
        }
      }
    }
  }

  private entry(id: string, namespace: Namespace, name: string): Entry {
    let issue = this.issues.get(id);
    if (!issue) {
      issue = { aliases: new Set(), entries: new Map() };
      this.issues.set(id, issue);
    }
    const key = `${namespace}\u0000${name}`;
    let entry = issue.entries.get(key);
    if (!entry) {
      entry = { namespace, name, fixed: [], notAffected: false, notes: [] };
      issue.entries.set(key, entry);
    }
    return entry;
  }

  get issueCount(): number {
    return this.issues.size;
  }

  get unreadableLines(): number {
    return this.unreadable;
  }

  /** Emit every advisory (sorted by id), warning about contradictory entries. */
  emit(sink: ImportSink, warn: (m: string) => void): void {
    for (const id of [...this.issues.keys()].sort()) {
      const issue = this.issues.get(id);
      if (!issue) continue;
      const affected = [...issue.entries.values()].map((e) => toAffected(id, e, warn));
      const adv: Advisory = {
        id,
        feed: 'alpine-secdb',
        aliases: [...issue.aliases].filter((a) => a !== id),
        severities: [],
        cwes: [],
        references: id.startsWith('CVE-') ? [`https://security.alpinelinux.org/vuln/${id}`] : [],
        affected,
      };
      sink.advisory(adv);
    }
  }
}

function toAffected(id: string, e: Entry, warn: (m: string) => void): AffectedPackage {
  const base = { namespace: e.namespace, name: e.name, packageKind: 'source' as const, versions: [] };
  const note = e.notes.length > 0 ? { note: e.notes.join('; ') } : {};
  if (e.fixed.length === 0) return { ...base, status: 'not-affected', ranges: [], ...note };
  if (e.notAffected) warn(`${e.namespace} ${e.name}: ${id} is listed both as not affected ("0") and fixed in ${e.fixed.join(', ')}; kept as fixed`);
  return {
    ...base,
    status: 'fixed',
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, ...e.fixed.map((fixed) => ({ fixed }))] }],
    ...note,
  };
}
