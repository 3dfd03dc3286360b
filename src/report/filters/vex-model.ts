import type { PurlParts } from './purl-match.js';

/**
 * OpenVEX and CycloneDX VEX, read into one shape so one matcher (vex-match.ts) serves both. Only
 * `not_affected` and `fixed` (CycloneDX: not_affected/false_positive, resolved/resolved_with_pedigree)
 * suppress findings; the other statuses are kept because a later `affected` statement overrides an
 * earlier `not_affected` one.
 */
export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

/** Identifiers of a product or subcomponent, as the document gives them. */
export interface VexSubject {
  /** Package URLs (OpenVEX `@id`/`identifiers.purl`, CycloneDX `affects[].ref` or its component's purl). */
  purls: PurlParts[];
  /** Non-purl identifiers: digests (`sha256:…`, `name@sha256:…`), CycloneDX bom-refs (BOM-Link fragments). */
  refs: string[];
  /** Lower-case hex SHA-256 hashes (OpenVEX `hashes["sha-256"]`). */
  sha256: string[];
  /**
   * CycloneDX `affects[].versions`: when present the statement covers only these exact versions, and
   * only where the version's status is not `affected`. Ranges are not evaluated (never match).
   */
  versions?: Array<{ version?: string; status?: string }>;
}

export interface VexProduct extends VexSubject {
  subcomponents: VexSubject[];
}

export interface VexStatement {
  /** Vulnerability name and aliases, upper-cased for comparison. */
  vulnerabilities: string[];
  products: VexProduct[];
  status: VexStatus;
  /** The status in the document's own words (`not_affected`, `false_positive`, `resolved`, ...). */
  statusText: string;
  justification?: string;
  /** OpenVEX impact_statement / CycloneDX analysis.detail. */
  detail?: string;
  /** Epoch ms of the statement (its own timestamp, else the document's); -Infinity when unknown. */
  timestamp: number;
  /** 1-based position in the document, for reasons and warnings. */
  index: number;
}

export interface VexDocument {
  path: string;
  format: 'openvex' | 'cyclonedx';
  statements: VexStatement[];
  /** Statements that were skipped or read with a caveat; they reach the user as report unknowns. */
  warnings: string[];
}

/** Statuses that remove a finding. */
export function suppresses(status: VexStatus): boolean {
  return status === 'not_affected' || status === 'fixed';
}
