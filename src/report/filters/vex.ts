import { AppError, errorMessage } from '../../core/errors.js';
import { isCycloneDxVex, readCycloneDxVex } from './cyclonedx-vex.js';
import { isOpenVex, readOpenVex } from './openvex.js';
import { obj, str } from './vex-json.js';
import type { VexDocument } from './vex-model.js';

export type { VexDocument, VexStatement, VexStatus } from './vex-model.js';

/**
 * Parse a VEX file: OpenVEX JSON (also wrapped in an in-toto statement whose predicate is OpenVEX,
 * as `cosign attest` writes it) or CycloneDX JSON with `vulnerabilities[].analysis`. A file that is
 * not JSON or neither format is an AppError('INPUT') naming the file; unusable statements become
 * warnings on the returned document.
 */
export function parseVex(text: string, path: string): VexDocument {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new AppError('INPUT', `${path}: not valid JSON: ${errorMessage(err)}`);
  }
  let doc = obj(json);
  if (!doc) throw new AppError('INPUT', `${path}: a VEX document must be a JSON object`);
  if (str(doc['_type'])?.startsWith('https://in-toto.io/Statement') && str(doc['predicateType'])?.startsWith('https://openvex.dev/ns')) {
    doc = obj(doc['predicate']) ?? doc;
  }
  if (isOpenVex(doc)) return readOpenVex(doc, path);
  if (isCycloneDxVex(doc)) {
    const out = readCycloneDxVex(doc, path);
    if (!Array.isArray(doc['vulnerabilities'])) out.warnings.push(`${path}: CycloneDX document has no "vulnerabilities"; nothing to apply`);
    return out;
  }
  throw new AppError(
    'INPUT',
    `${path}: not an OpenVEX document ("@context": "https://openvex.dev/ns…" with "statements") nor CycloneDX ("bomFormat": "CycloneDX")`,
  );
}
