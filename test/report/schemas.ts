import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/** The official SARIF 2.1.0 schema vendored in test/schemas (see its README), compiled once. */
const sarifSchema = JSON.parse(readFileSync(new URL('../schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarifDoc = ajv.compile(sarifSchema);

export function sarifErrors(json: string): unknown {
  return validateSarifDoc(JSON.parse(json)) ? null : validateSarifDoc.errors;
}
