import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors.js';
import {
  IN_TOTO_STATEMENT_V01,
  IN_TOTO_STATEMENT_V1,
  makeStatement,
  pae,
  parseEnvelope,
  parseStatement,
  predicateTypeFor,
  PREDICATE_TYPES,
  signEnvelope,
  statementNamesDigest,
  verifyEnvelope,
  type Envelope,
} from '../../src/signing/dsse.js';
import { copy, flipBase64, keyFromPem, vector, VECTORS, type DsseVector } from './bundle/fixtures.js';
import { testKeyPair } from './test-keys.js';

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(isAppError(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected a throw');
}

describe('pae', () => {
  it('matches the DSSE spec test vector (secure-systems-lab/dsse protocol.md)', () => {
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString('utf8')).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('counts bytes, not characters, and takes the body as raw bytes', () => {
    const body = Buffer.from([0xff, 0x00, 0x0a]);
    const out = pae('tÿpe', body);
    expect(out.subarray(0, out.length - 4).toString('utf8')).toBe('DSSEv1 5 tÿpe 3');
    expect(out.subarray(out.length - 3).equals(body)).toBe(true);
  });
});

describe('signEnvelope / verifyEnvelope', () => {
  for (const [label, pair] of [
    ['ECDSA P-256', testKeyPair('ec', 'P-256')],
    ['ECDSA P-384', testKeyPair('ec', 'P-384')],
    ['Ed25519', testKeyPair('ed25519')],
  ] as const) {
    it(`round-trips with ${label}; another key or an altered payload does not verify`, () => {
      const env = signEnvelope(Buffer.from('{"a":1}'), 'application/vnd.in-toto+json', pair.signing, 'k1');
      expect(env.signatures).toHaveLength(1);
      expect(env.signatures[0]?.keyid).toBe('k1');
      const ok = verifyEnvelope(env, pair.verification);
      expect(ok).toEqual({ ok: true, payload: Buffer.from('{"a":1}'), payloadType: 'application/vnd.in-toto+json', keyid: 'k1' });
      expect(verifyEnvelope(env, testKeyPair('ec').verification)).toMatchObject({ ok: false, reason: 'no-matching-signature' });
      const altered = { ...env, payload: Buffer.from('{"a":2}').toString('base64') };
      expect(verifyEnvelope(altered, pair.verification).ok).toBe(false);
      expect(verifyEnvelope({ ...env, payloadType: 'text/plain' }, pair.verification).ok).toBe(false);
    });
  }

  it('accepts the envelope when any one signature verifies, and says when there are none', () => {
    const a = testKeyPair();
    const b = testKeyPair();
    const signed = signEnvelope(Buffer.from('x'), 'text/plain', a.signing);
    const other = signEnvelope(Buffer.from('x'), 'text/plain', b.signing, 'b');
    const both: Envelope = { ...signed, signatures: [...other.signatures, ...signed.signatures] };
    expect(verifyEnvelope(both, a.verification)).toMatchObject({ ok: true, keyid: '' });
    expect(verifyEnvelope(both, b.verification)).toMatchObject({ ok: true, keyid: 'b' });
    const none = verifyEnvelope({ ...signed, signatures: [] }, a.verification);
    expect(none).toMatchObject({ ok: false, reason: 'no-signatures' });
    const garbage = verifyEnvelope({ ...signed, signatures: [{ keyid: '', sig: 'c29tZXRoaW5nCg==' }] }, a.verification);
    expect(garbage).toMatchObject({ ok: false, reason: 'no-matching-signature' });
  });
});

describe('parseEnvelope', () => {
  it('reads the JSON cosign writes and defaults a missing keyid', () => {
    const env = parseEnvelope(Buffer.from('{"payloadType":"text/plain","payload":"aGk=","signatures":[{"sig":"AAE="}]}'), 'layer 1');
    expect(env).toEqual({ payloadType: 'text/plain', payload: 'aGk=', signatures: [{ keyid: '', sig: 'AAE=' }] });
  });

  it('names the source and every bad field', () => {
    expect(thrown(() => parseEnvelope('{', 'att layer 2'))).toMatch(/^att layer 2: not a DSSE envelope: not JSON/);
    const msg = thrown(() => parseEnvelope('{"payload":"%%%","signatures":[{"keyid":1}]}', 'att layer 2'));
    expect(msg).toContain('att layer 2: not a DSSE envelope');
    expect(msg).toContain('payloadType: missing');
    expect(msg).toContain('payload: not base64');
    expect(msg).toContain('signatures.0.keyid');
    expect(msg).toContain('signatures.0.sig: missing');
  });
});

/** cosign's claim check (verify_blob_attestation.go with --check-claims): predicate type and subject digest. */
function cosignClaimsHold(v: DsseVector, payload: Buffer, predicateType: string, artifact: Buffer): boolean {
  const statement = parseStatement(payload, v.name);
  return statement.predicateType === predicateType && statementNamesDigest(statement, 'sha256', createHash('sha256').update(artifact).digest('hex'));
}

describe('cosign verify-blob-attestation and sigstore-js DSSE vectors', () => {
  for (const v of VECTORS.dsse) {
    it(`${v.name}: signature ${v.signatureValid ? 'verifies' : 'fails'}, overall ${v.expectValid ? 'valid' : 'invalid'}`, () => {
      const env = parseEnvelope(JSON.stringify(v.envelope), v.name);
      const result = verifyEnvelope(env, keyFromPem(v.publicKeyPem));
      expect(result.ok).toBe(v.signatureValid);
      let valid = result.ok;
      if (result.ok && v.claims) {
        const artifact = Buffer.from(v.claims.artifact, 'base64');
        expect(createHash('sha256').update(artifact).digest('hex')).toBe(v.claims.artifactSha256);
        valid = cosignClaimsHold(v, result.payload, predicateTypeFor('slsaprovenance'), artifact);
      }
      expect(valid).toBe(v.expectValid);
    });
  }

  // The rest of cosign's TestVerifyBlobAttestation table, on the same upstream envelopes.
  const pubkey = keyFromPem(vector(VECTORS.dsse, 'cosign-blobSLSAProvenanceSignature').publicKeyPem);
  const payloadOf = (name: string): { v: DsseVector; payload: Buffer } => {
    const v = vector(VECTORS.dsse, name);
    const r = verifyEnvelope(parseEnvelope(JSON.stringify(v.envelope), name), pubkey);
    if (!r.ok) throw new Error(`${name} does not verify`);
    return { v, payload: r.payload };
  };

  it('"fail with incorrect predicate": --type custom against the SLSA statement', () => {
    const { v, payload } = payloadOf('cosign-blobSLSAProvenanceSignature');
    expect(cosignClaimsHold(v, payload, predicateTypeFor('custom'), Buffer.from('some-payload'))).toBe(false);
  });

  it('"fail with incorrect blob": the statement names some-payload, not another-blob', () => {
    const { v, payload } = payloadOf('cosign-blobSLSAProvenanceSignature');
    expect(cosignClaimsHold(v, payload, predicateTypeFor('slsaprovenance'), Buffer.from('another-blob'))).toBe(false);
  });

  it('"multiple subjects, one is valid, but we are looking for different predicatetype": not a type cosign knows', () => {
    expect(thrown(() => predicateTypeFor('notreallyslsaprovenance'))).toMatch(/invalid predicate type "notreallyslsaprovenance"/);
  });

  it('a flipped signature byte does not verify', () => {
    const v = copy(vector(VECTORS.dsse, 'cosign-blobSLSAProvenanceSignature'));
    const sig = v.envelope.signatures[0] as { sig: string };
    sig.sig = flipBase64(sig.sig, -1);
    expect(verifyEnvelope(parseEnvelope(JSON.stringify(v.envelope), 'flipped'), pubkey).ok).toBe(false);
  });
});

describe('in-toto statements', () => {
  it('makeStatement writes statement v0.1 as cosign attest does', () => {
    const s = makeStatement([{ name: 'reg/repo', digest: { sha256: 'ab'.repeat(32) } }], PREDICATE_TYPES.cyclonedx, { bomFormat: 'CycloneDX' });
    expect(JSON.stringify(s)).toBe(
      `{"_type":"${IN_TOTO_STATEMENT_V01}","predicateType":"https://cyclonedx.org/bom","subject":[{"name":"reg/repo","digest":{"sha256":"${'ab'.repeat(32)}"}}],"predicate":{"bomFormat":"CycloneDX"}}`,
    );
    expect(parseStatement(Buffer.from(JSON.stringify(s)), 'mine')).toEqual(s);
  });

  it('the payloads of the upstream vectors parse, with the predicate types of cosign --type names', () => {
    const { payload } = { payload: Buffer.from(vector(VECTORS.dsse, 'cosign-blobSLSAProvenanceSignature').envelope.payload, 'base64') };
    const s = parseStatement(payload, 'cosign vector');
    expect(s._type).toBe(IN_TOTO_STATEMENT_V01);
    expect(s.predicateType).toBe(predicateTypeFor('slsaprovenance'));
    expect(s.predicateType).toBe(predicateTypeFor('slsaprovenance02'));
  });

  it('parses v1 statements (no subject name) and rejects what is not a statement', () => {
    const v1 = parseStatement(`{"_type":"${IN_TOTO_STATEMENT_V1}","subject":[{"digest":{"sha256":"00"},"annotations":{}}],"predicateType":"x:y","predicate":{}}`, 'v1');
    expect(v1.subject).toEqual([{ digest: { sha256: '00' }, annotations: {} }]);
    expect(thrown(() => parseStatement('{"subject":[],"predicateType":"p"}', 'sigstore-conformance dsse-statement-missing-type'))).toMatch(/_type/);
    expect(thrown(() => parseStatement('{"_type":"https://in-toto.io/Statement/v9","subject":[],"predicateType":"p"}', 'p'))).toMatch(/_type: expected/);
    expect(thrown(() => parseStatement('hello, world!', 'text payload'))).toMatch(/^text payload: the payload is not an in-toto statement: not JSON/);
  });

  it('statementNamesDigest compares the given algorithm, hex in any case', () => {
    const s = makeStatement([{ name: 'a', digest: { sha256: 'AB'.repeat(32) } }], 'p:q', {});
    expect(statementNamesDigest(s, 'sha256', 'ab'.repeat(32))).toBe(true);
    expect(statementNamesDigest(s, 'sha512', 'ab'.repeat(32))).toBe(false);
  });
});

describe('predicate types (cosign options/predicate.go PredicateTypeMap)', () => {
  it('maps every cosign --type name and accepts URIs', () => {
    expect(Object.keys(PREDICATE_TYPES).sort()).toEqual(
      ['custom', 'cyclonedx', 'link', 'openvex', 'slsaprovenance', 'slsaprovenance02', 'slsaprovenance1', 'spdx', 'spdxjson', 'vuln'].sort(),
    );
    expect(predicateTypeFor('spdxjson')).toBe('https://spdx.dev/Document');
    expect(predicateTypeFor('vuln')).toBe('https://cosign.sigstore.dev/attestation/vuln/v1');
    expect(predicateTypeFor('openvex')).toBe('https://openvex.dev/ns');
    expect(predicateTypeFor('https://example.com/my-predicate/v1')).toBe('https://example.com/my-predicate/v1');
    expect(thrown(() => predicateTypeFor('toString'))).toMatch(/invalid predicate type/);
    expect(thrown(() => predicateTypeFor('not a uri'))).toMatch(/use one of custom, slsaprovenance/);
  });
});
