import * as z from 'zod';

/**
 * The parts of an SPDX 2.2 / 2.3 JSON document that drydock reads. Unknown keys are ignored.
 * Packages and relationships are checked one at a time so one bad entry becomes an unknown.
 */
export const SPDX_VERSIONS = ['SPDX-2.2', 'SPDX-2.3'] as const;

export const SpdxPackageEntry = z.object({
  SPDXID: z.string().min(1),
  name: z.string().min(1, 'a package needs a non-empty name'),
  versionInfo: z.string().optional(),
  description: z.string().optional(),
  sourceInfo: z.string().optional(),
  licenseDeclared: z.string().optional(),
  primaryPackagePurpose: z.string().optional(),
  externalRefs: z
    .array(z.object({ referenceCategory: z.string(), referenceType: z.string(), referenceLocator: z.string() }))
    .optional(),
  annotations: z.array(z.object({ comment: z.string() })).optional(),
  attributionTexts: z.array(z.string()).optional(),
});
export type SpdxPackageEntry = z.infer<typeof SpdxPackageEntry>;

export const SpdxRelationship = z.object({
  spdxElementId: z.string(),
  relationshipType: z.string(),
  relatedSpdxElement: z.string(),
});
export type SpdxRelationship = z.infer<typeof SpdxRelationship>;

export const SpdxDocument = z.object({
  spdxVersion: z.string(),
  SPDXID: z.string(),
  name: z.string(),
  documentNamespace: z.string(),
  creationInfo: z.object({ created: z.string(), creators: z.array(z.string()).min(1) }),
  documentDescribes: z.array(z.string()).optional(),
  packages: z.array(z.unknown()).optional(),
  relationships: z.array(z.unknown()).optional(),
  hasExtractedLicensingInfos: z
    .array(z.object({ licenseId: z.string(), name: z.string().optional(), extractedText: z.string().optional() }))
    .optional(),
});
export type SpdxDocument = z.infer<typeof SpdxDocument>;
