import type { ScanReport } from '../model.js';

/** The report as it is (`drydock.scan/v1`, documented in docs/scan-json.md), pretty-printed. */
export function writeJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
