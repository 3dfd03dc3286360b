import { makePurl } from '../../purl.js';

/**
 * PyPI project names: PEP 503 normalisation (runs of `-`, `_` and `.` become one `-`, lower case),
 * which is how pip, importlib.metadata and every index compare names (`Foo_Bar.baz` → `foo-bar-baz`).
 */
export function normalizePypiName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * `pkg:pypi/<name>@<version>` with the purl spec's pypi rules: the name as the project writes it,
 * lower-cased, `_` → `-`, and nothing else (dots stay: `pkg:pypi/lazr.restfulclient@0.14.5`; PEP 503
 * normalisation, which also turns dots into dashes, is for comparing names, not for purls).
 * Throws on a blank name.
 */
export function pypiPurl(name: string, version: string): string {
  return makePurl('pypi', undefined, name.trim().toLowerCase().replaceAll('_', '-'), version);
}

/** A valid project name (PEP 508): letters, digits, `-`, `_`, `.`; starts and ends alphanumeric. */
export function isPypiName(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name);
}
