/**
 * What verifying a Sigstore bundle tells: either what was verified, or one precise reason it was not.
 * Verification never throws for a bad bundle; only a bad trusted root (the user's own input) throws.
 */
export type BundleFailureReason =
  /** Not a Sigstore bundle (JSON shape, media type, base64, certificate DER, …). */
  | 'malformed'
  /** A valid bundle drydock cannot check this way (e.g. a key-signed bundle given to keyless verification). */
  | 'unsupported'
  /** The artifact given is not the one signed (message digest or in-toto subject differs), or is missing. */
  | 'artifact'
  /** Signed with this key (per its certificate or key hint) but the signature does not verify: altered. */
  | 'signature'
  /** The bundle names another key (certificate key or key hint) than the one given. */
  | 'key-mismatch'
  /** Does not verify with this key and nothing in the bundle tells which key made it (another key, or altered). */
  | 'unverified'
  /** Keyless: the certificate does not chain to a CA of the trusted root, was not valid then, or lacks SCTs. */
  | 'certificate'
  /** Keyless: a transparency log entry is missing, does not match the signature, or its proof/SET fails. */
  | 'tlog'
  /** Keyless: too few verified timestamps, or an RFC 3161 timestamp that does not verify. */
  | 'timestamp'
  /** Keyless: valid, but the certificate's identity or issuer is not the one required. */
  | 'identity';

/** What the bundle signed. */
export type BundleContent =
  | { kind: 'dsse'; payloadType: string; payload: Buffer }
  | { kind: 'message-signature'; digestAlgorithm: string; digest: string };

/** Who signed it, as far as this verification established. */
export type BundleSigner =
  | { kind: 'key'; hint: string }
  | { kind: 'certificate'; subjectAlternativeName?: string; issuer?: string };

export interface BundleVerified {
  ok: true;
  mediaType: string;
  content: BundleContent;
  signer: BundleSigner;
  /**
   * The bundle's transparency log entries and RFC 3161 timestamps, and whether they were checked
   * (keyless: always; with a key: never — offline, like `cosign verify --insecure-ignore-tlog`).
   */
  transparency: { tlogEntries: number; rfc3161Timestamps: number; checked: boolean };
}

export interface BundleRejected {
  ok: false;
  reason: BundleFailureReason;
  message: string;
}

export type BundleVerification = BundleVerified | BundleRejected;

export function rejected(reason: BundleFailureReason, message: string): BundleRejected {
  return { ok: false, reason, message };
}
