import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as SPDX from '@cyclonedx/cyclonedx-library/SPDX';
import { isSpdxExpression, joinConjunction, splitConjunction } from './licenses.js';

/**
 * A package's declared licenses as a CycloneDX 1.6 license choice. The schema allows either a
 * list of `license` objects (SPDX `id` or free-text `name`) or exactly one `expression`:
 * - only ids and free text → one `license` object each;
 * - one expression, or several licenses that are all valid SPDX → one `expression` joined with AND;
 * - expressions mixed with free text (no expression can hold free text) → the expressions are kept
 *   verbatim as `license.name`, so nothing is lost.
 */
export function cycloneDxLicenses(licenses: readonly string[]): Models.License[] {
  const clean = [...new Set(licenses.map((l) => l.trim()).filter((l) => l !== ''))];
  const isId = (l: string): boolean => SPDX.isSupportedSpdxId(l);
  const isExpr = (l: string): boolean => !isId(l) && isSpdxExpression(l);
  if (!clean.some(isExpr)) {
    return clean.map((l) => (isId(l) ? new Models.SpdxLicense(l) : new Models.NamedLicense(l)));
  }
  if (clean.every((l) => isId(l) || isExpr(l))) {
    return [new Models.LicenseExpression(joinConjunction(clean))];
  }
  return clean.map((l) => (isId(l) ? new Models.SpdxLicense(l) : new Models.NamedLicense(l)));
}

/** The license strings of a parsed CycloneDX license choice (the inverse of `cycloneDxLicenses`). */
export function licensesFromCycloneDx(
  choices: ReadonlyArray<{ license?: { id?: string | undefined; name?: string | undefined } | undefined; expression?: string | undefined }>,
): string[] {
  const out: string[] = [];
  for (const c of choices) {
    if (c.expression !== undefined) out.push(...splitConjunction(c.expression));
    const id = c.license?.id ?? c.license?.name;
    if (id !== undefined && id.trim() !== '') out.push(id.trim());
  }
  return out;
}
