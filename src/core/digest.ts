import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from './errors.js';

/** An OCI content digest such as `sha256:<64 hex>`. Only sha256 and sha512 are accepted. */
export type Digest = `${'sha256' | 'sha512'}:${string}`;

const DIGEST_RE = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function isDigest(value: string): value is Digest {
  return DIGEST_RE.test(value);
}

export function parseDigest(value: string, what = 'digest'): Digest {
  if (!isDigest(value)) {
    throw new AppError('INPUT', `${what} "${value}" is not a valid sha256/sha512 digest`);
  }
  return value;
}

export function digestAlgorithm(d: Digest): 'sha256' | 'sha512' {
  return d.startsWith('sha512:') ? 'sha512' : 'sha256';
}

export function digestHex(d: Digest): string {
  return d.slice(d.indexOf(':') + 1);
}

export function sha256Digest(data: Buffer | string): Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function hasherFor(d: Digest): Hash {
  return createHash(digestAlgorithm(d));
}

/**
 * A pass-through stream that checks the bytes flowing through it against an expected digest and,
 * optionally, an exact size. It fails the stream (before signalling end) on a mismatch, so a
 * consumer never sees a successful end of tampered content.
 */
export class DigestVerifier extends Transform {
  private readonly hash: Hash;
  private seen = 0;

  constructor(
    private readonly expected: Digest,
    private readonly expectedSize: number | undefined,
    private readonly what: string,
  ) {
    super();
    this.hash = hasherFor(expected);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.seen += chunk.length;
    if (this.expectedSize !== undefined && this.seen > this.expectedSize) {
      cb(new AppError('DIGEST_MISMATCH', `${this.what}: more than the declared ${this.expectedSize} bytes`));
      return;
    }
    this.hash.update(chunk);
    cb(null, chunk);
  }

  override _flush(cb: TransformCallback): void {
    if (this.expectedSize !== undefined && this.seen !== this.expectedSize) {
      cb(new AppError('DIGEST_MISMATCH', `${this.what}: got ${this.seen} bytes, declared size is ${this.expectedSize}`));
      return;
    }
    const got = `${digestAlgorithm(this.expected)}:${this.hash.digest('hex')}`;
    if (got !== this.expected) {
      cb(new AppError('DIGEST_MISMATCH', `${this.what}: content digest is ${got}, expected ${this.expected}`));
      return;
    }
    cb();
  }
}

/** Verify a whole buffer against a digest (and size), throwing DIGEST_MISMATCH otherwise. */
export function verifyBuffer(data: Buffer, expected: Digest, expectedSize: number | undefined, what: string): void {
  if (expectedSize !== undefined && data.length !== expectedSize) {
    throw new AppError('DIGEST_MISMATCH', `${what}: got ${data.length} bytes, declared size is ${expectedSize}`);
  }
  const got = `${digestAlgorithm(expected)}:${hasherFor(expected).update(data).digest('hex')}`;
  if (got !== expected) {
    throw new AppError('DIGEST_MISMATCH', `${what}: content digest is ${got}, expected ${expected}`);
  }
}
