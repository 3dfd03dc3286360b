import { PREDICATE_TYPES } from '../signing/predicate-types.js';
import type { ScanReport } from './model.js';

/** cosign's predicate type for vulnerability scan attestations (`cosign attest --type vuln`). */
export const VULN_PREDICATE_TYPE = PREDICATE_TYPES.vuln;

/**
 * A scan report as cosign's vuln/v1 predicate: invocation, scanner (with the advisory DB and the whole
 * drydock JSON report as `result`) and the scan's start and end times — the shape policy tools
 * (Kyverno, policy-controller) read.
 */
export function vulnPredicate(report: ScanReport, reportJson: unknown, tool: { uri: string; version: string }, started: Date, finished: Date): unknown {
  return {
    invocation: { parameters: null, uri: '', event_id: '', 'builder.id': '' },
    scanner: {
      uri: tool.uri,
      version: tool.version,
      db: { uri: report.db ? 'drydock advisory DB' : '', version: report.db?.builtAt ?? '' },
      result: reportJson,
    },
    metadata: { scanStartedOn: started.toISOString(), scanFinishedOn: finished.toISOString() },
  };
}
