import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors.js';
import { keyRefKind } from '../../../src/signing/keys/ref.js';

function failure(ref: string): AppError {
  try {
    keyRefKind(ref);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error(`${ref} was accepted`);
}

describe('keyRefKind', () => {
  it("reads cosign's env://NAME and treats everything else as a path", () => {
    expect(keyRefKind('env://COSIGN_PRIVATE_KEY')).toEqual({ kind: 'env', name: 'COSIGN_PRIVATE_KEY' });
    expect(keyRefKind('cosign.key')).toEqual({ kind: 'file', path: 'cosign.key' });
    expect(keyRefKind('./keys/env:thing.pub')).toEqual({ kind: 'file', path: './keys/env:thing.pub' });
    expect(keyRefKind('/abs/path/cosign.pub')).toEqual({ kind: 'file', path: '/abs/path/cosign.pub' });
  });

  it('refuses KMS and service references, bad variable names and an empty value', () => {
    for (const ref of ['awskms:///alias/x', 'gcpkms://projects/p/locations/l/keyRings/r/cryptoKeys/k', 'hashivault://transit', 'k8s://ns/secret']) {
      const err = failure(ref);
      expect(err.code).toBe('UNSUPPORTED');
      expect(err.message).toContain('give a PEM key file or env://VARIABLE');
    }
    expect(failure('env://').code).toBe('USAGE');
    expect(failure('env://1BAD').message).toBe('--key env://1BAD: "1BAD" is not an environment variable name');
    expect(failure('').message).toBe('--key is empty; give a key file or env://VARIABLE');
  });
});
