/**
 * The main section of a JAR manifest (`META-INF/MANIFEST.MF`, JAR File Specification): `Name:
 * value` headers up to the first blank line, a line starting with one space continuing the
 * previous value, lines ending in CR LF, LF or CR. Header names are case-insensitive, so the
 * result is keyed by the lower-cased name; the first occurrence of a name wins. Per-entry sections
 * (after the first blank line) describe individual files and are not read.
 */

export interface Manifest {
  /** Lower-cased header name → value. */
  readonly headers: ReadonlyMap<string, string>;
  /** A header's trimmed value, or undefined when absent or blank. */
  get(name: string): string | undefined;
}

export function parseManifest(text: string): Manifest {
  const headers = new Map<string, string>();
  let name: string | undefined;
  let value = '';
  const flush = (): void => {
    if (name !== undefined && !headers.has(name)) headers.set(name, value);
    name = undefined;
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const line of body.split(/\r\n|\r|\n/)) {
    if (line === '') break; // end of the main section
    if (line.startsWith(' ')) {
      if (name !== undefined) value += line.slice(1);
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a header: skipped, as java.util.jar.Manifest would reject it
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1).replace(/^ /, '');
  }
  flush();
  return {
    headers,
    get(key: string): string | undefined {
      const v = headers.get(key.toLowerCase())?.trim();
      return v === undefined || v === '' ? undefined : v;
    },
  };
}
