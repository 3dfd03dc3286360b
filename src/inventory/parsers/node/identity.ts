import { makePurl } from '../../purl.js';

/**
 * npm package names and purls. A scoped name `@scope/name` becomes the purl namespace `@scope`
 * and name `name` (`pkg:npm/%40scope/name@1.2.3`).
 */

/** `@scope/name` → ['@scope', 'name']; `name` → [undefined, 'name']. */
export function splitNpmName(name: string): [string | undefined, string] {
  if (name.startsWith('@')) {
    const slash = name.indexOf('/');
    if (slash > 1) return [name.slice(0, slash), name.slice(slash + 1)];
  }
  return [undefined, name];
}

/**
 * A plausible npm package name: what the registry accepts, plus the legacy upper-case names it
 * still serves. Not a full validation, enough to keep garbage out of purls.
 */
export function isNpmName(name: string): boolean {
  if (name.length === 0 || name.length > 214) return false;
  const [scope, bare] = splitNpmName(name);
  if (scope !== undefined && !isNamePart(scope.slice(1))) return false;
  return isNamePart(bare);
}

function isNamePart(part: string): boolean {
  if (part === '' || part.startsWith('.')) return false;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    // anything printable except space, `/`, `\`, `@` and the URL-unsafe few the registry forbids
    if (c <= 0x20 || c >= 0x7f || c === 0x2f || c === 0x5c || c === 0x40 || c === 0x25 || c === 0x3a) return false;
  }
  return true;
}

/** Where a locked or installed package came from, when not from a registry. */
export interface NpmSourceQualifiers {
  vcs_url?: string;
  download_url?: string;
}

/** The package's purl, or undefined when packageurl-js rejects the name. */
export function npmPurl(name: string, version: string, qualifiers?: NpmSourceQualifiers): string | undefined {
  const [namespace, bare] = splitNpmName(name);
  try {
    return makePurl('npm', namespace, bare, version === '' ? undefined : version, qualifiers ? { ...qualifiers } : undefined);
  } catch {
    return undefined;
  }
}

/** `pkg:generic/<name>@<version>` (a scope as the namespace), for packages that are not on the registry. */
export function genericPurl(name: string, version: string): string | undefined {
  const [namespace, bare] = splitNpmName(name);
  try {
    return makePurl('generic', namespace, bare, version === '' ? undefined : version);
  } catch {
    return undefined;
  }
}

/** `name@version`, or `name` for a package without a version (a workspace package may have none). */
export function npmRef(name: string, version: string): string {
  return version === '' ? name : `${name}@${version}`;
}
