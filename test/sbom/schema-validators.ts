import { readFileSync } from 'node:fs';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

/**
 * Validation against the official JSON schemas: CycloneDX with the schemas bundled in
 * @cyclonedx/cyclonedx-library (bom-1.6 + spdx + jsf, strict variant), SPDX 2.3 with the schema
 * vendored in test/schemas (see its README).
 */
export async function cycloneDxErrors(json: string): Promise<unknown> {
  return new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(json);
}

const spdxSchema = JSON.parse(readFileSync(new URL('../schemas/spdx-2.3.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSpdxDoc = ajv.compile(spdxSchema);

export function spdxErrors(json: string): unknown {
  return validateSpdxDoc(JSON.parse(json)) ? null : validateSpdxDoc.errors;
}

/** Patterns that the stricter SPDX 2.3.1 schema adds (SPDXID charset, UTC dates without fractions). */
export const SPDX_ID_RE = /^SPDXRef-[a-zA-Z0-9.-]+$/;
export const SPDX_DATE_RE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]|23:59:60)Z$/;
