import { assessBase } from '../../../src/checks/base-image/index.js';
import type { BaseImageReport } from '../../../src/checks/base-image/types.js';
import { runConfigChecks, type CheckFinding } from '../../../src/checks/config/index.js';
import type { LayerRef } from '../../../src/core/package.js';
import type { SecretFinding } from '../../../src/core/secret-finding.js';
import type { ScanReport } from '../../../src/report/model.js';
import { inventoryOf } from '../../helpers/drydock.js';
import { ensureFixtures, fixture, readImageTruth } from '../../helpers/fixtures.js';
import { alpineReport } from './alpine-report.js';
import { assemble, CREATED_AT } from './assemble.js';

export interface ScannerParts {
  secrets: SecretFinding[];
  checks: CheckFinding[];
  baseImage: BaseImageReport;
}

/** The alpine-layers fixture's layer `index` as a finding refers to it (diffID and history line from its truth). */
function layerRef(index: number): LayerRef {
  const image = readImageTruth('alpine-layers');
  const createdBy = image.history.filter((h) => !h.emptyLayer)[index]?.createdBy;
  const diffId = image.diffIds[index];
  if (diffId === undefined || createdBy === undefined) throw new Error(`alpine-layers has no layer ${index}`);
  return { index, diffId, createdBy };
}

/**
 * Secrets placed on the real layers of alpine-layers (hand-made: the fixture has none): a key in
 * /root/deleted-later.txt, which layer 6 writes and layer 7 deletes (its whiteout is in the truth),
 * a token in the history line of layer 1 and one in an ENV of the config. Masked as the secret
 * scanner masks them.
 */
export function plantedSecrets(): SecretFinding[] {
  return [
    { ruleId: 'generic-api-key', title: 'Generic secret (password, token or key assignment)', severity: 'medium', masked: 'c2Vj****', location: { kind: 'config', field: 'Env', key: 'API_TOKEN' } },
    {
      ruleId: 'aws-access-token',
      title: 'AWS access key ID',
      severity: 'critical',
      masked: 'AKIA****',
      location: { kind: 'file', path: 'root/deleted-later.txt', line: 1, layer: layerRef(6), removedIn: layerRef(7) },
    },
    { ruleId: 'github-pat', title: 'GitHub personal access token (classic)', severity: 'critical', masked: 'ghp_****', location: { kind: 'history', index: 3, layer: layerRef(1) } },
  ];
}

/**
 * The configuration checks and the base-image report of the real alpine-layers image (through the
 * same inventory path as `drydock scan`, judged on the report's day), and the planted secrets.
 */
export async function alpineScannerParts(): Promise<ScannerParts> {
  await ensureFixtures(['alpine-layers']);
  const now = new Date(CREATED_AT);
  const inv = await inventoryOf(`oci:${fixture('alpine-layers').ociDir}`, { now });
  const checks = await runConfigChecks({ config: inv.source.config ?? {}, inventory: inv, reference: fixture('alpine-layers').reference });
  return { secrets: plantedSecrets(), checks, baseImage: assessBase(inv, { now }) };
}

/** The alpine-layers report with every scanner: vulnerabilities (real advisories), secrets, checks, base image. */
export function alpineFullReport(parts: ScannerParts): ScanReport {
  const vuln = alpineReport();
  return assemble({ ...reportParts(vuln), findings: vuln.findings, feeds: vuln.db?.feeds ?? [], ...parts });
}

/** The same without the vulnerability scanner (`--scanners secret,config`: no DB). */
export function alpineNoVulnReport(parts: ScannerParts): ScanReport {
  return assemble({ ...reportParts(alpineReport()), findings: [], ...parts });
}

function reportParts(r: ScanReport): { source: ScanReport['source']; os: NonNullable<ScanReport['os']>; baseLayers: number; packages: number } {
  if (r.os === undefined || r.baseLayers === undefined) throw new Error('alpine report without os or base layers');
  return { source: r.source, os: r.os, baseLayers: r.baseLayers, packages: r.summary.packages };
}
