/**
 * Where a JavaScript dependency comes from, read from a specifier or a lock file's resolution:
 * `^1.2.0` / `npm:x@1` (a registry), `git+https://…` / `github:u/r` / `u/r#sha` (git),
 * `https://host/x.tgz` (a tarball), `file:` / `link:` / `portal:` (the app's own files),
 * `workspace:` (a workspace package).
 */

export type NpmSourceKind = 'registry' | 'git' | 'tarball' | 'local' | 'workspace';

export interface NpmSource {
  kind: NpmSourceKind;
  /** git / tarball location, without credentials or query string. */
  url?: string;
}

const LOCAL = ['file:', 'link:', 'portal:', 'exec:'];
const GIT = ['git+', 'git:', 'git@', 'github:', 'gitlab:', 'bitbucket:', 'gist:'];
const REGISTRY = ['npm:', 'patch:'];

/** The source a specifier names, or undefined for a protocol no package manager defines. */
export function sourceOfSpec(spec: string): NpmSource | undefined {
  const s = spec.trim();
  if (s.startsWith('workspace:')) return { kind: 'workspace' };
  if (LOCAL.some((p) => s.startsWith(p))) return { kind: 'local' };
  if (GIT.some((p) => s.startsWith(p))) return { kind: 'git', url: cleanUrl(s) };
  if (s.startsWith('http://') || s.startsWith('https://')) {
    const bare = s.split('#')[0] ?? s;
    return bare.endsWith('.git') ? { kind: 'git', url: cleanUrl(s) } : { kind: 'tarball', url: cleanUrl(s) };
  }
  if (REGISTRY.some((p) => s.startsWith(p))) return { kind: 'registry' };
  if (hasProtocol(s)) return undefined;
  if (isGithubShorthand(s)) return { kind: 'git', url: `github:${cleanUrl(s)}` };
  return { kind: 'registry' };
}

/**
 * The source a lock file's `resolved` URL shows: registry tarballs have `/-/` in their path
 * (`https://registry.npmjs.org/x/-/x-1.0.0.tgz`, also on private registries).
 */
export function sourceOfResolved(resolved: string): NpmSource {
  if (resolved.startsWith('http://') || resolved.startsWith('https://')) {
    if (resolved.includes('/-/')) return { kind: 'registry' };
  }
  return sourceOfSpec(resolved) ?? { kind: 'registry' };
}

/** `scheme:` at the start (letters, digits, `+.-`), as URLs and package-manager protocols have. */
function hasProtocol(s: string): boolean {
  const colon = s.indexOf(':');
  if (colon <= 0) return false;
  for (let i = 0; i < colon; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
    if (!ok) return false;
  }
  return true;
}

/** `user/repo` or `user/repo#ref`: npm's and yarn's GitHub shorthand. */
function isGithubShorthand(s: string): boolean {
  if (s.startsWith('@') || s.startsWith('.') || s.startsWith('/') || s.includes(' ')) return false;
  const slash = s.indexOf('/');
  return slash > 0 && s.indexOf('/', slash + 1) < 0;
}

/**
 * A URL safe to report: userinfo (`user:token@`) and the query string removed, since both may
 * carry credentials. The fragment (a git commit) is kept.
 */
export function cleanUrl(url: string): string {
  let out = url;
  const scheme = out.indexOf('://');
  if (scheme > 0) {
    const hostStart = scheme + 3;
    const pathStart = firstOf(out, ['/', '?', '#'], hostStart);
    const at = out.lastIndexOf('@', pathStart - 1);
    if (at >= hostStart) out = out.slice(0, hostStart) + out.slice(at + 1);
  }
  const q = out.indexOf('?');
  if (q >= 0) {
    const hash = out.indexOf('#', q);
    out = out.slice(0, q) + (hash >= 0 ? out.slice(hash) : '');
  }
  return out;
}

function firstOf(s: string, chars: string[], from: number): number {
  let best = s.length;
  for (const c of chars) {
    const i = s.indexOf(c, from);
    if (i >= 0 && i < best) best = i;
  }
  return best;
}
