import { makePurl } from '../../purl.js';

/**
 * PyPI project names: PEP 503 normalisation (runs of `-`, `_` and `.` become one `-`, lower case),
 * which is how pip, importlib.metadata and every index compare names (`Foo_Bar.baz` → `foo-bar-baz`).
 */
export function normalizePypiName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** `pkg:pypi/<normalised name>@<version>` (the purl spec's pypi rules: lower case, `_` → `-`). */
export function pypiPurl(name: string, version: string): string {
  return makePurl('pypi', undefined, normalizePypiName(name), version);
}

/** A valid project name (PEP 508): letters, digits, `-`, `_`, `.`; starts and ends alphanumeric. */
export function isPypiName(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name);
}
