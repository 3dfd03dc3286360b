import { archiveExtension, ARCHIVE_EXTENSIONS } from './file-name.js';
import type { ZipEntry } from './zip-directory.js';

/**
 * Which entries of a Java archive matter: its manifest, every pom.properties and the pom.xml
 * beside it, and the archives nested in it. Everything else (classes, resources) is never decoded.
 */

export interface ArchiveParts {
  manifest?: ZipEntry;
  poms: ZipEntry[];
  /** pom.xml entries by their directory (`META-INF/maven/g/a/`). */
  pomXml: Map<string, ZipEntry>;
  nested: ZipEntry[];
  /** Entries with absolute names or names climbing out of the archive (`..`), left out. */
  climbing: number;
}

const MANIFEST = 'meta-inf/manifest.mf';
const MANIFEST_BYTES = Buffer.from(MANIFEST, 'latin1');
const SUFFIXES = ['pom.properties', 'pom.xml', ...[...ARCHIVE_EXTENSIONS].map((e) => `.${e}`)].map((s) => Buffer.from(s, 'latin1'));

/** Keep MANIFEST.MF, pom.properties / pom.xml and nested archives; compared on raw bytes, ASCII case folded. */
export function selectEntry(buf: Buffer, start: number, end: number): boolean {
  const length = end - start;
  if (length === MANIFEST_BYTES.length && endsWithFolded(buf, end, MANIFEST_BYTES)) return true;
  if (length === 0 || buf[end - 1] === 0x2f) return false; // a directory
  for (const s of SUFFIXES) if (length >= s.length && endsWithFolded(buf, end, s)) return true;
  return false;
}

function endsWithFolded(buf: Buffer, end: number, lowerSuffix: Buffer): boolean {
  const start = end - lowerSuffix.length;
  for (let k = 0; k < lowerSuffix.length; k++) {
    const c = buf[start + k] ?? 0;
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== lowerSuffix[k]) return false;
  }
  return true;
}

export function classifyEntries(entries: readonly ZipEntry[]): ArchiveParts {
  const parts: ArchiveParts = { poms: [], pomXml: new Map(), nested: [], climbing: 0 };
  for (const e of entries) {
    if (climbsOut(e.name)) {
      parts.climbing++;
      continue;
    }
    const lower = e.name.toLowerCase();
    const base = baseName(lower);
    if (lower === MANIFEST) parts.manifest ??= e;
    else if (base === 'pom.properties') parts.poms.push(e);
    else if (base === 'pom.xml') parts.pomXml.set(e.name.slice(0, e.name.length - base.length), e);
    else if (archiveExtension(e.name) !== undefined) parts.nested.push(e);
  }
  return parts;
}

export const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

function climbsOut(name: string): boolean {
  return name.startsWith('/') || name === '..' || name.startsWith('../') || name.includes('/../') || name.endsWith('/..');
}
