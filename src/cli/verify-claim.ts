import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError, errorMessage } from '../core/errors.js';
import type { SignTarget } from '../image/registry/signing-io.js';
import { keyClaim, keylessClaim, type ClaimExtras } from '../signing/claims.js';
import type { AttestationClaim } from '../signing/verify-statement.js';
import type { CliIo } from './io.js';
import { readPublicKey } from './key-input.js';
import type { KeylessFlags } from './signing-flags.js';

function regexpFlag(text: string, flag: string): RegExp {
  try {
    return new RegExp(text, 'u');
  } catch {
    throw new AppError('USAGE', `${flag}: "${text}" is not a valid regular expression`);
  }
}

/** Check the who-signed flags before touching the network: exactly one of --key and --trusted-root. */
function checkVerifierFlags(flags: KeylessFlags): void {
  if ((flags.key === undefined) === (flags.trustedRoot === undefined)) {
    throw new AppError('USAGE', 'give --key (a public key) or --trusted-root (keyless: a Sigstore trusted_root.json), exactly one');
  }
  if (flags.key !== undefined && (flags.certificateIdentity ?? flags.certificateIdentityRegexp ?? flags.certificateOidcIssuer ?? flags.certificateOidcIssuerRegexp) !== undefined) {
    throw new AppError('USAGE', '--certificate-identity/--certificate-oidc-issuer apply to keyless verification (--trusted-root), not --key');
  }
  if (flags.trustedRoot !== undefined && flags.certificateIdentity === undefined && flags.certificateIdentityRegexp === undefined) {
    throw new AppError('USAGE', 'keyless verification needs --certificate-identity or --certificate-identity-regexp (who must have signed)');
  }
  if (flags.trustedRoot !== undefined && flags.certificateOidcIssuer === undefined && flags.certificateOidcIssuerRegexp === undefined) {
    throw new AppError('USAGE', 'keyless verification needs --certificate-oidc-issuer or --certificate-oidc-issuer-regexp');
  }
}

/** Builds the claim for a resolved image: the key, or the trusted root and identity, read beforehand. */
export type ClaimMaker = (target: SignTarget, extras: ClaimExtras) => AttestationClaim;

/**
 * Read the key, or the trusted root and identity flags, before any network work (a bad file fails
 * fast), and return what makes the claim once the image is resolved.
 */
export async function verifierFor(flags: KeylessFlags, io: CliIo): Promise<ClaimMaker> {
  checkVerifierFlags(flags);
  if (flags.key !== undefined) {
    const key = await readPublicKey(flags.key, io);
    return (target, extras) => keyClaim(target.digest, key, { ...extras, manifest: target.manifest });
  }
  const path = flags.trustedRoot as string;
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    throw new AppError('NOT_FOUND', `--trusted-root ${path}: ${errorMessage(err)}`);
  }
  const { loadTrustedRoot } = await import('../signing/bundle/trusted-root.js');
  const root = loadTrustedRoot(text, `--trusted-root ${path}`);
  const identity = flags.certificateIdentity ?? regexpFlag(flags.certificateIdentityRegexp as string, '--certificate-identity-regexp');
  const issuer = flags.certificateOidcIssuer ?? regexpFlag(flags.certificateOidcIssuerRegexp as string, '--certificate-oidc-issuer-regexp');
  return (target, extras) => keylessClaim(target.digest, root, { certificateIdentity: identity, certificateIssuer: issuer }, { ...extras, manifest: target.manifest });
}
