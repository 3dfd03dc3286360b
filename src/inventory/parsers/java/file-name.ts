/**
 * What an archive's file name says, as Maven names artifacts: `<artifactId>-<version>[-<classifier>].<ext>`.
 * The version starts at the LAST `-`-separated segment that begins with a digit, so digits inside
 * the artifact id stay there (`log4j-1.2-api-2.17.1` → `log4j-1.2-api` + `2.17.1`) and qualifiers
 * after the version stay with it (`guava-31.1-jre`, `hadoop-shaded-guava-1.1.0-SNAPSHOT`) — then
 * moves back over what is still part of the version: a build number after a dotted version
 * (`foo-1.0-2` → `1.0-2`), the base version before a timestamped snapshot's
 * `<yyyyMMdd.HHmmss>-<build>` (`foo-core-1.0-20230101.123456-1` → `1.0-20230101.123456-1`), and a
 * pre-release qualifier with its number (`commons-vfs2-2.0-alpha-1` → `2.0-alpha-1`). Without a
 * digit segment the whole stem is the artifact and there is no version (`commons-lang3.jar`).
 */

export const ARCHIVE_EXTENSIONS: ReadonlySet<string> = new Set(['jar', 'war', 'ear', 'par', 'sar', 'nar', 'kar', 'jpi', 'hpi', 'lpkg']);

export interface FileNameIdentity {
  /** The file name without directories. */
  file: string;
  artifact: string;
  version?: string;
}

/** The archive extension of a path (lower-cased), or undefined when it is not a Java archive. */
export function archiveExtension(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || path.length - dot > 5 || path.lastIndexOf('/') > dot) return undefined;
  const ext = path.slice(dot + 1);
  if (ARCHIVE_EXTENSIONS.has(ext)) return ext;
  const lower = ext.toLowerCase();
  return ARCHIVE_EXTENSIONS.has(lower) ? lower : undefined;
}

export function parseArchiveFileName(path: string): FileNameIdentity {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  const segments = stem.split('-');
  let at = -1;
  for (let k = segments.length - 1; k >= 1; k--) {
    if (startsWithDigit(segments[k])) {
      at = k;
      break;
    }
  }
  if (at < 1) return { file, artifact: stem };
  for (let moved = true; moved && at > 1; ) {
    const here = segments[at] ?? '';
    const before = segments[at - 1] ?? '';
    moved = true;
    // `1.0-2`: a build number after a dotted version
    if (/^\d+$/.test(here) && startsWithDigit(before) && before.includes('.')) at--;
    // `1.0-20230101.123456-1`: the base version before a snapshot timestamp
    else if (TIMESTAMP.test(here) && startsWithDigit(before)) at--;
    // `2.0-alpha-1`, `1.0-rc-2`: a qualifier and its number after the version
    else if (at > 2 && startsWithDigit(here) && QUALIFIER.test(before) && startsWithDigit(segments[at - 2])) at -= 2;
    else moved = false;
  }
  return { file, artifact: segments.slice(0, at).join('-'), version: segments.slice(at).join('-') };
}

/** A unique snapshot's timestamp (`yyyyMMdd.HHmmss`). */
const TIMESTAMP = /^\d{8}\.\d{6}$/;
/** Pre-release qualifiers that Maven versions spell with a separate number (`-alpha-1`). */
const QUALIFIER = /^(?:alpha|beta|milestone|m|rc|cr|pre|preview|ea|b|sp)$/i;

function startsWithDigit(s: string | undefined): boolean {
  const c = s?.charCodeAt(0);
  return c !== undefined && c >= 48 && c <= 57;
}
