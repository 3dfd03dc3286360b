/* No imports: read by the sbom and scan commands at start-up without loading the signing code. */

/**
 * `cosign attest --type` names and the predicate types they stand for: cosign's
 * cmd/cosign/cli/options/predicate.go `PredicateTypeMap` (the URIs come from in-toto-golang's
 * PredicateSPDX / PredicateCycloneDX / PredicateLinkV1, its SLSA v0.2 and v1 packages, and cosign's
 * own CosignCustomProvenanceV01 / CosignVulnProvenanceV01 / OpenVexNamespace).
 */
export const PREDICATE_TYPES = {
  custom: 'https://cosign.sigstore.dev/attestation/v1',
  slsaprovenance: 'https://slsa.dev/provenance/v0.2',
  slsaprovenance02: 'https://slsa.dev/provenance/v0.2',
  slsaprovenance1: 'https://slsa.dev/provenance/v1',
  spdx: 'https://spdx.dev/Document',
  spdxjson: 'https://spdx.dev/Document',
  cyclonedx: 'https://cyclonedx.org/bom',
  link: 'https://in-toto.io/Link/v1',
  vuln: 'https://cosign.sigstore.dev/attestation/vuln/v1',
  openvex: 'https://openvex.dev/ns',
} as const;

export type PredicateTypeName = keyof typeof PREDICATE_TYPES;
