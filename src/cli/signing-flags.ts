import type { Command } from 'commander';
import { AppError } from '../core/errors.js';

export const STORAGE_HELP =
  'where to store it: "tag" (cosign\'s sha256-<hex>.sig/.att tags), "bundle" (Sigstore bundle v0.3 as an OCI 1.1 referrer, with the referrers-tag fallback) or "both"';

export const TYPE_HELP = 'predicate type: spdxjson, spdx, cyclonedx, vuln, openvex, slsaprovenance (v0.2), slsaprovenance02, slsaprovenance1, link, custom, or a URI';

/** Registry flags of the signing commands (the key password comes from COSIGN_PASSWORD, not from these). */
export interface RegistryFlags {
  username?: string;
  password?: string;
  authfile?: string;
  insecure?: boolean;
}

export function addRegistryFlags(cmd: Command): Command {
  return cmd
    .option('--username <user>', 'registry user name (or DRYDOCK_USERNAME)')
    .option('--password <password>', 'registry password or token (prefer DRYDOCK_PASSWORD)')
    .option('--authfile <path>', 'docker config.json with registry credentials (default: $DOCKER_CONFIG or ~/.docker/config.json)')
    .option('--insecure', 'allow plain HTTP and unverified TLS certificates for the registry');
}

/** Parse repeated `-a key=value` flags. */
export function parseAnnotations(list: readonly string[] | undefined): Record<string, string> | undefined {
  if (!list || list.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new AppError('USAGE', `annotation "${item}": expected key=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

/** Who must have signed: a public key, or (keyless) a trusted root and a certificate identity. */
export interface KeylessFlags {
  key?: string;
  trustedRoot?: string;
  certificateIdentity?: string;
  certificateIdentityRegexp?: string;
  certificateOidcIssuer?: string;
  certificateOidcIssuerRegexp?: string;
}

export function addVerifierFlags(cmd: Command): Command {
  return cmd
    .option('--key <ref>', 'public key file (cosign.pub, or a PEM certificate), or env://VAR')
    .option('--trusted-root <file>', 'keyless: a Sigstore trusted_root.json (Fulcio CAs, Rekor and CT log keys, TSAs) to verify bundles against, offline')
    .option('--certificate-identity <id>', 'keyless: the signing certificate\'s identity (email or URI), exactly')
    .option('--certificate-identity-regexp <re>', 'keyless: a regular expression the identity must match')
    .option('--certificate-oidc-issuer <url>', 'keyless: the OIDC issuer in the certificate, exactly')
    .option('--certificate-oidc-issuer-regexp <re>', 'keyless: a regular expression the issuer must match');
}
