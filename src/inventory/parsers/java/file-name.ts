/**
 * What an archive's file name says, as Maven names artifacts: `<artifactId>-<version>[-<classifier>].<ext>`.
 * The version starts at the LAST `-`-separated segment that begins with a digit, so digits inside
 * the artifact id stay there (`log4j-1.2-api-2.17.1` → `log4j-1.2-api` + `2.17.1`) and qualifiers
 * after the version stay with it (`guava-31.1-jre`, `hadoop-shaded-guava-1.1.0-SNAPSHOT`). A bare
 * number after a dotted version is taken as part of it (`foo-1.0-2` → `1.0-2`). Without such a
 * segment the whole stem is the artifact and there is no version (`commons-lang3.jar`).
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
  if (at > 1 && /^\d+$/.test(segments[at] ?? '') && startsWithDigit(segments[at - 1]) && (segments[at - 1] ?? '').includes('.')) at--;
  if (at < 1) return { file, artifact: stem };
  return { file, artifact: segments.slice(0, at).join('-'), version: segments.slice(at).join('-') };
}

function startsWithDigit(s: string | undefined): boolean {
  const c = s?.charCodeAt(0);
  return c !== undefined && c >= 48 && c <= 57;
}
