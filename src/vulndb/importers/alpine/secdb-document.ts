/**
 * An Alpine secdb document, checked defensively. Two shapes are accepted:
 *   - the secdb document (`https://secdb.alpinelinux.org/v3.20/main.json`, the legacy `main.yaml`):
 *     `{ apkurl, archs, reponame, urlprefix, distroversion, packages: [{ pkg: { name, secfixes } }] }`;
 *   - one package of it (Trivy's vuln-list split, `alpine/3.20/main/openssl.json`):
 *     `{ name, secfixes, distroversion, reponame, ... }`.
 * `secfixes` maps a fixed version (or `"0"`: not affected in this branch) to a list of id lines.
 */
export interface SecdbPackage {
  name: string;
  secfixes: Array<{ version: string; lines: string[] }>;
}

export interface SecdbDocument {
  distroversion?: string;
  reponame?: string;
  packages: SecdbPackage[];
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Package names are apk origin names: no whitespace or slashes, sane length. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/;

function readPackage(pkg: Obj, where: string, warn: (m: string) => void): SecdbPackage | undefined {
  const name = pkg.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    warn(`${where}: package without a valid name skipped`);
    return undefined;
  }
  const secfixes = pkg.secfixes;
  if (secfixes === undefined || secfixes === null) return { name, secfixes: [] };
  if (!isObj(secfixes)) {
    warn(`${where}: ${name}: secfixes is not a map; package skipped`);
    return undefined;
  }
  const out: SecdbPackage['secfixes'] = [];
  for (const [version, ids] of Object.entries(secfixes)) {
    if (version.trim() === '' || /\s/.test(version)) {
      warn(`${where}: ${name}: invalid version key "${version.slice(0, 60)}" skipped`);
      continue;
    }
    if (ids === null || ids === undefined) continue;
    const list = Array.isArray(ids) ? ids : [ids];
    const lines = list.filter((l): l is string => typeof l === 'string');
    if (lines.length !== list.length) warn(`${where}: ${name} ${version}: non-text entries skipped`);
    out.push({ version, lines });
  }
  return { name, secfixes: out };
}

function optText(o: Obj, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The document, or an error message when `value` is not a secdb document at all. */
export function readSecdbDocument(value: unknown, where: string, warn: (m: string) => void): SecdbDocument | string {
  if (!isObj(value)) return 'not a secdb document (not a JSON/YAML object)';
  const doc: SecdbDocument = { packages: [] };
  const distroversion = optText(value, 'distroversion');
  if (distroversion !== undefined) doc.distroversion = distroversion;
  const reponame = optText(value, 'reponame');
  if (reponame !== undefined) doc.reponame = reponame;
  if (Array.isArray(value.packages)) {
    value.packages.forEach((entry: unknown, i) => {
      const pkg = isObj(entry) ? entry.pkg : undefined;
      if (!isObj(pkg)) return warn(`${where}: packages[${i}] has no "pkg" object; skipped`);
      const read = readPackage(pkg, where, warn);
      if (read) doc.packages.push(read);
    });
    return doc;
  }
  if ('secfixes' in value && 'name' in value) {
    const read = readPackage(value, where, warn);
    if (read) doc.packages.push(read);
    return doc;
  }
  return 'not a secdb document (neither "packages" nor a package "name" + "secfixes")';
}
