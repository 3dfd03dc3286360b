import { bundleFromJSON, ValidationError, type Bundle } from '@sigstore/bundle';
import * as z from 'zod';
import { formatIssues } from '../../sbom/zod-issues.js';
import { envelopeSchema } from '../dsse.js';
import { rejected, type BundleRejected } from './result.js';

/**
 * Reading a Sigstore bundle (protobuf-specs `Bundle` in its JSON form). The zod schema is the trust
 * boundary: it reports every bad field at once, in words; @sigstore/bundle then converts to its typed
 * form (bytes as Buffers) and applies the per-version rules (v0.1 entries need a SET, later ones an
 * inclusion proof with a checkpoint, v0.3 a single certificate rather than a chain).
 */

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const base64 = z.string().regex(BASE64, { message: 'not base64' });
const bytes = base64.min(1, { message: 'empty' });
const int64 = z.union([z.string().regex(/^\d+$/, { message: 'not an integer' }), z.number().int().nonnegative()]);

const MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.bundle(\+json;version=0\.[123]|\.v0\.3\+json)$/;
/** protobuf-specs HashAlgorithm names a message digest may use, with Node's hash names. */
export const MESSAGE_DIGEST_ALGORITHMS = { SHA2_256: 'sha256', SHA2_384: 'sha384', SHA2_512: 'sha512', SHA3_256: 'sha3-256', SHA3_384: 'sha3-384' } as const;

const tlogEntrySchema = z.object({
  logIndex: int64,
  logId: z.object({ keyId: bytes }),
  kindVersion: z.object({ kind: z.string().min(1), version: z.string().min(1) }),
  integratedTime: int64.optional(),
  inclusionPromise: z.object({ signedEntryTimestamp: bytes }).nullish(),
  inclusionProof: z
    .object({
      logIndex: int64,
      rootHash: bytes,
      treeSize: int64,
      hashes: z.array(base64),
      checkpoint: z.object({ envelope: z.string().min(1) }).nullish(),
    })
    .nullish(),
  canonicalizedBody: bytes,
});

const verificationMaterialSchema = z
  .object({
    publicKey: z.object({ hint: z.string() }).nullish(),
    certificate: z.object({ rawBytes: bytes }).nullish(),
    x509CertificateChain: z.object({ certificates: z.array(z.object({ rawBytes: bytes })).min(1, { message: 'no certificates' }) }).nullish(),
    tlogEntries: z.array(tlogEntrySchema).nullish(),
    timestampVerificationData: z.object({ rfc3161Timestamps: z.array(z.object({ signedTimestamp: bytes })).nullish() }).nullish(),
  })
  .refine((m) => [m.publicKey, m.certificate, m.x509CertificateChain].filter((x) => x != null).length === 1, {
    message: 'needs exactly one of publicKey, certificate, x509CertificateChain',
  });

const bundleSchema = z
  .object({
    mediaType: z.string().regex(MEDIA_TYPE, { message: 'not a Sigstore bundle media type (v0.1 to v0.3)' }),
    verificationMaterial: verificationMaterialSchema,
    messageSignature: z
      .object({
        messageDigest: z.object({
          algorithm: z.enum(Object.keys(MESSAGE_DIGEST_ALGORITHMS) as [keyof typeof MESSAGE_DIGEST_ALGORITHMS], { message: 'unknown hash algorithm' }),
          digest: bytes,
        }),
        signature: bytes,
      })
      .nullish(),
    dsseEnvelope: envelopeSchema.nullish(),
  })
  .refine((b) => (b.messageSignature == null) !== (b.dsseEnvelope == null), { message: 'needs exactly one of messageSignature, dsseEnvelope' });

/** Bundle JSON: bytes or text (parsed here), or any other value taken as the already parsed JSON. */
export type BundleInput = unknown;

function jsonValue(input: BundleInput, what: string): { value: unknown } | BundleRejected {
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) return { value: input };
  try {
    return { value: JSON.parse(typeof input === 'string' ? input : input.toString('utf8')) as unknown };
  } catch (err) {
    return rejected('malformed', `${what} is not JSON (${(err as Error).message})`);
  }
}

/** The typed bundle, or a 'malformed' rejection naming every problem. */
export function readBundle(input: BundleInput, what = 'the bundle'): { bundle: Bundle } | BundleRejected {
  const json = jsonValue(input, what);
  if ('ok' in json) return json;
  const shape = bundleSchema.safeParse(json.value);
  if (!shape.success) return rejected('malformed', `${what} is not a Sigstore bundle: ${formatIssues(shape.error, '(bundle)')}`);
  const envelope = shape.data.dsseEnvelope;
  if (envelope && envelope.signatures.length !== 1) {
    return rejected('malformed', `${what}: its DSSE envelope must carry exactly one signature, not ${envelope.signatures.length}`);
  }
  try {
    return { bundle: bundleFromJSON(json.value) };
  } catch (err) {
    if (err instanceof ValidationError) return rejected('malformed', `${what} is not a valid Sigstore bundle: bad ${err.fields.join(', ')}`);
    return rejected('malformed', `${what} is not a valid Sigstore bundle: ${(err as Error).message}`);
  }
}
