/**
 * A secret found in an image: in a file of some layer (also when a later layer deleted or replaced the
 * file — it is still in the image's layers), in the image config, or in a history `created_by` line
 * (build args leak there). The secret itself is never kept: only `masked` (first 4 characters + `****`).
 */
import type { LayerRef } from './package.js';
import type { Severity } from './severity.js';

export type SecretLocation =
  | {
      kind: 'file';
      /** Image path without a leading slash. */
      path: string;
      line: number;
      /** The layer whose tar holds this copy of the file. */
      layer: LayerRef;
      /** Set when a later layer deleted or replaced the file: still readable from `layer`, so still in the image. */
      removedIn?: LayerRef;
    }
  | { kind: 'config'; field: 'Env' | 'Labels' | 'Cmd' | 'Entrypoint'; key?: string }
  | { kind: 'history'; index: number; layer?: LayerRef };

export interface SecretFinding {
  /** Rule id (gitleaks' ids where gitleaks has the rule: `aws-access-token`, `github-pat`, ...). */
  ruleId: string;
  title: string;
  severity: Severity;
  /** First 4 characters of the secret + `****`. */
  masked: string;
  location: SecretLocation;
}
