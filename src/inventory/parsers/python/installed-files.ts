import { posix } from 'node:path';

/**
 * The files a distribution installed: a `.dist-info/RECORD` (CSV rows `path,hash,size`; paths
 * relative to the directory holding the `.dist-info`, which is site-packages, or absolute) or an
 * egg-info directory's `installed-files.txt` (one path per line, relative to the `.egg-info`
 * directory). Returned as absolute, normalised image paths.
 */

/** RECORD rows → absolute paths. `siteDir` is the image-relative directory holding the .dist-info. */
export function recordFiles(text: string, siteDir: string): string[] {
  const files: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    const path = firstCsvCell(line);
    if (path !== '') files.push(absolute(siteDir, path));
  }
  return files;
}

/** installed-files.txt lines → absolute paths. `eggInfoDir` is the image-relative .egg-info directory. */
export function installedFilesTxt(text: string, eggInfoDir: string): string[] {
  const files: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line !== '') files.push(absolute(eggInfoDir, line));
  }
  return files;
}

/** The first cell of a CSV row (RFC 4180 quoting: `"a,b"`, `""` for a quote). */
function firstCsvCell(line: string): string {
  if (!line.startsWith('"')) {
    const comma = line.indexOf(',');
    return comma === -1 ? line : line.slice(0, comma);
  }
  let out = '';
  let i = 1;
  for (;;) {
    const q = line.indexOf('"', i);
    if (q === -1) return out + line.slice(i);
    out += line.slice(i, q);
    if (line[q + 1] !== '"') return out;
    out += '"';
    i = q + 2;
  }
}

function absolute(base: string, path: string): string {
  return path.startsWith('/') ? posix.normalize(path) : posix.normalize(posix.join('/', base, path));
}
