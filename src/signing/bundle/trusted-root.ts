import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify';
import * as z from 'zod';
import { AppError } from '../../core/errors.js';
import { formatIssues } from '../../sbom/zod-issues.js';

/**
 * A Sigstore trusted root (`trusted_root.json`, protobuf-specs TrustedRoot): the Fulcio CAs, Rekor
 * and CT log keys and timestamp authorities keyless verification trusts. It is the user's input, so
 * a bad one is an AppError('INPUT'), not a verification failure.
 */

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const bytes = z.string().regex(BASE64, { message: 'not base64' }).min(1, { message: 'empty' });
const validFor = z.object({ start: z.string().optional(), end: z.string().optional() }).nullish();

const logSchema = z.object({
  baseUrl: z.string().optional(),
  hashAlgorithm: z.string().optional(),
  publicKey: z.object({ rawBytes: bytes, keyDetails: z.string().min(1), validFor }),
  logId: z.object({ keyId: bytes }),
  checkpointKeyId: z.object({ keyId: bytes }).nullish(),
});

const authoritySchema = z.object({
  subject: z.object({ organization: z.string().optional(), commonName: z.string().optional() }).nullish(),
  uri: z.string().optional(),
  certChain: z.object({ certificates: z.array(z.object({ rawBytes: bytes })).min(1, { message: 'no certificates' }) }),
  validFor,
});

const trustedRootSchema = z.object({
  mediaType: z
    .string()
    .regex(/^application\/vnd\.dev\.sigstore\.trustedroot(\+json;version=0\.[12]|\.v0\.2\+json)$/, { message: 'not a Sigstore trusted root media type' })
    .optional(),
  tlogs: z.array(logSchema).optional(),
  certificateAuthorities: z.array(authoritySchema).optional(),
  ctlogs: z.array(logSchema).optional(),
  timestampAuthorities: z.array(authoritySchema).optional(),
});

/** A trusted root read and checked once, to verify any number of bundles. */
export class LoadedTrustedRoot {
  constructor(
    readonly material: TrustMaterial,
    readonly source: string,
  ) {}
}

/** Read a trusted root (bytes, text or parsed JSON). Throws AppError('INPUT') naming `source`. */
export function loadTrustedRoot(json: unknown, source: string): LoadedTrustedRoot {
  let value: unknown = json;
  if (typeof json === 'string' || Buffer.isBuffer(json)) {
    try {
      value = JSON.parse(typeof json === 'string' ? json : json.toString('utf8'));
    } catch (err) {
      throw new AppError('INPUT', `${source}: not JSON (${(err as Error).message})`);
    }
  }
  const r = trustedRootSchema.safeParse(value);
  if (!r.success) throw new AppError('INPUT', `${source}: not a Sigstore trusted root: ${formatIssues(r.error, '(trusted root)')}`);
  try {
    return new LoadedTrustedRoot(toTrustMaterial(TrustedRoot.fromJSON(value)), source);
  } catch (err) {
    throw new AppError('INPUT', `${source}: a key or certificate of the trusted root cannot be read (${(err as Error).message})`, { cause: err });
  }
}
