import { AppError } from '../../core/errors.js';

/** Where a `--key` argument points: a file, or (cosign's `env://NAME`) an environment variable holding the PEM text. */
export type KeyRef = { kind: 'file'; path: string } | { kind: 'env'; name: string };

const ENV_PREFIX = 'env://';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `scheme://` references cosign resolves through a KMS or a service; drydock works offline with PEM keys only. */
const URI_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * Classify a `--key` value without touching the file system or the environment (the CLI reads).
 * `env://NAME` → the PEM text is in variable NAME; any other `scheme://` (awskms://, gcpkms://,
 * hashivault://, k8s://, ...) is refused as UNSUPPORTED; everything else is a file path.
 */
export function keyRefKind(ref: string): KeyRef {
  if (ref === '') throw new AppError('USAGE', '--key is empty; give a key file or env://VARIABLE');
  if (ref.startsWith(ENV_PREFIX)) {
    const name = ref.slice(ENV_PREFIX.length);
    if (!ENV_NAME.test(name)) throw new AppError('USAGE', `--key ${ref}: "${name}" is not an environment variable name`);
    return { kind: 'env', name };
  }
  const scheme = URI_SCHEME.exec(ref)?.[1];
  if (scheme !== undefined) {
    throw new AppError('UNSUPPORTED', `--key ${ref}: ${scheme}:// keys (KMS, Kubernetes, hardware) are not supported; give a PEM key file or env://VARIABLE`);
  }
  return { kind: 'file', path: ref };
}
