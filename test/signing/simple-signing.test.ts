import { describe, expect, it } from 'vitest';
import { parseSimpleSigningPayload, simpleSigningPayload } from '../../src/signing/simple-signing.js';

const DIGEST = 'sha256:8a1f59ffb675680d47db6337b49d22281a139e9d709335b492be023728e11715';

describe('simple-signing payload', () => {
  it('is written exactly as cosign writes it (Go struct order, optional null)', () => {
    expect(simpleSigningPayload('127.0.0.1:5000/team/app', DIGEST).toString()).toBe(
      `{"critical":{"identity":{"docker-reference":"127.0.0.1:5000/team/app"},"image":{"docker-manifest-digest":"${DIGEST}"},"type":"cosign container image signature"},"optional":null}`,
    );
  });

  it('carries annotations in optional, keys sorted like Go maps', () => {
    const text = simpleSigningPayload('r/a', DIGEST, { z: '1', a: '2' }).toString();
    expect(text.endsWith('"optional":{"a":"2","z":"1"}}')).toBe(true);
    expect(parseSimpleSigningPayload(Buffer.from(text), 'x').annotations).toEqual({ a: '2', z: '1' });
  });

  it('reads a payload cosign wrote (docs example shape) and refuses other documents', () => {
    const cosign = `{"critical":{"identity":{"docker-reference":"index.docker.io/library/alpine"},"image":{"docker-manifest-digest":"${DIGEST}"},"type":"cosign container image signature"},"optional":{"sig":"original"}}`;
    expect(parseSimpleSigningPayload(Buffer.from(cosign), 'p')).toEqual({ dockerReference: 'index.docker.io/library/alpine', manifestDigest: DIGEST, annotations: { sig: 'original' } });
    expect(() => parseSimpleSigningPayload(Buffer.from('nope'), 'p')).toThrow(/p: the signature payload is not JSON/);
    expect(() => parseSimpleSigningPayload(Buffer.from('{"critical":{}}'), 'p')).toThrow(/critical.identity/);
    const otherType = cosign.replace('cosign container image signature', 'atomic container signature');
    expect(() => parseSimpleSigningPayload(Buffer.from(otherType), 'p')).toThrow(/payload type is "atomic container signature"/);
    const badDigest = cosign.replace(DIGEST, 'sha256:xyz');
    expect(() => parseSimpleSigningPayload(Buffer.from(badDigest), 'p')).toThrow(/not a digest/);
  });
});
