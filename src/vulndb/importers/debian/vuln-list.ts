import type { Warn } from './list-syntax.js';

/**
 * aquasecurity/vuln-list-debian splits the tracker's lists into one JSON file per entry
 * (`tracker/CVE/2024/CVE-2024-6387.json`, `tracker/DSA/DSA-5724-1.json`, `tracker/DLA/…`):
 *
 *   {"Header": {"Original": "CVE-2024-6387", "ID": ..., "Description": ...},
 *    "Annotations": [{"Original": "- openssh 1:9.7p1-7", "Type": "package", "Kind": "fixed", ...}, ...]}
 *
 * Each `Original` is the list line verbatim (without its indentation), so the entry is rebuilt as
 * list text and read by the same parser as `data/CVE/list`: one grammar, one set of rules. In
 * warnings, line 1 is the header and line N+1 is annotation N.
 */

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The list text of one vuln-list entry, or undefined (warned) when the JSON is not one. */
export function vulnListEntryText(data: Uint8Array, source: string, warn: Warn): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder().decode(data));
  } catch (err) {
    warn(`${source}: not JSON (${err instanceof Error ? err.message : String(err)}); file skipped`);
    return undefined;
  }
  const header = isRecord(doc) && isRecord(doc['Header']) ? doc['Header']['Original'] : undefined;
  const annotations = isRecord(doc) ? doc['Annotations'] : undefined;
  if (typeof header !== 'string' || /[\r\n]/.test(header) || /^\s/.test(header)) {
    warn(`${source}: no usable Header.Original; file skipped`);
    return undefined;
  }
  const lines = [header];
  if (annotations !== undefined && annotations !== null) {
    if (!Array.isArray(annotations)) {
      warn(`${source}: Annotations is not an array; file skipped`);
      return undefined;
    }
    annotations.forEach((a: unknown, i) => {
      const original = isRecord(a) ? a['Original'] : undefined;
      if (typeof original === 'string' && !/[\r\n]/.test(original)) lines.push(`\t${original}`);
      else {
        warn(`${source}: annotation ${i + 1} has no usable Original; skipped`);
        lines.push('\t'); // keeps line numbers = annotation index + 1
      }
    });
  }
  return lines.join('\n') + '\n';
}
