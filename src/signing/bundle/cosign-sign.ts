import type { SerializedBundle } from '@sigstore/bundle';
import { digestAlgorithm, digestHex, type Digest } from '../../core/digest.js';
import { COSIGN_SIGN_PREDICATE_TYPE } from '../bundle-referrer.js';
import { IN_TOTO_PAYLOAD_TYPE, IN_TOTO_STATEMENT_V1 } from '../intoto.js';
import type { SigningKey } from '../keys/types.js';
import { bundleForDssePayload } from './build.js';

/**
 * The statement `cosign sign --new-bundle-format` (cosign v3's default) signs for an image, from
 * cmd/cosign/cli/sign/sign.go `signDigestBundle`: an in-toto **v1** statement whose one subject has
 * no name, the manifest digest, and the `-a` annotations (always present, `{}` when none);
 * predicateType `https://sigstore.dev/cosign/sign/v1`; an empty predicate. Fields are in the order
 * protojson writes them (proto field numbers): `_type`, `subject`, `predicateType`, `predicate`.
 */
export interface CosignSignStatement {
  _type: typeof IN_TOTO_STATEMENT_V1;
  subject: [{ digest: Record<string, string>; annotations: Record<string, string> }];
  predicateType: typeof COSIGN_SIGN_PREDICATE_TYPE;
  predicate: Record<string, never>;
}

export function cosignSignStatement(imageDigest: Digest, annotations: Record<string, string> = {}): CosignSignStatement {
  return {
    _type: IN_TOTO_STATEMENT_V1,
    subject: [{ digest: { [digestAlgorithm(imageDigest)]: digestHex(imageDigest) }, annotations: { ...annotations } }],
    predicateType: COSIGN_SIGN_PREDICATE_TYPE,
    predicate: {},
  };
}

/**
 * A bundle v0.3 signing an image as cosign v3 does: the statement above in a DSSE envelope
 * (payload type `application/vnd.in-toto+json`), key hint in the verification material. Store it as
 * an OCI referrer of the image with `dev.sigstore.bundle.predicateType` = COSIGN_SIGN_PREDICATE_TYPE.
 */
export function bundleForImageSignature(
  imageDigest: Digest,
  key: SigningKey,
  opts: { annotations?: Record<string, string>; keyHint?: string } = {},
): SerializedBundle {
  const statement = Buffer.from(JSON.stringify(cosignSignStatement(imageDigest, opts.annotations)), 'utf8');
  return bundleForDssePayload(statement, IN_TOTO_PAYLOAD_TYPE, key, opts.keyHint);
}
