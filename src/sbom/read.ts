import { parseJsonDocument } from '../core/json.js';
import { AppError } from '../core/errors.js';
import type { SbomContents } from './contents.js';
import { readCycloneDx } from './read-cyclonedx.js';
import { readSpdx } from './read-spdx.js';

export type { SbomContents } from './contents.js';

/** Deeper JSON than this is refused before parsing (real SBOMs stay far below it). */
export const MAX_JSON_DEPTH = 200;

/** Largest nesting of arrays/objects in JSON text, counted without parsing (strings are skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return max;
}

function parseJson(text: string, what: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const depth = jsonDepth(body);
  if (depth > MAX_JSON_DEPTH) {
    throw new AppError('LIMIT', `${what}: JSON nested ${depth} levels deep; SBOMs deeper than ${MAX_JSON_DEPTH} levels are refused`);
  }
  return parseJsonDocument(body, what);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Read a CycloneDX (any JSON spec 1.2–1.7) or SPDX 2.2/2.3 JSON document, telling them apart by
 * `bomFormat` / `spdxVersion`. `what` names the input in messages (usually the file path).
 * Structural problems throw AppError (INPUT / UNSUPPORTED / LIMIT) listing every bad field;
 * problems with single components become unknowns.
 */
export function readSbom(text: string, what: string): SbomContents {
  const doc = parseJson(text, what);
  if (!isRecord(doc)) throw new AppError('INPUT', `${what}: an SBOM must be a JSON object, got ${Array.isArray(doc) ? 'an array' : typeof doc}`);
  if ('bomFormat' in doc) return readCycloneDx(doc, what);
  if ('spdxVersion' in doc) return readSpdx(doc, what);
  if ('@context' in doc && JSON.stringify(doc['@context'] ?? '').includes('spdx.org/rdf/3')) {
    throw new AppError('UNSUPPORTED', `${what}: SPDX 3 (JSON-LD) documents are not supported; use SPDX 2.3 JSON or CycloneDX`);
  }
  throw new AppError('INPUT', `${what}: not an SBOM drydock reads: a CycloneDX document has "bomFormat", an SPDX 2.x document "spdxVersion"`);
}
