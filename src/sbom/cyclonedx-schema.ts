import * as z from 'zod';

/**
 * The parts of a CycloneDX JSON document (1.2–1.7) that drydock reads. Unknown keys are ignored.
 * Components are checked one at a time (`CdxComponent`) so one bad component becomes an unknown
 * instead of rejecting the whole document.
 */
export const CDX_SPEC_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const;

const Property = z.object({ name: z.string(), value: z.string().optional() });

const LicenseChoice = z.object({
  license: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  expression: z.string().optional(),
});

export const CdxComponent = z.object({
  type: z.string().min(1),
  name: z.string().min(1, 'a component needs a non-empty name'),
  version: z.string().optional(),
  group: z.string().optional(),
  description: z.string().optional(),
  'bom-ref': z.string().min(1).optional(),
  purl: z.string().optional(),
  licenses: z.array(LicenseChoice).optional(),
  properties: z.array(Property).optional(),
  /** Nested components, checked one by one like the top-level ones. */
  components: z.array(z.unknown()).optional(),
});
export type CdxComponent = z.infer<typeof CdxComponent>;

export const CdxDocument = z.object({
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.string(),
  serialNumber: z.string().optional(),
  metadata: z
    .object({
      timestamp: z.string().optional(),
      component: z.unknown().optional(),
    })
    .optional(),
  components: z.array(z.unknown()).optional(),
  dependencies: z
    .array(z.object({ ref: z.string(), dependsOn: z.array(z.string()).optional() }))
    .optional(),
});
export type CdxDocument = z.infer<typeof CdxDocument>;
