/**
 * Python core metadata (https://packaging.python.org/specifications/core-metadata/): the
 * `METADATA` file of a `.dist-info` directory, `PKG-INFO` of an `.egg-info` directory or of an
 * `.egg`'s `EGG-INFO`, and the single-file `<name>-<version>.egg-info` distutils writes. All are
 * email-style headers: `Field: value`, continuation lines start with a space or tab, and the
 * header block ends at the first empty line (the rest is the description) — the same reading
 * `importlib.metadata` does.
 */

export interface CoreMetadata {
  /** Every header, names lower-cased, values in file order (multi-use fields have several). */
  fields: Map<string, string[]>;
}

export function parseCoreMetadata(bytes: Buffer | string): CoreMetadata {
  const text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8').decode(bytes);
  const fields = new Map<string, string[]>();
  let name: string | undefined;
  let value = '';
  const flush = (): void => {
    if (name === undefined) return;
    const list = fields.get(name);
    if (list) list.push(value.trim());
    else fields.set(name, [value.trim()]);
    name = undefined;
  };
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (line === '') break;
    if (line[0] === ' ' || line[0] === '\t') {
      if (name !== undefined) value += `\n${line}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a header line: ignored, as the email parser records a defect
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  flush();
  return { fields };
}

/** The first value of a field. */
export function field(meta: CoreMetadata, name: string): string | undefined {
  return meta.fields.get(name)?.[0];
}

/** Every value of a multi-use field (Classifier, Requires-Dist, License-File). */
export function fieldAll(meta: CoreMetadata, name: string): string[] {
  return meta.fields.get(name) ?? [];
}

/**
 * The project names a distribution requires unconditionally: `Requires-Dist` entries (PEP 508)
 * whose marker does not name an extra. Other markers (python_version, sys_platform) cannot be
 * evaluated here; the caller resolves names against what is installed beside the distribution.
 */
export function requiredNames(meta: CoreMetadata): string[] {
  const names: string[] = [];
  for (const req of fieldAll(meta, 'requires-dist')) {
    const semi = req.indexOf(';');
    if (semi !== -1 && /\bextra\s*==/.test(req.slice(semi + 1))) continue;
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(req);
    if (m?.[1] !== undefined) names.push(m[1]);
  }
  return names;
}

/**
 * The project names an egg-info `requires.txt` requires unconditionally, as setuptools writes it:
 * the requirements before the first `[section]`, and those of `[:<marker>]` sections (a marker
 * but no extra: conditional, kept as `requiredNames` keeps Requires-Dist with non-extra markers).
 * `[extra]` and `[extra:<marker>]` sections are an extra's, and skipped.
 */
export function eggRequiredNames(text: string): string[] {
  const names: string[] = [];
  let inExtra = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const section = line.endsWith(']') ? line.slice(1, -1).trim() : line.slice(1);
      inExtra = !section.startsWith(':');
      continue;
    }
    if (inExtra) continue;
    const semi = line.indexOf(';');
    if (semi !== -1 && /\bextra\s*==/.test(line.slice(semi + 1))) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
    if (m?.[1] !== undefined) names.push(m[1]);
  }
  return names;
}
