/**
 * Path tests shared by the WORKDIR/COPY/ADD rules, on paths as written (Hadolint reads them with the
 * surrounding quotes dropped and backslashes kept, so Windows paths stay recognisable).
 */

const QUOTES = new Set(['"', "'"]);

/** Every leading and trailing `"` / `'` removed (Hadolint's dropQuotes). */
export function dropQuotes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && QUOTES.has(s[a] as string)) a++;
  while (b > a && QUOTES.has(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

const isLetter = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/** `/usr/src`, `C:\app`, `c:/app`, `C:` (a drive). */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || (isLetter(p[0]) && p[1] === ':');
}

/** A path that starts with a variable: its value is unknown. */
export function startsWithVariable(p: string): boolean {
  return p.startsWith('$');
}

/**
 * Names ADD unpacks (Hadolint's list: tar and the compressions Docker detects), plus zstd, which
 * BuildKit's ADD also decompresses.
 */
const ARCHIVE_EXTENSIONS = ['.tar', '.Z', '.bz2', '.gz', '.lz', '.lzma', '.tZ', '.tb2', '.tbz', '.tbz2', '.tgz', '.tlz', '.tpz', '.txz', '.xz', '.zst', '.tzst'];

export function isArchiveName(p: string): boolean {
  const s = dropQuotes(p);
  return ARCHIVE_EXTENSIONS.some((ext) => s.endsWith(ext));
}

/** `http://` / `https://` sources (ADD downloads them). */
export function isUrl(p: string): boolean {
  const s = dropQuotes(p);
  return s.startsWith('https://') || s.startsWith('http://');
}

/** Git sources ADD clones: `git@host:repo`, `ssh://`, `git://` (http(s) ones are URLs already). */
export function isGitSource(p: string): boolean {
  const s = dropQuotes(p);
  return s.startsWith('git@') || s.startsWith('git://') || s.startsWith('ssh://');
}

/** The last component of a POSIX or Windows path, quotes dropped. */
export function baseName(p: string): string {
  const s = dropQuotes(p);
  let i = s.length;
  while (i > 0 && s[i - 1] !== '/' && s[i - 1] !== '\\') i--;
  return s.slice(i);
}
