import * as z from 'zod';
import { AppError } from '../core/errors.js';
import { isDigest, type Digest } from '../core/digest.js';
import { formatIssues } from '../sbom/zod-issues.js';

/** Media type of the layer that carries a simple-signing payload in a cosign `.sig` manifest. */
export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
/** The `critical.type` cosign writes and checks. */
export const COSIGN_SIGNATURE_TYPE = 'cosign container image signature';

/** What a signature payload says: which image (by manifest digest) and any annotations signed with it. */
export interface SimpleSigningPayload {
  dockerReference: string;
  manifestDigest: Digest;
  annotations: Record<string, unknown> | null;
}

/**
 * The payload cosign signs for an image, byte for byte as cosign (Go's encoding/json of its struct)
 * writes it: `optional` is `null` without annotations, keys of `optional` sorted.
 */
export function simpleSigningPayload(dockerReference: string, manifestDigest: Digest, annotations?: Record<string, string>): Buffer {
  const optional = annotations && Object.keys(annotations).length > 0 ? Object.fromEntries(Object.keys(annotations).sort().map((k) => [k, annotations[k]])) : null;
  const doc = {
    critical: {
      identity: { 'docker-reference': dockerReference },
      image: { 'docker-manifest-digest': manifestDigest },
      type: COSIGN_SIGNATURE_TYPE,
    },
    optional,
  };
  return Buffer.from(JSON.stringify(doc), 'utf8');
}

const payloadSchema = z.object({
  critical: z.object({
    identity: z.object({ 'docker-reference': z.string() }).loose(),
    image: z.object({ 'docker-manifest-digest': z.string().refine(isDigest, 'not a digest') }).loose(),
    type: z.string(),
  }).loose(),
  optional: z.record(z.string(), z.unknown()).nullish(),
}).loose();

/** Parse a signed simple-signing payload; AppError INPUT naming `source` and every bad field. */
export function parseSimpleSigningPayload(bytes: Buffer, source: string): SimpleSigningPayload {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('INPUT', `${source}: the signature payload is not JSON`);
  }
  const r = payloadSchema.safeParse(json);
  if (!r.success) {
    const fields = formatIssues(r.error, '(root)');
    throw new AppError('INPUT', `${source}: not a cosign signature payload (${fields})`);
  }
  const c = r.data.critical;
  if (c.type.toLowerCase() !== COSIGN_SIGNATURE_TYPE) {
    throw new AppError('INPUT', `${source}: signature payload type is "${c.type}", expected "${COSIGN_SIGNATURE_TYPE}"`);
  }
  return {
    dockerReference: c.identity['docker-reference'],
    manifestDigest: c.image['docker-manifest-digest'] as Digest,
    annotations: r.data.optional ?? null,
  };
}
