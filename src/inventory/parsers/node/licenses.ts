import { spdxForLegacyName } from '../../licenses.js';

/**
 * The licenses a package.json (or an npm lock entry) declares. npm's `license` is an SPDX
 * expression; older packages use `license: { type, url }`, `licenses: [{ type, url }]`, or a list
 * of names. Each declared name is kept whole (`Public Domain` is one name, not two) and mapped to
 * SPDX only where the legacy spelling is unambiguous (`Apache2` → `Apache-2.0`). Entries that
 * are neither strings nor `{ type }` objects are ignored: a license field is informative, never a
 * reason to drop a package.
 */
export function npmLicenses(license: unknown, licenses?: unknown): string[] {
  const out: string[] = [];
  collect(license, out);
  if (out.length === 0) collect(licenses, out);
  return [...new Set(out)];
}

/** A name, a `{ type }`, or a list of those (one level: never a walk into nested values). */
function collect(value: unknown, out: string[]): void {
  const items = Array.isArray(value) ? value.slice(0, 32) : [value];
  for (const item of items) {
    const name = typeof item === 'string' ? item : isTyped(item) && typeof item.type === 'string' ? item.type : undefined;
    if (name !== undefined && name.trim() !== '') out.push(spdxForLegacyName(name.trim()));
  }
}

function isTyped(value: unknown): value is { type: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'type' in value;
}
