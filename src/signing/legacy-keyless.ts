import { createHash, X509Certificate } from 'node:crypto';
import * as z from 'zod';
import { CERTIFICATE_ANNOTATION, CHAIN_ANNOTATION, REKOR_BUNDLE_ANNOTATION } from './cosign-tags.js';

/**
 * Cosign 1/2 keyless signatures in a `.sig` layer carry their proof in annotations: the Fulcio
 * certificate (PEM), its chain, and the Rekor entry with its signed entry timestamp (SET). This
 * rewrites them as the Sigstore bundle v0.1 they amount to (a message signature over the payload, an
 * X.509 chain, one transparency-log entry with an inclusion promise), so the one keyless verifier
 * (@sigstore/verify against the trusted root) checks chain, SCT, SET and the entry body alike.
 */
const rekorBundleSchema = z.object({
  SignedEntryTimestamp: z.string().min(1),
  Payload: z.object({
    body: z.string().min(1),
    integratedTime: z.number().int(),
    logIndex: z.number().int().nonnegative(),
    logID: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});

const bodySchema = z.object({ kind: z.string().min(1), apiVersion: z.string().min(1) });

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM text, as base64 DER, leaf first; undefined when one does not parse. */
function certificates(pem: string): string[] | undefined {
  const out: string[] = [];
  for (const block of pem.match(PEM_CERT) ?? []) {
    try {
      out.push(new X509Certificate(block).raw.toString('base64'));
    } catch {
      return undefined;
    }
  }
  return out.length > 0 ? out : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The Sigstore bundle JSON of a keyless `.sig` layer, or a reason it cannot be one: no certificate
 * (a key-signed layer), or annotations that do not parse.
 */
export function legacyKeylessBundle(annotations: Readonly<Record<string, string>> | undefined, payload: Buffer, signatureB64: string): { bundle: unknown } | { problem: string } {
  const certPem = annotations?.[CERTIFICATE_ANNOTATION];
  if (certPem === undefined || certPem.trim() === '') return { problem: 'no certificate: a key-signed cosign signature is checked with --key' };
  const chain = certificates(`${certPem}\n${annotations?.[CHAIN_ANNOTATION] ?? ''}`);
  if (chain === undefined) return { problem: `the ${CERTIFICATE_ANNOTATION} / ${CHAIN_ANNOTATION} annotations are not PEM certificates` };
  const rekorText = annotations?.[REKOR_BUNDLE_ANNOTATION];
  if (rekorText === undefined) return { problem: `no transparency-log proof (${REKOR_BUNDLE_ANNOTATION} annotation)` };
  const rekor = rekorBundleSchema.safeParse(parseJson(rekorText));
  if (!rekor.success) return { problem: `the ${REKOR_BUNDLE_ANNOTATION} annotation is not a Rekor bundle` };
  const p = rekor.data.Payload;
  const body = bodySchema.safeParse(parseJson(Buffer.from(p.body, 'base64').toString('utf8')));
  if (!body.success) return { problem: 'the Rekor entry body is not a Rekor entry' };
  return {
    bundle: {
      mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
      verificationMaterial: {
        x509CertificateChain: { certificates: chain.map((rawBytes) => ({ rawBytes })) },
        tlogEntries: [
          {
            logIndex: String(p.logIndex),
            logId: { keyId: Buffer.from(p.logID, 'hex').toString('base64') },
            kindVersion: { kind: body.data.kind, version: body.data.apiVersion },
            integratedTime: String(p.integratedTime),
            inclusionPromise: { signedEntryTimestamp: rekor.data.SignedEntryTimestamp },
            canonicalizedBody: p.body,
          },
        ],
      },
      messageSignature: {
        messageDigest: { algorithm: 'SHA2_256', digest: createHash('sha256').update(payload).digest('base64') },
        signature: signatureB64,
      },
    },
  };
}
