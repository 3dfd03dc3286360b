import { makePurl } from '../../purl.js';

/**
 * `pkg:golang/<namespace>/<name>@<version>` for a module or package path: the namespace is the
 * path up to its last `/`, the name its last element (purl-spec golang type), e.g.
 * `github.com/cpuguy83/go-md2man/v2` → namespace `github.com/cpuguy83/go-md2man`, name `v2`.
 * A version packageurl-js rejects (a "v" not followed by semver, possible in a hand-edited
 * go.mod) is left out rather than failing the package.
 */
export function golangPurl(path: string, version: string): string {
  const slash = path.lastIndexOf('/');
  const namespace = slash < 0 ? undefined : path.slice(0, slash);
  const name = slash < 0 ? path : path.slice(slash + 1);
  try {
    return makePurl('golang', namespace, name, version);
  } catch {
    // a version packageurl-js rejects; or a path it cannot split (build info is untrusted bytes)
    try {
      return makePurl('golang', namespace, name, undefined);
    } catch {
      return `pkg:golang/${encodeURIComponent(path).replace(/%2F/g, '/')}`;
    }
  }
}

/**
 * Is a replacement target a directory rather than a module (golang.org/x/mod/modfile's
 * IsDirectoryPath: `./`, `../`, `/`, a Windows drive or a UNC path, or `.`/`..` alone)?
 */
export function isDirectoryPath(p: string): boolean {
  return (
    p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../') || p.startsWith('/') ||
    p.startsWith('.\\') || p.startsWith('..\\') || p.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(p)
  );
}
