import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCycloneDx } from '../../src/sbom/cyclonedx.js';
import { toSpdx } from '../../src/sbom/spdx.js';
import { GOLDEN_DIR } from './paths.js';
import { sampleInventory } from './sample-inventory.js';

/**
 * Golden files for both formats, written with the default (random) serial number / namespace and
 * then redacted. Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/sbom/golden.test.ts` and
 * review the diff.
 */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function redactCycloneDx(text: string): string {
  const doc = JSON.parse(text) as { serialNumber: string; metadata: { timestamp: string } };
  expect(doc.serialNumber).toMatch(UUID);
  doc.serialNumber = 'urn:uuid:REDACTED';
  doc.metadata.timestamp = 'REDACTED';
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function redactSpdx(text: string): string {
  const doc = JSON.parse(text) as {
    documentNamespace: string;
    creationInfo: { created: string };
    packages: Array<{ annotations?: Array<{ annotationDate: string }> }>;
  };
  expect(doc.documentNamespace).toMatch(UUID);
  doc.documentNamespace = doc.documentNamespace.replace(UUID, 'REDACTED');
  doc.creationInfo.created = 'REDACTED';
  for (const p of doc.packages) for (const a of p.annotations ?? []) a.annotationDate = 'REDACTED';
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function checkGolden(name: string, actual: string): void {
  const path = `${GOLDEN_DIR}${name}`;
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('golden SBOMs of the sample inventory', () => {
  it('CycloneDX 1.6', () => {
    checkGolden('sample.cdx.json', redactCycloneDx(toCycloneDx(sampleInventory())));
  });

  it('SPDX 2.3', () => {
    checkGolden('sample.spdx.json', redactSpdx(toSpdx(sampleInventory())));
  });
});
