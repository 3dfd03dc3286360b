import * as z from 'zod';
import { AppError } from '../core/errors.js';
import { formatIssues } from '../sbom/zod-issues.js';
import type { SigningKey, VerificationKey } from './keys/types.js';

export {
  IN_TOTO_PAYLOAD_TYPE,
  IN_TOTO_STATEMENT_V01,
  IN_TOTO_STATEMENT_V1,
  makeStatement,
  parseStatement,
  predicateTypeFor,
  PREDICATE_TYPES,
  statementNamesDigest,
} from './intoto.js';
export type { InTotoStatement, InTotoSubject, PredicateTypeName } from './intoto.js';

/**
 * DSSE (Dead Simple Signing Envelope, secure-systems-lab/dsse v1.0): the envelope cosign writes for
 * attestations and Sigstore bundles carry. A signature covers the pre-authentication encoding (PAE) of
 * the payload type and the payload bytes, never the JSON around them.
 */
export interface EnvelopeSignature {
  keyid: string;
  /** base64 of the signature bytes. */
  sig: string;
}

export interface Envelope {
  payloadType: string;
  /** base64 of the payload bytes. */
  payload: string;
  signatures: EnvelopeSignature[];
}

export type EnvelopeVerification =
  | { ok: true; payload: Buffer; payloadType: string; keyid: string }
  | { ok: false; reason: 'no-signatures' | 'no-matching-signature'; message: string };

/** Standard or URL-safe base64 (the DSSE spec allows both; Node decodes both). */
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

const base64 = z.string().regex(BASE64, { message: 'not base64' });

const signatureSchema = z.object({
  keyid: z.string().optional(),
  sig: base64,
});

/** The envelope as JSON; unknown fields (e.g. Rekor's `publicKey` next to a signature) are ignored. */
export const envelopeSchema = z.object({
  payloadType: z.string().min(1, { message: 'empty' }),
  payload: base64,
  signatures: z.array(signatureSchema),
});

/**
 * PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes as ASCII
 * decimal. `payload` is the decoded body, not its base64.
 */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'ascii'),
    type,
    Buffer.from(` ${payload.length} `, 'ascii'),
    payload,
  ]);
}

/** Sign `payload` in a one-signature envelope (cosign leaves `keyid` empty). */
export function signEnvelope(payload: Buffer, payloadType: string, key: SigningKey, keyid = ''): Envelope {
  const sig = key.sign(pae(payloadType, payload));
  return { payloadType, payload: payload.toString('base64'), signatures: [{ keyid, sig: sig.toString('base64') }] };
}

/** An envelope from a JSON value already parsed (a bundle's `dsseEnvelope`). Throws AppError('INPUT'). */
export function envelopeFromValue(value: unknown, source: string): Envelope {
  const r = envelopeSchema.safeParse(value);
  if (!r.success) throw new AppError('INPUT', `${source}: not a DSSE envelope: ${formatIssues(r.error, '(envelope)')}`);
  return {
    payloadType: r.data.payloadType,
    payload: r.data.payload,
    signatures: r.data.signatures.map((s) => ({ keyid: s.keyid ?? '', sig: s.sig })),
  };
}

/** Parse envelope JSON bytes (an `.att` layer, a file). Throws AppError('INPUT') naming `source`. */
export function parseEnvelope(bytes: Buffer | string, source: string): Envelope {
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (err) {
    throw new AppError('INPUT', `${source}: not a DSSE envelope: not JSON (${(err as Error).message})`);
  }
  return envelopeFromValue(value, source);
}

/**
 * Does any signature of the envelope verify with `key`? The payload is returned only then: callers
 * must not look at an unverified payload.
 */
export function verifyEnvelope(env: Envelope, key: VerificationKey): EnvelopeVerification {
  if (env.signatures.length === 0) return { ok: false, reason: 'no-signatures', message: 'the envelope carries no signatures' };
  const payload = Buffer.from(env.payload, 'base64');
  const message = pae(env.payloadType, payload);
  for (const s of env.signatures) {
    if (key.verify(message, Buffer.from(s.sig, 'base64'))) return { ok: true, payload, payloadType: env.payloadType, keyid: s.keyid };
  }
  const n = env.signatures.length;
  return {
    ok: false,
    reason: 'no-matching-signature',
    message: `none of the envelope's ${n} signature${n === 1 ? '' : 's'} verifies with this key (another key signed it, or the payload was altered)`,
  };
}
