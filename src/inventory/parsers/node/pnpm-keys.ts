/**
 * pnpm's package keys ("dependency paths") across lock file versions:
 *
 *   v5   /name/1.0.0   /@scope/name/1.0.0_peer@2.0.0
 *   v6   /name@1.0.0   /@scope/name@1.0.0(peer@2.0.0)
 *   v9   name@1.0.0    @scope/name@1.0.0(peer@2.0.0)   (peers only in `snapshots` keys)
 *
 * Packages from elsewhere have other keys (`github.com/u/r/sha`, `file:x.tgz`,
 * `name@https://…`) and give their name and version as fields of the entry.
 */

export interface KeyIdentity {
  name: string;
  version: string;
}

/** Name and version from a dependency path; the version is '' when the key does not hold one. */
export function identityOfKey(key: string, major: number): KeyIdentity {
  if (major >= 9) return splitAt(withoutPeers(key, '('));
  if (!key.startsWith('/')) return { name: '', version: '' };
  const path = key.slice(1);
  if (major >= 6) return splitAt(withoutPeers(path, '('));
  // v5: the version is the segment after the name; a peer suffix follows `_`
  const parts = path.split('/');
  const nameParts = path.startsWith('@') ? 2 : 1;
  if (parts.length <= nameParts) return { name: '', version: '' };
  const version = withoutPeers(parts.slice(nameParts).join('/'), '_');
  return { name: parts.slice(0, nameParts).join('/'), version: isVersion(version) ? version : '' };
}

/** The key of a snapshot's package entry (v9): the snapshot key without its peer suffix. */
export function withoutPeers(key: string, marker: '(' | '_'): string {
  const i = key.indexOf(marker, marker === '_' ? 0 : 1);
  return i < 0 ? key : key.slice(0, i);
}

function splitAt(spec: string): KeyIdentity {
  const at = spec.indexOf('@', 1);
  if (at < 0) return { name: '', version: '' };
  const version = spec.slice(at + 1);
  return { name: spec.slice(0, at), version: isVersion(version) ? version : '' };
}

/** A registry version (not a URL or path in the version's place). */
export function isVersion(v: string): boolean {
  const c = v.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && !v.includes(':') && !v.includes('/');
}

/**
 * The package key a dependency (`name: ref`) points at, trying each version's spelling:
 * the ref itself (aliases, non-registry keys), `name@ref` (v9), `/name@ref` (v6), `/name/ref` (v5).
 */
export function keyOfDependency(name: string, ref: string, has: (key: string) => boolean): string | undefined {
  if (ref.startsWith('link:')) return undefined;
  for (const k of [ref, `${name}@${ref}`, `/${name}@${ref}`, `/${name}/${ref}`]) if (has(k)) return k;
  return undefined;
}
